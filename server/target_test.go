package server

import (
	"strconv"
	"testing"
	"time"
)

// targetFixture builds sessions bot ($1), bob ($2) and work ($3), in that
// order, work being the most recently active. Each has windows 0, 1 and 3:
//
//	bot:  0 shell @1, 1 editor @2 (current), 3 logs @3; last 0
//	bob:  0 mail @4 (current), 1 irc @5, 3 music @6; no last
//	work: 0 build @7, 1 test @8, 3 deploy @9 (current); last 1
//
// Window @N has one pane %N0, except @2 with %20, %21 (active), %22.
func targetFixture() *Server {
	s := &Server{cmdTable: commandTable(), options: newOptions(), clients: map[*Client]struct{}{}}
	t0 := time.Unix(1_700_000_000, 0)
	spec := []struct {
		name    string
		windows []string
		current int
		last    int // -1: none
	}{
		{"bot", []string{"shell", "editor", "logs"}, 1, 0},
		{"bob", []string{"mail", "irc", "music"}, 0, -1},
		{"work", []string{"build", "test", "deploy"}, 3, 1},
	}
	wid := 0
	for i, sp := range spec {
		sess := &Session{id: i + 1, name: sp.name, activity: t0.Add(time.Duration(i) * time.Minute), cols: 80, rows: 24}
		for j, name := range sp.windows {
			wid++
			w := &Window{id: wid, name: name, cols: 80, rows: 24}
			n := 1
			if wid == 2 {
				n = 3
			}
			for k := 0; k < n; k++ {
				p := &Pane{id: wid*10 + k, window: w, cols: 80, rows: 24}
				w.panes = append(w.panes, p)
			}
			w.active = w.panes[n/2]
			sess.insertWindow(w, []int{0, 1, 3}[j])
		}
		sess.current = sess.windowByIndex(sp.current)
		if sp.last >= 0 {
			sess.last = sess.windowByIndex(sp.last)
		}
		s.sessions = append(s.sessions, sess)
	}
	return s
}

func paneByID(s *Server, id int) *Pane { return s.lookupPaneID("%" + strconv.Itoa(id)) }

func TestResolveSession(t *testing.T) {
	s := targetFixture()
	tests := []struct{ target, want, err string }{
		{target: "bot", want: "bot"},
		{target: "bob", want: "bob"},
		{target: "work", want: "work"},
		{target: "wo", want: "work"},
		{target: "w", want: "work"},
		{target: "bo", err: "can't find session: bo"},
		{target: "b", err: "can't find session: b"},
		{target: "=bot", want: "bot"},
		{target: "=wo", err: "can't find session: =wo"},
		{target: "$2", want: "bob"},
		{target: "$3", want: "work"},
		{target: "$9", err: "can't find session: $9"},
		{target: "$x", err: "can't find session: $x"},
		{target: "%20", want: "bot"},
		{target: "%50", want: "bob"},
		{target: "@5", want: "bob"},
		{target: "@9", want: "work"},
		{target: "bot:1", want: "bot"},
		{target: "bot:1.2", want: "bot"},
		{target: "bob:", want: "bob"},
		{target: "wo:0", want: "work"},
		{target: ":1", want: "work"},
		{target: "", want: "work"},
		{target: "nosuch", err: "can't find session: nosuch"},
		{target: "bo:1", err: "can't find session: bo"},
	}
	for _, tt := range tests {
		sess, err := s.resolveSession(&cmdCtx{}, tt.target)
		checkTarget(t, "resolveSession", tt.target, sessName(sess), err, tt.want, tt.err)
	}
}

func sessName(sess *Session) string {
	if sess == nil {
		return "<nil>"
	}
	return sess.name
}

func winID(w *Window) string {
	if w == nil {
		return "<nil>"
	}
	return "@" + strconv.Itoa(w.id)
}

func paneID(p *Pane) string {
	if p == nil {
		return "<nil>"
	}
	return "%" + strconv.Itoa(p.id)
}

func checkTarget(t *testing.T, fn, target, got string, err error, want, wantErr string) {
	t.Helper()
	switch {
	case wantErr != "" && err == nil:
		t.Errorf("%s(%q) = %s, want error %q", fn, target, got, wantErr)
	case wantErr != "" && err.Error() != wantErr:
		t.Errorf("%s(%q) error %q, want %q", fn, target, err, wantErr)
	case wantErr == "" && err != nil:
		t.Errorf("%s(%q): %v", fn, target, err)
	case wantErr == "" && got != want:
		t.Errorf("%s(%q) = %s, want %s", fn, target, got, want)
	}
}

