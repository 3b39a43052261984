package vt

// Erasing, inserting, deleting and scrolling. Erased cells take the current
// background colour (BCE).

// EraseInDisplay (ED): CSI Ps J. 0 cursor to end, 1 start to cursor, 2 the
// whole screen (its text goes to history on the main screen, as tmux does),
// 3 the history.
func (t *Terminal) eraseInDisplay(mode int) {
	t.changed()
	sid := t.eraseStyle()
	y := t.cur.y
	switch mode {
	case 1:
		for i := 0; i < y; i++ {
			t.eraseLine(i, 0, t.cols, sid)
		}
		t.eraseLine(y, 0, t.cur.x+1, sid)
	case 0:
		if t.cur.x == 0 && y == 0 {
			t.clearScreenToHistory(sid)
			break
		}
		t.eraseLine(y, t.cur.x, t.cols, sid)
		for i := y + 1; i < t.rows; i++ {
			t.eraseLine(i, 0, t.cols, sid)
		}
	case 2:
		t.clearScreenToHistory(sid)
	case 3:
		t.hist.clear()
	}
	t.cur.pending = false
}

// clearScreenToHistory clears the screen; on the main screen its lines up to
// the last non-blank one go to history first, as tmux does for ED 2 and for
// ED 0 from the home position.
func (t *Terminal) clearScreenToHistory(sid StyleID) {
	if t.scr == t.main && t.histLim > 0 {
		// Lines up to the last one written to (tmux: cellused != 0).
		last := -1
		for i := t.rows - 1; i >= 0; i-- {
			if t.scr.lines[i].used != 0 {
				last = i
				break
			}
		}
		for i := 0; i <= last; i++ {
			t.pushHistory(i)
		}
	}
	// Every line made new (eraseLine of a whole line, at once).
	t.scr.clear(sid)
	t.unwrapAbove(0)
}

func lineBlank(cells []Cell) bool {
	for _, c := range cells {
		if c != blankCell {
			return false
		}
	}
	return true
}

// eraseLine blanks columns [x0, x1) of screen row y.
func (t *Terminal) eraseLine(y, x0, x1 int, sid StyleID) {
	if x0 <= 0 && x1 >= t.cols {
		// A whole line cleared is a new, empty line, and the line above
		// no longer wraps into it (as tmux's grid_clear_lines).
		t.scr.resetLine(y, sid)
		t.unwrapAbove(y)
		return
	}
	switch {
	case sid != 0:
		eraseCells(t.scr.row(y), x0, x1, sid)
	case t.scr.lines[y].cells != nil:
		// Blanks in the default style keep the tail blank.
		eraseCells(t.scr.rowKeepingTail(y), x0, x1, 0)
	}
}

// EraseInLine (EL): CSI Ps K. 0 cursor to end, 1 start to cursor, 2 the
// whole line.
func (t *Terminal) eraseInLine(mode int) {
	t.changed()
	sid := t.eraseStyle()
	switch mode {
	case 0:
		t.eraseLine(t.cur.y, t.cur.x, t.cols, sid)
	case 1:
		t.eraseLine(t.cur.y, 0, t.cur.x+1, sid)
	case 2:
		t.eraseLine(t.cur.y, 0, t.cols, sid)
	}
	t.cur.pending = false
}

// EraseChars (ECH): CSI Ps X. Blanks Ps cells from the cursor.
func (t *Terminal) eraseChars(n int) {
	t.changed()
	t.eraseLine(t.cur.y, t.cur.x, min(t.cur.x+n, t.cols), t.eraseStyle())
	t.cur.pending = false
}

// InsertChars (ICH): CSI Ps @. Inserts Ps blanks at the cursor, shifting the
// rest of the line (to the right margin) right.
func (t *Terminal) insertChars(n int) {
	t.changed()
	right := t.rightEdge()
	if t.cur.x > right {
		return
	}
	l := &t.scr.lines[t.cur.y]
	// Only cells below right+1, which used now covers, change.
	insertCells(t.scr.rowKeepingTail(t.cur.y), t.cur.x, right+1, n, t.eraseStyle())
	l.used = max(l.used, right+1)
	t.cur.pending = false
}

// DeleteChars (DCH): CSI Ps P. Deletes Ps cells at the cursor, shifting the
// rest of the line (to the right margin) left.
func (t *Terminal) deleteChars(n int) {
	t.changed()
	right := t.rightEdge()
	if t.cur.x > right {
		return
	}
	l := &t.scr.lines[t.cur.y]
	sid := t.eraseStyle()
	var row []Cell
	if sid != 0 {
		// The blanks shifted in past used carry a colour.
		row = t.scr.row(t.cur.y)
	} else {
		row = t.scr.rowKeepingTail(t.cur.y)
	}
	deleteCells(row, t.cur.x, right+1, n, sid)
	l.used = max(l.used, right+1-n)
	t.cur.pending = false
}

func (t *Terminal) inMargins() bool {
	return t.cur.y >= t.top && t.cur.y <= t.bottom &&
		(!t.lrMode || (t.cur.x >= t.left && t.cur.x <= t.right))
}

