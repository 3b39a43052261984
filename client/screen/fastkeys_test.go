package screen

import (
	"io"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// scriptTty returns one scripted chunk per Read, then EOF; before, if
// set, runs before each chunk (to let time pass, say).
type scriptTty struct {
	tcell.Tty
	chunks []string
	before func()
}

func (s *scriptTty) Read(b []byte) (int, error) {
	if len(s.chunks) == 0 {
		return 0, io.EOF
	}
	if s.before != nil {
		s.before()
	}
	n := copy(b, s.chunks[0])
	s.chunks = s.chunks[1:]
	return n, nil
}

// sockPair returns a proto.Writer, its connection, and a reader of what
// it sends.
func sockPair(t *testing.T) (*proto.Writer, *sock.Conn, *proto.Reader) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s")
	l, err := sock.Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	accepted := make(chan *sock.Conn, 1)
	go func() {
		c, _ := l.Accept()
		accepted <- c
	}()
	c, err := sock.Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := <-accepted
	t.Cleanup(func() { c.Close(); srv.Close() })
	return proto.NewWriter(c), c, proto.NewReader(srv)
}

func TestFastKeys(t *testing.T) {
	tests := []struct {
		name     string
		chunks   []string
		pasting  bool
		slowFor  time.Duration // how much longer keys must go to tcell
		spells   bool          // a quiet spell passes before each chunk
		toTcell  []string      // chunks tcell must see, in order
		fastKeys string        // keys sent directly
	}{
		{"typed after a quiet spell", []string{"a", "b"}, false, 0, true, nil, "ab"},
		{"escape sequences go to tcell", []string{"\x1b[A", "x"}, false, 0, true, []string{"\x1b[A", "x"}, ""},
		// tcell may still hold "Esc [": however long it has been, the next
		// byte must reach it, and only then may typing bypass it again.
		{"after an unfinished sequence", []string{"\x1b[", "x", "y"}, false, 0, true, []string{"\x1b[", "x"}, "y"},
		{"while tcell may still hold input", []string{"a"}, false, time.Second, false, []string{"a"}, ""},
		{"right after Enter", []string{"\r", "x"}, false, 0, false, []string{"\r", "x"}, ""},
		{"control keys", []string{"\r", "\x7f"}, false, 0, true, []string{"\r", "\x7f"}, ""},
		{"several bytes at once", []string{"ab"}, false, 0, true, []string{"ab"}, ""},
		{"inside a paste", []string{"a"}, true, 0, true, []string{"a"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, conn, fr := sockPair(t)
			var pasting atomic.Bool
			pasting.Store(tt.pasting)
			tty := &scriptTty{chunks: tt.chunks}
			ft := &fastKeysTty{Tty: tty, w: w, pasting: &pasting, slowUntil: time.Now().Add(tt.slowFor)}
			if tt.spells {
				tty.before = func() { ft.slowUntil = time.Time{} } // the quiet spell has passed
			}
			var got []string
			buf := make([]byte, 128)
			for {
				n, err := ft.Read(buf)
				if err != nil {
					break
				}
				got = append(got, string(buf[:n]))
			}
			if len(got) != len(tt.toTcell) {
				t.Fatalf("tcell got %q, want %q", got, tt.toTcell)
			}
			for i := range got {
				if got[i] != tt.toTcell[i] {
					t.Fatalf("tcell got %q, want %q", got, tt.toTcell)
				}
			}
			conn.CloseWrite()
			var sent []byte
			for {
				typ, p, err := fr.Next()
				if err != nil {
					break
				}
				var k proto.Key
				if typ != proto.TypeKey || k.Decode(p) != nil || k.Mod != 0 {
					t.Fatalf("sent frame type %d %x", typ, p)
				}
				sent = append(sent, byte(k.Code))
			}
			if string(sent) != tt.fastKeys {
				t.Errorf("sent keys %q directly, want %q", sent, tt.fastKeys)
			}
		})
	}
}
