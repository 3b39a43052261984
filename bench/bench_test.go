package main

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

func TestMakeLinesFile(t *testing.T) {
	p := t.TempDir() + "/lines"
	if err := makeLinesFile(p, 100, 80, "END-x"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	lines := strings.Split(string(b), "\n")
	if len(lines) != 101 || lines[100] != "END-x" {
		t.Fatalf("got %d lines, last %q", len(lines), lines[len(lines)-1])
	}
	for i, l := range lines[:100] {
		if len(l) != 80 {
			t.Fatalf("line %d has %d columns", i, len(l))
		}
	}
}

func TestPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3}
	cases := []struct{ p, want float64 }{{0, 1}, {50, 3}, {100, 5}, {25, 2}, {90, 4.6}}
	for _, c := range cases {
		if got := percentile(xs, c.p); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median of even count = %v, want 2.5", got)
	}
	if !math.IsNaN(median(nil)) {
		t.Error("median of nothing should be NaN")
	}
	if xs[0] != 5 {
		t.Error("percentile sorted its input in place")
	}
}

func TestStripper(t *testing.T) {
	in := "a\x1b[38;2;1;2;3mDO\x1b]0;title\x07NE\x1b(B-\x1bP1$r\x1b\\x\r\n日本\x1b[?25h"
	// every split point must give the same text
	for i := 0; i <= len(in); i++ {
		var s stripper
		out := s.feed(nil, []byte(in[:i]))
		out = s.feed(out, []byte(in[i:]))
		if string(out) != "aDONE-x日本" {
			t.Fatalf("split at %d: got %q", i, out)
		}
	}
}

func TestStreamReader(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	sr := newStreamReader(r, 0)
	wt := sr.expect("DONE-1234", 0)
	w.Write([]byte("junk DO\x1b[1m"))
	w.Write([]byte("NE-12\x1b[m34 more"))
	if _, err := sr.await(wt, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	// expect from the current mark ignores what came before
	old := sr.expect("junk", sr.mark())
	if _, err := sr.await(old, 50*time.Millisecond); err == nil {
		t.Fatal("matched text from before the mark")
	}
	w.Close()
	late := sr.expect("never", sr.mark())
	if _, err := sr.await(late, 2*time.Second); err == nil || strings.Contains(err.Error(), "timeout") {
		t.Fatalf("want an end-of-stream error, got %v", err)
	}
}

func TestMaxGap(t *testing.T) {
	t0 := time.Unix(1000, 0)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	chunks := []chunk{
		{at(0), at(5), 10},
		{at(9), at(10), 10},   // reader busy 5..9, blocked 1 ms
		{at(10), at(150), 10}, // blocked 140 ms
		{at(160), at(170), 10},
	}
	if g := maxGap(chunks, at(0), at(200)); g != 140*time.Millisecond {
		t.Errorf("gap %v, want 140ms", g)
	}
	if g := maxGap(chunks[:2], at(0), at(300)); g != 290*time.Millisecond {
		t.Errorf("output stopping early: gap %v, want 290ms", g)
	}
	if g := maxGap(nil, at(0), at(300)); g != 300*time.Millisecond {
		t.Errorf("no output at all: gap %v, want 300ms", g)
	}
	// a read blocked across the end counts only up to the end
	if g := maxGap([]chunk{{at(0), at(10), 1}, {at(10), at(500), 1}}, at(0), at(100)); g != 90*time.Millisecond {
		t.Errorf("read across the end: gap %v, want 90ms", g)
	}
}

func TestReport(t *testing.T) {
	rp := &report{}
	rp.add("tput", "throughput", "MB/s", 1,
		map[string]val{"bare": num(100), "tmux": num(20), "gmux": num(80)}, both(atLeast("bare", 0.75), atLeast("tmux", 3)))
	rp.add("cpu", "cpu", "s/MB", 3,
		map[string]val{"tmux": num(0.3), "gmux": num(0.2)}, atMost("tmux", 1.0/3))
	rp.add("echo", "echo", "ms", 2,
		map[string]val{"tmux": num(1), "gmux": failed("timeout after 2s waiting")}, atMost("tmux", 1))
	rp.add("mem", "mem", "MB", 0, map[string]val{"tmux": num(500)}, below(200, "MB"))
	rp.add("part", "part", "MB/s", 2, map[string]val{"gmux": {v: 5, ok: true, err: "rep 2: boom"}}, noGoal())
	rp.extra = append(rp.extra, "elapsed_s=12")
	var b bytes.Buffer
	rp.write(&b, []*system{{name: "bare"}, {name: "tmux", bin: "tmux"}, {name: "gmux", err: "go build failed"}})
	out := b.String()
	for _, want := range []string{
		"figure", "gmux/tmux", "verdict",
		"<= 1/3x tmux", ">= 0.75x bare and >= 3x tmux", "< 200 MB",
		"4.00", // ratio 80/20
		"timeout",
		"gmux not run: go build failed",
		"5.00!", "gmux [part]: rep 2: boom",
		"figures: elapsed_s=12 tput_bare=100.0 tput_tmux=20.0 tput_gmux=80.0 tput_verdict=pass cpu_tmux=0.300 cpu_gmux=0.200 cpu_verdict=fail echo_tmux=1.00 echo_gmux=timeout echo_verdict=fail mem_tmux=500 part_gmux=5.00\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(out, "\n")
	if !strings.Contains(lines[1], "pass") || !strings.Contains(lines[2], "FAIL") || !strings.Contains(lines[3], "FAIL") ||
		!strings.Contains(lines[4], "n/a") {
		t.Errorf("verdicts wrong:\n%s", out)
	}
}
