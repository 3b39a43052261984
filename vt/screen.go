package vt

// A screen is the visible grid: rows lines of exactly cols cells each. Row 0
// is the top of the screen. The main screen's history lives apart in
// history.go; lines leave the top of the main screen into it.

var blankCell = Cell{Width: 1}

type line struct {
	// cells is exactly the screen's width, or nil for a line never
	// written since the screen was made: it reads as blank, and an idle
	// terminal holds almost nothing. Writers get cells through row or
	// rowKeepingTail.
	cells []Cell
	// used is how many leading cells have been written, as tmux's
	// cellused: capture-pane -J and -N stop there.
	used int
	// ver is a number no other line content has had (see
	// Terminal.LineVersion); 0 for a line never written.
	ver     uint64
	wrapped bool // the line continues on the next (autowrap happened)
	// tailDirty is false only while every cell from used on is blank, so
	// packing the line for history need not look past used (most lines
	// are shorter than the screen is wide). row sets it; blanking the
	// whole line in the default style clears it.
	tailDirty bool
}

type screen struct {
	lines []line
	cols  int
	seq   *uint64 // the terminal's Generation, which also numbers line versions
}

func newScreen(cols, rows int, seq *uint64) *screen {
	return &screen{cols: cols, lines: make([]line, rows), seq: seq}
}

// row returns line y's cells for writing, allocating them on first use,
// gives the line a new version and marks its tail (cells from used on) as
// possibly non-blank.
func (s *screen) row(y int) []Cell {
	s.lines[y].tailDirty = true
	return s.rowKeepingTail(y)
}

// rowKeepingTail is row for writers that leave every cell from used on
// blank: printing raises used over what it writes, and erasing in the
// default style writes blanks. It leaves tailDirty alone.
func (s *screen) rowKeepingTail(y int) []Cell {
	s.touch(y)
	return s.cells(y)
}

// touch gives line y a new version (see Terminal.LineVersion). printASCII
// calls it and cells directly: rowKeepingTail, their sum, is too big for
// the compiler to inline into the hottest loop.
func (s *screen) touch(y int) {
	v := *s.seq + 1
	*s.seq = v
	s.lines[y].ver = v
}

// cells returns line y's cells, allocating them on first use. Writers use
// row or rowKeepingTail, or touch the line themselves.
func (s *screen) cells(y int) []Cell {
	l := &s.lines[y]
	if l.cells == nil {
		l.cells = newCells(s.cols, 0)
	}
	return l.cells
}

// cell reads the cell at x, y without allocating a line never written.
func (s *screen) cell(x, y int) Cell {
	if cells := s.lines[y].cells; cells != nil {
		return cells[x]
	}
	return blankCell
}

// resetLine makes line y a new, empty line: blank in style sid, not
// wrapped, nothing written.
func (s *screen) resetLine(y int, sid StyleID) {
	l := &s.lines[y]
	switch {
	case sid != 0:
		fillCells(s.row(y), sid)
	case l.cells != nil:
		// Every line scrolled in comes here: with a blank tail, only the
		// columns written need blanking.
		n := len(l.cells)
		if !l.tailDirty {
			n = min(l.used, n)
		}
		fillCells(s.rowKeepingTail(y)[:n], 0)
	}
	l.wrapped, l.used, l.tailDirty = false, 0, sid != 0
}

func newCells(n int, sid StyleID) []Cell {
	c := make([]Cell, n)
	fillCells(c, sid)
	return c
}

func fillCells(c []Cell, sid StyleID) {
	if sid == 0 {
		// Copying blanks is a vectorised memmove, 2-4x faster than
		// storing cell by cell, and every line scrolled in is blanked.
		for len(c) > 0 {
			c = c[copy(c, blankCells[:]):]
		}
		return
	}
	b := Cell{Width: 1, Style: sid}
	for i := range c {
		c[i] = b
	}
}

// blankCells is read only: the source fillCells copies blanks from.
var blankCells = func() (b [256]Cell) {
	for i := range b {
		b[i] = blankCell
	}
	return b
}()

// clear blanks every line.
func (s *screen) clear(sid StyleID) {
	for i := range s.lines {
		s.resetLine(i, sid)
	}
}

// fixWideAt blanks any half of a wide character that would be left
// orphaned by overwriting cells[x]. It is called before a cell is written.
func fixWideAt(cells []Cell, x int) {
	// The other half becomes a default blank, as tmux does.
	c := cells[x]
	if c.Width == 0 && x > 0 {
		cells[x-1] = blankCell
	} else if c.Width == 2 && x+1 < len(cells) {
		cells[x+1] = blankCell
	}
}

// fixRangeEdges blanks the wide characters that straddle an edge of cells
// [x0, x1), both halves: an operation on the range (a copy, a shift) must
// neither leave nor carry half of one.
func fixRangeEdges(cells []Cell, x0, x1 int) {
	fixEdge(cells, x0)
	fixEdge(cells, x1)
}

// fixEdge blanks a wide character split by an edge before cells[x].
func fixEdge(cells []Cell, x int) {
	if x > 0 && x < len(cells) && cells[x].Width == 0 {
		cells[x-1], cells[x] = blankCell, blankCell
	}
}

// eraseCells blanks cells [x0, x1) of a line.
func eraseCells(cells []Cell, x0, x1 int, sid StyleID) {
	if x0 < 0 {
		x0 = 0
	}
	if x1 > len(cells) {
		x1 = len(cells)
	}
	if x0 >= x1 {
		return
	}
	fixRangeEdges(cells, x0, x1)
	fillCells(cells[x0:x1], sid)
}

// sanitizeLine blanks orphan halves anywhere in the line: a continuation
// without a wide start to its left, or a wide start without its right half.
func sanitizeLine(cells []Cell) {
	for x := 0; x < len(cells); x++ {
		switch cells[x].Width {
		case 0:
			cells[x] = blankCell
		case 2:
			if x+1 >= len(cells) || cells[x+1].Width != 0 {
				cells[x] = blankCell
			} else {
				x++
			}
		}
	}
}
