// Command gmux is a terminal multiplexer that speaks tmux's language.
//
//	gmux [-2CDluvV] [-f file] [-L socket-name] [-S socket-path] [command [flags]]
//
// It is the client, which every command runs; it starts gmux-server, the
// daemon, which must sit beside it or on $PATH (see package client).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/proto"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(argv []string) int {
	g, rest, err := cmdline.ParseGlobal(argv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if g.Version {
		fmt.Printf("gmux %s\n", proto.Release)
		return 0
	}
	if g.SocketPath == "" && g.Label == "" {
		// Inside a pane, talk to the server that owns it, as tmux does
		// with $TMUX.
		if v := os.Getenv("GMUX"); v != "" {
			g.SocketPath, _, _ = strings.Cut(v, ",")
		}
	}
	path, err := client.SocketPath(g.SocketPath, g.Label)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := cmdline.Check(rest); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	serverArgs := []string{"-S", path}
	if g.ConfigFile != "" {
		cf, err := filepath.Abs(g.ConfigFile)
		if err != nil {
			cf = g.ConfigFile
		}
		serverArgs = append(serverArgs, "-f", cf)
	}
	if g.Verbose {
		serverArgs = append(serverArgs, "-v")
	}
	return client.Run(client.Options{
		SocketPath: path,
		Argv:       rest,
		ServerArgs: serverArgs,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
	})
}
