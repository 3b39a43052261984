package server

import (
	"io"
	"log"
	"testing"

	"github.com/gmux/gmux/vt"
)

// A client's first frame must not wait for anything but the writer: an
// attach that sends no Resize once waited for the 1 s status tick.
func TestAttachWakesTheWriter(t *testing.T) {
	s := newServer(Config{Logger: log.New(io.Discard, "", 0)})
	sess := &Session{name: "a", options: map[string]string{}, cols: 80, rows: 24}
	w := &Window{session: sess, cols: 80, rows: 24, name: "sh"}
	p := &Pane{id: 1, window: w, cols: 80, rows: 24, term: vt.New(80, 24, vt.Options{})}
	w.panes, w.active = []*Pane{p}, p
	sess.windows, sess.current = []*Window{w}, w
	s.sessions = []*Session{sess}

	s.mu.Lock()
	c := s.attachClient(nil, &cmdCtx{attach: sess, cols: 80, rows: 24}, "xterm")
	s.mu.Unlock()
	select {
	case <-c.wake:
	default:
		t.Fatal("attach left the writer asleep with a frame due")
	}
}

// A pane wholly outside a smaller client's view (window-size manual, or
// another client's size) once crashed the server in composePane.
func TestRenderPaneOutsideTheView(t *testing.T) {
	s := &Server{clients: map[*Client]struct{}{}, options: newOptions()}
	sess := &Session{name: "t", options: map[string]string{}, cols: 200, rows: 50}
	w := &Window{session: sess, cols: 200, rows: 50, name: "sh"}
	var panes []*Pane
	for i, x := range []int{0, 67, 134} {
		p := &Pane{id: i + 1, window: w, x: x, cols: 66, rows: 50, term: vt.New(66, 50, vt.Options{})}
		p.term.Write([]byte("text in the pane"))
		panes = append(panes, p)
	}
	w.panes, w.active = panes, panes[0]
	sess.windows, sess.current = []*Window{w}, w
	for _, size := range [][2]int{{60, 20}, {60, 1}, {1, 1}, {70, 51}} {
		for _, status := range []string{"on", "off"} {
			sess.options["status"] = status
			c := &Client{s: s, session: sess, cols: size[0], rows: size[1], keyTable: "root", wake: make(chan struct{}, 1)}
			if _, sent := s.renderClient(c, nil, true); !sent {
				t.Errorf("%dx%d status %s: no first frame", size[0], size[1], status)
			}
			s.renderClient(c, nil, false)
		}
	}
}
