package vt

import (
	"strings"
	"testing"
)

type screenCase struct {
	name       string
	cols, rows int
	in         string
	want       []string // screen lines, trailing blanks trimmed; missing lines are blank
	col, row   int      // cursor
}

func runScreenCases(t *testing.T, cases []screenCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cols, rows := tc.cols, tc.rows
			if cols == 0 {
				cols, rows = 10, 4
			}
			term := New(cols, rows, Options{})
			term.Write([]byte(tc.in))
			got := screenLines(term)
			want := make([]string, rows)
			copy(want, tc.want)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("screen\n got %q\nwant %q", got, want)
			}
			if c := term.Cursor(); c.Col != tc.col || c.Row != tc.row {
				t.Errorf("cursor %d,%d want %d,%d", c.Col, c.Row, tc.col, tc.row)
			}
			checkInvariants(t, term)
		})
	}
}

func TestC0(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "crlf", in: "ab\r\ncd", want: []string{"ab", "cd"}, col: 2, row: 1},
		{name: "lf keeps column", in: "ab\ncd", want: []string{"ab", "  cd"}, col: 4, row: 1},
		{name: "vt ff", in: "a\x0bb\x0cc", want: []string{"a", " b", "  c"}, col: 3, row: 2},
		{name: "bs", in: "abc\b\bX", want: []string{"aXc"}, col: 2},
		{name: "bs at 0", in: "\bX", want: []string{"X"}, col: 1},
		{name: "ht", in: "a\tb", cols: 20, rows: 2, want: []string{"a       b"}, col: 9},
		{name: "ht stops at edge", in: "\t\t\tX", want: []string{"         X"}, col: 9},
		{name: "so si", in: "\x1b)0a\x0eq\x0fq", want: []string{"a─q"}, col: 3},
		{name: "bel ignored", in: "a\x07b", want: []string{"ab"}, col: 2},
		{name: "lnm", in: "\x1b[20hab\ncd", want: []string{"ab", "cd"}, col: 2, row: 1},
		{name: "scroll", in: "1\r\n2\r\n3\r\n4\r\n5", want: []string{"2", "3", "4", "5"}, col: 1, row: 3},
	})
}

func TestText(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "pending wrap", in: "0123456789", want: []string{"0123456789"}, col: 9},
		{name: "wrap", in: "0123456789a", want: []string{"0123456789", "a"}, col: 1, row: 1},
		{name: "cr clears pending", in: "0123456789\rX", want: []string{"X123456789"}, col: 1},
		{name: "no autowrap", in: "\x1b[?7l0123456789abc", want: []string{"012345678c"}, col: 9},
		{name: "insert", in: "abcdef\x1b[1;2H\x1b[4hXY", want: []string{"aXYbcdef"}, col: 3},
		{name: "insert pushes off", in: "0123456789\x1b[1;1H\x1b[4hX", want: []string{"X012345678"}, col: 1},
		{name: "rep", in: "ab\x1b[3b", want: []string{"abbbb"}, col: 5},
		{name: "wide", in: "日本", want: []string{"日本"}, col: 4},
		{name: "wide wraps early", in: "012345678日", want: []string{"012345678", "日"}, col: 2, row: 1},
		{name: "overwrite left half", in: "日本\x1b[1;1Hx", want: []string{"x 本"}, col: 1},
		{name: "overwrite right half", in: "日本\x1b[1;2Hx", want: []string{" x本"}, col: 2},
		{name: "combining", in: "e\u0301x", want: []string{"e\u0301x"}, col: 2},
		{name: "combining after wrap", in: "012345678e\u0301", want: []string{"012345678e\u0301"}, col: 9},
		{name: "zwj emoji", in: "👩\u200d💻x", want: []string{"👩\u200d💻x"}, col: 3},
		{name: "zero width alone", in: "\u200bX", want: []string{"X"}, col: 1},
		{name: "invalid utf8", in: "a\xffb\xe4\xb8", want: []string{"a\ufffdb"}, col: 3},
		{name: "utf8 then esc", in: "a\xe4\x1b[Cb", want: []string{"a\ufffd b"}, col: 4},
		{name: "dec graphics", in: "\x1b(0lqk\x1b(Bq", want: []string{"┌─┐q"}, col: 4},
		{name: "uk", in: "\x1b(A#", want: []string{"£"}, col: 1},
	})
}

