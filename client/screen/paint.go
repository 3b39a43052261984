package screen

import (
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/gmux/gmux/proto"
)

// painter writes Draw frames to an xterm-like terminal as escape
// sequences. The server already sends only the cells that changed, so the
// frame maps straight onto cursor moves, SGR and text; going through
// tcell's Show instead scanned every cell of the screen for each frame
// (about 120 us for one echoed character at 120x40, the largest client
// cost in the echo path). tcell still owns input, terminal modes and
// restoring the terminal; terminals with fewer than 256 colours keep
// tcell's drawing, which knows their terminfo quirks.
type painter struct {
	out io.Writer
	// lock is tcell's screen lock: tcell redraws its own (blank) buffer
	// when the window is resized, and those writes must not interleave
	// with a frame. The server's full redraw follows every resize.
	lock sync.Locker

	to256 bool // map true colours to the 256-colour palette
	// xtermLike: the terminal takes SGR 4:n and 58 in their colon forms
	// and OSC 8 hyperlinks; elsewhere they may print as garbage.
	xtermLike bool

	buf   []byte
	shape uint8 // DECSCUSR last sent; 0 is the terminal's default
}

// newPainter returns a painter for a terminal with colors colours, named
// term.
func newPainter(out io.Writer, lock sync.Locker, colors int, term string) *painter {
	return &painter{
		out:       out,
		lock:      lock,
		to256:     colors < 1<<24,
		xtermLike: isXtermLike(term),
	}
}

// isXtermLike reports whether terminal term is one of the xterm-like
// terminals that tcell also sends styled underlines and hyperlinks to.
func isXtermLike(term string) bool {
	for _, prefix := range [...]string{"xterm", "tmux", "alacritty", "foot", "kitty", "wezterm", "ghostty", "contour"} {
		if strings.HasPrefix(term, prefix) {
			return true
		}
	}
	return false
}

// usePainter reports whether frames for this terminal go through the
// painter rather than tcell.
func usePainter(colors int) bool {
	return colors >= 256 && os.Getenv("GMUX_TCELL_DRAW") == ""
}

// frame writes one Draw frame; it fails only on a malformed frame.
func (p *painter) frame(payload []byte) error {
	flags, cur, dd, err := proto.DecodeDraw(payload)
	if err != nil {
		return err
	}
	// Hide the cursor while it moves about; start from a known style,
	// since tcell may have drawn since the last frame.
	b := append(p.buf[:0], "\x1b[?25l\x1b[0m"...)
	if flags&proto.DrawClear != 0 {
		b = append(b, "\x1b[H\x1b[2J"...)
	}
	var style proto.Style // the terminal's current SGR state
	// Where the terminal's cursor is, so that a run that carries on from
	// the last one needs no move; unknown (atCol < 0) at the start, since
	// tcell may have written since the last frame.
	atRow, atCol := 0, -1
	for {
		run, ok := dd.NextRun()
		if !ok {
			break
		}
		row, col := int(run.Row), int(run.Col)
		if row != atRow || col != atCol {
			b = appendCUP(b, row, col)
		}
		// Only a one-byte cell or an explicit column move is sure to
		// leave the cursor where our width says: the terminal's width
		// table may differ for anything else.
		known := true
		if run.Style != style {
			style = run.Style
			b = p.appendSGR(b, style)
		}
		link := p.xtermLike && len(run.Link) > 0
		if link {
			b = append(b, "\x1b]8;;"...)
			b = appendPrintable(b, run.Link)
			b = append(b, "\x1b\\"...)
		}
		for {
			text, width, ok := dd.NextCell()
			if !ok {
				break
			}
			if len(text) == 0 {
				b = append(b, ' ')
			} else {
				b = appendPrintable(b, text)
			}
			col += max(int(width), 1)
			if width > 1 {
				// Put the cursor where our width says the next cell is, in
				// case the terminal's width table disagrees.
				b = append(b, "\x1b["...)
				b = strconv.AppendInt(b, int64(col+1), 10)
				b = append(b, 'G')
			} else if len(text) > 1 || len(text) == 1 && text[0] >= 0x80 {
				known = false
			}
		}
		if link {
			b = append(b, "\x1b]8;;\x1b\\"...)
		}
		atRow, atCol = row, col
		if !known {
			atCol = -1
		}
	}
	if err := dd.Err(); err != nil {
		return err
	}
	if cur.Visible {
		if cur.Shape != p.shape {
			p.shape = cur.Shape
			b = append(b, "\x1b["...)
			b = strconv.AppendInt(b, int64(cur.Shape), 10)
			b = append(b, " q"...)
		}
		if int(cur.Row) != atRow || int(cur.Col) != atCol {
			b = appendCUP(b, int(cur.Row), int(cur.Col))
		}
		b = append(b, "\x1b[?25h"...)
	}
	p.buf = b
	p.lock.Lock()
	defer p.lock.Unlock()
	// As with tcell, a failed write is not an error of the frame: a
	// terminal that went away hangs the client up.
	_, _ = p.out.Write(b)
	return nil
}

