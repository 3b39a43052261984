package vt

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// checkLineVersions asserts LineVersion's promise against a snapshot taken
// before the last change: a row whose version is unchanged holds the same
// cells (unless the tables were compacted, which renumbers them).
type lineSnapshot struct {
	epoch uint64
	vers  []uint64
	cells [][]Cell
}

func snapshotLines(t *Terminal) lineSnapshot {
	_, rows := t.Size()
	s := lineSnapshot{epoch: t.TableEpoch()}
	for y := 0; y < rows; y++ {
		c, _ := t.LineCells(y, nil)
		s.vers = append(s.vers, t.LineVersion(y))
		s.cells = append(s.cells, c)
	}
	return s
}

func checkLineVersions(tb testing.TB, t *Terminal, before lineSnapshot, what string) {
	tb.Helper()
	cols, rows := t.Size()
	if t.TableEpoch() != before.epoch || rows != len(before.vers) || cols != len(before.cells[0]) {
		return // a caller starts afresh after a resize or a compaction
	}
	for y := 0; y < rows; y++ {
		if t.LineVersion(y) != before.vers[y] {
			continue
		}
		if c, _ := t.LineCells(y, nil); !slices.Equal(c, before.cells[y]) {
			tb.Fatalf("after %q: row %d changed but kept version %d", what, y, before.vers[y])
		}
	}
}

func TestLineVersionTracksEveryChange(t *testing.T) {
	ops := []func(r *rand.Rand, cols, rows int) string{
		func(r *rand.Rand, cols, rows int) string { return "hello 日本 e\u0301" },
		func(r *rand.Rand, cols, rows int) string { return "\r\n" },
		func(r *rand.Rand, cols, rows int) string {
			return fmt.Sprintf("\x1b[%d;%dH", r.IntN(rows)+1, r.IntN(cols)+1)
		},
		func(r *rand.Rand, cols, rows int) string {
			return fmt.Sprintf("\x1b[%dm", []int{0, 1, 7, 31, 44}[r.IntN(5)])
		},
		func(r *rand.Rand, cols, rows int) string { return fmt.Sprintf("\x1b[%dK", r.IntN(3)) },
		func(r *rand.Rand, cols, rows int) string { return fmt.Sprintf("\x1b[%dJ", r.IntN(4)) },
		func(r *rand.Rand, cols, rows int) string {
			return fmt.Sprintf("\x1b[%d%c", r.IntN(3)+1, "LMXP@STbEF"[r.IntN(10)])
		},
		func(r *rand.Rand, cols, rows int) string {
			return fmt.Sprintf("\x1b[%d;%dr", r.IntN(rows)+1, r.IntN(rows)+1)
		},
		func(r *rand.Rand, cols, rows int) string {
			return fmt.Sprintf("\x1b[?69h\x1b[%d;%ds", r.IntN(cols)+1, r.IntN(cols)+1)
		},
		func(r *rand.Rand, cols, rows int) string { return "\x1b[?69l" },
		func(r *rand.Rand, cols, rows int) string { return []string{"\x1bM", "\x1bD", "\x1bE", "\n"}[r.IntN(4)] },
		func(r *rand.Rand, cols, rows int) string {
			return []string{"\x1b[?1049h", "\x1b[?1049l", "\x1b[?47h", "\x1b[?47l"}[r.IntN(4)]
		},
		func(r *rand.Rand, cols, rows int) string {
			return []string{"\x1b#8", "\x1bc", "\x1b[!p", "\x1b[4h", "\x1b[4l"}[r.IntN(5)]
		},
		func(r *rand.Rand, cols, rows int) string { return "abcdefghijklmnopqrstuvwxyz0123456789" },
	}
	for seed := uint64(1); seed <= 30; seed++ {
		r := rand.New(rand.NewPCG(seed, 3))
		cols, rows := 5+r.IntN(20), 2+r.IntN(8)
		term := New(cols, rows, Options{HistoryLimit: 20})
		for step := 0; step < 400; step++ {
			before := snapshotLines(term)
			if r.IntN(40) == 0 {
				cols, rows = 5+r.IntN(20), 2+r.IntN(8)
				term.Resize(cols, rows)
				checkLineVersions(t, term, before, fmt.Sprintf("resize %dx%d", cols, rows))
				continue
			}
			in := ops[r.IntN(len(ops))](r, cols, rows)
			term.Write([]byte(in))
			checkLineVersions(t, term, before, in)
		}
	}
}
