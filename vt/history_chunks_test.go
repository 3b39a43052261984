package vt

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestHistoryChunksMatchModel drives the chunked history with random
// pushes, pops, limit changes, clears and replacements, and checks every
// line against a plain slice of lines after each step.
func TestHistoryChunksMatchModel(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		var h history
		h.limit = 1 + r.IntN(300)
		var model [][]byte
		line := func(k int) []byte {
			// Sizes from tiny to long, so lines leave gaps at the
			// ends of chunks and some need a chunk of their own.
			n := 3 + r.IntN(20)
			if r.IntN(10) == 0 {
				n += r.IntN(2000)
			}
			if r.IntN(300) == 0 {
				n += maxChunk // a chunk of its own
			}
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(k + i)
			}
			return b
		}
		for step := 0; step < 3000; step++ {
			switch op := r.IntN(100); {
			case op < 80:
				b := line(step)
				h.push(b)
				model = append(model, b)
				if len(model) > h.limit {
					model = model[len(model)-h.limit:]
				}
			case op < 88:
				got := h.popNewest()
				var want []byte
				if len(model) > 0 {
					want = model[len(model)-1]
					model = model[:len(model)-1]
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("seed %d step %d: popNewest = %d bytes, want %d", seed, step, len(got), len(want))
				}
			case op < 93:
				h.setLimit(1 + r.IntN(300))
				if len(model) > h.limit {
					model = model[len(model)-h.limit:]
				}
			case op < 95:
				h.clear()
				model = nil
			case op < 97:
				// Flags are changed in place (unwrapAbove).
				if len(model) > 0 {
					h.get(h.len() - 1)[0] ^= 1
					model[len(model)-1][0] ^= 1
				}
			default:
				// As a reflow does: some lines are the history's own.
				lines := make([][]byte, r.IntN(400))
				for i := range lines {
					if i < h.len() && r.IntN(2) == 0 {
						lines[i] = h.get(i)
					} else {
						lines[i] = line(step + i)
					}
				}
				h.replace(lines)
				if len(lines) > h.limit {
					lines = lines[len(lines)-h.limit:]
				}
				model = append([][]byte(nil), lines...)
			}
			if h.len() != len(model) {
				t.Fatalf("seed %d step %d: len %d, want %d", seed, step, h.len(), len(model))
			}
			for i := range model {
				if !bytes.Equal(h.get(i), model[i]) {
					t.Fatalf("seed %d step %d: line %d differs", seed, step, i)
				}
			}
			used, held := 0, len(h.spare)
			for i := range model {
				used += len(model[i])
			}
			for _, c := range h.chunks {
				held += len(c)
			}
			// Chunks are freed as their lines go: what is held is the
			// lines, the unfilled end of the newest chunk, the part of
			// the oldest chunk already evicted, and one spare.
			if limit := used + 3*(2*maxChunk+4000); held > limit {
				t.Fatalf("seed %d step %d: chunks hold %d bytes for %d bytes of lines", seed, step, held, used)
			}
		}
	}
}

// TestHistoryPushDoesNotAllocate checks that a full history reuses its
// chunks: scrolling a flood of output must not feed the garbage collector.
// Each run pushes several chunks' worth, so one allocation per chunk shows
// as well as one per line.
func TestHistoryPushDoesNotAllocate(t *testing.T) {
	term := New(80, 24, Options{HistoryLimit: 500})
	var lines []byte
	for i := 0; i < 50; i++ {
		lines = fmt.Appendf(lines, "\x1b[3%dm%s\x1b[m\r\n", i%8, bytes.Repeat([]byte{'a' + byte(i%26)}, i*3%80))
	}
	for range 50 { // fill the history and let its chunks settle
		term.Write(lines)
	}
	allocs := testing.AllocsPerRun(5, func() {
		for range 100 { // 5,000 lines, about 6 chunks of 64 KiB
			term.Write(lines)
		}
	})
	if allocs > 0 {
		t.Errorf("%.1f allocations per 5,000 scrolled lines, want 0", allocs)
	}
}
