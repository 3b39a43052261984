// Package client is the gmux client: it connects to the server (starting
// one when the command may), sends one command and prints what comes
// back. A command that attaches passes the terminal for the server to
// draw, or hands the connection to gmux-server's drawing code (package
// screen) if the server cannot.
package client

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// Options are what cmd/gmux parsed from the command line.
type Options struct {
	SocketPath string
	Argv       []string
	// ServerArgs are gmux-server's flags for the daemon (ServerCommand
	// and the protocol version follow them).
	ServerArgs []string
	Stdout     io.Writer
	Stderr     io.Writer
}

// serverStartTimeout bounds the wait for a newly started server to listen.
const serverStartTimeout = 10 * time.Second

// Run runs one client command and returns the exit status.
func Run(o Options) int {
	conn, err := connect(o)
	if err != nil {
		fmt.Fprintln(o.Stderr, err)
		return 1
	}
	defer conn.Close()
	return session(conn, o)
}

// startsServer reports whether the command may start a server, as tmux's
// new-session and start-server do.
func startsServer(argv []string) bool {
	return anyCommand(argv, &cmdline.NewSession, &cmdline.StartServer)
}

// anyCommand reports whether argv is empty (the default command, new) or
// one of its commands (split at ";") is one of specs, named in full, by
// alias or by a unique prefix, as the server will resolve it.
func anyCommand(argv []string, specs ...*cmdline.Spec) bool {
	if len(argv) == 0 {
		return true
	}
	all := cmdline.Commands()
	for _, c := range cmdline.Split(argv) {
		if len(c) == 0 {
			continue
		}
		if s, err := cmdline.Lookup(all, c[0]); err == nil && slices.Contains(specs, s) {
			return true
		}
	}
	return false
}

// connect dials the server, starting one if there is none and the command
// may.
func connect(o Options) (*sock.Conn, error) {
	conn, err := sock.Dial(o.SocketPath)
	if err != nil {
		if !isNoServer(err) {
			return nil, fmt.Errorf("error connecting to %s (%v)", o.SocketPath, errText(err))
		}
		if !startsServer(o.Argv) {
			return nil, fmt.Errorf("no server running on %s", o.SocketPath)
		}
		if conn, err = startServer(o); err != nil {
			return nil, err
		}
	}
	return conn, nil
}

func isNoServer(err error) bool {
	return errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ECONNREFUSED)
}

func errText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return err.Error()
}

// startServer runs gmux-server as a daemon in its own session with its
// standard streams on /dev/null, then waits for it to listen.
func startServer(o Options) (*sock.Conn, error) {
	exe, err := serverBinary()
	if err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	defer devnull.Close()
	args := append(append([]string(nil), o.ServerArgs...), ServerCommand, VersionArg())
	cmd := exec.Command(exe, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, devnull, devnull
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Env = os.Environ()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	start := time.Now()
	deadline := start.Add(serverStartTimeout)
	for {
		conn, err := sock.Dial(o.SocketPath)
		if err == nil {
			return conn, nil
		}
		select {
		case werr := <-exited:
			// It may have lost a race to another server that now listens.
			if conn, err := sock.Dial(o.SocketPath); err == nil {
				return conn, nil
			}
			var ee *exec.ExitError
			if errors.As(werr, &ee) && ee.ExitCode() == ExitVersionMismatch {
				return nil, fmt.Errorf("start server: %s speaks another protocol version than this gmux (%d): the two come from different builds", exe, proto.Version)
			}
			return nil, fmt.Errorf("server exited unexpectedly (%v); see its log in $XDG_STATE_HOME/gmux", werr)
		default:
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("server did not start listening on %s", o.SocketPath)
		}
		// A server listens 10-20 ms after it starts: poll finely until
		// then, so the first command does not sleep past it, and back
		// off if it is slow.
		delay := time.Millisecond
		if time.Since(start) > 200*time.Millisecond {
			delay = 20 * time.Millisecond
		}
		time.Sleep(delay)
	}
}

// handshake sends the client's hello with the command frame behind it, in one
// write, so a command costs one round trip, and checks the server's hello.
// fds, if any, go with it: the terminal, for the server to drive if the
// command attaches.
func handshake(conn *sock.Conn, fr *proto.Reader, path string, req *proto.Command, fds []int) error {
	b, start := proto.BeginFrame(proto.AppendHello(nil, proto.Version), proto.TypeCommand)
	b = proto.EndFrame(req.Append(b), start)
	// A server that does not read must not keep the client, but the
	// answer, which brings the server's hello, may take as long as the
	// command: the read waits, as tmux's client does.
	_ = conn.SetWriteTimeout(10 * time.Second)
	err := conn.WriteWithFDs(b, fds)
	_ = conn.SetWriteTimeout(0)
	if err != nil {
		return fmt.Errorf("server on %s: %w", path, err)
	}
	v, err := proto.ReadHello(fr.Buffered())
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("server exited unexpectedly")
	}
	if err != nil {
		return fmt.Errorf("server on %s did not answer: %w", path, err)
	}
	if v != proto.Version {
		return fmt.Errorf("protocol version mismatch (client %d, server %d): a different gmux is running on %s; run kill-server with that version first", proto.Version, v, path)
	}
	return nil
}

