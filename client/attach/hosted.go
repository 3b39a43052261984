package attach

import (
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/proto"
)

// A client whose command may attach passes its terminal to the server
// with the command, as tmux's client does. If the server attaches it, the
// server reads and draws that terminal itself (screen.Host, in the server's
// process) and this process only forwards resizes until the Exit (hosted).
// A keystroke's echo then wakes two processes, the server and the pane's
// program, not four: every wake-up of a Go process costs tens of
// microseconds on the machines we measure.

// leaveSignalled reports whether a SIGHUP or SIGTERM arrived on sigs
// before anything read it; never, for a nil sigs.
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

// leaveOnSignal ends a wait for the server's answer on SIGHUP or SIGTERM,
// by shutting the connection's read side, until stop is called. stop may
// be called more than once.
func leaveOnSignal(conn *client.Conn) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			_ = conn.CloseRead() // best effort: the read then ends
		case <-done:
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
		})
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
func hosted(conn *client.Conn, fr *proto.Reader, w *proto.Writer, fd int, saved *term.State, sigs chan os.Signal, stdout io.Writer) int {
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
				// process; the read below then ends.
				time.AfterFunc(hostedLeaveWait, func() { _ = conn.CloseRead() })
				return
			}
			if cols, rows, err := term.GetSize(fd); err == nil {
				sz := proto.Size{Cols: uint16(cols), Rows: uint16(rows)}
				buf = sz.Append(buf[:0])
				_ = w.Send(proto.TypeResize, buf) // a lost server shows below
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
		if err != nil {
			restoreTerminal(fd, saved) // the server did not put it back
			if !leaving.Load() {
				client.Println(stdout, "[lost server]")
			}
			return 1
		}
		// The server put the terminal back; this makes sure of the modes
		// should it have failed to.
		_ = term.Restore(fd, saved) // best effort
		if leaving.Load() {
			return 1
		}
		if e.Message != "" {
			client.Println(stdout, e.Message)
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
