package server

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// TerminalHost drives a client's terminal inside the server process, as
// tmux's server does: tty is the terminal the client passed with its
// command; conn speaks the protocol with the server as a client process
// would, from the Attached frame on; resized has a value whenever the
// client process reports a new terminal size. It returns the status and
// message for the client process to exit with, once the terminal is put
// back. cmd/gmux-server supplies screen.Host; the server does not import
// the drawing code.
type TerminalHost func(tty *os.File, conn io.ReadWriteCloser, term string, resized <-chan struct{}) (int, string)

// hostedTerminal is a passed terminal the server is about to drive.
type hostedTerminal struct {
	tty *os.File
	// client is the attached Client's connection, whose frames the host
	// reads from a pipe; host is the host's, whose frames (keys, resizes,
	// acknowledgements) are handled as it writes them, in its goroutine.
	// In-process and without a reading goroutine, a key reaches its pane
	// with no system call and no goroutine hand-off (a socket pair, then
	// a pipe with a reader, cost a keystroke 16 us here).
	client *pipeConn
	host   *hostConn
}

// pipeConn is the Client's end of the pipe to its host.
type pipeConn struct {
	r *io.PipeReader
	w *io.PipeWriter
}

func (p *pipeConn) Write(b []byte) (int, error) { return p.w.Write(b) }

// CloseWrite makes the host read EOF.
func (p *pipeConn) CloseWrite() error { return p.w.Close() }

// Close ends the pipe for both ends.
func (p *pipeConn) Close() error {
	_ = p.r.Close()
	return p.w.Close()
}

// SetWriteDeadline does nothing: a pipe write waits for the host's read,
// and the host's own writes to the terminal have a deadline.
func (p *pipeConn) SetWriteDeadline(time.Time) error { return nil }

// hostConn is the host's end: Read reads the Client's frames; Write hands
// whole frames to handle, which reports false for a frame that ends the
// connection.
type hostConn struct {
	r      *io.PipeReader
	handle func(proto.Type, []byte) bool
	once   sync.Once
	closed chan struct{}
}

// errHostInput is a frame from the host that the server refused.
var errHostInput = errors.New("terminal host sent a bad frame")

func (h *hostConn) Read(b []byte) (int, error) { return h.r.Read(b) }

func (h *hostConn) Write(b []byte) (int, error) {
	select {
	case <-h.closed:
		return 0, io.ErrClosedPipe
	default:
	}
	rest := b
	for len(rest) > 0 {
		typ, payload, next, err := proto.SplitFrame(rest)
		if err != nil {
			return len(b) - len(rest), err
		}
		if !h.handle(typ, payload) {
			_ = h.Close()
			return len(b) - len(rest), errHostInput
		}
		rest = next
	}
	return len(b), nil
}

// Close tells the server the host is done, and stops its reads.
func (h *hostConn) Close() error {
	h.once.Do(func() {
		close(h.closed)
		_ = h.r.Close()
	})
	return nil
}

// takeTerminal takes the descriptors passed with a command that attaches:
// one terminal, which the server drives if it has a TerminalHost, can open
// the terminal itself, and would drive it as the client would (env is the
// client's). Otherwise the client keeps its terminal and the server
// relays. Descriptors it does not take are closed.
func (s *Server) takeTerminal(fds []int, env []string) *hostedTerminal {
	defer sock.CloseFDs(fds)
	if s.cfg.Host == nil || len(fds) != 1 {
		return nil
	}
	if name := envDiffers(env); name != "" {
		s.debugf("hosted terminal: client's %s differs from the server's; relaying", name)
		return nil
	}
	tty, err := reopenTerminal(fds[0])
	if err != nil {
		s.debugf("hosted terminal: %v; relaying", err)
		return nil
	}
	r, w := io.Pipe()
	return &hostedTerminal{
		tty:    tty,
		client: &pipeConn{r: r, w: w},
		host:   &hostConn{r: r, closed: make(chan struct{})},
	}
}

// hostEnv are the variables that decide how a terminal is driven (tcell
// reads them from the process's environment: locale, colours, the
// alternate screen) and so must agree for the server to drive a client's.
var hostEnv = [...]string{"LC_ALL", "LC_CTYPE", "LANG", "COLORTERM", "NO_COLOR",
	"TCELL_TRUECOLOR", "TCELL_ALTSCREEN", "GMUX_TCELL_DRAW", "RUNEWIDTH_EASTASIAN"}