func TestCursor(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "cup", in: "\x1b[2;3Hx", want: []string{"", "  x"}, col: 3, row: 1},
		{name: "cup default", in: "\x1b[2;3H\x1b[Hx", want: []string{"x"}, col: 1},
		{name: "cup zero", in: "\x1b[0;0Hx", want: []string{"x"}, col: 1},
		{name: "cup clamp", in: "\x1b[99;99Hx", want: []string{"", "", "", "         x"}, col: 9, row: 3},
		{name: "hvp", in: "\x1b[2;2fx", want: []string{"", " x"}, col: 2, row: 1},
		{name: "cuu cud", in: "\x1b[3;1H\x1b[Ax\x1b[5By", want: []string{"", "x", "", " y"}, col: 2, row: 3},
		{name: "cuf cub", in: "\x1b[5Cx\x1b[3Dy\x1b[0Cz", want: []string{"   y z"}, col: 6},
		{name: "cnl cpl", in: "ab\x1b[2Ec\x1b[Fd", want: []string{"ab", "d", "c"}, col: 1, row: 1},
		{name: "cha hpa vpa", in: "\x1b[5Gx\x1b[2`y\x1b[3dz", want: []string{" y  x", "", "  z"}, col: 3, row: 2},
		{name: "decsc decrc", in: "\x1b[2;3H\x1b7\x1b[Hx\x1b8y", want: []string{"x", "  y"}, col: 3, row: 1},
		{name: "csi s u", in: "\x1b[2;3H\x1b[s\x1b[Hx\x1b[uy", want: []string{"x", "  y"}, col: 3, row: 1},
		{name: "origin", in: "\x1b[2;3r\x1b[?6h\x1b[Hx\x1b[9;1Hy", want: []string{"", "x", "y"}, col: 1, row: 2},
		{name: "decstbm scroll", in: "1\r\n2\r\n3\r\n4\x1b[2;3r\x1b[3;1H\nX", want: []string{"1", "3", "X", "4"}, col: 1, row: 2},
		{name: "ri", in: "1\r\n2\x1b[H\x1bMx", want: []string{"x", "1", "2"}, col: 1},
		{name: "nel ind", in: "a\x1bEb\x1bDc", want: []string{"a", "b", " c"}, col: 2, row: 2},
		{name: "hts tbc cht cbt", cols: 20, rows: 2, in: "\x1b[3g\x1b[4G\x1bH\x1b[1G\x1b[Ix\x1b[Zy", want: []string{"   y"}, col: 4},
		{name: "decslrm", in: "\x1b[?69h\x1b[3;5s\x1b[1;3Habcdef", want: []string{"  abc", "  def"}, col: 4, row: 1},
		{name: "decaln", in: "\x1b#8", want: []string{"EEEEEEEEEE", "EEEEEEEEEE", "EEEEEEEEEE", "EEEEEEEEEE"}},
		{name: "ris", in: "abc\x1bc", want: nil},
	})
}

