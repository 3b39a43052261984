package server

import (
	"strconv"
	"testing"
	"time"

	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/vt"
)

// newTestPane is a pane without a program: no PTY, just a terminal.
func newTestPane(id, cols, rows int) *Pane {
	return &Pane{id: id, cols: cols, rows: rows, term: vt.New(cols, rows, vt.Options{})}
}

// formatFixture is session "project-x" ($4) with window 2 "editor" (@5,
// current) holding panes %6 and %7 (%7 active), and window 3 "logs" (@8,
// last).
func formatFixture(t *testing.T) (*Server, formatCtx) {
	t.Helper()
	s := &Server{options: newOptions(), clients: map[*Client]struct{}{}, started: time.Unix(1_700_000_000, 0)}
	sess := &Session{id: 4, name: "project-x", created: time.Unix(1_700_000_123, 0), cols: 80, rows: 24}
	w := &Window{id: 5, name: "editor", session: sess, cols: 80, rows: 24}
	w2 := &Window{id: 8, index: 3, name: "logs", session: sess, cols: 80, rows: 24}
	sess.insertWindow(w, 2)
	sess.insertWindow(w2, 3)
	sess.current, sess.last = w, w2
	p6, p7 := newTestPane(6, 40, 24), newTestPane(7, 39, 24)
	p7.x = 41
	for _, p := range []*Pane{p6, p7} {
		p.window = w
		w.panes = append(w.panes, p)
	}
	w.active = p7
	w2.panes = []*Pane{newTestPane(9, 80, 24)}
	w2.panes[0].window = w2
	w2.active = w2.panes[0]
	s.sessions = []*Session{sess}
	return s, formatCtx{s: s, sess: sess, win: w, pane: p7}
}

