package vt

import (
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// maxRune is the largest Unicode code point; Cell.Rune values above it index
// the cluster table.
const maxRune = utf8.MaxRune

// widthCond measures characters as xterm and tmux do in a non-CJK locale.
var widthCond = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

func runeWidth(r rune) int {
	if r < 0x300 {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return 0
		}
		return 1
	}
	return widthCond.RuneWidth(r)
}

func appendUTF8(dst []byte, r rune) []byte { return utf8.AppendRune(dst, r) }

// decGraphics maps 0x5f..0x7e in the DEC Special Graphics set to Unicode.
var decGraphics = [32]rune{
	0x00a0, 0x25c6, 0x2592, 0x2409, 0x240c, 0x240d, 0x240a, 0x00b0,
	0x00b1, 0x2424, 0x240b, 0x2518, 0x2510, 0x250c, 0x2514, 0x253c,
	0x23ba, 0x23bb, 0x2500, 0x23bc, 0x23bd, 0x251c, 0x2524, 0x2534,
	0x252c, 0x2502, 0x2264, 0x2265, 0x03c0, 0x2260, 0x00a3, 0x00b7,
}

// rightEdge is the last column the cursor may print to.
func (t *Terminal) rightEdge() int {
	if t.lrMode && t.cur.x <= t.right {
		return t.right
	}
	return t.cols - 1
}

func (t *Terminal) leftEdge() int {
	if t.lrMode && t.cur.x >= t.left {
		return t.left
	}
	return 0
}

// wrap moves to the start of the next line after an autowrap, marking the
// current line as wrapped into the next.
func (t *Terminal) wrap() {
	t.cur.pending = false
	// A line that wraps has its cells, even if none was written (a wide
	// character wrapping early): history and reflow take its width
	// from them.
	t.scr.cells(t.cur.y)
	t.scr.lines[t.cur.y].wrapped = true
	t.cur.x = t.leftEdge()
	t.index()
}

// printASCII prints a run of printable ASCII bytes (0x20..0x7e).
func (t *Terminal) printASCII(s []byte) {
	t.changed()
	if t.modes&ModeInsert != 0 || t.lrMode || t.cur.g[t.cur.gl] != charsetASCII {
		for _, b := range s {
			t.printRune(rune(b))
		}
		return
	}
	t.lastRune = rune(s[len(s)-1])
	t.lastValid = true
	last := t.cols - 1
	autowrap := t.modes&ModeAutowrap != 0
	x := t.cur.x
	for i := 0; i < len(s); {
		if t.cur.pending {
			if autowrap {
				t.cur.x = x
				t.wrap()
				x = t.cur.x
			} else {
				t.cur.pending = false
			}
		}
		// One line at a time, taking the cursor's style after any wrap:
		// the wrap's scroll may have compacted the style table.
		sid := t.curSID()
		t.scr.touch(t.cur.y)
		cells := t.scr.cells(t.cur.y)
		n := min(len(s)-i, last-x+1)
		row := cells[x : x+n]
		if row[0].Width != 1 {
			fixWideAt(cells, x)
		}
		if x+n < len(cells) && cells[x+n].Width == 0 {
			// The run ends on the left half of a wide character.
			cells[x+n] = blankCell
		}
		storeASCII(row, s[i:i+n], sid)
		if l := &t.scr.lines[t.cur.y]; l.used < x+n {
			l.used = x + n
		}
		i += n
		x += n
		if x > last {
			x = last
			if autowrap {
				t.cur.pending = true
			}
		}
	}
	t.cur.x = x
}

// storeASCII fills row with the characters of s in style sid. It is kept
// out of printASCII so that the loop gets registers to itself: inlined,
// it spilled to the stack on every cell.
//
//go:noinline
func storeASCII(row []Cell, s []byte, sid StyleID) {
	row = row[:len(s)]
	for j, b := range s {
		row[j] = Cell{Rune: rune(b), Style: sid, Width: 1}
	}
}

// printRune prints one character through the charset, joining zero-width
// characters to the previous cell's cluster.
func (t *Terminal) printRune(r rune) {
	t.changed()
	switch t.cur.g[t.cur.gl] {
	case charsetDECGraphics:
		if r >= 0x5f && r <= 0x7e {
			r = decGraphics[r-0x5f]
		}
	case charsetUK:
		if r == '#' {
			r = 0xa3
		}
	}
	if r >= 0x80 && r <= 0x9f {
		// A C1 control encoded as UTF-8 is not text; kept in a cell it
		// would reach the user's terminal when the screen is drawn.
		return
	}
	w := runeWidth(r)
	if w == 0 {
		t.combine(r)
		return
	}
	if w == 2 && t.joinsZWJ() {
		t.combine(r)
		return
	}
	t.lastRune = r
	t.lastValid = true
	t.putChar(r, w)
}

