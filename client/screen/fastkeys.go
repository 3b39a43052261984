package screen

import (
	"bytes"
	"sync/atomic"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/gmux/gmux/proto"
)

// fastKeysQuiet is how long the terminal must have sent tcell nothing
// before a typed character may bypass it: long enough for tcell to have
// handed on what it got.
const fastKeysQuiet = 10 * time.Millisecond

// fastKeysTty sends a plainly typed character (one printable ASCII byte
// in one read) to the server from the terminal read itself, skipping
// tcell's two goroutine hand-offs (tens of microseconds of every echo).
// Everything else goes through tcell. A character only takes the short
// path when tcell has had nothing for a while, no paste is open, and no
// Esc went to tcell since the last input without one: tcell may hold an
// unfinished escape sequence indefinitely, and the next byte must reach
// it to complete or flush it.
type fastKeysTty struct {
	tcell.Tty
	w       *proto.Writer
	pasting *atomic.Bool
	// The read goroutine's own: until when typed characters must still
	// go through tcell, and whether tcell may be inside a sequence.
	slowUntil time.Time
	escOpen   bool
}

func (t *fastKeysTty) Read(b []byte) (int, error) {
	for {
		n, err := t.Tty.Read(b)
		now := time.Now()
		if err == nil && n == 1 && b[0] >= 0x20 && b[0] < 0x7f &&
			!t.escOpen && !t.pasting.Load() && now.After(t.slowUntil) {
			if err := t.w.SendKey(proto.Key{Code: uint32(b[0])}); err != nil {
				return 0, err
			}
			continue
		}
		if n > 0 {
			t.escOpen = bytes.IndexByte(b[:n], 0x1b) >= 0
			t.slowUntil = now.Add(fastKeysQuiet)
		}
		return n, err
	}
}
