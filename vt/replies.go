package vt

import "strconv"

// Version is reported by XTVERSION.
const Version = "0.1"

// reply sends b (copied) to Options.Reply.
func (t *Terminal) reply(b []byte) {
	if t.opts.Reply == nil {
		return
	}
	t.opts.Reply(append([]byte(nil), b...))
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// PrimaryDeviceAttributes (DA1): CSI c or CSI 0 c, also DECID: ESC Z.
// Replies CSI ? 62 ; 22 c: a VT220 with ANSI colour.
func (t *Terminal) sendDA1() { t.reply([]byte("\x1b[?62;22c")) }

// SecondaryDeviceAttributes (DA2): CSI > c. Replies CSI > 84 ; 0 ; 0 c as
// tmux does.
func (t *Terminal) sendDA2() { t.reply([]byte("\x1b[>84;0;0c")) }

// XTVersion (XTVERSION): CSI > q. Replies DCS > | gmux(version) ST.
func (t *Terminal) sendXTVersion() {
	t.reply([]byte("\x1bP>|gmux(" + Version + ")\x1b\\"))
}

// cursorReportPos is the 1-based cursor position, relative to the margins in
// origin mode.
func (t *Terminal) cursorReportPos() (row, col int) {
	c := t.Cursor()
	row, col = c.Row+1, c.Col+1
	if t.modes&ModeOrigin != 0 {
		row -= t.top
		if t.lrMode {
			col -= t.left
		}
	}
	return row, col
}

// DeviceStatusReport (DSR): CSI 5 n replies CSI 0 n; CSI 6 n (CPR) replies
// CSI row ; col R.
func (t *Terminal) deviceStatus(n int) {
	switch n {
	case 5:
		t.reply([]byte("\x1b[0n"))
	case 6:
		row, col := t.cursorReportPos()
		b := append(t.scratch[:0], "\x1b["...)
		b = appendInt(b, row)
		b = append(b, ';')
		b = appendInt(b, col)
		b = append(b, 'R')
		t.scratch = b
		t.reply(b)
	}
}

// ExtendedCursorPosition (DECXCPR): CSI ? 6 n. Replies CSI ? row ; col ; 1 R.
func (t *Terminal) deviceStatusPrivate(n int) {
	if n != 6 {
		return
	}
	row, col := t.cursorReportPos()
	b := append(t.scratch[:0], "\x1b[?"...)
	b = appendInt(b, row)
	b = append(b, ';')
	b = appendInt(b, col)
	b = append(b, ";1R"...)
	t.scratch = b
	t.reply(b)
}

// dcsDispatch runs a complete DCS string. Only DECRQSS (DCS $ q Pt ST) is
// understood.
func (t *Terminal) dcsDispatch(data []byte) {
	p := &t.p
	if p.private == 0 && p.inter1() == '$' && p.final == 'q' {
		t.requestStatusString(string(data))
	}
}

// RequestStatusString (DECRQSS): DCS $ q Pt ST. Replies DCS 1 $ r Pt' ST for
// SGR (m), DECSTBM (r) and DECSCUSR (SP q); DCS 0 $ r ST otherwise.
func (t *Terminal) requestStatusString(pt string) {
	b := append(t.scratch[:0], "\x1bP1$r"...)
	switch pt {
	case "m":
		b = appendSGR(b, t.cur.style, true)
		b = append(b, 'm')
	case "r":
		b = appendInt(b, t.top+1)
		b = append(b, ';')
		b = appendInt(b, t.bottom+1)
		b = append(b, 'r')
	case " q":
		b = appendInt(b, int(t.shape))
		b = append(b, " q"...)
	default:
		b = append(b[:0], "\x1bP0$r"...)
	}
	b = append(b, "\x1b\\"...)
	t.scratch = b
	t.reply(b)
}

// appendSGR appends the SGR parameters (without CSI and 'm') that select s
// from the default style: "0;1;38;5;3" and so on.
func appendSGR(b []byte, s Style, leadingZero bool) []byte {
	start := len(b)
	if leadingZero {
		b = append(b, "0;"...)
	}
	for _, a := range sgrAttrs {
		if s.Attrs&a.a != 0 {
			b = append(b, a.n...)
			b = append(b, ';')
		}
	}
	switch s.Underline {
	case UnderlineNone:
	case UnderlineSingle:
		b = append(b, "4;"...)
	default:
		b = append(b, "4:"...)
		b = appendInt(b, int(s.Underline))
		b = append(b, ';')
	}
	b = appendColorSGR(b, s.Fg, 30, 90, 38)
	b = appendColorSGR(b, s.Bg, 40, 100, 48)
	b = appendColorSGR(b, s.UnderlineColor, -1, -1, 58)
	if len(b) > start {
		b = b[:len(b)-1]
	}
	return b
}

var sgrAttrs = [...]struct {
	a Attr
	n string
}{
	{AttrBold, "1"}, {AttrDim, "2"}, {AttrItalic, "3"}, {AttrBlink, "5"},
	{AttrReverse, "7"}, {AttrHidden, "8"}, {AttrStrike, "9"}, {AttrOverline, "53"},
}

// appendColorSGR appends the parameters for colour c followed by ';'.
func appendColorSGR(b []byte, c Color, base, bright, ext int) []byte {
	switch c.Kind() {
	case ColorIndexed:
		n := int(c.Index())
		switch {
		case n < 8 && base >= 0:
			b = appendInt(b, base+n)
		case n < 16 && bright >= 0:
			b = appendInt(b, bright+n-8)
		default:
			b = appendInt(b, ext)
			b = append(b, ";5;"...)
			b = appendInt(b, n)
		}
		b = append(b, ';')
	case ColorRGB:
		r, g, bl := c.RGB()
		b = appendInt(b, ext)
		b = append(b, ";2;"...)
		b = appendInt(b, int(r))
		b = append(b, ';')
		b = appendInt(b, int(g))
		b = append(b, ';')
		b = appendInt(b, int(bl))
		b = append(b, ';')
	}
	return b
}
