package vt

import (
	"strings"
	"testing"
)

// screenLines returns the visible screen as text, trailing blanks trimmed.
func screenLines(t *Terminal) []string {
	cols, rows := t.Size()
	out := make([]string, rows)
	var b []byte
	for y := 0; y < rows; y++ {
		b = b[:0]
		for x := 0; x < cols; x++ {
			b = t.AppendCellText(b, t.Cell(x, y))
		}
		out[y] = strings.TrimRight(string(b), " ")
	}
	return out
}

// checkInvariants fails if the grid is malformed.
func checkInvariants(tb testing.TB, t *Terminal) {
	tb.Helper()
	cols, rows := t.Size()
	c := t.Cursor()
	if c.Col < 0 || c.Col >= cols || c.Row < 0 || c.Row >= rows {
		tb.Fatalf("cursor %d,%d outside %dx%d", c.Col, c.Row, cols, rows)
	}
	if t.HistoryLen() > t.histLim {
		tb.Fatalf("history %d > limit %d", t.HistoryLen(), t.histLim)
	}
	for _, s := range []*screen{t.main, t.alt} {
		if s == nil {
			continue
		}
		if s.cols != cols || len(s.lines) != rows && s == t.scr {
			tb.Fatalf("screen is %dx%d, terminal %dx%d", s.cols, len(s.lines), cols, rows)
		}
		for y, l := range s.lines {
			if l.cells != nil && len(l.cells) != s.cols {
				tb.Fatalf("line %d stores %d cells, want %d or none", y, len(l.cells), s.cols)
			}
			if !l.tailDirty && l.cells != nil && !lineBlank(l.cells[min(l.used, len(l.cells)):]) {
				tb.Fatalf("line %d: cells past used=%d are not blank, but tailDirty is unset", y, l.used)
			}
		}
	}
	var cells []Cell
	for y := -t.HistoryLen(); y < rows; y++ {
		cells, _ = t.LineCells(y, cells[:0])
		if len(cells) != cols {
			tb.Fatalf("line %d has %d cells, want %d", y, len(cells), cols)
		}
		for x := 0; x < cols; x++ {
			switch cells[x].Width {
			case 0:
				tb.Fatalf("line %d col %d: orphan continuation", y, x)
			case 1:
			case 2:
				if x+1 >= cols || cells[x+1].Width != 0 {
					tb.Fatalf("line %d col %d: wide char without right half", y, x)
				}
				x++
			default:
				tb.Fatalf("line %d col %d: width %d", y, x, cells[x].Width)
			}
		}
	}
}
