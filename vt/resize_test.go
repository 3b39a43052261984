package vt

import (
	"strings"
	"testing"
)

// These expectations were checked against tmux 3.3a (see oracle_test.go).
func TestResize(t *testing.T) {
	cases := []struct {
		name       string
		cols, rows int
		in         string
		sizes      [][2]int
		want       string // capture -S - -E end
		col, row   int
	}{
		{"narrow", 20, 5, "0123456789abcdefghij0123\r\nshort\r\n$ ", [][2]int{{8, 5}},
			"01234567\n89abcdef\nghij0123\nshort\n$\n\n", 2, 3},
		{"wide", 8, 5, "0123456789abcdefghij0123\r\nshort\r\n$ ", [][2]int{{30, 5}},
			"0123456789abcdefghij0123\nshort\n$\n\n\n", 2, 2},
		{"shrink rows drops blank lines first", 10, 6, "1\r\n2\r\n3\r\n", [][2]int{{10, 3}},
			"1\n2\n3\n\n", 0, 3 - 1},
		{"shrink rows pushes to history", 10, 6, "1\r\n2\r\n3\r\n4\r\n5", [][2]int{{10, 2}},
			"1\n2\n3\n4\n5\n", 1, 1},
		{"grow rows pulls history", 10, 3, "1\r\n2\r\n3\r\n4\r\n5\r\n6", [][2]int{{10, 6}},
			"1\n2\n3\n4\n5\n6\n", 1, 5},
		{"wide chars move down", 10, 4, "日本語テキストです\r\n", [][2]int{{5, 4}, {7, 4}},
			"日本語\nテキス\nトです\n\n\n", 0, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			term := New(tc.cols, tc.rows, Options{})
			term.Write([]byte(tc.in))
			rows := tc.rows
			for _, sz := range tc.sizes {
				term.Resize(sz[0], sz[1])
				rows = sz[1]
				checkInvariants(t, term)
			}
			got := string(term.Capture(nil, CaptureOptions{Start: -term.HistoryLen(), End: rows - 1}))
			if got != tc.want {
				t.Errorf("capture\n got %q\nwant %q", got, tc.want)
			}
			if c := term.Cursor(); c.Col != tc.col || c.Row != tc.row {
				t.Errorf("cursor %d,%d want %d,%d", c.Col, c.Row, tc.col, tc.row)
			}
		})
	}
}

func TestResizeKeepsCursorCharacter(t *testing.T) {
	term := New(10, 4, Options{})
	term.Write([]byte("abcdefghijklmnopqrstuvw\x1b[2;4H")) // cursor on 'n'
	for _, sz := range [][2]int{{7, 4}, {4, 6}, {13, 3}, {30, 4}} {
		term.Resize(sz[0], sz[1])
		c := term.Cursor()
		if got := term.Cell(c.Col, c.Row).Rune; got != 'n' {
			t.Fatalf("after resize to %v cursor %d,%d is on %q", sz, c.Col, c.Row, got)
		}
	}
}

func TestResizeAltScreen(t *testing.T) {
	term := New(10, 4, Options{})
	term.Write([]byte("main text that wraps\x1b[?1049h\x1b[4;1Halt\x1b[1;1Htop"))
	term.Resize(5, 2)
	if got := strings.Join(screenLines(term), "|"); got != "top|" {
		t.Errorf("alt screen after shrink %q", got)
	}
	if term.HistoryLen() != 2 {
		t.Errorf("history %d", term.HistoryLen())
	}
	term.Resize(20, 4)
	term.Write([]byte("\x1b[?1049l"))
	if got := screenLines(term)[0]; got != "main text that wraps" {
		t.Errorf("main after alt resize %q", got)
	}
	checkInvariants(t, term)
}
