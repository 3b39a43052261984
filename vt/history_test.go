package vt

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func TestHistory(t *testing.T) {
	term := New(10, 3, Options{HistoryLimit: 5})
	for i := 0; i < 20; i++ {
		fmt.Fprintf(term, "line%d\r\n", i)
	}
	if n := term.HistoryLen(); n != 5 {
		t.Fatalf("history len %d", n)
	}
	var cells []Cell
	cells, _ = term.LineCells(-1, cells)
	var b []byte
	for _, c := range cells {
		b = term.AppendCellText(b, c)
	}
	if got := strings.TrimRight(string(b), " "); got != "line17" {
		t.Errorf("newest history line %q", got)
	}
	got := string(term.Capture(nil, CaptureOptions{Start: -100, End: 100}))
	want := "line13\nline14\nline15\nline16\nline17\nline18\nline19\n\n"
	if got != want {
		t.Errorf("capture %q want %q", got, want)
	}
	term.SetHistoryLimit(2)
	if term.HistoryLen() != 2 {
		t.Errorf("after SetHistoryLimit(2): %d", term.HistoryLen())
	}
	term.SetHistoryLimit(100)
	for i := 0; i < 50; i++ {
		fmt.Fprintf(term, "more%d\r\n", i)
	}
	if term.HistoryLen() != 52 {
		t.Errorf("history after growing limit: %d", term.HistoryLen())
	}
	term.Write([]byte("\x1b[3J"))
	if term.HistoryLen() != 0 {
		t.Errorf("ED 3 left %d lines", term.HistoryLen())
	}
	fmt.Fprintf(term, "a\r\nb\r\nc\r\nd\r\n")
	term.ClearHistory()
	if term.HistoryLen() != 0 {
		t.Errorf("ClearHistory left %d lines", term.HistoryLen())
	}
	none := New(10, 2, Options{HistoryLimit: -1})
	fmt.Fprintf(none, "1\r\n2\r\n3\r\n")
	if none.HistoryLen() != 0 {
		t.Errorf("negative limit kept %d", none.HistoryLen())
	}
}

func TestHistoryKeepsStylesAndWide(t *testing.T) {
	term := New(10, 2, Options{})
	term.Write([]byte("\x1b[1;31ma\x1b[0m日e\u0301\x1b]8;;u\x07L\x1b]8;;\x07\x1b[44m\x1b[K\x1b[0m\r\n\r\n\r\n"))
	if term.HistoryLen() < 1 {
		t.Fatal("no history")
	}
	row := -term.HistoryLen()
	cells, _ := term.LineCells(row, nil)
	if len(cells) != 10 {
		t.Fatalf("%d cells", len(cells))
	}
	if s := term.Style(cells[0].Style); s.Attrs != AttrBold || s.Fg != IndexedColor(1) {
		t.Errorf("style %+v", s)
	}
	if cells[1].Width != 2 || cells[2].Width != 0 {
		t.Errorf("wide cells %+v %+v", cells[1], cells[2])
	}
	if got := string(term.AppendCellText(nil, cells[3])); got != "e\u0301" {
		t.Errorf("cluster %q", got)
	}
	if l := term.Style(cells[4].Style).Link; term.Link(l) != "u" {
		t.Errorf("link lost")
	}
	if s := term.Style(cells[9].Style); s.Bg != IndexedColor(4) {
		t.Errorf("bce lost: %+v", s)
	}
}

func TestWrappedFlagAndJoin(t *testing.T) {
	term := New(5, 3, Options{})
	term.Write([]byte("abcdefghij\r\nxy"))
	_, w0 := term.LineCells(0, nil)
	_, w1 := term.LineCells(1, nil)
	if !w0 || w1 {
		t.Errorf("wrapped flags %v %v", w0, w1)
	}
	got := string(term.Capture(nil, CaptureOptions{Start: 0, End: 2, Join: true}))
	if got != "abcdefghij\nxy\n" {
		t.Errorf("join %q", got)
	}
}

