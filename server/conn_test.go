package server

import (
	"fmt"
	"io"
	"log"
	"path/filepath"
	"testing"
	"time"

	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// oneShot sends argv as a command on a new connection to path and returns
// the Exit frame's status, or an error if none comes in time.
func oneShot(t *testing.T, path string, argv ...string) (uint8, error) {
	t.Helper()
	conn, err := sock.Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	req := proto.Command{Argv: argv, Cwd: t.TempDir()}
	b, start := proto.BeginFrame(proto.AppendHello(nil, proto.Version), proto.TypeCommand)
	if _, err := conn.Write(proto.EndFrame(req.Append(b), start)); err != nil {
		t.Fatal(err)
	}
	// A server that deadlocked never answers: give up rather than hang.
	if err := conn.SetTimeout(10 * time.Second); err != nil {
		t.Fatal(err)
	}
	fr := proto.NewReader(conn)
	if _, err := proto.ReadHello(fr.Buffered()); err != nil {
		return 0, fmt.Errorf("%q: no hello: %w", argv, err)
	}
	for {
		typ, p, err := fr.Next()
		if err != nil {
			return 0, fmt.Errorf("%q: no exit frame: %w", argv, err)
		}
		if typ == proto.TypeExit {
			var e proto.Exit
			return e.Status, e.Decode(p)
		}
	}
}

// TestCommandPanicKeepsServer checks that a command that panics costs its
// connection only: the lock it held is let go, and the next command runs.
func TestCommandPanicKeepsServer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	l, err := sock.Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s := newServer(Config{Logger: log.New(io.Discard, "", 0)})
	s.listener = l // kill-server closes it
	s.cmdTable = append(s.cmdTable, &command{
		Spec: &cmdline.Spec{Name: "test-panic", MaxArgs: -1},
		exec: func(*Server, *cmdCtx, *args) error { panic("test-panic") },
	})
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go s.serveConn(c)
		}
	}()
	if status, err := oneShot(t, path, "new-session", "-d", "-s", "keep", "exec cat"); err != nil || status != 0 {
		t.Fatalf("new-session: status %d, %v", status, err)
	}
	defer func() {
		if status, err := oneShot(t, path, "kill-server"); err != nil || status != 0 {
			t.Errorf("kill-server: status %d, %v", status, err)
		}
	}()
	if _, err := oneShot(t, path, "test-panic"); err == nil {
		t.Error("test-panic answered; want the connection closed")
	}
	if status, err := oneShot(t, path, "list-sessions"); err != nil || status != 0 {
		t.Errorf("list-sessions after a panic: status %d, %v; want 0", status, err)
	}
}
