package client

import (
	"bytes"
	"sync/atomic"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/gmux/gmux/proto"
)

// How long the terminal must have sent tcell nothing before a typed
// character may bypass it: long enough for tcell to have handed on what
// it got, and, after an Esc, for tcell to have stopped waiting for the
// rest of an escape sequence (it waits up to 50 ms).
const (
	fastKeysQuiet      = 5 * time.Millisecond
	fastKeysQuietAfter = 100 * time.Millisecond // after a chunk with Esc
)

// fastKeysTty sends a plainly typed character (one printable ASCII byte
// in one read) to the server from the terminal read itself, skipping
// tcell's two goroutine hand-offs (tens of microseconds of every echo).
// Everything else goes through tcell. A character only takes the short
// path when tcell has had nothing for a while and no paste is open, so it
// does not overtake a key tcell still holds (a pending Esc, a sequence
// split across reads) or land inside a paste.
type fastKeysTty struct {
	tcell.Tty
	w       *frameWriter
	pasting *atomic.Bool
	// The read goroutine's own: until when typed characters must still
	// go through tcell.
	slowUntil time.Time
	buf       []byte
}

func (t *fastKeysTty) Read(b []byte) (int, error) {
	for {
		n, err := t.Tty.Read(b)
		if err == nil && n == 1 && b[0] >= 0x20 && b[0] < 0x7f &&
			!t.pasting.Load() && time.Now().After(t.slowUntil) {
			pk := proto.Key{Code: uint32(b[0])}
			t.buf = pk.Append(t.buf[:0])
			if err := t.w.send(proto.TypeKey, t.buf); err != nil {
				return 0, err
			}
			continue
		}
		if n > 0 {
			quiet := fastKeysQuiet
			if bytes.IndexByte(b[:n], 0x1b) >= 0 {
				quiet = fastKeysQuietAfter
			}
			t.slowUntil = time.Now().Add(quiet)
		}
		return n, err
	}
}
