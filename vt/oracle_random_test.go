package vt

import (
	"fmt"
	"math/rand"
	"strings"
)

// randomStream builds a reproducible mix of sequences that tmux and vt
// both implement the same way: text (ASCII, wide, combining), CR/LF, cursor
// moves, SGR, erases, line and character insert/delete and resets of the scroll region.
func randomStream(seed int64, cols, rows, n int) string {
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	// A Terminal runs alongside so that sequences whose meaning in the
	// pending-wrap state differs between tmux and xterm (tmux keeps the
	// cursor one past the last column: CUB counts from there, EL, ECH,
	// ICH, DCH, IL, DL and CHA act differently) are not sent then.
	shadow := New(cols, rows, Options{})
	mark := 0
	words := []string{"hello", "world", "日本", "e\u0301", "x", "    ", "tab\tstop", "😀", "0123456789"}
	var toks []int
	for i := 0; i < n; i++ {
		toks = append(toks, b.Len())
		shadow.Write([]byte(b.String()[mark:]))
		mark = b.Len()
		op := r.Intn(14)
		if shadow.cur.pending && op >= 5 && op != 10 && op != 4 {
			op = 0
		}
		switch op {
		case 0, 1, 2, 3:
			b.WriteString(words[r.Intn(len(words))])
		case 4:
			b.WriteString("\r\n")
		case 5:
			fmt.Fprintf(&b, "\x1b[%d;%dH", r.Intn(rows)+1, r.Intn(cols)+1)
		case 6:
			sgr := []string{"0", "1", "3", "4", "7", "31", "42", "38;5;123", "48;2;10;20;30", "22", "24", "39", "49", "2", "9"}
			fmt.Fprintf(&b, "\x1b[%sm", sgr[r.Intn(len(sgr))])
		case 7:
			fmt.Fprintf(&b, "\x1b[%dK", r.Intn(3))
		case 8:
			fmt.Fprintf(&b, "\x1b[%dJ", r.Intn(2))
		case 9:
			fmt.Fprintf(&b, "\x1b[%d%c", r.Intn(3)+1, "LMXABCD"[r.Intn(7)])
		case 10:
			b.WriteString("\n")
		case 11:
			// Scroll regions are left out: tmux 3.3a moves lines scrolled
			// out of any region into history, vt only from a region at the
			// top (see the scrollregion case).
			b.WriteString("\x1b[r")
		case 12:
			fmt.Fprintf(&b, "\x1b[%dG", r.Intn(cols)+1)
		case 13:
			b.WriteString(strings.Repeat("abcdefghij", r.Intn(5)))
		}
	}
	lastTokens = toks
	return b.String()
}

var lastTokens []int

func init() {
	for seed := int64(1); seed <= 16; seed++ {
		oracleCases = append(oracleCases, oracleCase{
			name: fmt.Sprintf("random%d", seed), cols: 30, rows: 8,
			in: randomStream(seed, 30, 8, 400),
		})
	}
}
