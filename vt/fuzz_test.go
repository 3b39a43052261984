package vt

import "testing"

// FuzzWrite feeds arbitrary bytes, with resizes in between, and checks the
// grid invariants: no panic, cursor on the screen, every line exactly cols
// cells with no orphan wide halves, history within its limit, and no row
// changed without a new LineVersion.
func FuzzWrite(f *testing.F) {
	seeds := []string{
		"hello\r\nworld",
		"\x1b[31;1mred\x1b[0m\x1b[2J\x1b[H",
		"日本語テキスト😀e\u0301\u200d",
		"\x1b[?1049h\x1b[5;10r\x1b[?6h\x1b[3;3Hx\x1b[?1049l",
		"\x1b[?69h\x1b[3;6s\x1b[2Lab\x1b[3@\x1b[2P\x1b[S\x1b[T",
		"\x1b]8;;http://x\x07link\x1b]8;;\x07\x1b]0;title\x1b\\",
		"\x1b[38:2::1:2:3;48;5;9;58:5:3m\x1b[4:3m",
		"\x1b(0lqk\x0e\x0f\x1b#8\x1b[5b",
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint8(20), uint8(5))
	}
	// Wide characters cut by margins (see TestWideCharactersAtMargins),
	// at the width they were found at.
	for _, s := range []string{
		"\x1b[1;5H日\x1b[?69h\x1b[4;5s\x1bM",
		"\x1b[1;5H日\x1b[?69h\x1b[1;5s\x1b[@\x1b[P\x1b[4hx",
	} {
		f.Add([]byte(s), uint8(7), uint8(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, c, r uint8) {
		cols, rows := int(c%120)+1, int(r%50)+1
		term := New(cols, rows, Options{HistoryLimit: 50, Reply: func([]byte) {}})
		// Feed in chunks, resizing between some of them.
		for i := 0; len(data) > 0; i++ {
			n := min(len(data), 7+i*13)
			before := snapshotLines(term)
			term.Write(data[:n])
			checkLineVersions(t, term, before, string(data[:n]))
			data = data[n:]
			checkInvariants(t, term)
			if i%3 == 2 && len(data) > 0 {
				nc, nr := int(data[0]%100)+1, int(data[0]/3%40)+1
				term.Resize(nc, nr)
				checkInvariants(t, term)
			}
		}
		term.Capture(nil, CaptureOptions{Start: -1000, End: 1000, Escapes: true, Join: true})
	})
}