// restore puts back what the painter changed that tcell does not know of.
func (p *painter) restore() {
	if p.shape != 0 {
		p.lock.Lock()
		_, _ = io.WriteString(p.out, "\x1b[0 q") // best effort
		p.lock.Unlock()
	}
}

func appendCUP(b []byte, row, col int) []byte {
	b = append(b, "\x1b["...)
	b = strconv.AppendInt(b, int64(row+1), 10)
	b = append(b, ';')
	b = strconv.AppendInt(b, int64(col+1), 10)
	return append(b, 'H')
}

// appendPrintable appends text with any control character replaced (C0,
// DEL, and C1 in its UTF-8 form), so that a cell can never carry an
// escape sequence to the terminal.
func appendPrintable(b, text []byte) []byte {
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c < 0x20 || c == 0x7f:
			c = '?'
		case c == 0xc2 && i+1 < len(text) && text[i+1] >= 0x80 && text[i+1] <= 0x9f:
			i++ // U+0080..U+009F
			c = '?'
		}
		b = append(b, c)
	}
	return b
}

// appendSGR appends the SGR sequence that sets s from the default style.
func (p *painter) appendSGR(b []byte, s proto.Style) []byte {
	b = append(b, "\x1b[0"...)
	for i, code := range [...]string{"1", "2", "3", "5", "7", "8", "9", "53"} {
		// attrBold, attrDim, ... attrOverline, in order.
		if s.Attrs&(1<<i) != 0 {
			b = append(b, ';')
			b = append(b, code...)
		}
	}
	switch {
	case s.UnderlineStyle == 0:
	case s.UnderlineStyle == 1 || !p.xtermLike:
		b = append(b, ";4"...)
	default:
		b = append(b, ";4:"...)
		b = strconv.AppendInt(b, int64(s.UnderlineStyle), 10)
	}
	b = p.appendColor(b, s.Fg, 30)
	b = p.appendColor(b, s.Bg, 40)
	if s.UnderlineStyle != 0 && p.xtermLike {
		b = p.appendColor(b, s.Underline, 50)
	}
	return append(b, 'm')
}

// appendColor appends ;SGR for colour c, base being 30 (foreground), 40
// (background) or 50 (underline, which has only the extended forms).
func (p *painter) appendColor(b []byte, c proto.Color, base int) []byte {
	if p.to256 {
		c = to256(c)
	}
	sep := byte(';')
	if base == 50 {
		sep = ':'
	}
	switch c >> 24 {
	case 1:
		n := int(c & 0xff)
		b = append(b, ';')
		switch {
		case n < 8 && base != 50:
			return strconv.AppendInt(b, int64(base+n), 10)
		case n < 16 && base != 50:
			return strconv.AppendInt(b, int64(base+60+n-8), 10)
		}
		b = strconv.AppendInt(b, int64(base+8), 10)
		b = append(b, sep, '5', sep)
		return strconv.AppendInt(b, int64(n), 10)
	case 2:
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(base+8), 10)
		b = append(b, sep, '2', sep)
		if sep == ':' {
			b = append(b, ':') // 58:2::r:g:b leaves the colour space empty
		}
		b = strconv.AppendInt(b, int64(c>>16&0xff), 10)
		b = append(b, sep)
		b = strconv.AppendInt(b, int64(c>>8&0xff), 10)
		b = append(b, sep)
		return strconv.AppendInt(b, int64(c&0xff), 10)
	}
	return b
}
