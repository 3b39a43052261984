// Command gmux is a terminal multiplexer that speaks tmux's language.
//
//	gmux [-2CDluvV] [-f file] [-L socket-name] [-S socket-path] [command [flags]]
//
// The same binary is the server: the client re-executes it with the
// hidden command __server to start a daemon.
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
	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/server"
)

const serverCommand = "__server"

func main() {
	os.Exit(run(os.Args[1:]))
}

type globalFlags struct {
	socketPath string
	label      string
	configFile string
	verbose    bool
	version    bool
}

const usage = "usage: gmux [-2CDluvV] [-f file] [-L socket-name] [-S socket-path] [command [flags]]"

// parseGlobal reads tmux's global flags up to the first command word.
func parseGlobal(argv []string) (globalFlags, []string, error) {
	var g globalFlags
	i := 0
	for ; i < len(argv); i++ {
		a := argv[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		for j := 1; j < len(a); j++ {
			switch f := a[j]; f {
			case '2', 'u', 'l', 'C', 'D', 'N':
				// Accepted for tmux compatibility: gmux always assumes
				// UTF-8 and 256 colours, and has no control mode yet.
			case 'v':
				g.verbose = true
			case 'V':
				g.version = true
			case 'f', 'L', 'S', 'c', 'T':
				val := a[j+1:]
				if val == "" {
					if i+1 >= len(argv) {
						return g, nil, fmt.Errorf("-%c expects an argument\n%s", f, usage)
					}
					i++
					val = argv[i]
				}
				switch f {
				case 'f':
					g.configFile = val
				case 'L':
					g.label = val
				case 'S':
					g.socketPath = val
				case 'c':
					return g, nil, errors.New("-c is not supported yet")
				}
				j = len(a)
			default:
				return g, nil, fmt.Errorf("unknown option -- %c\n%s", f, usage)
			}
		}
	}
	return g, argv[i:], nil
}

func run(argv []string) int {
	g, rest, err := parseGlobal(argv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if g.version {
		fmt.Printf("gmux %s\n", server.Version)
		return 0
	}
	if g.socketPath == "" && g.label == "" {
		// Inside a pane, talk to the server that owns it, as tmux does
		// with $TMUX.
		if v := os.Getenv("GMUX"); v != "" {
			g.socketPath, _, _ = strings.Cut(v, ",")
		}
	}
	path, err := client.SocketPath(g.socketPath, g.label)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if len(rest) > 0 && rest[0] == serverCommand {
		return runServer(g, path)
	}
	if err := cmdline.Check(rest); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	serverArgs := []string{"-S", path}
	if g.configFile != "" {
		cf, err := filepath.Abs(g.configFile)
		if err != nil {
			cf = g.configFile
		}
		serverArgs = append(serverArgs, "-f", cf)
	}
	if g.verbose {
		serverArgs = append(serverArgs, "-v")
	}
	serverArgs = append(serverArgs, serverCommand)
	if dir := os.Getenv("GMUX_PPROF_DIR"); dir != "" {
		stop := startProfiles(dir, "gmux-client", log.New(os.Stderr, "gmux: ", 0))
		defer stop()
	}
	return client.Run(client.Options{
		SocketPath: path,
		ConfigFile: g.configFile,
		Verbose:    g.verbose,
		Argv:       rest,
		ServerArgs: serverArgs,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
	})
}

// runServer is the daemon: it logs to a file under $XDG_STATE_HOME/gmux
// and, with GMUX_PPROF_DIR set, writes CPU and heap profiles on exit.
func runServer(g globalFlags, socketPath string) int {
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
	verbose := g.verbose || os.Getenv("GMUX_DEBUG") != ""
	err := server.Run(server.Config{SocketPath: socketPath, ConfigFile: g.configFile, Logger: logger, Verbose: verbose, Host: client.Host})
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