// InsertLines (IL): CSI Ps L. Inserts Ps blank lines at the cursor row
// inside the scroll region. The cursor does not move (as tmux).
func (t *Terminal) insertLines(n int) {
	if !t.inMargins() {
		return
	}
	t.scrollDown(t.cur.y, t.bottom, n)
}

// DeleteLines (DL): CSI Ps M. Deletes Ps lines at the cursor row inside the
// scroll region. The cursor does not move (as tmux).
func (t *Terminal) deleteLines(n int) {
	if !t.inMargins() {
		return
	}
	t.scrollRegionUp(t.cur.y, t.bottom, n, false)
}

// ScrollUp (SU): CSI Ps S. Scrolls the region up Ps lines.
func (t *Terminal) scrollUpCmd(n int) { t.scrollUp(t.top, t.bottom, n) }

// ScrollDown (SD): CSI Ps T. Scrolls the region down Ps lines.
func (t *Terminal) scrollDownCmd(n int) { t.scrollDown(t.top, t.bottom, n) }

// scrollUp scrolls rows [top, bottom] up n lines; lines leaving the top of
// the main screen go to history.
func (t *Terminal) scrollUp(top, bottom, n int) {
	t.scrollRegionUp(top, bottom, n, top == 0 && t.scr == t.main)
}

func (t *Terminal) fullWidthMargins() bool {
	return !t.lrMode || (t.left == 0 && t.right == t.cols-1)
}

func (t *Terminal) scrollRegionUp(top, bottom, n int, toHistory bool) {
	t.changed()
	h := bottom - top + 1
	if n > h {
		n = h
	}
	if n <= 0 {
		return
	}
	sid := t.eraseStyle()
	lines := t.scr.lines
	if !t.fullWidthMargins() {
		for y := top; y <= bottom; y++ {
			dst := t.scr.row(y)
			if y+n <= bottom {
				src := t.scr.row(y + n)
				fixRangeEdges(src, t.left, t.right+1)
				fixRangeEdges(dst, t.left, t.right+1)
				copy(dst[t.left:t.right+1], src[t.left:t.right+1])
			} else {
				eraseCells(dst, t.left, t.right+1, sid)
			}
		}
		return
	}
	if toHistory && t.histLim > 0 {
		for i := top; i < top+n; i++ {
			t.pushHistory(i)
		}
	} else if !toHistory {
		// As tmux's grid_move_lines: the line above the region no longer
		// wraps into it.
		t.unwrapAbove(top)
	}
	// Rotate the line headers so cell storage is reused.
	t.rotate(lines[top:bottom+1], n)
	for y := bottom - n + 1; y <= bottom; y++ {
		t.scr.resetLine(y, sid)
	}
}

// rotate moves ls[n:] to the front and ls[:n] to the back.
func (t *Terminal) rotate(ls []line, n int) {
	if n <= 0 || n >= len(ls) {
		return
	}
	if n == 1 {
		first := ls[0]
		copy(ls, ls[1:])
		ls[len(ls)-1] = first
		return
	}
	t.lineTmp = append(t.lineTmp[:0], ls[:n]...)
	copy(ls, ls[n:])
	copy(ls[len(ls)-n:], t.lineTmp)
}

// scrollDown scrolls rows [top, bottom] down n lines, blanking the top.
func (t *Terminal) scrollDown(top, bottom, n int) {
	t.changed()
	h := bottom - top + 1
	if n > h {
		n = h
	}
	if n <= 0 {
		return
	}
	sid := t.eraseStyle()
	lines := t.scr.lines
	if !t.fullWidthMargins() {
		for y := bottom; y >= top; y-- {
			dst := t.scr.row(y)
			if y-n >= top {
				src := t.scr.row(y - n)
				fixRangeEdges(src, t.left, t.right+1)
				fixRangeEdges(dst, t.left, t.right+1)
				copy(dst[t.left:t.right+1], src[t.left:t.right+1])
			} else {
				eraseCells(dst, t.left, t.right+1, sid)
			}
		}
		return
	}
	// As tmux's grid_move_lines: the line that will sit above the moved
	// block and the line above the region lose their wrapped flag.
	lines[top+n-1].wrapped = false
	t.unwrapAbove(top)
	t.rotate(lines[top:bottom+1], h-n)
	for y := top; y < top+n; y++ {
		t.scr.resetLine(y, sid)
	}
}

// pushHistory packs row y of the main screen into the history.
func (t *Terminal) pushHistory(y int) {
	if t.hist.limit != t.histLim {
		t.hist.setLimit(t.histLim)
	}
	l := &t.main.lines[y]
	cells := l.cells // nil for a line never written, which does not wrap
	if !l.tailDirty && !l.wrapped {
		cells = cells[:min(l.used, len(cells))] // the rest is blank
	}
	t.scratch = t.packLine(t.scratch[:0], cells, l.wrapped, l.used)
	t.hist.push(t.scratch)
}

// unwrapAbove clears the wrapped flag of the line above screen row y: the
// newest history line for row 0 of the main screen. tmux does this when
// lines are cleared or moved.
func (t *Terminal) unwrapAbove(y int) {
	if y > 0 {
		t.scr.lines[y-1].wrapped = false
	} else if t.scr == t.main && t.hist.len() > 0 {
		if b := t.hist.get(t.hist.len() - 1); len(b) > 0 {
			b[0] &^= 1
		}
	}
}
