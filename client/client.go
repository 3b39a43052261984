// Package client is the gmux program: it connects to the server (starting
// one when the command may), sends one command and prints what comes
// back. A command that may attach a terminal goes to gmux-server instead,
// by exec, whose package attach runs it with the terminal (AttachCommand).
//
// A command such as ls is mostly the program's start-up, so this package
// and what it imports stay off packages whose initialisation costs every
// start: os (and fmt, which imports it), time, golang.org/x/sys/unix.
// Together they cost 20-40 page faults, 0.5-1 ms of a 7-9 ms command on
// the machines we measure; system calls go through package syscall.
package client

import (
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"syscall"

	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/internal/wrap"
	"github.com/gmux/gmux/proto"
)

// Options are what the command line gave.
type Options struct {
	SocketPath string   // the server's socket, resolved (SocketPath)
	Argv       []string // the command and its arguments
	ConfigFile string   // -f, for a server this command starts
	Verbose    bool     // -v, likewise
	// Env is the environment the command runs with: sent with it, and
	// searched for gmux-server and the working directory; nil means this
	// process's (syscall.Environ).
	Env []string
	// Stdout and Stderr receive the server's output and the client's
	// messages; nil means descriptors 1 and 2.
	Stdout, Stderr io.Writer
}

// Environ is the command's environment: o.Env, else this process's.
func (o *Options) Environ() []string {
	if o.Env == nil {
		return syscall.Environ()
	}
	return o.Env
}

func (o *Options) stdout() io.Writer { return writerOr(o.Stdout, 1) }
func (o *Options) stderr() io.Writer { return writerOr(o.Stderr, 2) }

func writerOr(w io.Writer, fd int) io.Writer {
	if w == nil {
		return FDWriter(fd)
	}
	return w
}

// serverArgv is the argv that runs gmux-server, at bin, for command (the
// daemon, ServerCommand, or AttachCommand): the global flags, then the
// command's name and the protocol version, which comes before the
// command's arguments so that a gmux-server from another build (one found
// on $PATH) refuses what it would misread.
func (o *Options) serverArgv(bin, command string) []string {
	args := []string{bin, "-S", o.SocketPath}
	if o.ConfigFile != "" {
		cf, err := absPath(o.ConfigFile, o.Environ())
		if err != nil {
			cf = o.ConfigFile // the server's own error names it
		}
		args = append(args, "-f", cf)
	}
	if o.Verbose {
		args = append(args, "-v")
	}
	return append(args, command, VersionArg())
}

// Println writes msg and a newline to w, as one write.
func Println(w io.Writer, msg string) {
	_, _ = io.WriteString(w, msg+"\n") // the stream may be closed
}

// serverStartTimeout bounds the wait for a newly started server to listen.
const serverStartTimeout = 10_000 // ms

// Run runs one command and returns the exit status. A command that may
// attach the terminal on standard input runs in gmux-server instead
// (execAttach); it returns only if that fails.
func Run(o Options) int {
	// One copy of the environment, if it is this process's, for the
	// command, the server it may start, and gmux-server's exec.
	o.Env = o.Environ()
	tty := isTerminal(0)
	if tty && mayAttach(o.Argv) {
		return execAttach(o)
	}
	req := NewCommand(o.Argv, o.Env)
	if tty {
		req.TTY = true
		if cols, rows, err := windowSize(0); err == nil {
			req.Cols, req.Rows = uint16(cols), uint16(rows)
		}
	}
	// The request is ready before the connection, so that the server,
	// woken by it, finds the command there, not a wait for it.
	msg := Request(&req)
	conn, err := Connect(o)
	if err != nil {
		Println(o.stderr(), err.Error())
		return 1
	}
	defer conn.Close()
	return session(conn, msg, o)
}

// startsServer reports whether the command may start a server, as tmux's
// new-session and start-server do.
func startsServer(argv []string) bool {
	return anyCommand(argv, func(s *cmdline.Spec, _ []string) bool {
		return s == &cmdline.NewSession || s == &cmdline.StartServer
	})
}