func TestFormatExpand(t *testing.T) {
	_, f := formatFixture(t)
	_, _ = f.pane.term.Write([]byte("\x1b]2;my title\x07ab"))
	tests := []struct{ in, want string }{
		{"", ""},
		{"no hash here", "no hash here"},
		{"#{session_name}", "project-x"},
		{"[#{session_name}] ", "[project-x] "},
		{"#S:#I.#P #W", "project-x:2.1 editor"},
		{"#D #T", "%7 my title"},
		{"#F", "*"},
		{"##", "#"},
		{"###S", "#project-x"},
		{"##{session_name}", "#{session_name}"},
		{"100%#", "100%#"},
		{"#Z#", "#Z#"},
		{"#{session_id} #{window_id} #{pane_id}", "$4 @5 %7"},
		{"#{session_windows} #{window_panes}", "2 2"},
		{"#{window_index}:#{window_name}", "2:editor"},
		{"#{window_active}#{window_last_flag}#{window_zoomed_flag}", "100"},
		{"#{pane_index} #{pane_active} #{pane_dead} #{pane_in_mode}", "1 1 0 0"},
		{"#{pane_width}x#{pane_height}+#{pane_left}+#{pane_top}", "39x24+41+0"},
		{"#{window_width}x#{window_height}", "80x24"},
		{"#{session_width}x#{session_height}", "80x24"},
		{"#{cursor_x},#{cursor_y}", "2,0"},
		{"#{pane_title}", "my title"},
		{"#{history_limit}", "2000"},
		{"#{session_attached}", "0"},
		{"#{version}", proto.Release},
		{"#{start_time}", "1700000000"},
		{"#{session_created}", "1700000123"},
		// No client: client variables are empty.
		{"[#{client_width}#{client_session}]", "[]"},
		// Unknown variables are empty.
		{"a#{nosuch}b", "ab"},
		{"#{}", ""},
		// Conditionals.
		{"#{?window_active,yes,no}", "yes"},
		{"#{?window_zoomed_flag,Z,-}", "-"},
		{"#{?window_zoomed_flag,Z}", ""},
		{"#{?nosuch,a,b}", "b"},
		{"#{?session_name,[#{session_name}],none}", "[project-x]"},
		{"#{?pane_dead,dead,#{pane_id}/#{window_id}}", "%7/@5"},
		{"#{?pane_active,#{?window_zoomed_flag,zoomed,active},idle}", "active"},
		{"#{?#{==:#{session_name},project-x},match,nomatch}", "match"},
		{"#{?#{==:#{session_name},work},match,nomatch}", "nomatch"},
		{"#{?#{pane_id},has,none}", "has"},
		{"#{?window_active,#[fg=red]on,off}", "#[fg=red]on"},
		{"x#{?,a,b}y", "xby"},
		// Comparisons.
		{"#{==:a,b}", "0"},
		{"#{==:a,a}", "1"},
		{"#{!=:a,b}", "1"},
		{"#{!=:a,a}", "0"},
		{"#{==:#{session_name},project-x}", "1"},
		{"#{==:#{window_index},#{window_index}}", "1"},
		{"#{==:a,b,c}", ""},
		// Truncation.
		{"#{=5:session_name}", "proje"},
		{"#{=-3:session_name}", "t-x"},
		{"#{=20:session_name}", "project-x"},
		{"#{=-20:session_name}", "project-x"},
		{"#{=0:session_name}", ""},
		{"#{=3:#{session_name}}", "pro"},
		{"#{=x:session_name}", ""},
		{"#{=21:pane_title}", "my title"},
		// Time.
		{"#{t:session_created}", time.Unix(1_700_000_123, 0).Format("Mon Jan _2 15:04:05 2006")},
		{"#{t:nosuch}", ""},
		{"#{t:session_name}", ""},
		// Unterminated #{ stays as it is.
		{"#{session_name", "#{session_name"},
		{"a #S #{?window_active,x", "a project-x #{?window_active,x"},
		{"#", "#"},
		{"a#", "a#"},
	}
	for _, tt := range tests {
		if got := f.expand(tt.in); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Regression (fixed): tmux lets "#," stand for a literal comma (and "#}" for a brace)
// inside #{?...} and #{==:...}; splitTopLevel splits at the comma after
// "#", so the branch is cut short.
func TestFormatEscapedComma(t *testing.T) {
	_, f := formatFixture(t)
	tests := []struct{ in, want string }{
		{"#{?window_active,a#,b,c}", "a,b"},
		{"#{==:a#,b,a#,b}", "1"},
	}
	for _, tt := range tests {
		if got := f.expand(tt.in); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatOtherWindow(t *testing.T) {
	s, f := formatFixture(t)
	w2 := f.sess.windows[1]
	g := formatCtx{s: s, sess: f.sess, win: w2, pane: w2.active}
	tests := []struct{ in, want string }{
		{"#I:#W#F", "3:logs-"},
		{"#{window_active}#{window_last_flag}", "01"},
		{"#{pane_index}", "0"},
	}
	for _, tt := range tests {
		if got := g.expand(tt.in); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Without a session, window or pane, their variables are empty.
	empty := formatCtx{s: s}
	if got := empty.expand("[#S#I#P#W#{pane_title}]"); got != "[]" {
		t.Errorf("empty context: %q", got)
	}
	// A client fills in the client variables.
	c := &Client{id: 3, cols: 120, rows: 40, keyTable: "prefix", term: "xterm", session: f.sess}
	s.clients[c] = struct{}{}
	h := formatCtx{s: s, sess: f.sess, client: c}
	want := "120x40 prefix 1 xterm project-x client-3 1"
	if got := h.expand("#{client_width}x#{client_height} #{client_key_table} #{client_prefix} #{client_termname} #{client_session} #{client_name} #{session_attached}"); got != want {
		t.Errorf("client variables = %q, want %q", got, want)
	}
}

func TestStrftime(t *testing.T) {
	tm := time.Date(2026, time.March, 7, 9, 5, 3, 0, time.UTC)
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"%H:%M %d-%b-%y", "09:05 07-Mar-26"},
		{"%Y-%m-%d %H:%M:%S", "2026-03-07 09:05:03"},
		{"%e|%h|%B", " 7|Mar|March"},
		{"%a %A", "Sat Saturday"},
		{"%I %l %p", "09 9 AM"},
		{"%Z %z", "UTC +0000"},
		{"%s", strconv.FormatInt(tm.Unix(), 10)},
		{"%%", "%"},
		{"100%%", "100%"},
		{"%%H", "%H"},
		{"%Q %k", "%Q %k"},
		{"50%", "50%"},
		{"%", "%"},
		{"#[fg=red]%H#S", "#[fg=red]09#S"},
	}
	for _, tt := range tests {
		if got := strftime(tt.in, tm); got != tt.want {
			t.Errorf("strftime(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncateWidth(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"hello", 3, "hel"},
		{"hello", -3, "llo"},
		{"hello", 5, "hello"},
		{"hello", -5, "hello"},
		{"hi", 5, "hi"},
		{"hi", -5, "hi"},
		{"hello", 0, ""},
		{"", 3, ""},
		{"", -3, ""},
		{"héllo", 2, "hé"},
		{"héllo", -4, "éllo"},
		{"🙂🙂🙂", 1, "🙂"},
	}
	for _, tt := range tests {
		if got := truncateWidth(tt.in, tt.n); got != tt.want {
			t.Errorf("truncateWidth(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
