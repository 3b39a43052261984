// Command gmux is a terminal multiplexer that speaks tmux's language.
//
//	gmux [-2CDluvV] [-f file] [-L socket-name] [-S socket-path] [command [flags]]
//
// It is the client, which every command runs; it starts gmux-server, the
// daemon, which must sit beside it or on $PATH, and execs it for a command
// that attaches the terminal (see package client).
package main

import (
	"strings"
	"syscall"
	_ "unsafe" // for go:linkname

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/cmdline"
	_ "github.com/gmux/gmux/internal/earlystack" // initialised first: see its comment
	"github.com/gmux/gmux/proto"
)

// The arguments and the environment, as the runtime hands them to
// packages os (os.Args) and syscall: the environment as the process got
// it, duplicates and all (the server drops those). This program does
// without os (see package client), and the other ways cost a command
// more: reading /proc/self/cmdline took 0.35 ms of an 8 ms ls, alternated
// over 800 runs, and syscall.Environ or Getenv first build a map of the
// whole environment (0.1 ms). The runtime marks both names for linking
// (Go 1.26, as go.mod asks), but promises nothing about them: should a
// release rename one, gmux fails to link, not to run.

//go:linkname runtimeArgs os.runtime_args
func runtimeArgs() []string

//go:linkname runtimeEnvs syscall.runtime_envs
func runtimeEnvs() []string

func main() {
	args := runtimeArgs()
	if len(args) > 0 { // the program's name; an exec may pass none
		args = args[1:]
	}
	syscall.Exit(run(args, runtimeEnvs()))
}

func run(argv, env []string) int {
	g, rest, err := cmdline.ParseGlobal(argv)
	if err != nil {
		return fail(err)
	}
	if g.Version {
		client.Println(client.FDWriter(1), "gmux "+proto.Release)
		return 0
	}
	if g.SocketPath == "" && g.Label == "" {
		// Inside a pane, talk to the server that owns it, as tmux does
		// with $TMUX.
		if v := client.Getenv(env, "GMUX"); v != "" {
			g.SocketPath, _, _ = strings.Cut(v, ",")
		}
	}
	path, err := client.SocketPath(g.SocketPath, g.Label, env)
	if err != nil {
		return fail(err)
	}
	if err := cmdline.Check(rest); err != nil {
		return fail(err)
	}
	return client.Run(client.Options{
		SocketPath: path,
		Argv:       rest,
		ConfigFile: g.ConfigFile,
		Verbose:    g.Verbose,
		Env:        env,
	})
}

// fail reports err on stderr and returns the exit status for it.
func fail(err error) int {
	client.Println(client.FDWriter(2), err.Error())
	return 1
}
