package server

import (
	"fmt"
	"testing"

	"github.com/gmux/gmux/vt"
)

// BenchmarkRenderEcho measures one frame after a single-character change
// on a full 120x40 colour screen: the server's share of keystroke echo
// (about 10us here, from about 85us when every frame recomposed and
// compared the whole screen).
func BenchmarkRenderEcho(b *testing.B) {
	s := &Server{clients: map[*Client]struct{}{}, options: newOptions()}
	sess := &Session{name: "bench", options: map[string]string{}, cols: 120, rows: 40}
	w := &Window{session: sess, cols: 120, rows: 40, name: "sh"}
	p := &Pane{id: 1, window: w, cols: 120, rows: 40, term: vt.New(120, 40, vt.Options{})}
	for y := 0; y < 40; y++ {
		fmt.Fprintf(p.term, "\x1b[%d;1H\x1b[3%dm%-119s", y+1, y%8, fmt.Sprintf("line %d of colourful text", y))
	}
	w.panes, w.active = []*Pane{p}, p
	sess.windows, sess.current = []*Window{w}, w
	c := &Client{s: s, session: sess, cols: 120, rows: 41, keyTable: "root", wake: make(chan struct{}, 1)}
	var buf []byte
	buf, _ = s.renderClient(c, buf[:0], true)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = p.term.Write([]byte{'a' + byte(i%26)})
		buf, _ = s.renderClient(c, buf[:0], false)
	}
}
