package vt

// execute runs a C0 control.
func (t *Terminal) execute(b byte) {
	switch b {
	case 0x07:
		t.bell()
	case 0x08:
		t.backspace()
	case 0x09:
		t.tab()
	case 0x0A, 0x0B, 0x0C:
		t.lineFeed()
	case 0x0D:
		t.carriageReturn()
	case 0x0E:
		t.shiftOut()
	case 0x0F:
		t.shiftIn()
	}
}

// Bell (BEL): 0x07. Calls Options.Bell.
func (t *Terminal) bell() {
	if t.opts.Bell != nil {
		t.opts.Bell()
	}
}

// Backspace (BS): 0x08. Moves left one column, stopping at the left margin.
func (t *Terminal) backspace() {
	t.changed()
	if t.cur.pending {
		// As tmux: leaving the pending-wrap state is the whole move.
		t.cur.pending = false
		return
	}
	left := 0
	if t.lrMode && t.cur.x >= t.left {
		left = t.left
	}
	if t.cur.x > left {
		t.cur.x--
	}
}

// HorizontalTab (HT): 0x09. Moves to the next tab stop or the right margin.
func (t *Terminal) tab() {
	t.changed()
	if t.cur.pending {
		return // as tmux: a tab in the pending-wrap state does nothing
	}
	t.forwardTab(1)
}

func (t *Terminal) forwardTab(n int) {
	right := t.rightEdge()
	x := t.cur.x
	for ; n > 0 && x < right; n-- {
		x++
		for x < right && !t.tabs[x] {
			x++
		}
	}
	t.cur.x = x
	t.cur.pending = false
}

func (t *Terminal) backTab(n int) {
	left := t.leftEdge()
	x := t.cur.x
	for ; n > 0 && x > left; n-- {
		x--
		for x > left && !t.tabs[x] {
			x--
		}
	}
	t.cur.x = x
	t.cur.pending = false
}

// LineFeed (LF, VT, FF): 0x0A, 0x0B, 0x0C. Index, plus carriage return in
// LNM mode.
func (t *Terminal) lineFeed() {
	t.index()
	if t.modes&ModeNewline != 0 {
		t.carriageReturn()
	}
}

// CarriageReturn (CR): 0x0D. Moves to the left margin.
func (t *Terminal) carriageReturn() {
	t.changed()
	t.cur.pending = false
	if t.lrMode && t.cur.x >= t.left {
		t.cur.x = t.left
	} else {
		t.cur.x = 0
	}
}

// ShiftOut (SO): 0x0E. Invokes G1 into GL.
func (t *Terminal) shiftOut() { t.cur.gl = 1 }

// ShiftIn (SI): 0x0F. Invokes G0 into GL.
func (t *Terminal) shiftIn() { t.cur.gl = 0 }

// index moves down one line, scrolling the region at its bottom margin.
func (t *Terminal) index() {
	t.changed()
	t.cur.pending = false
	if t.cur.y == t.bottom {
		t.scrollUp(t.top, t.bottom, 1)
	} else if t.cur.y < t.rows-1 {
		t.cur.y++
	}
}

// reverseIndex moves up one line, scrolling the region down at its top
// margin.
func (t *Terminal) reverseIndex() {
	t.changed()
	t.cur.pending = false
	if t.cur.y == t.top {
		t.scrollDown(t.top, t.bottom, 1)
	} else if t.cur.y > 0 {
		t.cur.y--
	}
}