func TestResolveWindow(t *testing.T) {
	s := targetFixture()
	tests := []struct{ target, want, err string }{
		{target: "bot:0", want: "@1"},
		{target: "bot:1", want: "@2"},
		{target: "bot:3", want: "@3"},
		{target: "bot:editor", want: "@2"},
		{target: "bot:ed", want: "@2"},
		{target: "bot:=editor", want: "@2"},
		{target: "bot:=ed", err: "can't find window: =ed"},
		{target: "bot:=1", want: "@2"},
		{target: "bot:", want: "@2"},
		{target: "bot:+", want: "@3"},
		{target: "bot:-", want: "@1"},
		{target: "bot:+2", want: "@1"},
		{target: "bot:-2", want: "@3"},
		{target: "bot:+x", err: "can't find window: +x"},
		{target: "bot:!", want: "@1"},
		{target: "bot:^", want: "@1"},
		{target: "bot:$", want: "@3"},
		{target: "bob:!", err: "can't find window: !"},
		{target: "bob:mu", want: "@6"},
		{target: "bob:m", err: "can't find window: m"}, // mail or music
		{target: "wo:test", want: "@8"},
		{target: "=work:1", want: "@8"},
		{target: "$2:1", want: "@5"},
		{target: ":1", want: "@8"},
		{target: ":", want: "@9"},
		{target: "", want: "@9"},
		// Bare words: a window of the current session (work), else a session.
		{target: "0", want: "@7"},
		{target: "3", want: "@9"},
		{target: "build", want: "@7"},
		{target: "dep", want: "@9"},
		{target: "+", want: "@7"},
		{target: "-", want: "@8"},
		{target: "!", want: "@8"},
		{target: "^", want: "@7"},
		{target: "$", want: "@9"},
		{target: "bob", want: "@4"},
		{target: "bot", want: "@2"},
		{target: "@5", want: "@5"},
		{target: "%21", want: "@2"},
		{target: "7", err: "can't find window: 7"},
		{target: "bo", err: "can't find window: bo"},
		{target: "bot:7", err: "can't find window: 7"},
		{target: "bot:nosuch", err: "can't find window: nosuch"},
		{target: "nosuch:1", err: "can't find session: nosuch"},
		{target: "bo:1", err: "can't find session: bo"},
	}
	for _, tt := range tests {
		w, err := s.resolveWindow(&cmdCtx{}, tt.target)
		checkTarget(t, "resolveWindow", tt.target, winID(w), err, tt.want, tt.err)
	}
}

func TestResolvePane(t *testing.T) {
	s := targetFixture()
	tests := []struct{ target, want, err string }{
		{target: "bot:1.0", want: "%20"},
		{target: "bot:1.1", want: "%21"},
		{target: "bot:1.2", want: "%22"},
		{target: "bot:1", want: "%21"},
		{target: "bot:editor.0", want: "%20"},
		{target: "bot:.2", want: "%22"},
		{target: "bot:1.+", want: "%22"},
		{target: "bot:1.-", want: "%20"},
		{target: "bot:1.+2", want: "%20"},
		{target: "bot:1.-1", want: "%20"},
		{target: "@2.0", want: "%20"},
		{target: "bot:0.0", want: "%10"},
		{target: "bob:3", want: "%60"},
		{target: "%22", want: "%22"},
		{target: "%60", want: "%60"},
		{target: ".+", want: "%90"},
		{target: ".0", want: "%90"},
		{target: "", want: "%90"},
		{target: "1.0", want: "%80"},
		{target: "bot:1.9", err: "can't find pane: 9"},
		{target: "bot:1.x", err: "can't find pane: x"},
		{target: "bot:1.-x", err: "can't find pane: -x"},
		{target: ".9", err: "can't find pane: 9"},
		{target: "bot:7.0", err: "can't find window: 7"},
		{target: "nosuch:1.0", err: "can't find session: nosuch"},
	}
	for _, tt := range tests {
		p, err := s.resolvePane(&cmdCtx{}, tt.target)
		checkTarget(t, "resolvePane", tt.target, paneID(p), err, tt.want, tt.err)
	}
}

