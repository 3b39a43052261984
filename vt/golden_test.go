package vt

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// goldenCases are whole-screen scenarios; their dumps (screen, cursor,
// modes, capture -e with history) are kept under testdata/golden.
var goldenCases = []struct {
	name       string
	cols, rows int
	in         string
	resize     [2]int
}{
	{"shell", 40, 8, "$ ls --color\r\n\x1b[0m\x1b[01;34mdir\x1b[0m  \x1b[01;32mexec\x1b[0m  file.txt\r\n$ printf 'a\\tb\\n'\r\na\tb\r\n$ " +
		"echo long line that wraps around the forty column screen edge\r\nlong line that wraps around the forty column screen edge\r\n$ ", [2]int{}},
	{"editor", 30, 8, "\x1b[?1049h\x1b[H\x1b[2J\x1b[1;7r\x1b[?25l" +
		"\x1b[1;1H~\x1b[2;1H~\x1b[3;1H~\x1b[1;1H\x1b[1mfunc\x1b[0m main() {\x1b[2;1H\x1b[K\tfmt.Println(\"日本\")\x1b[3;1H\x1b[K}" +
		"\x1b[8;1H\x1b[7m-- INSERT --\x1b[K\x1b[0m\x1b[r\x1b[2;14H\x1b[?25h\x1b[5 q", [2]int{}},
	{"boxes", 20, 6, "\x1b(0lqqqqqqqqk\r\nx\x1b(B hello  \x1b(0x\r\nmqqqqqqqqj\x1b(B\r\n\x1b[38;2;255;100;0mrgb\x1b[48;5;22mbg\x1b[0m", [2]int{}},
	{"scrollregion", 20, 6, "top\x1b[2;5r\x1b[5;1H" + strings.Repeat("scroll\r\n", 6) + "\x1b[r\x1b[6;1Hbottom", [2]int{}},
	{"reflow", 20, 5, "short\r\n" + strings.Repeat("0123456789", 5) + "\r\n日本語日本語日本語日本語\r\n$ ", [2]int{13, 6}},
	{"margins", 20, 6, "\x1b[?69h\x1b[5;15s\x1b[2;5r" + strings.Repeat("abcdefghijklmnop", 4) + "\x1b[3;7H\x1b[2L\x1b[4@X\x1b[?69l", [2]int{}},
}

func dumpTerminal(t *Terminal) string {
	var b strings.Builder
	cols, rows := t.Size()
	fmt.Fprintf(&b, "size %dx%d history %d\n", cols, rows, t.HistoryLen())
	c := t.Cursor()
	fmt.Fprintf(&b, "cursor %d,%d visible=%v shape=%d modes=%#x title=%q\n", c.Col, c.Row, c.Visible, c.Shape, uint32(t.Modes()), t.Title())
	b.WriteString("screen:\n")
	for _, l := range screenLines(t) {
		fmt.Fprintf(&b, "|%s\n", l)
	}
	b.WriteString("capture -e -S -:\n")
	capt := t.Capture(nil, CaptureOptions{Start: -t.HistoryLen(), End: rows - 1, Escapes: true})
	b.WriteString(strings.ReplaceAll(string(capt), "\x1b", `\e`))
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			term := New(tc.cols, tc.rows, Options{})
			term.Write([]byte(tc.in))
			if tc.resize != [2]int{} {
				term.Resize(tc.resize[0], tc.resize[1])
			}
			checkInvariants(t, term)
			got := dumpTerminal(term)
			path := filepath.Join("testdata", "golden", tc.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal([]byte(got), want) {
				t.Errorf("dump differs from %s:\n got:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}
