package vt

import (
	"strings"
	"testing"
)

func TestParserEdgeCases(t *testing.T) {
	runScreenCases(t, []screenCase{
		{name: "huge param clamps", in: "\x1b[99999999999Cx", want: []string{"         x"}, col: 9},
		{name: "many params", in: "\x1b[" + strings.Repeat("1;", 100) + "mx", want: []string{"x"}, col: 1},
		{name: "private in middle ignored", in: "\x1b[1?5Cx", want: []string{"x"}, col: 1},
		{name: "intermediate then param ignored", in: "\x1b[ 5Cx", want: []string{"x"}, col: 1},
		{name: "c0 inside csi executes", in: "ab\x1b[2\rCx", want: []string{"abx"}, col: 3},
		{name: "esc restarts", in: "\x1b[5\x1b[2Cx", want: []string{"  x"}, col: 3},
		{name: "can aborts", in: "\x1b[5\x18Cx", want: []string{"Cx"}, col: 2},
		{name: "sub aborts", in: "\x1b[5\x1aCx", want: []string{"Cx"}, col: 2},
		{name: "osc bel", in: "\x1b]2;title\x07x", want: []string{"x"}, col: 1},
		{name: "osc st", in: "\x1b]2;title\x1b\\x", want: []string{"x"}, col: 1},
		{name: "osc can", in: "\x1b]2;title\x18x", want: []string{"x"}, col: 1},
		{name: "dcs ignored", in: "\x1bPq#0;2;0;0;0#0~~@@\x1b\\x", want: []string{"x"}, col: 1},
		{name: "apc pm sos ignored", in: "\x1b_a\x1b\\\x1b^b\x1b\\\x1bXc\x1b\\x", want: []string{"x"}, col: 1},
		{name: "utf-8 encoded c1 is dropped", in: "\xc2\x9b2Cx", want: []string{"2Cx"}, col: 3},
		{name: "raw 8-bit c1 is invalid utf-8", in: "\x9b2Cx", want: []string{"\ufffd2Cx"}, col: 4},
		{name: "unknown csi", in: "\x1b[5yx\x1b[?5;6zy", want: []string{"xy"}, col: 2},
		{name: "unknown esc", in: "\x1b%Gx\x1bQy", want: []string{"xy"}, col: 2},
		{name: "del ignored", in: "a\x7fb", want: []string{"ab"}, col: 2},
	})
}

func TestParserOSCUTF8Split(t *testing.T) {
	term := New(10, 2, Options{})
	in := []byte("\x1b]2;h\xc3\xa9llo\x07")
	for i := range in {
		term.Write(in[i : i+1])
	}
	if term.Title() != "héllo" {
		t.Errorf("title %q", term.Title())
	}
}

func TestPrintableEnd(t *testing.T) {
	// Every byte value at every position of a 20-byte run of 'a's: the
	// eight-at-a-time test must stop exactly where the byte loop would.
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 20; pos++ {
			p := []byte(strings.Repeat("a", 20))
			p[pos] = byte(b)
			want := 20
			if b < 0x20 || b >= 0x7f {
				want = pos
			}
			for start := 0; start <= pos; start++ {
				if got := printableEnd(p, start); got != want {
					t.Fatalf("byte %#x at %d from %d: %d, want %d", b, pos, start, got, want)
				}
			}
		}
	}
}
