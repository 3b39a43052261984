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
				_, _, dd, err := proto.DecodeDraw(buf)
				if err != nil {
					t.Fatalf("%s->%s: %v", pn, nn, err)
				}
				got := append([]screenCell(nil), prev...)
				for {
					run, ok := dd.NextRun()
					if !ok {
						break
					}
					x := int(run.Col)
					for {
						text, w, ok := dd.NextCell()
						if !ok {
							break
						}
						r := rune(0)
						if len(text) > 0 {
							r = []rune(string(text))[0]
						}
						got[x] = screenCell{r: r, w: w, st: run.Style}
						if w == 2 {
							got[x+1] = screenCell{w: 0, st: run.Style}
						}
						x += int(max(w, 1))
					}
				}
				if dd.Err() != nil {
					t.Fatalf("%s->%s: %v", pn, nn, dd.Err())
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
