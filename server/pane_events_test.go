package server

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gmux/gmux/proto"
)

// frames decodes the frames in b.
func frames(t *testing.T, b []byte) map[proto.Type][]string {
	t.Helper()
	out := map[proto.Type][]string{}
	fr := proto.NewReader(bytes.NewReader(b))
	for {
		typ, p, err := fr.Next()
		if err != nil {
			return out
		}
		out[typ] = append(out[typ], string(p))
	}
}

func TestPaneBell(t *testing.T) {
	for _, tc := range []struct {
		name, action, visual string
		rings                bool
		message              string
	}{
		{"any", "any", "off", true, ""},
		{"none", "none", "off", false, ""},
		{"other, in the current window", "other", "off", false, ""},
		{"current", "current", "off", true, ""},
		{"visual", "any", "on", false, "Bell in window 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c, p := oneWindowView(20, 3)
			s.clients[c] = struct{}{}
			c.session.options["bell-action"] = tc.action
			c.session.options["visual-bell"] = tc.visual
			s.feedOutput(p, []byte("ding\a\a\a"))
			if c.bell != tc.rings || c.message != tc.message {
				t.Errorf("bell %v, message %q; want %v, %q", c.bell, c.message, tc.rings, tc.message)
			}
			s.feedOutput(p, []byte("quiet"))
			if c.message != tc.message {
				t.Errorf("message after more output %q, want %q", c.message, tc.message)
			}
		})
	}
}

func TestPaneClipboard(t *testing.T) {
	for _, setting := range []string{"external", "on", "off"} {
		t.Run(setting, func(t *testing.T) {
			s, c, p := oneWindowView(20, 3)
			s.clients[c] = struct{}{}
			c.session.options["set-clipboard"] = setting
			// Only the latest store waits for the writer.
			s.feedOutput(p, []byte("\x1b]52;c;Zmlyc3Q=\x07"))
			s.feedOutput(p, []byte("\x1b]52;c;aGVsbG8gY2xpcGJvYXJk\x07"))
			want := "hello clipboard"
			if setting == "off" {
				want = ""
			}
			if string(c.clipboard) != want {
				t.Errorf("clipboard waiting for the writer %q, want %q", c.clipboard, want)
			}
			// A pane not on the screen does not set it, as in tmux.
			c.clipboard = nil
			other := &Window{session: c.session, index: 1, name: "other"}
			c.session.windows = append(c.session.windows, other)
			c.session.selectWindow(other)
			s.feedOutput(p, []byte("\x1b]52;c;aGlkZGVu\x07"))
			if c.clipboard != nil {
				t.Errorf("a pane in a window not shown set the clipboard to %q", c.clipboard)
			}
		})
	}
}

func TestSetTitles(t *testing.T) {
	s, c, p := oneWindowView(30, 3)
	p.term.Write([]byte("\x1b]2;editing notes\x07"))
	if got := frames(t, render(s, c))[proto.TypeTitle]; len(got) != 0 {
		t.Errorf("title frames %q with set-titles off", got)
	}
	c.session.options["set-titles"] = "on"
	c.markDirty()
	c.view.statusStale = true // as the writer passes it on
	want := `t:0:sh - "editing notes" `
	if got := frames(t, render(s, c))[proto.TypeTitle]; len(got) != 1 || got[0] != want {
		t.Errorf("title frames %q, want one with %q", got, want)
	}
	p.term.Write([]byte("more output"))
	if got := frames(t, render(s, c))[proto.TypeTitle]; len(got) != 0 {
		t.Errorf("title frames %q for output that left the title alone", got)
	}
	p.term.Write([]byte("\x1b]2;other\x07"))
	want = `t:0:sh - "other" `
	if got := frames(t, render(s, c))[proto.TypeTitle]; len(got) != 1 || got[0] != want {
		t.Errorf("title frames %q after a retitle, want one with %q", got, want)
	}
}

func render(s *Server, c *Client) []byte {
	b, _ := s.renderClient(c, nil, false)
	return b
}

func TestBellFlagsOtherWindow(t *testing.T) {
	s, c, p := oneWindowView(20, 3)
	s.clients[c] = struct{}{}
	sess := c.session
	first := p.window
	second := &Window{session: sess, index: 1, cols: 20, rows: 3, name: "other"}
	sess.windows = append(sess.windows, second)
	sess.selectWindow(second)
	s.feedOutput(p, []byte("\a"))
	if !first.bellFlag || windowFlags(first) != "-!" {
		t.Errorf("after a bell in a window not shown: flag %v, flags %q; want true, \"-!\"", first.bellFlag, windowFlags(first))
	}
	if !c.statusStale {
		t.Errorf("the status line was not marked for redraw")
	}
	sess.selectWindow(first)
	if first.bellFlag || windowFlags(first) != "*" {
		t.Errorf("after selecting the window: flag %v, flags %q; want false, \"*\"", first.bellFlag, windowFlags(first))
	}
	sess.options["monitor-bell"] = "off"
	sess.selectWindow(second)
	s.feedOutput(p, []byte("\a"))
	if first.bellFlag {
		t.Errorf("bell flagged with monitor-bell off")
	}
}

func TestSafeTitle(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain title", "plain title"},
		{"evil\a\x1b]52;c;eA==\a", "evil]52;c;eA=="},
		{"c1\u009b31m", "c131m"},
		{"wide 世界", "wide 世界"},
		{strings.Repeat("é", maxTitle), strings.Repeat("é", maxTitle/2)},
	} {
		if got := safeTitle(tc.in); got != tc.want {
			t.Errorf("safeTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSessionAlerts(t *testing.T) {
	s, c, p := oneWindowView(20, 3)
	sess := c.session
	second := &Window{session: sess, index: 1, name: "other"}
	sess.windows = append(sess.windows, second)
	sess.selectWindow(second)
	s.feedOutput(p, []byte("\a"))
	f := formatCtx{s: s, sess: sess, win: second}
	if got := f.expand("#{session_alerts}"); got != "0!" {
		t.Errorf("session_alerts = %q, want %q", got, "0!")
	}
}
