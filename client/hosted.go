package client

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gdamore/tcell/v2"
	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"github.com/gmux/gmux/internal/rawio"
	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// A client whose command may attach passes its terminal to the server
// with the command, as tmux's client does. If the server attaches it, the
// server reads and draws that terminal itself (Host, in the server's
// process) and this process only forwards resizes until the Exit (hosted).
// A keystroke's echo then wakes two processes, the server and the pane's
// program, not four: every wake-up of a Go process costs tens of
// microseconds on the machines we measure.

// mayAttach reports whether argv may attach, so that the terminal is worth
// passing: a new or attach command anywhere in it, or none at all.
func mayAttach(argv []string) bool {
	return anyCommand(argv, func(name string) bool {
		return name == "new" || name == "a" || name == "at" || name == "att" ||
			len(name) >= 4 && strings.HasPrefix("new-session", name) ||
			len(name) >= 4 && strings.HasPrefix("attach-session", name)
	})
}

// hostingDisabled lets a user keep the terminal in the client process
// (GMUX_HOSTED=0), for a terminal the server cannot open or a comparison.
func hostingDisabled() bool { return os.Getenv("GMUX_HOSTED") == "0" }

// hostedSignals is installed before the command is sent when the terminal
// goes with it, so that a resize while the server takes the terminal
// over is not lost.
func hostedSignals() chan os.Signal {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGWINCH, syscall.SIGHUP, syscall.SIGTERM)
	return sigs
}

// leaveSignalled reports whether a SIGHUP or SIGTERM arrived on sigs
// before anything read it.
func leaveSignalled(sigs chan os.Signal) bool {
	for {
		select {
		case sig := <-sigs:
			if sig != syscall.SIGWINCH {
				return true
			}
		default:
			return false
		}
	}
}

// hostedLeaveWait bounds the wait, after a hang-up or SIGTERM, for the
// server to put the terminal back and answer.
const hostedLeaveWait = 2 * time.Second

// hosted waits while the server drives this client's terminal (fd, as it
// was before: saved): it forwards the terminal's size on SIGWINCH and
// returns with the server's Exit. On SIGHUP or SIGTERM it half-closes the
// connection, so the server puts the terminal back and lets it go before
// this process leaves, silently. If the server is lost instead, it puts
// the terminal back itself.
func hosted(conn *sock.Conn, fr *proto.Reader, w *frameWriter, fd int, saved *term.State, sigs chan os.Signal, o Options) int {
	defer signal.Stop(sigs)
	var leaving atomic.Bool
	done := make(chan struct{})
	defer close(done)
	go func() {
		var buf []byte
		for {
			var sig os.Signal
			select {
			case sig = <-sigs:
			case <-done:
				return
			}
			if sig != syscall.SIGWINCH {
				leaving.Store(true)
				_ = conn.CloseWrite() // best effort
				// A server that does not answer must not keep this
				// process; the read below then ends with an error.
				_ = conn.SetReadDeadline(time.Now().Add(hostedLeaveWait))
				return
			}
			if cols, rows, err := term.GetSize(fd); err == nil {
				sz := proto.Size{Cols: uint16(cols), Rows: uint16(rows)}
				buf = sz.Append(buf[:0])
				_ = w.send(proto.TypeResize, buf) // a lost server shows below
			}
		}
	}()
	for {
		typ, p, err := fr.Next()
		var e proto.Exit
		if err == nil && typ != proto.TypeExit {
			continue
		}
		if err == nil {
			err = e.Decode(p)
		}
		switch {
		case leaving.Load() && err != nil:
			restoreTerminal(fd, saved) // the server did not put it back
			return 1
		case leaving.Load():
			_ = term.Restore(fd, saved) // best effort
			return 1
		case err != nil:
			restoreTerminal(fd, saved)
			fmt.Fprintln(o.Stdout, "[lost server]")
			return 1
		}
		// The server put the terminal back; this makes sure of the modes
		// should it have failed to.
		_ = term.Restore(fd, saved) // best effort
		if e.Message != "" {
			fmt.Fprintln(o.Stdout, e.Message)
		}
		return int(e.Status)
	}
}

// restoreTerminal undoes what a server that died while driving terminal
// fd left behind: raw mode, the alternate screen, a hidden cursor, mouse
// and paste reporting.
func restoreTerminal(fd int, saved *term.State) {
	_ = term.Restore(fd, saved) // best effort
	reset := []byte("\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1004l\x1b[0m\x1b[?25h\x1b[?1049l")
	if _, err := unix.Write(fd, reset); err != nil {
		_, _ = os.Stdout.Write(reset) // standard input may be read-only
	}
}

