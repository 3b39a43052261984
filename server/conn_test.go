package server

import (
	"fmt"
	"io"
	"log"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
	_, status, err := commandOutput(path, proto.Command{Argv: argv, Cwd: t.TempDir()})
	if err != nil {
		return 0, fmt.Errorf("%q: %w", argv, err)
	}
	return status, nil
}

// dialCommand sends req on a new connection to path and reads the
// server's hello; the frames of the answer follow on the reader.
func dialCommand(path string, req proto.Command) (*sock.Conn, *proto.Reader, error) {
	conn, err := sock.Dial(path)
	if err != nil {
		return nil, nil, err
	}
	b, start := proto.BeginFrame(proto.AppendHello(nil, proto.Version), proto.TypeCommand)
	if _, err := conn.Write(proto.EndFrame(req.Append(b), start)); err != nil {
		conn.Close()
		return nil, nil, err
	}
	// A server that deadlocked never answers: give up rather than hang.
	if err := conn.SetTimeout(10 * time.Second); err != nil {
		conn.Close()
		return nil, nil, err
	}
	fr := proto.NewReader(conn)
	if _, err := proto.ReadHello(fr.Buffered()); err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("no hello: %w", err)
	}
	return conn, fr, nil
}

// serveWith runs a server with the extra commands on a socket in a test
// directory, with a session that keeps it from exiting after a command,
// and returns the socket's path; the server is killed when the test ends.
func serveWith(t *testing.T, extra ...*command) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s")
	l, err := sock.Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	s := newServer(Config{Logger: log.New(io.Discard, "", 0)})
	s.listener = l // kill-server closes it
	s.cmdTable = append(s.cmdTable, extra...)
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
	t.Cleanup(func() {
		if status, err := oneShot(t, path, "kill-server"); err != nil || status != 0 {
			t.Errorf("kill-server: status %d, %v", status, err)
		}
	})
	return path
}

// TestCommandPanicKeepsServer checks that a command that panics costs its
// connection only: the lock it held is let go, and the next command runs.
func TestCommandPanicKeepsServer(t *testing.T) {
	path := serveWith(t, &command{
		Spec: &cmdline.Spec{Name: "test-panic", MaxArgs: -1},
		exec: func(*Server, *cmdCtx, *args) error { panic("test-panic") },
	})
	if _, err := oneShot(t, path, "test-panic"); err == nil {
		t.Error("test-panic answered; want the connection closed")
	}
	if status, err := oneShot(t, path, "list-sessions"); err != nil || status != 0 {
		t.Errorf("list-sessions after a panic: status %d, %v; want 0", status, err)
	}
}

func TestUniqueEnv(t *testing.T) {
	long := make([]string, 100) // past the search, into the map
	for i := range long {
		long[i] = fmt.Sprintf("V%d=%d", i, i)
	}
	tests := []struct {
		in, want []string
		same     bool // nothing to drop: the list itself comes back
	}{
		{nil, nil, true},
		{[]string{"A=1", "B=2"}, []string{"A=1", "B=2"}, true},
		{[]string{"A=1", "B=2", "A=3"}, []string{"A=1", "B=2"}, false},
		{[]string{"", "A=1", "", "AB=2"}, []string{"A=1", "AB=2"}, false},
		{[]string{"NOEQ", "NOEQ", "NOEQ=x"}, []string{"NOEQ"}, false},
		{append(slices.Clone(long), "V7=dup", ""), long, false},
		{long, long, true},
	}
	for _, tt := range tests {
		got := uniqueEnv(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("uniqueEnv(%.60q) = %.60q, want %.60q", tt.in, got, tt.want)
		}
		if same := len(got) > 0 && &got[0] == &tt.in[0]; same != tt.same && len(tt.in) > 0 {
			t.Errorf("uniqueEnv(%.60q): returned the list itself: %v, want %v", tt.in, same, tt.same)
		}
	}
}

// TestCommandReadersReused sends commands with environments of every size,
// one frame over the pooled readers' 16 KiB among them, one after another
// and at once: each must see its own environment, whatever reader the
// connection before it left behind.
func TestCommandReadersReused(t *testing.T) {
	path := serveWith(t, &command{
		Spec: &cmdline.Spec{Name: "test-env", MaxArgs: -1},
		exec: func(_ *Server, ctx *cmdCtx, _ *args) error {
			ctx.out.WriteString(strings.Join(ctx.env, "\n"))
			return nil
		},
	})
	envOf := func(client, i int) []string {
		env := []string{fmt.Sprintf("CLIENT=%d", client), fmt.Sprintf("I=%d", i)}
		if i%5 == 2 {
			env = append(env, "BIG="+strings.Repeat("x", 40<<10))
		}
		return env
	}
	var wg sync.WaitGroup
	for client := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 15 {
				env := envOf(client, i)
				out, _, err := commandOutput(path, proto.Command{Argv: []string{"test-env"}, Env: env})
				if want := strings.Join(env, "\n"); err != nil || out != want {
					t.Errorf("client %d, command %d: output %.80q, %v; want %.80q", client, i, out, err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// commandOutput sends req on a new connection to path and returns what
// the server printed for it and the status of its exit frame.
func commandOutput(path string, req proto.Command) (string, uint8, error) {
	conn, fr, err := dialCommand(path, req)
	if err != nil {
		return "", 0, err
	}
	defer conn.Close()
	var out strings.Builder
	for {
		typ, p, err := fr.Next()
		if err != nil {
			return out.String(), 0, fmt.Errorf("no exit frame: %w", err)
		}
		switch typ {
		case proto.TypeOutput:
			out.Write(p)
		case proto.TypeExit:
			var e proto.Exit
			return out.String(), e.Status, e.Decode(p)
		}
	}
}

func BenchmarkUniqueEnv(b *testing.B) {
	env := make([]string, 45) // a usual environment's length
	for i := range env {
		env[i] = fmt.Sprintf("VARIABLE_%d=/some/value/%d", i, i)
	}
	b.ReportAllocs()
	for b.Loop() {
		uniqueEnv(env)
	}
}

// TestLargeAnswerWhole checks that an answer longer than the socket holds
// reaches the client whole and with its exit frame, though the server
// closes its end as soon as its write is done.
func TestLargeAnswerWhole(t *testing.T) {
	// 1 MiB, more than the socket holds: the server's write waits for the
	// reader, and the last of it is still queued when the server closes.
	big := strings.Repeat("0123456789abcdef", 1<<16)
	path := serveWith(t, &command{
		Spec: &cmdline.Spec{Name: "test-big", MaxArgs: -1},
		exec: func(_ *Server, ctx *cmdCtx, _ *args) error {
			ctx.out.WriteString(big)
			return nil
		},
	})
	out, _, err := commandOutput(path, proto.Command{Argv: []string{"test-big"}})
	if err != nil {
		t.Fatalf("after %d bytes of output: %v", len(out), err)
	}
	if out != big {
		t.Errorf("got %d bytes of output, want %d", len(out), len(big))
	}
}
