// Package corpus generates the deterministic terminal output that bench/
// and the vt benchmarks feed through a terminal.
package corpus

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// The corpus is a deterministic mix of what terminals see in practice:
// prose, coloured log lines, 256 and true colour runs, attribute changes,
// tab separated tables, long wrapping lines and UTF-8 including wide
// characters. It never contains sequences that make a terminal reply
// (DA, DSR) or switch screens, and it ends with the attributes reset.

var words = strings.Fields(`the a of and to in is that it was for on are as with
his they at be this from have or by one had not but what all were when we there can
an your which their said if do will each about how up out them then she many some so
these would other into has more her two like him see time could no make than first
been its who now people my made over did down only way find use may water long little
very after words called just where most know server client socket pane window session
buffer cursor render frame terminal escape sequence latency throughput memory history`)

var unicodeWords = []string{
	"café", "naïve", "über", "façade", "Ελληνικά", "Кириллица", "ąčęėįšųūž",
	"│", "─", "┌──┐", "└──┘", "█▓▒░", "→", "λ", "π≈3.14", "€", "✓", "•",
	"日本語", "中文字符", "한국어", "ｆｕｌｌ", "漢字かな", "東京",
}

var logLevels = []struct{ name, sgr string }{
	{"DEBUG", "\x1b[2m"}, {"INFO", "\x1b[32m"}, {"WARN", "\x1b[33;1m"},
	{"ERROR", "\x1b[31;1m"}, {"TRACE", "\x1b[36m"},
}

type generator struct {
	r *rand.Rand
	w *bufio.Writer
	n int64
}

func (g *generator) s(s string) { g.w.WriteString(s); g.n += int64(len(s)) }

func (g *generator) f(format string, a ...any) {
	n, _ := fmt.Fprintf(g.w, format, a...)
	g.n += int64(n)
}

func (g *generator) word() string {
	if g.r.IntN(40) == 0 {
		return unicodeWords[g.r.IntN(len(unicodeWords))]
	}
	return words[g.r.IntN(len(words))]
}

// prose writes a paragraph wrapped at a random width, sometimes not wrapped
// at all (a long line the terminal has to wrap).
func (g *generator) prose() {
	width := 50 + g.r.IntN(60)
	if g.r.IntN(5) == 0 {
		width = 300 + g.r.IntN(900)
	}
	words := 20 + g.r.IntN(200)
	col := 0
	for i := 0; i < words; i++ {
		w := g.word()
		if col > 0 && col+len(w)+1 > width {
			g.s("\n")
			col = 0
		} else if col > 0 {
			g.s(" ")
			col++
		}
		g.s(w)
		col += len(w)
	}
	g.s("\n\n")
}

func (g *generator) logLine() {
	lv := logLevels[g.r.IntN(len(logLevels))]
	g.f("\x1b[90m2026-01-%02d %02d:%02d:%02d.%03d\x1b[0m %s%-5s\x1b[0m \x1b[35m[%s]\x1b[0m ",
		1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000),
		lv.sgr, lv.name, words[g.r.IntN(len(words))])
	for i, n := 0, 4+g.r.IntN(16); i < n; i++ {
		if i > 0 {
			g.s(" ")
		}
		if g.r.IntN(6) == 0 {
			g.f("\x1b[1m%s=\x1b[22m%d", words[g.r.IntN(len(words))], g.r.IntN(100000))
		} else {
			g.s(g.word())
		}
	}
	g.s("\n")
}

func (g *generator) colour256() {
	for i, n := 0, 20+g.r.IntN(80); i < n; i++ {
		if g.r.IntN(2) == 0 {
			g.f("\x1b[38;5;%dm", g.r.IntN(256))
		} else {
			g.f("\x1b[48;5;%d;38;5;%dm", g.r.IntN(256), g.r.IntN(256))
		}
		g.s(g.word())
		g.s(" ")
	}
	g.s("\x1b[0m\n")
}

func (g *generator) trueColour() {
	for i, n := 0, 20+g.r.IntN(80); i < n; i++ {
		g.f("\x1b[38;2;%d;%d;%dm", g.r.IntN(256), g.r.IntN(256), g.r.IntN(256))
		if g.r.IntN(3) == 0 {
			g.f("\x1b[48;2;%d;%d;%dm", g.r.IntN(256), g.r.IntN(256), g.r.IntN(256))
		}
		g.s("▀▄")
		g.s(g.word())
	}
	g.s("\x1b[0m\n")
}

var attrOn = []string{"1", "2", "3", "4", "5", "7", "9", "4:3", "53"}

func (g *generator) attributes() {
	for i, n := 0, 10+g.r.IntN(40); i < n; i++ {
		g.f("\x1b[%sm%s\x1b[%dm ", attrOn[g.r.IntN(len(attrOn))], g.word(),
			[]int{0, 22, 23, 24, 25, 27, 29}[g.r.IntN(7)])
	}
	g.s("\x1b[m\n")
}

func (g *generator) table() {
	for row, rows := 0, 3+g.r.IntN(20); row < rows; row++ {
		for c, cols := 0, 3+g.r.IntN(6); c < cols; c++ {
			if c > 0 {
				g.s("\t")
			}
			if g.r.IntN(2) == 0 {
				g.f("%d", g.r.IntN(1000000))
			} else {
				g.s(g.word())
			}
		}
		g.s("\n")
	}
}

func (g *generator) wide() {
	for i, n := 0, 10+g.r.IntN(100); i < n; i++ {
		g.s(unicodeWords[g.r.IntN(len(unicodeWords))])
		if g.r.IntN(3) == 0 {
			g.s(" ")
		}
	}
	g.s("\n")
}

// Write writes exactly size bytes (padding the tail with ASCII) of the
// corpus for seed to w.
func Write(w io.Writer, seed uint64, size int64) error {
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), w: bufio.NewWriterSize(w, 1<<16)}
	tail := "\x1b[0m\n"
	for g.n < size-4096 {
		switch k := g.r.IntN(100); {
		case k < 30:
			g.prose()
		case k < 60:
			g.logLine()
		case k < 70:
			g.colour256()
		case k < 78:
			g.trueColour()
		case k < 86:
			g.attributes()
		case k < 94:
			g.table()
		default:
			g.wide()
		}
	}
	pad := size - g.n - int64(len(tail))
	for pad > 0 {
		line := int64(79)
		if pad < line+1 {
			g.s(strings.Repeat(".", int(pad)))
			break
		}
		g.s(strings.Repeat("-", int(line)) + "\n")
		pad -= line + 1
	}
	g.s(tail)
	return g.w.Flush()
}