func TestErase(t *testing.T) {
	const fill = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd"
	runScreenCases(t, []screenCase{
		{name: "ed0", in: fill + "\x1b[2;5H\x1b[J", want: []string{"aaaaaaaaaa", "bbbb"}, col: 4, row: 1},
		{name: "ed1", in: fill + "\x1b[2;5H\x1b[1J", want: []string{"", "     bbbbb", "cccccccccc", "dddddddddd"}, col: 4, row: 1},
		{name: "ed2", in: fill + "\x1b[2;5H\x1b[2J", want: nil, col: 4, row: 1},
		{name: "el0", in: fill + "\x1b[2;5H\x1b[K", want: []string{"aaaaaaaaaa", "bbbb", "cccccccccc", "dddddddddd"}, col: 4, row: 1},
		{name: "el1", in: fill + "\x1b[2;5H\x1b[1K", want: []string{"aaaaaaaaaa", "     bbbbb", "cccccccccc", "dddddddddd"}, col: 4, row: 1},
		{name: "el2", in: fill + "\x1b[2;5H\x1b[2K", want: []string{"aaaaaaaaaa", "", "cccccccccc", "dddddddddd"}, col: 4, row: 1},
		{name: "ech", in: "abcdef\x1b[1;2H\x1b[2X", want: []string{"a  def"}, col: 1},
		{name: "ich", in: "abcdef\x1b[1;2H\x1b[2@", want: []string{"a  bcdef"}, col: 1},
		{name: "dch", in: "abcdef\x1b[1;2H\x1b[2P", want: []string{"adef"}, col: 1},
		{name: "il", in: "1\r\n2\r\n3\x1b[2;1H\x1b[L", want: []string{"1", "", "2", "3"}, row: 1},
		{name: "dl", in: "1\r\n2\r\n3\x1b[1;1H\x1b[2M", want: []string{"3"}},
		{name: "su sd", in: "1\r\n2\r\n3\x1b[S\x1b[2T", want: []string{"", "", "2", "3"}, col: 1, row: 2},
		{name: "dch wide", in: "a日b\x1b[1;3H\x1b[P", want: []string{"a b"}, col: 2},
	})
}

func TestSGR(t *testing.T) {
	cases := []struct {
		in   string
		want Style
	}{
		{"\x1b[1;2;3;5;7;8;9;53m", Style{Attrs: AttrBold | AttrDim | AttrItalic | AttrBlink | AttrReverse | AttrHidden | AttrStrike | AttrOverline}},
		{"\x1b[1;22m", Style{}},
		{"\x1b[4m", Style{Underline: UnderlineSingle}},
		{"\x1b[4:3m", Style{Underline: UnderlineCurly}},
		{"\x1b[4:0m", Style{}},
		{"\x1b[21m", Style{Underline: UnderlineDouble}},
		{"\x1b[4;24m", Style{}},
		{"\x1b[31;42m", Style{Fg: IndexedColor(1), Bg: IndexedColor(2)}},
		{"\x1b[91;102m", Style{Fg: IndexedColor(9), Bg: IndexedColor(10)}},
		{"\x1b[38;5;200m", Style{Fg: IndexedColor(200)}},
		{"\x1b[38:5:200m", Style{Fg: IndexedColor(200)}},
		{"\x1b[38;2;1;2;3m", Style{Fg: RGBColor(1, 2, 3)}},
		{"\x1b[38:2:1:2:3m", Style{Fg: RGBColor(1, 2, 3)}},
		{"\x1b[38:2::1:2:3m", Style{Fg: RGBColor(1, 2, 3)}},
		{"\x1b[48:2:0:4:5:6m", Style{Bg: RGBColor(4, 5, 6)}},
		{"\x1b[58:2::7:8:9m", Style{UnderlineColor: RGBColor(7, 8, 9)}},
		{"\x1b[58;5;3;59m", Style{}},
		{"\x1b[31;39;41;49m", Style{}},
		{"\x1b[38;2;1;2;3;1m", Style{Fg: RGBColor(1, 2, 3), Attrs: AttrBold}},
		{"\x1b[1m\x1b[m", Style{}},
		{"\x1b[7;27;8;28;9;29;3;23;5;25;53;55m", Style{}},
	}
	for _, tc := range cases {
		term := New(10, 2, Options{})
		term.Write([]byte(tc.in + "x"))
		if got := term.Style(term.Cell(0, 0).Style); got != tc.want {
			t.Errorf("%q: got %+v want %+v", tc.in, got, tc.want)
		}
	}
}

func TestBCE(t *testing.T) {
	term := New(10, 2, Options{})
	term.Write([]byte("\x1b[1;44mab\x1b[K"))
	s := term.Style(term.Cell(5, 0).Style)
	if s != (Style{Bg: IndexedColor(4)}) {
		t.Errorf("erased cell style %+v", s)
	}
}