// putChar places a character of width w at the cursor and advances.
func (t *Terminal) putChar(r rune, w int) {
	autowrap := t.modes&ModeAutowrap != 0
	if t.cur.pending {
		if autowrap {
			t.wrap()
		} else {
			t.cur.pending = false
		}
	}
	right := t.rightEdge()
	left := t.leftEdge()
	if w > right-left+1 {
		return // cannot fit at all
	}
	if t.cur.x+w-1 > right {
		if !autowrap {
			return
		}
		// A wide character at the right margin wraps early.
		t.wrap()
		right = t.rightEdge()
	}
	sid := t.curSID()
	x := t.cur.x
	cells := t.scr.rowKeepingTail(t.cur.y)
	l := &t.scr.lines[t.cur.y]
	if t.modes&ModeInsert != 0 {
		insertCells(cells, x, right+1, w, sid)
		l.used = max(l.used, right+1)
	}
	l.used = max(l.used, x+w)
	fixWideAt(cells, x)
	if w == 2 {
		fixWideAt(cells, x+1)
		cells[x] = Cell{Rune: r, Style: sid, Width: 2}
		cells[x+1] = Cell{Style: sid, Width: 0}
	} else {
		cells[x] = Cell{Rune: r, Style: sid, Width: 1}
	}
	x += w
	if x > right {
		x = right
		if autowrap {
			t.cur.pending = true
		}
	}
	t.cur.x = x
}

// prevCell returns the position of the cell the last character went into,
// or ok=false.
func (t *Terminal) prevCell() (x int, ok bool) {
	x, y := t.cur.x, t.cur.y
	if !t.cur.pending {
		if x == 0 {
			return 0, false
		}
		x--
	}
	if t.scr.cell(x, y).Width == 0 && x > 0 {
		x--
	}
	if t.scr.cell(x, y).Rune == 0 {
		return 0, false
	}
	return x, true
}

// joinsZWJ reports whether the previous cell's cluster ends with a zero
// width joiner, so that the next emoji belongs to it.
func (t *Terminal) joinsZWJ() bool {
	x, ok := t.prevCell()
	if !ok {
		return false
	}
	r := t.scr.cell(x, t.cur.y).Rune
	if r <= maxRune {
		return false
	}
	s := t.clusters.get(r)
	return len(s) >= 3 && s[len(s)-3:] == "\u200d"
}

// combine appends r to the previous cell's grapheme cluster.
func (t *Terminal) combine(r rune) {
	x, ok := t.prevCell()
	if !ok {
		return
	}
	c := &t.scr.rowKeepingTail(t.cur.y)[x]
	buf := t.scratch[:0]
	buf = t.appendRune(buf, c.Rune)
	if len(buf)+utf8.RuneLen(r) > maxClusterBytes {
		t.scratch = buf
		return
	}
	buf = appendUTF8(buf, r)
	t.scratch = buf
	c.Rune = t.internCluster(buf)
}

// insertCells shifts row's cells [x, end) right by n, blanking the gap;
// what passes end is lost. A wide character across either edge of the
// range, or pushed half out of it, is blanked rather than split.
func insertCells(row []Cell, x, end, n int, sid StyleID) {
	if x >= end {
		return
	}
	n = min(n, end-x)
	fixRangeEdges(row, x, end)
	copy(row[x+n:end], row[x:end])
	fillCells(row[x:x+n], sid)
	if row[end-1].Width == 2 {
		row[end-1] = blankCell
	}
}

// deleteCells removes n cells at x from row's cells [x, end), shifting the
// rest left and blanking the end. A wide character across an edge of the
// range or of the deleted cells is blanked rather than split.
func deleteCells(row []Cell, x, end, n int, sid StyleID) {
	if x >= end {
		return
	}
	n = min(n, end-x)
	fixRangeEdges(row, x, end)
	fixEdge(row, x+n)
	copy(row[x:end], row[x+n:end])
	fillCells(row[end-n:end], sid)
}

func decodeRune(b []byte) (rune, int) { return utf8.DecodeRune(b) }
