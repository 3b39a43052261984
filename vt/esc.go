package vt

// escDispatch runs an escape sequence ESC [intermediates] final.
func (t *Terminal) escDispatch(final byte) {
	p := &t.p
	switch p.inter1() {
	case 0:
		switch final {
		case '7':
			t.saveCursor()
		case '8':
			t.restoreCursor()
		case 'D':
			t.index()
		case 'E':
			t.nextLine()
		case 'H':
			t.setTabStop()
		case 'M':
			t.reverseIndex()
		case 'c':
			t.Reset()
		case '=':
			t.setMode(ModeKeypadApp, true)
		case '>':
			t.setMode(ModeKeypadApp, false)
		case 'Z':
			t.sendDA1()
		case 'n': // LS2
			t.cur.gl = 2
		case 'o': // LS3
			t.cur.gl = 3
		}
	case '(', ')', '*', '+':
		t.designateCharset(int(p.inter[0]-'('), final)
	case '#':
		if final == '8' {
			t.alignmentTest()
		}
	}
}

// NextLine (NEL): ESC E. Carriage return and index.
func (t *Terminal) nextLine() {
	t.index()
	t.carriageReturn()
}

// DesignateCharset (SCS): ESC ( F, ESC ) F, ESC * F, ESC + F. Selects the
// set for G0..G3: 0 DEC Special Graphics, B ASCII, A UK.
func (t *Terminal) designateCharset(g int, final byte) {
	cs := charsetASCII
	switch final {
	case '0':
		cs = charsetDECGraphics
	case 'A':
		cs = charsetUK
	}
	t.cur.g[g] = cs
}

// ScreenAlignmentTest (DECALN): ESC # 8. Fills the screen with 'E', resets
// margins and homes the cursor.
func (t *Terminal) alignmentTest() {
	t.changed()
	t.top, t.bottom = 0, t.rows-1
	t.left, t.right = 0, t.cols-1
	for i := range t.scr.lines {
		l := &t.scr.lines[i]
		l.wrapped = false
		cells := t.scr.row(i)
		l.used = len(cells)
		for j := range cells {
			cells[j] = Cell{Rune: 'E', Width: 1}
		}
	}
	t.cur.x, t.cur.y, t.cur.pending = 0, 0, false
}

// SaveCursor (DECSC): ESC 7, and SCOSC: CSI s. Saves position, attributes,
// charsets and origin mode.
func (t *Terminal) saveCursor() {
	c := t.cur
	c.origin = t.modes&ModeOrigin != 0
	if t.scr == t.alt {
		t.savedAlt = c
		t.hasSaved[1] = true
	} else {
		t.savedMain = c
		t.hasSaved[0] = true
	}
}

// RestoreCursor (DECRC): ESC 8, and SCORC: CSI u. Restores what DECSC saved,
// or homes the cursor with default attributes if nothing was saved.
func (t *Terminal) restoreCursor() {
	t.changed()
	var c cursorState
	if t.scr == t.alt {
		if t.hasSaved[1] {
			c = t.savedAlt
		}
	} else if t.hasSaved[0] {
		c = t.savedMain
	}
	t.cur = c
	if t.cur.x >= t.cols {
		t.cur.x = t.cols - 1
	}
	if t.cur.y >= t.rows {
		t.cur.y = t.rows - 1
	}
	t.cur.stale = true
	if c.origin {
		t.modes |= ModeOrigin
	} else {
		t.modes &^= ModeOrigin
	}
}
