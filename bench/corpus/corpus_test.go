package corpus

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func corpusBytes(t *testing.T, seed uint64, size int64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, seed, size); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCorpusDeterministic(t *testing.T) {
	a := corpusBytes(t, 1, 256<<10)
	b := corpusBytes(t, 1, 256<<10)
	c := corpusBytes(t, 2, 256<<10)
	if int64(len(a)) != 256<<10 {
		t.Fatalf("size %d, want %d", len(a), 256<<10)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different corpora")
	}
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same corpus")
	}
	for _, size := range []int64{5000, 100000, 300017} {
		if got := len(corpusBytes(t, 3, size)); int64(got) != size {
			t.Errorf("size %d: got %d bytes", size, got)
		}
	}
}

func TestCorpusMix(t *testing.T) {
	c := corpusBytes(t, 1, 1<<20)
	if !utf8.Valid(c) {
		t.Error("corpus is not valid UTF-8")
	}
	for _, want := range []string{
		"\x1b[38;5;", "\x1b[48;5;", "\x1b[38;2;", "\x1b[48;2;", // 256 and true colour
		"\x1b[31;1mERROR", "\x1b[32mINFO", // coloured log lines
		"\x1b[1m", "\x1b[3m", "\x1b[7m", "\x1b[4:3m", "\x1b[27m", // attributes
		"\t", "日本語", "한국어", "café", "┌──┐", // tabs, wide and other UTF-8
	} {
		if n := bytes.Count(c, []byte(want)); n < 10 {
			t.Errorf("%q occurs %d times, want >= 10", want, n)
		}
	}
	long := 0
	for _, line := range bytes.Split(c, []byte("\n")) {
		if utf8.RuneCount(line) > 300 {
			long++
		}
	}
	if long < 50 {
		t.Errorf("%d lines longer than 300 runes, want >= 50", long)
	}
	// Nothing that makes a terminal reply or switch screens.
	for _, bad := range []string{"\x1b[c", "\x1b[>c", "\x1b[6n", "\x1b[5n", "\x1b[?1049", "\x1b[?47", "\x1b]"} {
		if bytes.Contains(c, []byte(bad)) {
			t.Errorf("corpus contains %q", bad)
		}
	}
	if !bytes.HasSuffix(c, []byte("\x1b[0m\n")) {
		t.Error("corpus does not end with an attribute reset and newline")
	}
}