// Host drives a client's terminal in the server's process. tty is the
// terminal the client passed; conn speaks the protocol with the server
// as a client process would, from its Attached frame on; resized has a
// value whenever the client reports that the terminal changed size.
// It returns the Exit's status and message for the client process to
// show, after putting the terminal back as it found it.
func Host(tty *os.File, conn io.ReadWriteCloser, termName string, resized <-chan struct{}) (int, string) {
	defer conn.Close()
	t, err := newHostTty(tty)
	if err != nil {
		return 1, "gmux: the server cannot drive your terminal (GMUX_HOSTED=0 keeps it in the client): " + err.Error()
	}
	defer t.Close()
	fr := proto.NewReader(conn)
	w := &frameWriter{conn: conn}
	for {
		typ, _, err := fr.Next()
		if err != nil {
			return 1, "[lost server]"
		}
		if typ == proto.TypeAttached {
			break
		}
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-resized:
				t.resized()
			case <-done:
				return
			}
		}
	}()
	status, message, err := drive(t, termName, fr, w)
	if err != nil {
		return 1, "gmux: the server cannot drive your terminal (GMUX_HOSTED=0 keeps it in the client): " + err.Error()
	}
	return status, message
}

// hostWriteTimeout bounds a write to a hosted terminal that stopped
// reading (a stalled SSH connection, a terminal paused with ^S), so that
// putting it back cannot hold the server's goroutine forever.
const hostWriteTimeout = 10 * time.Second

// hostTty is a tcell.Tty over a terminal passed to the server.
type hostTty struct {
	f     *os.File
	raw   syscall.RawConn
	fd    int
	mu    sync.Mutex
	cb    func()
	saved *term.State
}

// newHostTty wraps f, the client's terminal as the server reopened it:
// non-blocking, on an open file description of the server's own.
func newHostTty(f *os.File) (*hostTty, error) {
	t := &hostTty{f: f}
	var err error
	t.raw, err = f.SyscallConn()
	if err == nil {
		err = t.raw.Control(func(u uintptr) { t.fd = int(u) })
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return t, nil
}

func (t *hostTty) Start() error {
	_ = t.f.SetReadDeadline(time.Time{})
	saved, err := term.MakeRaw(t.fd)
	if err != nil {
		return err
	}
	t.saved = saved
	return nil
}

func (t *hostTty) Stop() error {
	_ = t.f.SetReadDeadline(time.Now())
	if t.saved == nil {
		return nil
	}
	return term.Restore(t.fd, t.saved)
}

// Drain wakes a blocked Read: tcell waits for its input goroutine.
func (t *hostTty) Drain() error { return t.f.SetReadDeadline(time.Now()) }

func (t *hostTty) NotifyResize(cb func()) {
	t.mu.Lock()
	t.cb = cb
	t.mu.Unlock()
}

func (t *hostTty) resized() {
	t.mu.Lock()
	cb := t.cb
	t.mu.Unlock()
	if cb != nil {
		cb()
	}
}

func (t *hostTty) WindowSize() (tcell.WindowSize, error) {
	ws, err := unix.IoctlGetWinsize(t.fd, unix.TIOCGWINSZ)
	if err != nil {
		return tcell.WindowSize{}, err
	}
	size := tcell.WindowSize{Width: int(ws.Col), Height: int(ws.Row), PixelWidth: int(ws.Xpixel), PixelHeight: int(ws.Ypixel)}
	if size.Width == 0 || size.Height == 0 {
		// A terminal that never had a size set: tcell's own default.
		size.Width, size.Height = 80, 25
	}
	return size, nil
}

// Read and Write go through rawio: they are a keystroke's way in and its
// echo's way out.
func (t *hostTty) Read(b []byte) (int, error) {
	for {
		var n int
		var err error
		if perr := t.raw.Read(func(fd uintptr) bool {
			n, err = rawio.Read(int(fd), b)
			return err != syscall.EAGAIN
		}); perr != nil {
			return 0, perr // closed, or the deadline Drain set
		}
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(b) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (t *hostTty) Write(b []byte) (int, error) {
	_ = t.f.SetWriteDeadline(time.Now().Add(hostWriteTimeout))
	written := 0
	var err error
	perr := t.raw.Write(func(fd uintptr) bool {
		for written < len(b) {
			var n int
			n, err = rawio.Write(int(fd), b[written:])
			switch {
			case err == syscall.EAGAIN:
				err = nil
				return false // wait until the terminal takes more
			case err == syscall.EINTR:
				continue
			case err != nil:
				return true
			}
			written += n
		}
		return true
	})
	if perr != nil {
		return written, perr
	}
	return written, err
}

// Close closes the terminal; tcell and Host both call it.
func (t *hostTty) Close() error {
	err := t.f.Close()
	if errors.Is(err, os.ErrClosed) {
		return nil
	}
	return err
}
