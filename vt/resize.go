package vt

// Resize changes the screen size. On the main screen, wrapped lines are
// reflowed to the new width (history included, as tmux does) and the cursor
// stays on the same character; when the screen gets shorter, blank lines
// below the cursor go first, then lines from the top go to history; when it
// gets taller, lines come back from history. The alternate screen is
// cropped or padded.
func (t *Terminal) Resize(cols, rows int) {
	if cols < 1 {
		cols = 1
	}
	if rows < 1 {
		rows = 1
	}
	if cols == t.cols && rows == t.rows {
		return
	}
	t.changed()
	onAlt := t.scr == t.alt

	// Main screen, with its cursor (saved by 1049 when on the alternate).
	mx, my := t.cur.x, t.cur.y
	if onAlt {
		mx, my = t.savedMain.x, t.savedMain.y
	}
	if mx >= t.cols {
		mx = t.cols - 1
	}
	if cols != t.cols {
		mx, my = t.reflowWidth(cols, mx, my)
	}
	my = t.resizeHeight(rows, my)
	if onAlt {
		t.savedMain.x, t.savedMain.y, t.savedMain.pending = mx, my, false
		t.alt = cropScreen(t.alt, cols, rows, &t.cur.y)
		t.savedAlt.x = min(t.savedAlt.x, cols-1)
		t.savedAlt.y = min(t.savedAlt.y, rows-1)
		t.scr = t.alt
	} else {
		t.cur.x, t.cur.y = mx, my
		t.savedMain.x = min(t.savedMain.x, cols-1)
		t.savedMain.y = min(t.savedMain.y, rows-1)
		t.scr = t.main
	}
	t.cols, t.rows = cols, rows
	t.cur.pending = false
	t.cur.x = min(t.cur.x, cols-1)
	t.cur.y = min(t.cur.y, rows-1)
	t.top, t.bottom = 0, rows-1
	t.left, t.right = 0, cols-1
	old := t.tabs
	t.tabs = make([]bool, cols)
	for i := range t.tabs {
		if i < len(old) {
			t.tabs[i] = old[i]
		} else {
			t.tabs[i] = i%8 == 0
		}
	}
}

// cropScreen returns s cropped or padded to cols x rows. If the cursor row
// *cy would fall off the bottom, lines are dropped from the top instead.
func cropScreen(s *screen, cols, rows int, cy *int) *screen {
	n := newScreen(cols, rows, s.seq)
	shift := 0
	if *cy >= rows {
		shift = *cy - rows + 1
		*cy = rows - 1
	}
	for y := 0; y < rows && y+shift < len(s.lines); y++ {
		src := s.lines[y+shift].cells
		if src != nil {
			dst := n.row(y)
			copy(dst, src)
			sanitizeLine(dst)
		}
		n.lines[y].wrapped = s.lines[y+shift].wrapped && s.cols <= cols
		n.lines[y].used = min(s.lines[y+shift].used, cols)
	}
	return n
}

