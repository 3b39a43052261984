// Command gmux-server is gmux's second program, which gmux starts: the
// server daemon, and the client of a command that may attach the terminal
// (gmux execs it), which draws the terminal itself where the server cannot.
//
//	gmux-server [-v] [-f file] -S socket-path __server protocol-version
//	gmux-server [-v] [-f file] -S socket-path __attach protocol-version [command [flags]]
//	gmux-server __relay protocol-version connection-fd pending-fd
//
// It links the server, the terminal emulator, tcell, and the client side
// of a command that attaches the terminal (package attach), which gmux
// does not, so that a command starts quickly (see package client).
package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/client/attach"
	"github.com/gmux/gmux/client/screen"
	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/server"
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
	switch {
	case len(rest) > 0 && rest[0] == client.ServerCommand && g.SocketPath != "":
		if len(rest) != 2 || rest[1] != client.VersionArg() {
			versionMismatch(rest[1:])
			return client.ExitVersionMismatch
		}
		return runServer(g)
	case len(rest) > 0 && rest[0] == client.AttachCommand && g.SocketPath != "":
		if len(rest) < 2 || rest[1] != client.VersionArg() {
			versionMismatch(rest[1:min(2, len(rest))])
			return 1
		}
		o := client.Options{SocketPath: g.SocketPath, Argv: rest[2:], ConfigFile: g.ConfigFile, Verbose: g.Verbose, Stdout: os.Stdout, Stderr: os.Stderr}
		return attach.Run(o, relay)
	case len(rest) > 0 && rest[0] == client.RelayCommand:
		return runRelay(rest[1:])
	}
	if len(rest) > 0 && strings.HasPrefix(rest[0], "__") {
		// A gmux from another build found this program on $PATH.
		fmt.Fprintf(os.Stderr, "gmux-server has no %s: gmux and gmux-server come from different builds\n", rest[0])
		return 2
	}
	fmt.Fprintln(os.Stderr, "gmux-server is started by gmux; run gmux instead")
	return 2
}

// versionMismatch says that the gmux which ran this program, giving it
// version, speaks another protocol.
func versionMismatch(version []string) {
	fmt.Fprintf(os.Stderr, "gmux-server speaks protocol %d, gmux %q: they come from different builds\n", proto.Version, version)
}

// runRelay draws an attached client's terminal in this process, which
// replaced the gmux that handed it its connection.
func runRelay(args []string) int {
	fr, w, err := attach.Resume(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "attach: %v\n", err)
		return 1
	}
	return relay(fr, w)
}

// relay draws an attached client's terminal, which the server relays,
// with the connection's frames: after a handed-over connection
// (runRelay), or in the attaching command itself (attach.Run).
func relay(fr *proto.Reader, w *proto.Writer) int {
	if dir := os.Getenv("GMUX_PPROF_DIR"); dir != "" {
		stop := startProfiles(dir, "gmux-client", log.New(os.Stderr, "gmux: ", 0))
		defer stop()
	}
	return screen.Relay(fr, w, os.Stdout, os.Stderr)
}

// runServer is the daemon: it logs to a file under $XDG_STATE_HOME/gmux
// and, with GMUX_PPROF_DIR set, writes CPU and heap profiles on exit.
func runServer(g cmdline.Global) int {
	socketPath := g.SocketPath
	logOut := openLog(socketPath)
	if f, ok := logOut.(*os.File); ok {
		// A crash must leave its trace somewhere: stderr is /dev/null.
		_ = debug.SetCrashOutput(f, debug.CrashOptions{}) // best effort
	}
	logger := log.New(logOut, fmt.Sprintf("gmux[%d] ", os.Getpid()), log.LstdFlags|log.Lmicroseconds)
	if dir := os.Getenv("GMUX_PPROF_DIR"); dir != "" {
		stop := startProfiles(dir, "gmux", logger)
		defer stop()
	}
	if os.Getenv("GOMAXPROCS") == "" {
		// The programs in the panes need the CPUs more than the server
		// does: with every CPU its own, the runtime's idle threads spin
		// looking for work while a flooding program waits for a core.
		// Half of them (one on two cores) gave 20-40% more cat
		// throughput in bench/ at a lower server CPU per MB, with the
		// same echo latency.
		runtime.GOMAXPROCS(max(1, runtime.GOMAXPROCS(0)/2))
	}
	verbose := g.Verbose || os.Getenv("GMUX_DEBUG") != ""
	err := server.Run(server.Config{SocketPath: socketPath, ConfigFile: g.ConfigFile, Logger: logger, Verbose: verbose, Host: screen.Host})
	if err != nil {
		if errors.Is(err, server.ErrServerRunning) {
			return 0
		}
		logger.Printf("server: %v", err)
		return 1
	}
	return 0
}

// openLog opens the server's log file, named after the socket.
func openLog(socketPath string) io.Writer {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return io.Discard
		}
		dir = filepath.Join(home, ".local", "state")
	}
	dir = filepath.Join(dir, "gmux")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return io.Discard
	}
	name := "server-" + strings.ReplaceAll(strings.Trim(socketPath, "/"), "/", "_") + ".log"
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return io.Discard
	}
	if st, err := f.Stat(); err == nil && st.Size() > 8<<20 {
		_ = f.Truncate(0) // keep the log bounded
	}
	return f
}

func startProfiles(dir, prefix string, logger *log.Logger) func() {
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-cpu-%d.pprof", prefix, os.Getpid())))
	if err != nil {
		logger.Printf("pprof: %v", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		logger.Printf("pprof: %v", err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close() // best effort
		heap, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-heap-%d.pprof", prefix, os.Getpid())))
		if err != nil {
			return
		}
		_ = pprof.WriteHeapProfile(heap) // best effort
		_ = heap.Close()
	}
}