func TestModes(t *testing.T) {
	cases := []struct {
		in   string
		want Modes
	}{
		{"\x1b[?1h", ModeCursorKeys},
		{"\x1b=", ModeKeypadApp},
		{"\x1b=\x1b>", 0},
		{"\x1b[?2004h", ModeBracketedPaste},
		{"\x1b[?1000h\x1b[?1002h", ModeMouseButton},
		{"\x1b[?1003h\x1b[?1006h\x1b[?1005h\x1b[?1015h", ModeMouseAny | ModeMouseSGR | ModeMouseUTF8 | ModeMouseURXVT},
		{"\x1b[?9h", ModeMouseX10},
		{"\x1b[?1004h", ModeFocus},
		{"\x1b[?2026h", ModeSyncOutput},
		{"\x1b[4h\x1b[20h", ModeInsert | ModeNewline},
		{"\x1b[?5h", ModeReverseVideo},
		{"\x1b[?6h", ModeOrigin},
		{"\x1b[?1049h", ModeAltScreen},
		{"\x1b[?47h\x1b[?47l", 0},
		{"\x1b[?25l\x1b[?7l", 1 << 31},
	}
	const base = ModeAutowrap | ModeCursorVisible
	for _, tc := range cases {
		term := New(10, 2, Options{})
		term.Write([]byte(tc.in))
		want := tc.want | base
		if tc.want == 1<<31 {
			want = 0
		}
		if got := term.Modes(); got != want {
			t.Errorf("%q: modes %b want %b", tc.in, got, want)
		}
	}
	term := New(10, 2, Options{})
	term.Write([]byte("\x1b[3 q"))
	if c := term.Cursor(); c.Shape != 3 {
		t.Errorf("DECSCUSR shape %d", c.Shape)
	}
}

func TestAltScreen(t *testing.T) {
	term := New(10, 3, Options{})
	term.Write([]byte("main\x1b[?1049halt\r\n1\r\n2\r\n3\r\n4"))
	if term.HistoryLen() != 0 {
		t.Errorf("alt screen added %d history lines", term.HistoryLen())
	}
	term.Write([]byte("\x1b[?1049l"))
	if got := screenLines(term)[0]; got != "main" {
		t.Errorf("main screen after 1049l: %q", got)
	}
	if c := term.Cursor(); c.Col != 4 || c.Row != 0 {
		t.Errorf("cursor after 1049l: %+v", c)
	}
}

func TestReplies(t *testing.T) {
	cases := []struct{ in, want string }{
		{"\x1b[c", "\x1b[?62;22c"},
		{"\x1b[>c", "\x1b[>84;0;0c"},
		{"\x1b[5n", "\x1b[0n"},
		{"\x1b[3;4H\x1b[6n", "\x1b[3;4R"},
		{"\x1b[2;5r\x1b[?6h\x1b[2;2H\x1b[6n", "\x1b[2;2R"},
		{"\x1b[2;2H\x1b[?6n", "\x1b[?2;2;1R"},
		{"\x1b[>q", "\x1bP>|gmux(" + Version + ")\x1b\\"},
		{"\x1b[1;31m\x1bP$qm\x1b\\", "\x1bP1$r0;1;31m\x1b\\"},
		{"\x1b[2;4r\x1bP$qr\x1b\\", "\x1bP1$r2;4r\x1b\\"},
		{"\x1b[4 q\x1bP$q q\x1b\\", "\x1bP1$r4 q\x1b\\"},
		{"\x1bP$qx\x1b\\", "\x1bP0$r\x1b\\"},
		{"\x1b[?2004h\x1b[?2004$p", "\x1b[?2004;1$y"},
		{"\x1b[?1000$p", "\x1b[?1000;2$y"},
		{"\x1b[?9999$p", "\x1b[?9999;0$y"},
		{"\x1b[4$p", "\x1b[4;2$y"},
		{"\x1b]10;?\x07", "\x1b]10;rgb:e5e5/e5e5/e5e5\x1b\\"},
		{"\x1b]11;?\x1b\\", "\x1b]11;rgb:0000/0000/0000\x1b\\"},
		{"\x1b]4;1;?\x07", "\x1b]4;1;rgb:cdcd/0000/0000\x1b\\"},
		{"\x1b]4;1;#102030\x07\x1b]4;1;?\x07", "\x1b]4;1;rgb:1010/2020/3030\x1b\\"},
		{"\x1b]4;1;#102030;2;#405060\x07\x1b]104;1\x07\x1b]4;1;?;2;?\x07", "\x1b]4;1;rgb:cdcd/0000/0000\x1b\\\x1b]4;2;rgb:4040/5050/6060\x1b\\"},
		{"\x1b]4;1;#102030\x07\x1b]104\x07\x1b]4;1;?\x07", "\x1b]4;1;rgb:cdcd/0000/0000\x1b\\"},
		{"\x1b]104;1\x07\x1b]4;1;?\x07", "\x1b]4;1;rgb:cdcd/0000/0000\x1b\\"},
		{"\x1b]4;1;#102030\x07\x1bc\x1b]4;1;?\x07", "\x1b]4;1;rgb:cdcd/0000/0000\x1b\\"},
	}
	for _, tc := range cases {
		var got []byte
		term := New(10, 5, Options{Reply: func(b []byte) { got = append(got, b...) }})
		term.Write([]byte(tc.in))
		if string(got) != tc.want {
			t.Errorf("%q: reply %q want %q", tc.in, got, tc.want)
		}
	}
}

