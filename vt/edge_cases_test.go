package vt

import (
	"strings"
	"testing"
)

// Wide characters cut by a margin: scrolling a region with left and right
// margins, ICH, DCH and insert-mode printing must neither leave nor carry
// half of one. Each case fails without the fix; two are FuzzWrite seeds.
func TestWideCharactersAtMargins(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"RI across the left margin", "\x1b[1;3H日\x1b[?69h\x1b[4;5s\x1bM"},
		{"RI across the right margin", "\x1b[1;5H日\x1b[?69h\x1b[4;5s\x1bM"},
		{"IND across the left margin", "\x1b[2;3H日\x1b[?69h\x1b[4;5s\x1b[3;4H\x1bD"},
		{"ICH", "\x1b[1;5H日\x1b[?69h\x1b[1;5s\x1b[@"},
		{"DCH", "\x1b[1;5H日\x1b[?69h\x1b[1;5s\x1b[P"},
		{"IRM", "\x1b[1;5H日\x1b[?69h\x1b[1;5s\x1b[4hx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			term := New(8, 3, Options{})
			term.Write([]byte(tc.in))
			checkInvariants(t, term)
		})
	}
}

// A wrap can scroll, a scroll can intern the erase style, and interning
// can compact the style table: characters printed after the wrap must get
// the cursor's style as renumbered, not the number it had before.
func TestStyleSurvivesCompactionDuringWrap(t *testing.T) {
	term := New(10, 2, Options{})
	for i := 0; len(term.styles.list) < term.styles.limit-1; i++ {
		term.styles.add(&Style{Fg: RGBColor(uint8(i), uint8(i>>8), 200)})
	}
	epoch := term.TableEpoch()
	term.Write([]byte("\x1b[2J\x1b[2;1H\x1b[38;2;1;2;3;41mabcdefghijklmnop"))
	if term.TableEpoch() == epoch {
		t.Fatal("the style table was not compacted: the test no longer covers the case")
	}
	want := Style{Fg: RGBColor(1, 2, 3), Bg: IndexedColor(1)}
	for x := 0; x < 6; x++ {
		c := term.Cell(x, 1)
		if got := term.Style(c.Style); got != want || c.Rune != rune('k'+x) {
			t.Fatalf("cell %d after the wrap: %q in %+v, want %q in %+v", x, c.Rune, got, rune('k'+x), want)
		}
	}
}

// A line never written can still wrap (a wide character that did not fit
// in its last column moved down): in history it must keep the screen's
// width, as it does on screen, or a reflow joins it wrongly.
func TestUnwrittenWrappedLineKeepsWidthInHistory(t *testing.T) {
	capture := func(in string) string {
		term := New(4, 2, Options{})
		term.Write([]byte(in))
		term.Resize(8, 2)
		out := term.Capture(nil, CaptureOptions{Start: -term.HistoryLen(), End: 1})
		first, _, _ := strings.Cut(string(out), "\n")
		return first
	}
	onScreen := capture("\x1b[1;4H日 ")
	inHistory := capture("\x1b[1;4H日 \r\n\r\nx")
	if inHistory != onScreen || onScreen != "   日" {
		t.Errorf("reflowed from history %q, from the screen %q; want both %q", inHistory, onScreen, "   日")
	}
}