// mayAttach reports whether argv may attach a terminal, which then goes
// with the command: a new-session without -d (or with -A) or an
// attach-session anywhere in it, or no command at all (new-session).
func mayAttach(argv []string) bool {
	return anyCommand(argv, func(s *cmdline.Spec, args []string) bool {
		switch s {
		case &cmdline.AttachSession:
			return true
		case &cmdline.NewSession:
			// -A attaches to an existing session whatever -d says.
			a, err := s.Parse(args)
			return err != nil || !a.Has('d') || a.Has('A')
		}
		return false
	})
}

// anyCommand reports whether argv is empty (the default command, new, with
// no arguments) or match holds for one of its commands (split at ";"),
// named in full, by alias or by a unique prefix, as the server will
// resolve it.
func anyCommand(argv []string, match func(s *cmdline.Spec, args []string) bool) bool {
	if len(argv) == 0 {
		return match(&cmdline.NewSession, nil)
	}
	all := cmdline.Commands()
	for _, c := range cmdline.Split(argv) {
		if len(c) == 0 {
			continue
		}
		if s, err := cmdline.Lookup(all, c[0]); err == nil && match(s, c[1:]) {
			return true
		}
	}
	return false
}

// Connect dials the server, starting one if there is none and the command
// may.
func Connect(o Options) (*Conn, error) {
	conn, err := Dial(o.SocketPath)
	if err != nil {
		if !isNoServer(err) {
			return nil, errors.New("error connecting to " + o.SocketPath + " (" + errText(err) + ")")
		}
		if !startsServer(o.Argv) {
			return nil, errors.New("no server running on " + o.SocketPath)
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

// errText is an error number's text as tmux shows it: "Permission denied".
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
func startServer(o Options) (*Conn, error) {
	env := o.Environ()
	exe, err := serverBinary(env)
	if err != nil {
		return nil, wrap.Error("start server", err)
	}
	devnull, err := syscall.Open("/dev/null", syscall.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, wrap.Error("start server: open /dev/null", err)
	}
	defer syscall.Close(devnull)
	argv := o.serverArgv(exe, ServerCommand)
	null := uintptr(devnull)
	pid, err := syscall.ForkExec(exe, argv, &syscall.ProcAttr{
		Env:   env,
		Files: []uintptr{null, null, null},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	})
	if err != nil {
		return nil, wrap.Error("start server: "+exe, err)
	}
	// A server listens 10-20 ms after it starts: poll finely until then,
	// so the first command does not sleep past it, and back off if it is
	// slow. The time waited is counted in sleeps: the dials between them
	// take microseconds.
	for waited := 0; ; {
		conn, err := Dial(o.SocketPath)
		if err == nil {
			return conn, nil
		}
		if ws, exited := reaped(pid); exited {
			// It may have lost a race to another server that now listens.
			if conn, err := Dial(o.SocketPath); err == nil {
				return conn, nil
			}
			if ws.Exited() && ws.ExitStatus() == ExitVersionMismatch {
				return nil, errors.New("start server: " + exe + " speaks another protocol version than this gmux (" + VersionArg() + "): the two come from different builds")
			}
			return nil, errors.New("server exited unexpectedly (" + waitText(ws) + "); see its log in $XDG_STATE_HOME/gmux")
		}
		if waited >= serverStartTimeout {
			return nil, errors.New("server did not start listening on " + o.SocketPath)
		}
		delay := 1
		if waited >= 200 {
			delay = 20
		}
		sleepMillis(delay)
		waited += delay
	}
}

// reaped reports whether child pid has exited, and how, without waiting.
func reaped(pid int) (syscall.WaitStatus, bool) {
	var ws syscall.WaitStatus
	for {
		got, err := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		if err == syscall.EINTR {
			continue
		}
		return ws, err == nil && got == pid
	}
}

// waitText says how a process ended, as os/exec's errors do.
func waitText(ws syscall.WaitStatus) string {
	if ws.Signaled() {
		return "signal: " + ws.Signal().String()
	}
	return "exit status " + strconv.Itoa(ws.ExitStatus())
}

// Request is what a client sends: its hello with the command frame behind
// it, in one write, so that a command costs one round trip.
func Request(req *proto.Command) []byte {
	b, start := proto.BeginFrame(proto.AppendHello(nil, proto.Version), proto.TypeCommand)
	return proto.EndFrame(req.Append(b), start)
}

// Handshake sends msg (Request) and checks the server's hello. fds, if
// any, go with it: the terminal, for the server to drive if the command
// attaches.
func Handshake(conn *Conn, fr *proto.Reader, path string, msg []byte, fds []int) error {
	// A server that does not read must not keep the client, but the
	// answer, which brings the server's hello, may take as long as the
	// command: the read waits, as tmux's client does.
	_ = conn.SetWriteTimeout(10)
	err := conn.WriteWithFDs(msg, fds)
	_ = conn.SetWriteTimeout(0)
	if err != nil {
		return wrap.Error("server on "+path, err)
	}
	v, err := proto.ReadHello(fr.Buffered())
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("server exited unexpectedly")
	}
	if err != nil {
		return wrap.Error("server on "+path+" did not answer", err)
	}
	if v != proto.Version {
		return errors.New("protocol version mismatch (client " + VersionArg() + ", server " + strconv.Itoa(int(v)) + "): a different gmux is running on " + path + "; run kill-server with that version first")
	}
	return nil
}

// NewCommand is the command frame for argv, with environment env (as it
// is: nil sends none) and its TERM, from this process's working
// directory; the caller adds the terminal's.
func NewCommand(argv, env []string) proto.Command {
	cwd, _ := getwd(env) // none: the server uses its own or the home directory
	return proto.Command{
		Argv: argv,
		Cwd:  cwd,
		Env:  env,
		Term: Getenv(env, "TERM"),
	}
}

// newReader is the frame reader for a command's connection. A command's
// answer is usually small, and a 64 KiB buffer is a large allocation, new
// pages for every command (ls measured 0-9% faster, alternated with the
// 64 KiB one); frames may be longer.
func newReader(conn *Conn) *proto.Reader { return proto.NewReaderSize(conn, 16<<10) }

// session sends msg, a command whose terminal did not go with it, and
// handles the server's answer.
func session(conn *Conn, msg []byte, o Options) int {
	stdout, stderr := o.stdout(), o.stderr()
	fr := newReader(conn)
	if err := Handshake(conn, fr, o.SocketPath, msg, nil); err != nil {
		Println(stderr, err.Error())
		return 1
	}
	for {
		typ, p, err := fr.Next()
		if err != nil {
			Println(stderr, "server exited unexpectedly")
			return 1
		}
		if status, end := Answer(typ, p, stdout, stderr); end {
			return status
		}
		switch typ {
		case proto.TypeAttached:
			// The server attached a command mayAttach did not foresee
			// (no terminal went with it): gmux-server draws it.
			return handOver(conn, fr, stderr, o.Environ())
		case proto.TypeHosted:
			// Hosting needs the terminal, which did not go with it.
			Println(stderr, "bad hosted frame from server")
			return 1
		}
	}
}

// Answer handles a frame of the answer every command gets: output,
// errors, and the exit, for which it returns the exit status and true.
// It ignores other frames.
func Answer(typ proto.Type, p []byte, stdout, stderr io.Writer) (status int, end bool) {
	switch typ {
	case proto.TypeOutput:
		_, _ = stdout.Write(p) // stdout may be closed
	case proto.TypeError:
		_, _ = stderr.Write(p) // stderr may be closed
	case proto.TypeExit:
		var e proto.Exit
		if err := e.Decode(p); err != nil {
			Println(stderr, "bad exit frame from server")
			return 1, true
		}
		if e.Message != "" {
			Println(stderr, e.Message)
		}
		return int(e.Status), true
	}
	return 0, false
}

// absPath returns p as an absolute path, from the working directory (as
// getwd finds it with env).
func absPath(p string, env []string) (string, error) {
	if path.IsAbs(p) {
		return path.Clean(p), nil
	}
	wd, err := getwd(env)
	if err != nil {
		return "", wrap.Error("getwd", err)
	}
	return path.Join(wd, p), nil
}
