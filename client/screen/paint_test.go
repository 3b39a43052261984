package screen

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/vt"
)

type cellSpec struct {
	text  string
	width uint8
}

type runSpec struct {
	row, col int
	style    proto.Style
	link     string
	cells    []cellSpec
}

func ascii(s string) []cellSpec {
	var c []cellSpec
	for _, r := range s {
		c = append(c, cellSpec{string(r), 1})
	}
	return c
}

func drawFrame(flags uint8, cur proto.Cursor, runs ...runSpec) []byte {
	b := proto.AppendDrawHeader(nil, flags, cur)
	for _, r := range runs {
		var at int
		b, at = proto.BeginRun(b, uint16(r.row), uint16(r.col), r.style, r.link)
		for _, c := range r.cells {
			b = proto.AppendCell(b, []byte(c.text), c.width)
		}
		proto.EndRun(b, at, len(r.cells))
	}
	return b
}

// paintInto paints frames for a terminal with colors colours and reads
// the output back through package vt, as the user's terminal would.
func paintInto(t *testing.T, colors int, frames ...[]byte) *vt.Terminal {
	t.Helper()
	var out bytes.Buffer
	p := newPainter(&out, &sync.Mutex{}, colors, "xterm-256color")
	for _, f := range frames {
		if err := p.frame(f); err != nil {
			t.Fatal(err)
		}
	}
	term := vt.New(20, 5, vt.Options{})
	// tcell turns autowrap off when it takes the screen.
	term.Write([]byte("\x1b[?7l"))
	term.Write(out.Bytes())
	return term
}

func rowText(term *vt.Terminal, row int) string {
	var b []rune
	for col := 0; col < 20; col++ {
		c := term.Cell(col, row)
		switch {
		case c.Width == 0:
		case c.Rune == 0:
			b = append(b, ' ')
		default:
			b = append(b, c.Rune)
		}
	}
	return string(bytes.TrimRight([]byte(string(b)), " "))
}

func TestPainterText(t *testing.T) {
	cur := proto.Cursor{Col: 4, Row: 3, Visible: true, Shape: 2}
	term := paintInto(t, 256,
		drawFrame(0, cur, runSpec{row: 1, col: 2, cells: ascii("hello")}),
		drawFrame(0, cur,
			runSpec{row: 1, col: 3, cells: ascii("EL")},
			runSpec{row: 2, col: 0, cells: []cellSpec{{"日", 2}, {"x", 1}, {"", 1}, {"\x1b", 1}, {"é", 1}}},
			runSpec{row: 4, col: 19, cells: ascii("z")}, // the last cell must not scroll
		),
	)
	for row, want := range []string{"", "  hELlo", "日x ?é", "", "                   z"} {
		if got := rowText(term, row); got != want {
			t.Errorf("row %d: %q, want %q", row, got, want)
		}
	}
	if c := term.Cursor(); c.Col != 4 || c.Row != 3 || !c.Visible || c.Shape != 2 {
		t.Errorf("cursor %+v, want 4,3 visible shape 2", c)
	}
}

func TestPainterClear(t *testing.T) {
	term := paintInto(t, 256,
		drawFrame(0, proto.Cursor{}, runSpec{row: 0, col: 0, cells: ascii("old text")}),
		drawFrame(proto.DrawClear, proto.Cursor{}, runSpec{row: 1, col: 1, cells: ascii("new")}),
	)
	if got := rowText(term, 0); got != "" {
		t.Errorf("row 0 after a clearing frame: %q", got)
	}
	if got := rowText(term, 1); got != " new" {
		t.Errorf("row 1: %q", got)
	}
	if term.Cursor().Visible {
		t.Error("cursor visible, the frame hid it")
	}
}