// reflowWidth rewraps history and main screen to cols columns. The screen
// keeps its number of rows. It returns the new cursor position.
func (t *Terminal) reflowWidth(cols, cx, cy int) (int, int) {
	oldRows := t.rows
	hn := t.hist.len()
	total := hn + oldRows
	out := make([][]byte, 0, total+total/4)
	curLine, curX := -1, 0
	var buf []Cell

	get := func(i int) (packed []byte, cells []Cell, wrapped bool) {
		if i < hn {
			p := t.hist.get(i)
			w, _ := packedInfo(p)
			return p, nil, w
		}
		l := &t.main.lines[i-hn]
		return nil, l.cells, l.wrapped
	}
	usedOf := func(i int) int {
		if i < hn {
			return packedUsed(t.hist.get(i))
		}
		return t.main.lines[i-hn].used
	}
	for s := 0; s < total; {
		e := s
		for e < total-1 {
			_, _, w := get(e)
			if !w {
				break
			}
			e++
		}
		cursorIn := cy+hn >= s && cy+hn <= e
		if s == e {
			p, cells, _ := get(s)
			if p != nil {
				if _, width := packedInfo(p); width <= cols {
					out = append(out, p)
					s = e + 1
					continue
				}
			} else if max(usedWidth(cells), usedOf(s)) <= cols {
				if cursorIn {
					curLine, curX = len(out), min(cx, cols-1)
				}
				out = append(out, t.packLine(nil, cells[:min(cols, len(cells))], false, usedOf(s)))
				s = e + 1
				continue
			}
		}
		// Gather the logical line.
		buf = buf[:0]
		off := -1
		used := 0
		for k := s; k <= e; k++ {
			p, cells, _ := get(k)
			if k == hn+cy {
				off = len(buf) + cx
			}
			if p != nil {
				buf, _ = t.unpackLine(p, buf)
				if k < e {
					// a wrapped packed line keeps its full width
					_, width := packedInfo(p)
					for len(buf) < width {
						buf = append(buf, blankCell)
					}
				}
			} else if k < e {
				buf = append(buf, cells...)
			} else {
				buf = append(buf, cells[:max(usedWidth(cells), min(usedOf(k), len(cells)))]...)
			}
			if k == e {
				used = len(buf) // everything gathered counts as written
			}
			if k < e {
				// A blank left by a wide character that wrapped early
				// is not part of the text.
				n := len(buf)
				if n > 0 && buf[n-1] == blankCell && t.startsWide(get, k+1) {
					buf = buf[:n-1]
				}
			}
		}
		// Split into lines of cols cells.
		pos := 0
		for {
			end := pos + cols
			if end > len(buf) {
				end = len(buf)
			}
			if end < len(buf) && buf[end].Width == 0 && end > pos+1 {
				end-- // a wide character does not fit: it moves down
			}
			wrapped := end < len(buf)
			if off >= pos && (off < end || !wrapped) {
				curLine, curX = len(out), min(off-pos, cols-1)
				off = -1
			}
			out = append(out, t.packLine(nil, buf[pos:end], wrapped, min(max(used-pos, 0), end-pos)))
			if !wrapped {
				break
			}
			pos = end
		}
		s = e + 1
	}
	// The screen is the last oldRows lines.
	start := len(out) - oldRows
	if start < 0 {
		start = 0
	}
	t.hist.replace(out[:start])
	scr := newScreen(cols, oldRows, &t.gen)
	for i := start; i < len(out); i++ {
		l := &scr.lines[i-start]
		cells, w := t.unpackLine(out[i], l.cells[:0])
		cells = fitCells(cells, 0, cols)
		sanitizeLine(cells)
		l.cells = cells
		l.tailDirty = true
		l.wrapped = w
		l.used = min(packedUsed(out[i]), cols)
		scr.touch(i - start) // a line rebuilt is a new version
	}
	t.main = scr
	if curLine < 0 {
		curLine = len(out) - 1
	}
	ny := curLine - start
	if ny < 0 {
		ny = 0
	}
	return curX, ny
}

// usedWidth is the width of cells without trailing default blanks.
func usedWidth(cells []Cell) int {
	n := len(cells)
	for n > 0 && cells[n-1] == blankCell {
		n--
	}
	return n
}

// resizeHeight changes the main screen to rows lines, moving lines to or
// from history, and returns the new cursor row.
func (t *Terminal) resizeHeight(rows, cy int) int {
	s := t.main
	old := len(s.lines)
	cols := s.cols
	if rows < old {
		d := old - rows
		// Blank lines below the cursor go first.
		for i := len(s.lines) - 1; d > 0 && i > cy; i-- {
			if s.lines[i].wrapped || !lineBlank(s.lines[i].cells) {
				break
			}
			s.lines = s.lines[:i]
			d--
		}
		if d > 0 {
			for i := 0; i < d; i++ {
				if t.histLim > 0 {
					t.pushHistory(i)
				}
			}
			s.lines = append([]line(nil), s.lines[d:]...)
			cy -= d
			if cy < 0 {
				cy = 0
			}
		}
		return cy
	}
	d := rows - old
	var pulled []line
	for i := 0; i < d && t.hist.len() > 0; i++ {
		p := t.hist.popNewest()
		cells, w := t.unpackLine(p, make([]Cell, 0, cols))
		cells = fitCells(cells, 0, cols)
		sanitizeLine(cells)
		pulled = append(pulled, line{cells: cells, wrapped: w, used: min(packedUsed(p), cols), tailDirty: true})
	}
	lines := make([]line, 0, rows)
	for i := len(pulled) - 1; i >= 0; i-- {
		lines = append(lines, pulled[i])
	}
	lines = append(lines, s.lines...)
	for len(lines) < rows {
		lines = append(lines, line{}) // blank until written
	}
	s.lines = lines
	for y := range pulled {
		s.touch(y) // pulled back from history: new versions
	}
	return cy + len(pulled)
}

// startsWide reports whether line i begins with a wide character.
func (t *Terminal) startsWide(get func(int) ([]byte, []Cell, bool), i int) bool {
	p, cells, _ := get(i)
	if p != nil {
		var one [2]Cell
		c, _ := t.unpackFirst(p, one[:0])
		return len(c) > 0 && c[0].Width == 2
	}
	return len(cells) > 0 && cells[0].Width == 2
}
