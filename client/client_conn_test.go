package client

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// fakeServer accepts one connection, checks that the client's hello and
// command arrive without waiting for the server's hello, then answers
// with the given version and, if it matches, output and an exit frame.
// The command it read comes on the channel.
func fakeServer(t *testing.T, version uint16) (string, <-chan proto.Command) {
	t.Helper()
	path, l := listen(t)
	got := make(chan proto.Command, 1)
	done := make(chan struct{})
	t.Cleanup(func() {
		_ = l.Close()
		<-done
	})
	go func() {
		defer close(done)
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		// A client that waited for our hello first would stall here:
		// fail in seconds, not at the client's own deadline.
		_ = conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		fr := proto.NewReader(conn)
		if _, err := proto.ReadHello(fr.Buffered()); err != nil {
			t.Errorf("fake server: %v", err)
			return
		}
		// Nothing has been written back yet: the command must already
		// be on its way.
		typ, p, err := fr.Next()
		if err != nil || typ != proto.TypeCommand {
			t.Errorf("fake server: frame %d, %v; want the command before our hello", typ, err)
			return
		}
		var req proto.Command
		if err := req.Decode(p); err != nil {
			t.Errorf("fake server: %v", err)
			return
		}
		got <- req
		b := proto.AppendHello(nil, version)
		if version == proto.Version {
			b = proto.AppendFrame(b, proto.TypeOutput, []byte(strings.Join(req.Argv, " ")+"\n"))
			b = proto.AppendFrame(b, proto.TypeExit, (&proto.Exit{Status: 3}).Append(nil))
		}
		_, _ = conn.Write(b)
		_ = conn.SetReadDeadline(time.Time{})
		_, _ = io.Copy(io.Discard, conn)
	}()
	return path, got
}

// TestCommandIsOneRoundTrip also checks that the command goes with the
// environment the options give, not the process's, and its TERM and
// working directory.
func TestCommandIsOneRoundTrip(t *testing.T) {
	path, got := fakeServer(t, proto.Version)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	env := []string{"TERM=test-term", "PWD=" + dir, "X=1", "X=2"}
	var out, errOut bytes.Buffer
	status := Run(Options{SocketPath: path, Argv: []string{"ls", "-F", "x"}, Env: env, Stdout: &out, Stderr: &errOut})
	if status != 3 || out.String() != "ls -F x\n" || errOut.Len() != 0 {
		t.Errorf("Run = %d, stdout %q, stderr %q; want 3, %q, nothing", status, out.String(), errOut.String(), "ls -F x\n")
	}
	req := <-got
	if !slices.Equal(req.Env, env) || req.Term != "test-term" || req.Cwd != dir {
		t.Errorf("command sent with env %q, TERM %q, cwd %q; want %q, test-term, %q", req.Env, req.Term, req.Cwd, env, dir)
	}
}

func TestVersionMismatch(t *testing.T) {
	path, _ := fakeServer(t, proto.Version+1)
	var out, errOut bytes.Buffer
	status := Run(Options{SocketPath: path, Argv: []string{"ls"}, Stdout: &out, Stderr: &errOut})
	if status != 1 || !strings.Contains(errOut.String(), "protocol version mismatch") || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("Run = %d, stderr %q; want 1 and one line naming the mismatch", status, errOut.String())
	}
}

// TestServerClosesSilently checks the message when the server reads the
// command and closes without a word (it died running it).
func TestServerClosesSilently(t *testing.T) {
	path, l := listen(t)
	defer l.Close()
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		_, _ = conn.Read(make([]byte, 64<<10))
		_ = conn.Close()
	}()
	var out, errOut bytes.Buffer
	status := Run(Options{SocketPath: path, Argv: []string{"ls"}, Stdout: &out, Stderr: &errOut})
	if status != 1 || errOut.String() != "server exited unexpectedly\n" {
		t.Errorf("Run = %d, stderr %q; want 1 and \"server exited unexpectedly\"", status, errOut.String())
	}
}

// listen listens on a socket in a directory of the test's.
func listen(t *testing.T) (string, *sock.Listener) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s")
	l, err := sock.Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, l
}
