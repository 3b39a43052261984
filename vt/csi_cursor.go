package vt

// Cursor movement. Moves clear the pending wrap. Vertical moves stop at the
// scroll margins when they start inside them, else at the screen edges.

func (t *Terminal) moved() {
	t.changed()
	t.cur.pending = false
}

// CursorUp (CUU): CSI Ps A. Up Ps lines (default 1), stopping at the top
// margin.
func (t *Terminal) cursorUp(n int) {
	t.moved()
	top := 0
	if t.cur.y >= t.top {
		top = t.top
	}
	t.cur.y = max(t.cur.y-n, top)
}

// CursorDown (CUD): CSI Ps B, and VPR: CSI Ps e. Down Ps lines, stopping at
// the bottom margin.
func (t *Terminal) cursorDown(n int) {
	t.moved()
	bottom := t.rows - 1
	if t.cur.y <= t.bottom {
		bottom = t.bottom
	}
	t.cur.y = min(t.cur.y+n, bottom)
}

// CursorForward (CUF): CSI Ps C, and HPR: CSI Ps a. Right Ps columns.
func (t *Terminal) cursorForward(n int) {
	t.moved()
	right := t.cols - 1
	if t.lrMode && t.cur.x <= t.right {
		right = t.right
	}
	t.cur.x = min(t.cur.x+n, right)
}

// CursorBackward (CUB): CSI Ps D. Left Ps columns.
func (t *Terminal) cursorBackward(n int) {
	t.moved()
	left := 0
	if t.lrMode && t.cur.x >= t.left {
		left = t.left
	}
	t.cur.x = max(t.cur.x-n, left)
}

// CursorNextLine (CNL): CSI Ps E. Down Ps lines to the left margin.
func (t *Terminal) cursorNextLine(n int) {
	t.cursorDown(n)
	t.cur.x = t.leftEdge()
}

// CursorPrevLine (CPL): CSI Ps F. Up Ps lines to the left margin.
func (t *Terminal) cursorPrevLine(n int) {
	t.cursorUp(n)
	t.cur.x = t.leftEdge()
}

// CursorColumn (CHA): CSI Ps G, and HPA: CSI Ps `. To column Ps (1-based),
// relative to the left margin in origin mode.
func (t *Terminal) cursorColumn(col int) {
	t.moved()
	x := col - 1
	maxX := t.cols - 1
	if t.modes&ModeOrigin != 0 && t.lrMode {
		x += t.left
		maxX = t.right
	}
	t.cur.x = min(x, maxX)
}

// CursorRow (VPA): CSI Ps d. To row Ps (1-based), relative to the top margin
// in origin mode.
func (t *Terminal) cursorRow(row int) {
	t.moved()
	y := row - 1
	maxY := t.rows - 1
	if t.modes&ModeOrigin != 0 {
		y += t.top
		maxY = t.bottom
	}
	t.cur.y = min(y, maxY)
}

// CursorPosition (CUP): CSI Ps ; Ps H, and HVP: CSI Ps ; Ps f. To row, column
// (1-based, default 1;1), relative to the margins in origin mode.
func (t *Terminal) cursorPosition(row, col int) {
	t.cursorRow(row)
	t.cursorColumn(col)
}

// CursorForwardTab (CHT): CSI Ps I. Forward Ps tab stops.
func (t *Terminal) cursorForwardTab(n int) {
	t.changed()
	t.forwardTab(n)
}

// CursorBackTab (CBT): CSI Ps Z. Back Ps tab stops.
func (t *Terminal) cursorBackTab(n int) {
	t.changed()
	t.backTab(n)
}

// SetTabStop (HTS): ESC H. Sets a tab stop at the cursor column.
func (t *Terminal) setTabStop() {
	if t.cur.x < len(t.tabs) {
		t.tabs[t.cur.x] = true
	}
}

// TabClear (TBC): CSI Ps g. 0 clears the stop at the cursor, 3 all stops.
func (t *Terminal) clearTabStop(mode int) {
	switch mode {
	case 0:
		if t.cur.x < len(t.tabs) {
			t.tabs[t.cur.x] = false
		}
	case 3:
		for i := range t.tabs {
			t.tabs[i] = false
		}
	}
}

// SetTopBottomMargins (DECSTBM): CSI Pt ; Pb r. Sets the scroll region
// (default the whole screen) and homes the cursor.
func (t *Terminal) setTopBottomMargins(top, bottom int) {
	if top < 1 {
		top = 1
	}
	if bottom < 1 || bottom > t.rows {
		bottom = t.rows
	}
	if top >= bottom {
		return
	}
	t.top, t.bottom = top-1, bottom-1
	t.cursorPosition(1, 1)
}

// SetLeftRightMargins (DECSLRM): CSI Pl ; Pr s, when DECLRMM is set. Sets
// the left and right margins and homes the cursor.
func (t *Terminal) setLeftRightMargins(left, right int) {
	if left < 1 {
		left = 1
	}
	if right < 1 || right > t.cols {
		right = t.cols
	}
	if left >= right {
		return
	}
	t.left, t.right = left-1, right-1
	t.cursorPosition(1, 1)
}

// RepeatChar (REP): CSI Ps b. Prints the last printed character Ps more
// times. As tmux, only an ASCII character is repeated.
func (t *Terminal) repeatChar(n int) {
	if !t.lastValid || t.lastRune >= 0x80 {
		return
	}
	r := t.lastRune
	if n > t.cols*t.rows {
		n = t.cols * t.rows
	}
	w := runeWidth(r)
	if w == 0 {
		return
	}
	t.changed()
	for i := 0; i < n; i++ {
		t.putChar(r, w)
	}
}