// envDiffers reports the first of hostEnv whose value in env differs
// from the server's own.
func envDiffers(env []string) string {
	for _, name := range hostEnv {
		if lookupEnv(env, name) != os.Getenv(name) {
			return name
		}
	}
	return ""
}

// reopenTerminal opens the terminal behind passed descriptor fd afresh,
// through /proc, non-blocking: Go's poller needs it non-blocking, and on
// a description of its own that mode never reaches the shell that shares
// the client's. It fails where the server may not open the terminal
// (a client run under su), and then the client keeps it.
func reopenTerminal(fd int) (*os.File, error) {
	f, err := os.OpenFile("/proc/self/fd/"+strconv.Itoa(fd), os.O_RDWR|unix.O_NOCTTY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("reopen terminal: %w", err)
	}
	raw, err := f.SyscallConn()
	var flags int
	var isTerm bool
	if err == nil {
		err = raw.Control(func(u uintptr) {
			flags, _ = unix.FcntlInt(u, unix.F_GETFL, 0)
			_, terr := unix.IoctlGetTermios(int(u), unix.TCGETS)
			isTerm = terr == nil
		})
	}
	switch {
	case err != nil:
	case !isTerm:
		err = errors.New("passed descriptor is not a terminal")
	case flags&unix.O_NONBLOCK == 0:
		// The host reads and writes it with raw system calls, which
		// must never block.
		err = errors.New("terminal is not non-blocking")
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// serveHosted runs attached client c, whose terminal the server drives
// through h, until it leaves; conn is the client process's connection,
// which from now on only reports resizes and, by closing, that the
// process is gone. The client process then gets the Exit the terminal
// host returned.
func (s *Server) serveHosted(conn *sock.Conn, fr *proto.Reader, c *Client, h *hostedTerminal, term string, hello []byte) {
	defer h.client.Close()
	h.host.handle = func(t proto.Type, p []byte) (ok bool) {
		// Input arrives on tcell's goroutines, which nothing else
		// guards, and runs key bindings: a panic in a command must cost
		// this client its terminal, not the server every session.
		defer func() {
			if r := recover(); r != nil {
				s.log.Printf("client %d: input panic: %v\n%s", c.id, r, debug.Stack())
				ok = false
			}
		}()
		return s.handleInput(c, t, p)
	}
	resized := make(chan struct{}, 1)
	type exit struct {
		status  int
		message string
	}
	hostDone := make(chan exit, 1)
	go func() {
		// tcell and the painter now run in the server: a bug there must
		// cost this client its terminal, not every session. (tcell's own
		// goroutines cannot be guarded; the input they pass on is, in
		// handle.)
		defer func() {
			if r := recover(); r != nil {
				s.log.Printf("client %d: terminal host panic: %v\n%s", c.id, r, debug.Stack())
				_ = h.host.Close()
				hostDone <- exit{1, "[lost server: terminal host failed]"}
			}
		}()
		status, message := s.cfg.Host(h.tty, h.host, term, resized)
		hostDone <- exit{status, message}
	}()
	gone := make(chan struct{})
	go func() {
		defer close(gone)
		for {
			typ, _, err := fr.Next()
			if err != nil {
				// The client process is gone (hang-up, kill): let the
				// terminal go, as a closed connection does otherwise.
				_ = h.client.Close()
				return
			}
			if typ == proto.TypeResize {
				select {
				case resized <- struct{}{}:
				default:
				}
			}
		}
	}()
	if _, err := conn.Write(proto.AppendFrame(hello, proto.TypeHosted, nil)); err != nil {
		_ = h.client.Close()
	}
	c.runHosted(h.host.closed)
	r := <-hostDone
	_ = conn.SetWriteDeadline(time.Now().Add(exitWriteTimeout))
	_, _ = conn.Write(appendExit(nil, uint8(r.status), r.message)) // the client may be gone
	_ = conn.CloseWrite()
	select {
	case <-gone:
	case <-time.After(exitCloseWait):
	}
}
