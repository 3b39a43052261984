package vt

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/gmux/gmux/bench/corpus"
)

func benchInput(kind string) []byte {
	var b bytes.Buffer
	switch kind {
	case "plain":
		for b.Len() < 256<<10 {
			fmt.Fprintf(&b, "%d the quick brown fox jumps over the lazy dog and keeps on running far away\r\n", b.Len())
		}
	case "sgr":
		for i := 0; b.Len() < 256<<10 || i%4 != 0; i++ {
			fmt.Fprintf(&b, "\x1b[%d;1mword\x1b[0m \x1b[38;5;%dmcolour\x1b[39m \x1b[48;2;%d;%d;40mrgb\x1b[m ", 31+i%7, i%256, i%256, (i*7)%256)
			if i%4 == 3 {
				b.WriteString("\r\n")
			}
		}
	case "redraw":
		for i := 0; b.Len() < 256<<10; i++ {
			for y := 1; y <= 24; y++ {
				fmt.Fprintf(&b, "\x1b[%d;1H\x1b[3%dm%-70s\x1b[K", y, i%8, fmt.Sprintf("line %d frame %d", y, i))
			}
		}
	case "mixed":
		// bench/'s corpus, as a PTY with ONLCR hands it to a pane.
		var c bytes.Buffer
		if err := corpus.Write(&c, 1, 1<<20); err != nil {
			panic(err)
		}
		b.Write(bytes.ReplaceAll(c.Bytes(), []byte("\n"), []byte("\r\n")))
	case "wide":
		for b.Len() < 256<<10 {
			b.WriteString("日本語のテキストと漢字、そして絵文字😀🎉もあります。中文字符也在这里。\r\n")
		}
	}
	return b.Bytes()
}

func benchWrite(b *testing.B, kind string) {
	in := benchInput(kind)
	cols, rows := 80, 24
	if kind == "mixed" {
		cols, rows = 120, 40 // as bench/ sizes its panes
	}
	term := New(cols, rows, Options{})
	// Warm up: fill the history and the style table.
	for i := 0; i < 2 || (i < 20 && term.HistoryLen() < defaultHistoryLimit); i++ {
		term.Write(in)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// In PTY-read-sized pieces, so per-Write costs count as in a pane.
		for rest := in; len(rest) > 0; {
			n := min(len(rest), 16<<10)
			term.Write(rest[:n])
			rest = rest[n:]
		}
	}
}

func BenchmarkWritePlain(b *testing.B)  { benchWrite(b, "plain") }
func BenchmarkWriteSGR(b *testing.B)    { benchWrite(b, "sgr") }
func BenchmarkWriteRedraw(b *testing.B) { benchWrite(b, "redraw") }
func BenchmarkWriteWide(b *testing.B)   { benchWrite(b, "wide") }
func BenchmarkWriteMixed(b *testing.B)  { benchWrite(b, "mixed") }

// BenchmarkIdleMemory reports the heap held by an idle 120x40 terminal.
func BenchmarkIdleMemory(b *testing.B) {
	const n = 200
	for i := 0; i < b.N; i++ {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		terms := make([]*Terminal, n)
		for j := range terms {
			terms[j] = New(120, 40, Options{})
			terms[j].Write([]byte("$ "))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B/terminal")
		runtime.KeepAlive(terms)
	}
}