// session sends the command and handles the server's answer.
func session(conn *sock.Conn, o Options) int {
	cwd, _ := os.Getwd()
	req := proto.Command{
		Argv: o.Argv,
		Cwd:  cwd,
		Env:  os.Environ(),
		Term: os.Getenv("TERM"),
	}
	fd := int(os.Stdin.Fd())
	var passFDs []int
	var saved *term.State
	var sigs chan os.Signal
	if st, err := term.GetState(fd); err == nil { // a terminal
		req.TTY = true
		if mayAttach(o.Argv) && !hostingDisabled() {
			saved, passFDs = st, []int{fd}
			sigs = hostedSignals()
			defer signal.Stop(sigs)
		}
		if cols, rows, err := term.GetSize(fd); err == nil {
			req.Cols, req.Rows = uint16(cols), uint16(rows)
		}
	}
	stopWatch := func() {}
	if sigs != nil {
		// hostedSignals caught SIGHUP and SIGTERM; until the server
		// answers, one must still end this client.
		stopWatch = leaveOnSignal(conn)
		defer stopWatch()
	}
	// A command's answer is usually small, and a 64 KiB buffer is a
	// large allocation, new pages for every command (ls measured 0-9%
	// faster, alternated with the 64 KiB one; frames may be longer).
	fr := proto.NewReaderSize(conn, 16<<10)
	if err := handshake(conn, fr, o.SocketPath, &req, passFDs); err != nil {
		if !leaveSignalled(sigs) {
			fmt.Fprintln(o.Stderr, err)
		}
		return 1
	}
	for {
		typ, p, err := fr.Next()
		if err != nil {
			if !leaveSignalled(sigs) {
				fmt.Fprintln(o.Stderr, "server exited unexpectedly")
			}
			return 1
		}
		switch typ {
		case proto.TypeOutput:
			_, _ = o.Stdout.Write(p) // stdout may be closed
		case proto.TypeError:
			_, _ = o.Stderr.Write(p) // stderr may be closed
		case proto.TypeExit:
			var e proto.Exit
			if err := e.Decode(p); err != nil {
				fmt.Fprintln(o.Stderr, "bad exit frame from server")
				return 1
			}
			if e.Message != "" {
				fmt.Fprintln(o.Stderr, e.Message)
			}
			return int(e.Status)
		case proto.TypeAttached:
			stopWatch()
			signal.Stop(sigs) // the server relays: attach handles signals
			if leaveSignalled(sigs) {
				return 1
			}
			return handOver(conn, fr, o)
		case proto.TypeHosted:
			stopWatch() // hosted leaves through the server on a signal
			return hosted(conn, fr, proto.NewWriter(conn), fd, saved, sigs, o)
		}
	}
}
