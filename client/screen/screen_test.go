package screen

import (
	"testing"

	"github.com/gdamore/tcell/v2"

	"github.com/gmux/gmux/keys"
	"github.com/gmux/gmux/proto"
)

func newSim(t *testing.T, cols, rows int) tcell.SimulationScreen {
	t.Helper()
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	s.SetSize(cols, rows)
	t.Cleanup(s.Fini)
	return s
}

func TestDrawAppliesRuns(t *testing.T) {
	red := proto.Style{Fg: 1<<24 | 1, Attrs: attrBold}
	b := proto.AppendDrawHeader(nil, proto.DrawClear, proto.Cursor{Col: 4, Row: 1, Visible: true})
	b, at := proto.BeginRun(b, 1, 2, red, "")
	for _, c := range []string{"h", "世", "!"} {
		w := uint8(1)
		if c == "世" {
			w = 2
		}
		b = proto.AppendCell(b, []byte(c), w)
	}
	proto.EndRun(b, at, 3)
	b, at = proto.BeginRun(b, 0, 0, proto.Style{}, "")
	b = proto.AppendCell(b, []byte("e\u0301"), 1)
	proto.EndRun(b, at, 1)

	s := newSim(t, 10, 3)
	if err := draw(s, b, s.Colors()); err != nil {
		t.Fatal(err)
	}
	s.Show()
	tests := []struct {
		x, y int
		want string
	}{{2, 1, "h"}, {3, 1, "世"}, {5, 1, "!"}, {0, 0, "e\u0301"}, {6, 1, " "}}
	for _, tt := range tests {
		got, st, _ := s.Get(tt.x, tt.y)
		if got != tt.want {
			t.Errorf("cell %d,%d = %q, want %q", tt.x, tt.y, got, tt.want)
		}
		if tt.y == 1 && tt.x < 6 {
			fg, _, attrs := st.Decompose()
			if fg != tcell.PaletteColor(1) {
				t.Errorf("cell %d,%d fg = %v, want palette 1", tt.x, tt.y, fg)
			}
			if attrs&tcell.AttrBold == 0 {
				t.Errorf("cell %d,%d not bold", tt.x, tt.y)
			}
		}
	}
	if x, y, vis := s.GetCursor(); x != 4 || y != 1 || !vis {
		t.Errorf("cursor = %d,%d visible=%v", x, y, vis)
	}
}

func TestDrawRejectsGarbage(t *testing.T) {
	s := newSim(t, 10, 3)
	b := proto.AppendDrawHeader(nil, 0, proto.Cursor{})
	b = append(b, 0, 1, 0, 2, 9) // a truncated run
	if err := draw(s, b, s.Colors()); err == nil {
		t.Fatal("truncated draw accepted")
	}
}

func TestKeyFromEvent(t *testing.T) {
	tests := []struct {
		ev   *tcell.EventKey
		want string
	}{
		{tcell.NewEventKey(tcell.KeyRune, 'a', tcell.ModNone), "a"},
		{tcell.NewEventKey(tcell.KeyRune, 'x', tcell.ModAlt), "M-x"},
		{tcell.NewEventKey(tcell.KeyCtrlB, 0, tcell.ModCtrl), "C-b"},
		{tcell.NewEventKey(tcell.KeyEnter, '\r', tcell.ModNone), "Enter"},
		{tcell.NewEventKey(tcell.KeyTab, '\t', tcell.ModNone), "Tab"},
		{tcell.NewEventKey(tcell.KeyEscape, 0x1b, tcell.ModNone), "Escape"},
		{tcell.NewEventKey(tcell.KeyBackspace2, 0x7f, tcell.ModNone), "BSpace"},
		{tcell.NewEventKey(tcell.KeyUp, 0, tcell.ModShift), "S-Up"},
		{tcell.NewEventKey(tcell.KeyLeft, 0, tcell.ModCtrl|tcell.ModAlt), "C-M-Left"},
		{tcell.NewEventKey(tcell.KeyF5, 0, tcell.ModNone), "F5"},
		{tcell.NewEventKey(tcell.KeyCtrlSpace, 0, tcell.ModCtrl), "C-Space"},
	}
	for _, tt := range tests {
		k, ok := keyFromEvent(tt.ev)
		want, err := keys.Parse(tt.want)
		if err != nil {
			t.Fatal(err)
		}
		if !ok || k.Canonical() != want.Canonical() {
			t.Errorf("%v: got %v (%v), want %v", tt.ev.Name(), k, ok, want)
		}
	}
}

func TestMouseTracker(t *testing.T) {
	var mt mouseTracker
	steps := []struct {
		buttons tcell.ButtonMask
		button  keys.MouseButton
		action  keys.MouseAction
	}{
		{tcell.Button1, keys.MouseLeft, keys.MousePress},
		{tcell.Button1, keys.MouseLeft, keys.MouseMotion},
		{tcell.ButtonNone, keys.MouseLeft, keys.MouseRelease},
		{tcell.ButtonNone, keys.MouseNone, keys.MouseMotion},
		{tcell.Button2, keys.MouseRight, keys.MousePress},
		{tcell.ButtonNone, keys.MouseRight, keys.MouseRelease},
		{tcell.WheelUp, keys.MouseWheelUp, keys.MousePress},
	}
	for i, st := range steps {
		m, _ := mt.event(tcell.NewEventMouse(3, 4, st.buttons, tcell.ModNone))
		if keys.MouseButton(m.Button) != st.button || keys.MouseAction(m.Action) != st.action || m.Col != 3 || m.Row != 4 {
			t.Errorf("step %d: got button %d action %d, want %d %d", i, m.Button, m.Action, st.button, st.action)
		}
	}
}

func TestStyleCacheHitsTrueColours(t *testing.T) {
	c := styleCache{to256: true}
	s := proto.Style{Fg: 2<<24 | 0xff0000, Bg: 2<<24 | 0x808080, Attrs: attrBold}
	want := tcellStyle(proto.Style{Fg: to256(s.Fg), Bg: to256(s.Bg), Attrs: attrBold})
	if got := c.get(s); got != want {
		t.Fatalf("style %v, want %v", got, want)
	}
	// Mark the cached entry: a hit returns it unchanged.
	marked := want.Italic(true)
	c.st = marked
	if got := c.get(s); got != marked {
		t.Error("the same true-colour style missed the cache")
	}
	other := proto.Style{Fg: 1<<24 | 3}
	if got, want := c.get(other), tcellStyle(other); got != want {
		t.Errorf("after a change: style %v, want %v", got, want)
	}
}
