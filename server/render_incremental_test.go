package server

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/vt"
)

// modelCell is one cell of a client screen rebuilt from Draw frames.
type modelCell struct {
	text  string
	width uint8
	style proto.Style
	link  string
}

type screenModel struct {
	cols, rows int
	cells      []modelCell
}

func newScreenModel(cols, rows int) *screenModel {
	return &screenModel{cols: cols, rows: rows, cells: make([]modelCell, cols*rows)}
}

// apply applies a Draw frame (with its frame header) as a client would.
func (m *screenModel) apply(t *testing.T, frame []byte) {
	t.Helper()
	fr := proto.NewReader(strings.NewReader(string(frame)))
	typ, payload, err := fr.Next()
	if err != nil || typ != proto.TypeDraw {
		t.Fatalf("frame: type %d, %v", typ, err)
	}
	if flags, _, _, err := proto.DecodeDraw(payload); err == nil && flags&proto.DrawClear != 0 {
		clear(m.cells)
	}
	err = eachDrawnCell(payload, func(row, x int, text []byte, width uint8, st proto.Style, link []byte) {
		if x < m.cols {
			m.cells[row*m.cols+x] = modelCell{string(text), width, st, string(link)}
		}
		if width == 2 && x+1 < m.cols {
			// A terminal covers the next cell with the right half.
			m.cells[row*m.cols+x+1] = modelCell{"", 0, st, string(link)}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (m *screenModel) row(y int) string {
	var b strings.Builder
	for _, c := range m.cells[y*m.cols : (y+1)*m.cols] {
		fmt.Fprintf(&b, "%q/%d/%x/%q ", c.text, c.width, c.style, c.link)
	}
	return b.String()
}

// TestIncrementalRenderMatchesFullRender drives a window through random
// output, splits, zooms, focus changes and resizes, and checks after each
// step that the screen the frames build equals a fresh full render.
func TestIncrementalRenderMatchesFullRender(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { checkIncrementalRender(t, seed) })
	}
}

func checkIncrementalRender(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, seed))
	s := &Server{clients: map[*Client]struct{}{}, options: newOptions()}
	// No clock in the status line: an incremental frame shows the time of
	// the last status tick, a full render the time now.
	sess := &Session{name: "t", options: map[string]string{"status-right": "#{pane_title} #{pane_current_path}"}, cols: 30, rows: 9}
	w := &Window{session: sess, cols: 30, rows: 9, name: "sh"}
	sess.windows, sess.current = []*Window{w}, w
	mkPane := func(id, x, y, cols, rows int) *Pane {
		return &Pane{id: id, window: w, x: x, y: y, cols: cols, rows: rows, term: vt.New(cols, rows, vt.Options{})}
	}
	a := mkPane(1, 0, 0, 30, 9)
	w.panes, w.active = []*Pane{a}, a
	c := &Client{s: s, session: sess, cols: 30, rows: 10, keyTable: "root", wake: make(chan struct{}, 1)}
	model := newScreenModel(c.cols, c.rows)

	outputs := []string{
		"hello ", "\r\n", "\x1b[31mred\x1b[m", "\x1b[2J\x1b[H", "世界", "e\u0301", "\x1b[7mrev\x1b[m",
		"\x1b[5;3Hx", "\x1b[K", "\x1b[1L", "\x1b[2M", "\x1b[?1049h", "\x1b[?1049l", "\x1b[3;5r\x1b[4;1H\n\n\x1b[r",
		strings.Repeat("wrap", 12), "\x1b[38;2;1;2;3mrgb\x1b[m", "\x1b]2;retitled\x07", "\x1b]2;again\x1b\\", "\x1b]7;file://host/tmp\x07", "\x1b]7;file://host/srv\x07",
		"\x1b]8;;https://a.example\x1b\\link\x1b]8;;\x1b\\", "\x1b]8;id=2;https://b.example\x07\x1b[1mbold link\x1b]8;;\x07\x1b[m",
	}
	for step := 0; step < 300; step++ {
		switch k := r.IntN(21); {
		case k < 12:
			p := w.panes[r.IntN(len(w.panes))]
			p.term.Write([]byte(outputs[r.IntN(len(outputs))]))
		case k == 12 && len(w.panes) == 1:
			// Split side by side.
			a.cols = 15
			a.term.Resize(15, a.rows)
			b := mkPane(2, 16, 0, 14, a.rows)
			b.term.Write([]byte("right pane"))
			w.panes = append(w.panes, b)
		case k == 13 && len(w.panes) == 2:
			w.panes = w.panes[:1]
			w.active = a
			w.zoomed = false
			a.cols = 30
			a.term.Resize(30, a.rows)
		case k == 14:
			w.active = w.panes[r.IntN(len(w.panes))]
		case k == 15 && len(w.panes) == 2:
			w.zoomed = !w.zoomed
		case k == 16:
			// A burst of new colours compacts the style table.
			for i := 0; i < 2*styleTableLimitForTest; i++ {
				fmt.Fprintf(a.term, "\x1b[38;2;%d;%d;%dmc", i&255, i>>8&255, r.IntN(256))
			}
		case k == 17:
			c.cols, c.rows = 25+r.IntN(10), 6+r.IntN(6)
			model = newScreenModel(c.cols, c.rows)
			c.view = renderState{} // a resized client gets a full frame
		case k == 18:
			c.message = fmt.Sprintf("message %d", step)
		case k == 19 && len(w.panes) == 2:
			// Move the divider.
			b := w.panes[1]
			a.cols = 8 + r.IntN(14)
			a.term.Resize(a.cols, a.rows)
			b.x, b.cols = a.cols+1, 30-a.cols-1
			b.term.Resize(b.cols, b.rows)
		default:
			c.message = ""
		}
		frame, sent := s.renderClient(c, nil, false)
		if sent {
			model.apply(t, frame)
		}
		fresh := &Client{s: s, session: sess, cols: c.cols, rows: c.rows, keyTable: "root", message: c.message, wake: make(chan struct{}, 1)}
		want := newScreenModel(c.cols, c.rows)
		full, _ := s.renderClient(fresh, nil, true)
		want.apply(t, full)
		for y := 0; y < c.rows; y++ {
			if got, exp := model.row(y), want.row(y); got != exp {
				t.Fatalf("step %d: row %d differs from a full render:\n got %s\nwant %s", step, y, got, exp)
			}
		}
	}
}

// styleTableLimitForTest is enough new styles to force a compaction.
const styleTableLimitForTest = 1 << 12
