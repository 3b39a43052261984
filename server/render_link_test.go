package server

import (
	"fmt"
	"testing"

	"github.com/gmux/gmux/vt"
)

// oneWindowView is a server with one session, one window and one pane of
// cols x rows, and a client of cols x rows+1 (the status line) on it.
func oneWindowView(cols, rows int) (*Server, *Client, *Pane) {
	s := &Server{clients: map[*Client]struct{}{}, options: newOptions()}
	sess := &Session{name: "t", options: map[string]string{}, cols: cols, rows: rows}
	w := &Window{session: sess, cols: cols, rows: rows, name: "sh"}
	sess.windows, sess.current = []*Window{w}, w
	p := &Pane{id: 1, window: w, cols: cols, rows: rows}
	p.term = vt.New(cols, rows, p.termOptions(2000))
	w.panes, w.active = []*Pane{p}, p
	c := &Client{s: s, session: sess, cols: cols, rows: rows + 1, keyTable: "root", wake: make(chan struct{}, 1)}
	return s, c, p
}

// fullRender is what a newly attached client of c's size would be sent.
func fullRender(t *testing.T, s *Server, c *Client) *screenModel {
	t.Helper()
	fresh := &Client{s: s, session: c.session, cols: c.cols, rows: c.rows, keyTable: "root", message: c.message, wake: make(chan struct{}, 1)}
	m := newScreenModel(c.cols, c.rows)
	frame, _ := s.renderClient(fresh, nil, true)
	m.apply(t, frame)
	return m
}

func TestRenderSendsHyperlinks(t *testing.T) {
	s, c, p := oneWindowView(20, 3)
	p.term.Write([]byte("see \x1b]8;id=x;https://example.com/a\x1b\\\x1b[1mhere\x1b]8;;\x1b\\ now\r\n" +
		"\x1b]8;;https://example.com/b\x07two\x1b]8;;\x07"))
	m := fullRender(t, s, c)
	for _, tc := range []struct {
		row, col int
		text     string
		link     string
	}{
		{0, 0, "s", ""},
		{0, 3, "", ""},
		{0, 4, "h", "https://example.com/a"},
		{0, 7, "e", "https://example.com/a"},
		{0, 8, "", ""},
		{0, 9, "n", ""},
		{1, 0, "t", "https://example.com/b"},
		{1, 2, "o", "https://example.com/b"},
		{1, 3, "", ""},
	} {
		got := m.cells[tc.row*m.cols+tc.col]
		if got.text != tc.text || got.link != tc.link {
			t.Errorf("cell %d,%d = %q link %q, want %q link %q", tc.row, tc.col, got.text, got.link, tc.text, tc.link)
		}
	}
}

// TestRenderHyperlinkTableRestarts fills screen after screen of one pane
// with distinct URLs, past linkLimit, while another pane's link never
// changes: the client's link numbers start afresh, and what it was sent
// must still match a full render, even when the unchanged pane then takes
// the URL that now has its old number. (Panes apart, because a pane's
// own table forgets its oldest links past its limit.)
func TestRenderHyperlinkTableRestarts(t *testing.T) {
	s, c, top := oneWindowView(16, 10)
	top.rows = 1
	top.term.Resize(16, 1)
	w := top.window
	flood := &Pane{id: 2, window: w, y: 2, cols: 16, rows: 8, term: vt.New(16, 8, vt.Options{})}
	w.panes = append(w.panes, flood)
	model := newScreenModel(c.cols, c.rows)
	check := func(step int) {
		t.Helper()
		frame, sent := s.renderClient(c, nil, false)
		if sent {
			model.apply(t, frame)
		}
		want := fullRender(t, s, c)
		for y := 0; y < c.rows; y++ {
			if got, exp := model.row(y), want.row(y); got != exp {
				t.Fatalf("step %d: row %d differs from a full render:\n got %s\nwant %s", step, y, got, exp)
			}
		}
	}
	top.term.Write([]byte("\x1b]8;;https://stable.example\x1b\\X\x1b]8;;\x1b\\"))
	check(-1)
	perScreen := 16 * 8
	n := 0
	step := 0
	for ; n < linkLimit+3*perScreen; step++ {
		flood.term.Write([]byte("\x1b[H"))
		for i := 0; i < perScreen-1; i++ {
			fmt.Fprintf(flood.term, "\x1b]8;;https://example.com/%d\x1b\\%c", n, 'a'+n%26)
			n++
		}
		check(step)
		if len(c.view.links) > linkLimit+perScreen+1 {
			t.Fatalf("step %d: %d links kept, limit %d", step, len(c.view.links), linkLimit)
		}
	}
	fmt.Fprintf(top.term, "\x1b[H\x1b]8;;%s\x1b\\X\x1b]8;;\x1b\\", c.view.links[1])
	check(step)
}