func TestOSC(t *testing.T) {
	var clipSel string
	var clip []byte
	bells := 0
	term := New(20, 3, Options{
		Clipboard: func(sel string, data []byte) { clipSel, clip = sel, data },
		Bell:      func() { bells++ },
	})
	term.Write([]byte("\x1b]0;one\x07\x1b]2;two\x1b\\\x1b]7;file://host/home/u%20x\x07"))
	if term.Title() != "two" || term.Cwd() != "/home/u x" {
		t.Errorf("title %q cwd %q", term.Title(), term.Cwd())
	}
	term.Write([]byte("\x1b]8;id=1;http://a\x07L\x1b]8;;\x07N"))
	if l := term.Style(term.Cell(0, 0).Style).Link; term.Link(l) != "http://a" {
		t.Errorf("link %d %q", l, term.Link(l))
	}
	if l := term.Style(term.Cell(1, 0).Style).Link; l != 0 {
		t.Errorf("link after end: %d", l)
	}
	term.Write([]byte("\x1b]52;c;aGVsbG8=\x07\x07"))
	if clipSel != "c" || string(clip) != "hello" || bells != 1 {
		t.Errorf("clipboard %q %q bells %d", clipSel, clip, bells)
	}
	// An oversized OSC is dropped without disturbing the screen.
	big := "\x1b]2;" + strings.Repeat("x", 70000) + "\x07Z"
	term.Write([]byte(big))
	if term.Title() != "two" || term.Cell(2, 0).Rune != 'Z' {
		t.Errorf("big OSC: title %.10q cell %q", term.Title(), term.Cell(2, 0).Rune)
	}
}

func TestWriteSplit(t *testing.T) {
	in := []byte("\x1b[1;31mhé日\x1b]0;title\x07本\x1bP$qm\x1b\\x\r\n")
	whole := New(10, 3, Options{})
	whole.Write(in)
	split := New(10, 3, Options{})
	for i := range in {
		split.Write(in[i : i+1])
	}
	if a, b := strings.Join(screenLines(whole), "|"), strings.Join(screenLines(split), "|"); a != b {
		t.Errorf("split %q whole %q", b, a)
	}
	if whole.Title() != split.Title() || whole.Cursor() != split.Cursor() {
		t.Errorf("title/cursor differ")
	}
}

func TestGeneration(t *testing.T) {
	term := New(10, 3, Options{})
	g := term.Generation()
	term.Write([]byte("a"))
	if term.Generation() <= g {
		t.Error("generation did not increase on print")
	}
	g = term.Generation()
	term.Write([]byte("\x1b]2;t\x07"))
	if term.Generation() <= g {
		t.Error("generation did not increase on title")
	}
}