// TestCurrentTarget checks what an empty target means: the attached
// client's session, else the pane the command was run from (GMUX_PANE),
// else the most recently active session.
func TestCurrentTarget(t *testing.T) {
	s := targetFixture()
	bob := s.sessions[1]
	p10 := paneByID(s, 10) // bot:0, not bot's current window
	dead := &Pane{id: 99, window: p10.window, dead: true}
	tests := []struct {
		name                string
		ctx                 *cmdCtx
		sess, pane, rel, bw string
	}{
		{name: "none", ctx: &cmdCtx{}, sess: "work", pane: "%90", rel: "%90", bw: "@8"},
		{name: "curPane", ctx: &cmdCtx{curPane: p10}, sess: "bot", pane: "%10", bw: "@2"},
		{name: "dead curPane", ctx: &cmdCtx{curPane: dead}, sess: "work", pane: "%90", rel: "%90", bw: "@8"},
		{name: "client", ctx: &cmdCtx{client: &Client{session: bob}}, sess: "bob", pane: "%40", rel: "%40", bw: "@5"},
		{name: "client beats curPane", ctx: &cmdCtx{client: &Client{session: bob}, curPane: p10}, sess: "bob", pane: "%40", rel: "%40", bw: "@5"},
		{name: "detached client", ctx: &cmdCtx{client: &Client{}, curPane: p10}, sess: "bot", pane: "%21", rel: "%22", bw: "@2"},
	}
	for _, tt := range tests {
		sess, err := s.resolveSession(tt.ctx, "")
		checkTarget(t, tt.name+": resolveSession", "", sessName(sess), err, tt.sess, "")
		p, err := s.resolvePane(tt.ctx, "")
		checkTarget(t, tt.name+": resolvePane", "", paneID(p), err, tt.pane, "")
		if tt.rel != "" {
			p, err = s.resolvePane(tt.ctx, ".+")
			checkTarget(t, tt.name+": resolvePane", ".+", paneID(p), err, tt.rel, "")
		}
		// A bare window index is looked up in the current session.
		w, err := s.resolveWindow(tt.ctx, "1")
		checkTarget(t, tt.name+": resolveWindow", "1", winID(w), err, tt.bw, "")
	}
}

// Regression (fixed): run from a pane (GMUX_PANE set, no attached client), an empty
// target-window or a relative pane like ".+" should mean the pane's own
// window, as tmux's cmd_find_from_pane makes it. resolveWindow takes the
// session's current window instead, so e.g. "gmux kill-window" or
// "gmux select-pane -t .+" from a script in a background window acts on
// another window.
func TestCurrentTargetFromBackgroundPane(t *testing.T) {
	s := targetFixture()
	p10 := paneByID(s, 10) // bot:0; bot's current window is bot:1 (@2)
	ctx := &cmdCtx{curPane: p10}
	w, err := s.resolveWindow(ctx, "")
	checkTarget(t, "resolveWindow", "", winID(w), err, "@1", "")
	p, err := s.resolvePane(ctx, ".+")
	checkTarget(t, "resolvePane", ".+", paneID(p), err, "%10", "")
}

func TestMostRecentSession(t *testing.T) {
	s := &Server{}
	if got := s.mostRecentSession(); got != nil {
		t.Errorf("no sessions: got %v", got)
	}
	if _, err := s.resolveSession(&cmdCtx{}, ""); err != errNoSessions {
		t.Errorf("resolveSession with no sessions: %v, want %v", err, errNoSessions)
	}
	t0 := time.Unix(1_700_000_000, 0)
	a := &Session{id: 1, name: "a", activity: t0.Add(time.Hour)}
	b := &Session{id: 2, name: "b", activity: t0}
	c := &Session{id: 3, name: "c", activity: t0.Add(time.Hour)}
	s.sessions = []*Session{a, b}
	if got := s.mostRecentSession(); got != a {
		t.Errorf("mostRecentSession = %v, want a", got)
	}
	// On a tie the later-created session wins.
	s.sessions = []*Session{a, b, c}
	if got := s.mostRecentSession(); got != c {
		t.Errorf("mostRecentSession = %v, want c", got)
	}
}
