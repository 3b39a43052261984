package server

import (
	"testing"

	"github.com/gmux/gmux/proto"
)

// TestAppendRowRunsWideCells covers the cases where a changed right half
// of a wide character sits beside an unchanged left half; it once looped
// forever. Every combination must end and redraw the row correctly.
func TestAppendRowRunsWideCells(t *testing.T) {
	wide := screenCell{r: '世', w: 2}
	cont := screenCell{w: 0}
	a := screenCell{r: 'a', w: 1}
	red := screenCell{r: 'a', w: 1, st: proto.Style{Fg: 1<<24 | 1}}
	rows := map[string][]screenCell{
		"wide":        {wide, cont, a, a},
		"wide-styled": {wide, {w: 0, st: red.st}, a, a},
		"orphan":      {cont, a, a, a},
		"ascii":       {a, a, a, a},
		"red":         {red, a, red, a},
		"wide-end":    {a, a, wide, cont},
	}
	for pn, prev := range rows {
		for nn, next := range rows {
			for _, full := range []bool{false, true} {
				st := &renderState{cols: 4, rows: 1, prev: append([]screenCell(nil), prev...), next: append([]screenCell(nil), next...)}
				buf := proto.AppendDrawHeader(nil, 0, proto.Cursor{})
				buf = st.appendRowRuns(buf, 0, full)
				got := append([]screenCell(nil), prev...)
				err := eachDrawnCell(buf, func(_, x int, text []byte, w uint8, st proto.Style, _ []byte) {
					r := rune(0)
					if len(text) > 0 {
						r = []rune(string(text))[0]
					}
					got[x] = screenCell{r: r, w: w, st: st}
					if w == 2 {
						got[x+1] = screenCell{w: 0, st: st}
					}
				})
				if err != nil {
					t.Fatalf("%s->%s: %v", pn, nn, err)
				}
				// Orphan right halves are shown as blanks.
				norm := func(row []screenCell, i int) screenCell {
					if row[i].w == 0 && (i == 0 || row[i-1].w != 2) {
						return screenCell{w: 1, st: row[i].st}
					}
					return row[i]
				}
				for i := range next {
					want := norm(next, i)
					if want.w == 0 {
						continue // drawn by its left half
					}
					if norm(got, i) != want {
						t.Errorf("%s->%s full=%v: cell %d = %+v, want %+v", pn, nn, full, i, got[i], want)
					}
				}
			}
		}
	}
}

// eachDrawnCell calls fn for every cell of Draw payload p, at the column
// the cell starts in, as a client applies them.
func eachDrawnCell(p []byte, fn func(row, col int, text []byte, width uint8, st proto.Style, link []byte)) error {
	_, _, dd, err := proto.DecodeDraw(p)
	if err != nil {
		return err
	}
	for {
		run, ok := dd.NextRun()
		if !ok {
			return dd.Err()
		}
		col := int(run.Col)
		for {
			text, width, ok := dd.NextCell()
			if !ok {
				break
			}
			fn(int(run.Row), col, text, width, run.Style, run.Link)
			col += max(int(width), 1)
		}
	}
}
