// Command gmux is a terminal multiplexer that speaks tmux's language.
//
//	gmux [-2CDluvV] [-f file] [-L socket-name] [-S socket-path] [command [flags]]
//
// It is the client, which every command runs; it starts gmux-server, the
// daemon, which must sit beside it or on $PATH, and execs it for a command
// that attaches the terminal (see package client).
package main

import (
	"errors"
	"strings"
	"syscall"

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/proto"
)

func main() {
	argv, err := args()
	if err != nil {
		syscall.Exit(fail(err))
	}
	syscall.Exit(run(argv))
}

func run(argv []string) int {
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
		if v, _ := syscall.Getenv("GMUX"); v != "" {
			g.SocketPath, _, _ = strings.Cut(v, ",")
		}
	}
	path, err := client.SocketPath(g.SocketPath, g.Label)
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
	})
}

// fail reports err on stderr and returns the exit status for it.
func fail(err error) int {
	client.Println(client.FDWriter(2), err.Error())
	return 1
}

// args returns the command-line arguments after the program's name. They
// come from /proc, as package os would take them from the runtime: this
// program does without os (see package client), and Linux, which gmux
// needs, always has /proc/self.
func args() ([]string, error) {
	fd, err := syscall.Open("/proc/self/cmdline", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, errors.New("gmux: read arguments: " + err.Error())
	}
	defer syscall.Close(fd)
	// A small buffer, on the stack: a 4 KiB one there grew the goroutine's
	// stack to 8 KiB at once, 4-12 page faults more per command.
	var b []byte
	buf := make([]byte, 256)
	for {
		n, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, errors.New("gmux: read arguments: " + err.Error())
		}
		if n == 0 {
			break
		}
		b = append(b, buf[:n]...)
	}
	return splitCmdline(b), nil
}

// splitCmdline splits /proc/PID/cmdline, where each argument ends with a
// NUL, and drops the first, the program's name.
func splitCmdline(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")[1:]
}