func TestPainterStyles(t *testing.T) {
	const (
		bold      = 1 << 0
		italic    = 1 << 2
		reverse   = 1 << 4
		strike    = 1 << 6
		overline  = 1 << 7
		palette   = 1 << 24
		truecolor = 2 << 24
	)
	tests := []struct {
		name   string
		colors int
		style  proto.Style
		link   string
		want   vt.Style
	}{
		{"default", 256, proto.Style{}, "", vt.Style{}},
		{"attributes", 256, proto.Style{Attrs: bold | italic | reverse | strike | overline}, "",
			vt.Style{Attrs: vt.AttrBold | vt.AttrItalic | vt.AttrReverse | vt.AttrStrike | vt.AttrOverline}},
		{"16 colours", 256, proto.Style{Fg: palette | 1, Bg: palette | 12}, "",
			vt.Style{Fg: vt.IndexedColor(1), Bg: vt.IndexedColor(12)}},
		{"256 colours", 256, proto.Style{Fg: palette | 200, Bg: palette | 17}, "",
			vt.Style{Fg: vt.IndexedColor(200), Bg: vt.IndexedColor(17)}},
		{"true colour kept", 1 << 24, proto.Style{Fg: truecolor | 0x123456}, "",
			vt.Style{Fg: vt.RGBColor(0x12, 0x34, 0x56)}},
		{"true colour to 256", 256, proto.Style{Fg: truecolor | 0xff0000, Bg: truecolor | 0x808080}, "",
			vt.Style{Fg: vt.IndexedColor(196), Bg: vt.IndexedColor(244)}},
		{"curly underline, coloured", 1 << 24, proto.Style{UnderlineStyle: 3, Underline: truecolor | 0x00ff00}, "",
			vt.Style{Underline: 3, UnderlineColor: vt.RGBColor(0, 0xff, 0)}},
		{"underline colour from the palette", 256, proto.Style{UnderlineStyle: 1, Underline: palette | 5}, "",
			vt.Style{Underline: 1, UnderlineColor: vt.IndexedColor(5)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A styled cell between two default ones: the style must start
			// and stop exactly there.
			term := paintInto(t, tt.colors, drawFrame(0, proto.Cursor{},
				runSpec{row: 0, col: 0, cells: ascii("a")},
				runSpec{row: 0, col: 1, style: tt.style, link: tt.link, cells: ascii("b")},
				runSpec{row: 0, col: 2, cells: ascii("c")},
			))
			got := term.Style(term.Cell(1, 0).Style)
			got.Link = 0
			if got != tt.want {
				t.Errorf("style %+v, want %+v", got, tt.want)
			}
			for _, col := range []int{0, 2} {
				if s := term.Style(term.Cell(col, 0).Style); s != (vt.Style{}) {
					t.Errorf("cell %d has style %+v, want default", col, s)
				}
			}
		})
	}
}

func TestPainterLink(t *testing.T) {
	term := paintInto(t, 256, drawFrame(0, proto.Cursor{},
		runSpec{row: 0, col: 0, link: "https://example.com/x", cells: ascii("ab")},
		runSpec{row: 0, col: 2, cells: ascii("c")},
	))
	for col, want := range []string{"https://example.com/x", "https://example.com/x", ""} {
		s := term.Style(term.Cell(col, 0).Style)
		if got := term.Link(s.Link); got != want {
			t.Errorf("cell %d: link %q, want %q", col, got, want)
		}
	}
}

func TestPainterRejectsMalformedFrames(t *testing.T) {
	good := drawFrame(0, proto.Cursor{}, runSpec{row: 0, col: 0, cells: ascii("abc")})
	p := newPainter(&bytes.Buffer{}, &sync.Mutex{}, 256, "xterm")
	for n := 0; n < len(good)-1; n++ {
		_ = p.frame(good[:n]) // must not panic; a short frame may be an error
	}
	if err := p.frame(good[:len(good)-2]); err == nil {
		t.Error("a truncated frame was accepted")
	}
}

func TestPainterNeverPassesControls(t *testing.T) {
	var out bytes.Buffer
	p := newPainter(&out, &sync.Mutex{}, 256, "xterm-256color")
	frame := drawFrame(0, proto.Cursor{}, runSpec{row: 0, col: 0,
		cells: []cellSpec{{"\u009b", 1}, {"\x1b", 1}, {"\u009d", 1}, {"é", 1}, {"\x07", 1}}},
		runSpec{row: 1, col: 0, link: "http://x/\x1b]52;c;AAAA\x07", cells: ascii("l")})
	if err := p.frame(frame); err != nil {
		t.Fatal(err)
	}
	// The painter's own sequences start with ESC; strip those it writes and
	// no control may remain.
	s := out.String()
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f || r == 0x07 {
			t.Fatalf("output %q carries control %U", s, r)
		}
	}
	if n := strings.Count(s, "\x1b]"); n != 2 {
		t.Errorf("output %q has %d OSC sequences, want 2 (the link's open and close)", s, n)
	}
}