// measureHistory returns heap bytes per history line for n lines of 80
// ASCII columns.
func measureHistory(n int) float64 {
	line := strings.Repeat("0123456789", 8)
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	term := New(80, 24, Options{HistoryLimit: n})
	buf := []byte(line + "\r\n")
	for i := 0; i < n+24; i++ {
		term.Write(buf)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(term)
	return float64(m1.HeapAlloc-m0.HeapAlloc) / float64(term.HistoryLen())
}

func TestHistoryMemory(t *testing.T) {
	n := 1000000
	if testing.Short() {
		n = 100000
	}
	for _, lines := range []int{2000, n} {
		per := measureHistory(lines)
		t.Logf("%d lines of 80 ASCII columns: %.1f bytes/line", lines, per)
		if per > 200 {
			t.Errorf("%d lines: %.1f bytes/line, want < 200", lines, per)
		}
	}
}

func TestTablesStayBounded(t *testing.T) {
	term := New(20, 4, Options{})
	for i := 0; i < 3*styleTableLimit; i++ {
		fmt.Fprintf(term, "\x1b[38;2;%d;%d;%dmx", i&255, (i>>8)&255, i>>16)
	}
	if n := len(term.styles.list); n > styleTableLimit {
		t.Errorf("style table has %d entries", n)
	}
	// Cells on screen keep their styles through compaction.
	last := 3*styleTableLimit - 1
	c := term.Cell(term.Cursor().Col-1, term.Cursor().Row)
	if s := term.Style(c.Style); s.Fg != RGBColor(uint8(last&255), uint8(last>>8&255), uint8(last>>16)) {
		t.Errorf("style after compaction %+v", s)
	}
	for i := 0; i < 2*clusterTableLimit; i++ {
		fmt.Fprintf(term, "%c\u0301\u0302", rune(0x4e00+i))
	}
	if n := len(term.clusters.list); n > term.clusters.limit || term.clusters.limit > 4*clusterTableLimit {
		t.Errorf("cluster table has %d entries", n)
	}
	checkInvariants(t, term)
	for i := 0; i < 2*linkTableLimit; i++ {
		fmt.Fprintf(term, "\x1b]8;;http://x/%d\x07L", i)
	}
	if n := len(term.links.urls); n > linkTableLimit {
		t.Errorf("link table has %d entries", n)
	}
}

func TestResetAndSoftReset(t *testing.T) {
	term := New(10, 3, Options{})
	term.Write([]byte("\x1b[1mab\x1b[?1h\x1b[4h\x1b[2;3r\x1b]2;x\x07"))
	term.Write([]byte("\x1b[!p"))
	if term.Modes()&(ModeInsert) != 0 || term.cur.style != (Style{}) || term.top != 0 {
		t.Errorf("DECSTR left state: modes %b style %+v top %d", term.Modes(), term.cur.style, term.top)
	}
	term.Write([]byte("\x1bc"))
	if term.Title() != "" || term.Modes() != ModeAutowrap|ModeCursorVisible || screenLines(term)[0] != "" {
		t.Errorf("RIS left state")
	}
}

func TestHistoryStylesSurviveCompaction(t *testing.T) {
	n := styleTableLimit + 2000
	term := New(10, 2, Options{HistoryLimit: n + 10})
	for i := 0; i < n; i++ {
		fmt.Fprintf(term, "\x1b[38;2;%d;%d;%dmab\x1b[0m\r\n", i&255, i>>8&255, i>>16)
	}
	check := func() {
		var cells []Cell
		for i := 0; i < n; i++ {
			cells, _ = term.LineCells(-term.HistoryLen()+i, cells[:0])
			s0, s1 := term.Style(cells[0].Style), term.Style(cells[1].Style)
			want := RGBColor(uint8(i&255), uint8(i>>8&255), uint8(i>>16))
			if s0.Fg != want || s1.Fg != want {
				t.Fatalf("line %d: styles %+v %+v want fg %x", i, s0, s1, want)
			}
		}
	}
	check()
	term.Write([]byte("x")) // compacts the table grown by reading
	if len(term.styles.list) > styleTableLimit {
		t.Errorf("style table not compacted: %d", len(term.styles.list))
	}
	check()
}

func TestCompactionKeepsEveryScreenStyle(t *testing.T) {
	const cols, rows = 40, 10
	term := New(cols, rows, Options{})
	fg := func(i int) Color { return RGBColor(uint8(i), uint8(i>>8), uint8(i>>16)) }
	// check compares every cell on screen with what the first n chars
	// wrote there: char i has its own colour, and every third is bold.
	check := func(n int) {
		t.Helper()
		top := max(0, (n+cols-1)/cols-rows) // output line on screen row 0
		for row := 0; row < rows; row++ {
			for col := 0; col < cols; col++ {
				i := (top+row)*cols + col
				if i < 0 || i >= n {
					continue
				}
				s := term.Style(term.Cell(col, row).Style)
				if s.Fg != fg(i) || (s.Attrs&AttrBold != 0) != (i%3 == 0) {
					t.Fatalf("after %d chars, cell %d,%d (char %d): style %+v, want fg %x bold %v", n, col, row, i, s, fg(i), i%3 == 0)
				}
			}
		}
	}
	n := 3*styleTableLimit + 17
	for i := 0; i < n; i++ {
		bold := ""
		if i%3 == 0 {
			bold = "\x1b[1m"
		}
		fmt.Fprintf(term, "\x1b[38;2;%d;%d;%dm%sx\x1b[22m", i&255, i>>8&255, i>>16, bold)
		if i%97 == 0 {
			check(i + 1)
		}
	}
	check(n)
	if len(term.styles.list) > term.styles.limit {
		t.Errorf("style table has %d entries, limit %d", len(term.styles.list), term.styles.limit)
	}
}

func TestTableEpochMarksCompaction(t *testing.T) {
	term := New(20, 4, Options{})
	e := term.TableEpoch()
	term.Write([]byte("\x1b[31mred\x1b[m"))
	if term.TableEpoch() != e {
		t.Fatal("epoch changed without a compaction")
	}
	for i := 0; i < 2*styleTableLimit; i++ {
		fmt.Fprintf(term, "\x1b[38;2;%d;%d;%dmx", i&255, i>>8&255, i>>16)
	}
	if term.TableEpoch() == e {
		t.Fatal("style compaction left the epoch unchanged")
	}
	e = term.TableEpoch()
	for i := 0; i < 2*clusterTableLimit; i++ {
		fmt.Fprintf(term, "%c\u0301", rune(0x4e00+i))
	}
	if term.TableEpoch() == e {
		t.Fatal("cluster compaction left the epoch unchanged")
	}
}

// A line can wrap without ever being written (scrolled in blank under a
// pending wrap); resizing must still treat it as a full row of blanks.
func TestReflowWrappedUnwrittenLine(t *testing.T) {
	term := New(10, 4, Options{})
	term.Write([]byte("0123456789\x1b[S\u00e9"))
	term.Resize(20, 4)
	checkInvariants(t, term)
	for row := 0; row < 4; row++ {
		for col := 0; col < 20; col++ {
			if term.Cell(col, row).Rune == 0xe9 {
				if col != 10 {
					t.Fatalf("é at column %d after widening, want 10 (after the blank line it wrapped from)", col)
				}
				return
			}
		}
	}
	t.Fatal("é lost in the resize")
}

// C1 controls in UTF-8 form are not text: stored in a cell they would be
// sent to the user's terminal when the pane is drawn.
func TestC1ControlsAreNotStored(t *testing.T) {
	term := New(20, 2, Options{})
	term.Write([]byte("x\u009d52;c;aGk=\u009cy \u009b2J"))
	var text []byte
	for col := 0; col < 20; col++ {
		text = term.AppendCellText(text, term.Cell(col, 0))
	}
	for _, r := range string(text) {
		if r >= 0x80 && r <= 0x9f {
			t.Fatalf("cell text %q holds C1 control %U", text, r)
		}
	}
	if !strings.HasPrefix(string(text), "x52;c;aGk=y 2J") {
		t.Errorf("screen %q, want the printable characters kept", text)
	}
}

// TestLinksOnScreenSurviveEviction: a link still on the screen keeps its
// URL however many others come and go; the table stays bounded.
func TestLinksOnScreenSurviveEviction(t *testing.T) {
	term := New(20, 3, Options{HistoryLimit: 10})
	term.Write([]byte("\x1b]8;;https://keep.example\x1b\\K\x1b]8;;\x1b\\"))
	for i := 0; i < 3*linkTableLimit; i++ {
		fmt.Fprintf(term, "\x1b[3;1H\x1b]8;;https://gone.example/%d\x1b\\L", i)
	}
	cells, _ := term.LineCells(0, nil)
	if got := term.Link(term.Style(cells[0].Style).Link); got != "https://keep.example" {
		t.Errorf("link on the screen = %q after %d others, want https://keep.example", got, 3*linkTableLimit)
	}
	cells, _ = term.LineCells(2, cells[:0])
	if got, want := term.Link(term.Style(cells[0].Style).Link), fmt.Sprintf("https://gone.example/%d", 3*linkTableLimit-1); got != want {
		t.Errorf("newest link = %q, want %q", got, want)
	}
	if n := len(term.links.urls); n > linkTableLimit {
		t.Errorf("link table has %d entries, limit %d", n, linkTableLimit)
	}
	checkInvariants(t, term)
}
