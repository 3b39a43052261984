package screen

import (
	"errors"
	"io"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/gdamore/tcell/v2"
	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"github.com/gmux/gmux/internal/rawio"
	"github.com/gmux/gmux/proto"
)

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
		return 1, cannotDrive(err)
	}
	defer t.Close()
	fr := proto.NewReader(conn)
	w := proto.NewWriter(conn)
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
		return 1, cannotDrive(err)
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
	fd    int
	mu    sync.Mutex
	cb    func()
	saved *term.State
	// writeTimeout is hostWriteTimeout; tests shorten it.
	writeTimeout time.Duration
}

// newHostTty wraps f, the client's terminal as the server reopened it:
// non-blocking, on an open file description of the server's own.
func newHostTty(f *os.File) (*hostTty, error) {
	t := &hostTty{f: f, writeTimeout: hostWriteTimeout}
	raw, err := f.SyscallConn()
	if err == nil {
		err = raw.Control(func(u uintptr) { t.fd = int(u) })
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
// echo's way out. They take SyscallConn per call rather than keep it:
// called on the *os.File it inlines, and the callbacks and what they set
// then stay on the stack.
func (t *hostTty) Read(b []byte) (int, error) {
	raw, perr := t.f.SyscallConn()
	if perr != nil {
		return 0, perr
	}
	for {
		var n int
		var err error
		if perr := raw.Read(func(fd uintptr) bool {
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
	raw, perr := t.f.SyscallConn()
	if perr != nil {
		return 0, perr
	}
	written := 0
	waiting := false
	var err error
	perr = raw.Write(func(fd uintptr) bool {
		for written < len(b) {
			var n int
			n, err = rawio.Write(int(fd), b[written:])
			switch {
			case err == syscall.EAGAIN:
				err = nil
				if !waiting {
					// The deadline matters only once the write waits:
					// no timer reset for every frame that goes at once.
					waiting = true
					_ = t.f.SetWriteDeadline(time.Now().Add(t.writeTimeout))
				}
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
	if waiting {
		// The deadline outlives the write: left set, it would fail
		// every later write, waiting or not, once it passed.
		_ = t.f.SetWriteDeadline(time.Time{})
	}
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

// cannotDrive is the client's closing message when the server could not
// drive its terminal.
func cannotDrive(err error) string {
	return "gmux: the server cannot drive your terminal (GMUX_HOSTED=0 keeps it in the client): " + err.Error()
}