func TestXtermOnlySequences(t *testing.T) {
	style := proto.Style{UnderlineStyle: 3, Underline: 1<<24 | 5}
	for term, want := range map[string]string{
		"xterm-256color":        "\x1b[0;4:3;58:5:5m",
		"tmux-256color":         "\x1b[0;4:3;58:5:5m",
		"screen-256color":       "\x1b[0;4m",
		"rxvt-unicode-256color": "\x1b[0;4m",
	} {
		var out bytes.Buffer
		p := newPainter(&out, &sync.Mutex{}, 256, term)
		if err := p.frame(drawFrame(0, proto.Cursor{}, runSpec{style: style, cells: ascii("u")})); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s: output %q lacks %q", term, out.String(), want)
		}
		out.Reset()
		if err := p.frame(drawFrame(0, proto.Cursor{}, runSpec{link: "http://x/", cells: ascii("l")})); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out.String(), "\x1b]8;"); got != strings.HasSuffix(want, ":5m") {
			t.Errorf("%s: hyperlink sent %v, want %v", term, got, !got)
		}
	}
}

func TestPainterMovesOnlyWhenNeeded(t *testing.T) {
	cupCount := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] != '\x1b' || i+1 >= len(s) || s[i+1] != '[' {
				continue
			}
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			if j < len(s) && s[j] == 'H' {
				n++
			}
		}
		return n
	}
	red := proto.Style{Fg: 1<<24 | 1}
	tests := []struct {
		name  string
		cur   proto.Cursor
		runs  []runSpec
		cups  int
		texts []string // rows 0 and 1 as the terminal shows them
	}{
		{"runs that carry on, cursor after them", proto.Cursor{Col: 3, Visible: true}, []runSpec{
			{row: 0, col: 0, cells: ascii("a")},
			{row: 0, col: 1, style: red, link: "http://x/", cells: ascii("b")},
			{row: 0, col: 2, cells: ascii("c")},
		}, 1, []string{"abc", ""}},
		{"a gap and another row", proto.Cursor{Col: 0, Row: 0, Visible: true}, []runSpec{
			{row: 0, col: 0, cells: ascii("a")},
			{row: 0, col: 2, cells: ascii("b")},
			{row: 1, col: 3, cells: ascii("c")},
		}, 4, []string{"a b", "   c"}},
		{"after a wide cell", proto.Cursor{}, []runSpec{
			{row: 0, col: 0, cells: []cellSpec{{"日", 2}}},
			{row: 0, col: 2, cells: ascii("x")},
		}, 1, []string{"日x", ""}},
		// The terminal may give a cell a width other than ours.
		{"after a multi-byte cell", proto.Cursor{Col: 2, Visible: true}, []runSpec{
			{row: 0, col: 0, cells: []cellSpec{{"é", 1}}},
			{row: 0, col: 1, cells: ascii("x")},
		}, 2, []string{"éx", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			p := newPainter(&out, &sync.Mutex{}, 256, "xterm-256color")
			if err := p.frame(drawFrame(0, tt.cur, tt.runs...)); err != nil {
				t.Fatal(err)
			}
			if n := cupCount(out.String()); n != tt.cups {
				t.Errorf("output %q has %d cursor moves, want %d", out.String(), n, tt.cups)
			}
			term := paintInto(t, 256, drawFrame(0, tt.cur, tt.runs...))
			for row, want := range tt.texts {
				if got := rowText(term, row); got != want {
					t.Errorf("row %d: %q, want %q", row, got, want)
				}
			}
			if c := term.Cursor(); tt.cur.Visible && (c.Col != int(tt.cur.Col) || c.Row != int(tt.cur.Row)) {
				t.Errorf("cursor at %d,%d, want %d,%d", c.Col, c.Row, tt.cur.Col, tt.cur.Row)
			}
		})
	}
}

func TestPainterMovesAtFrameStart(t *testing.T) {
	// The last frame left the cursor where this one starts, but tcell may
	// have written in between.
	var out bytes.Buffer
	p := newPainter(&out, &sync.Mutex{}, 256, "xterm-256color")
	cur := proto.Cursor{Col: 1, Visible: true}
	for i := 0; i < 2; i++ {
		out.Reset()
		if err := p.frame(drawFrame(0, cur, runSpec{row: 0, col: 1, cells: ascii("x")})); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "\x1b[1;2H") {
			t.Errorf("frame %d: output %q does not move to the run", i, out.String())
		}
	}
}
