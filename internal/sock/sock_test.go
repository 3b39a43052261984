package sock

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func listenTemp(t *testing.T) (*Listener, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s")
	l, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l, path
}

// dialPair returns both ends of a new connection: the dialled one and
// the accepted one, closed when the test ends.
func dialPair(t *testing.T) (dialled, accepted *Conn) {
	t.Helper()
	l, path := listenTemp(t)
	ch := make(chan *Conn, 1)
	go func() {
		c, _ := l.Accept() // nil on error: checked below
		ch <- c
	}()
	c, err := Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	srv := <-ch
	if srv == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { _ = srv.Close() })
	return c, srv
}

func TestRoundTripAndCloseWrite(t *testing.T) {
	l, path := listenTemp(t)
	accepted := make(chan *Conn, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			t.Error(err)
			close(accepted)
			return
		}
		accepted <- c
	}()
	c, err := Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := <-accepted
	if s == nil {
		t.FailNow()
	}
	defer s.Close()

	if _, err := c.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(s)
	if err != nil || string(got) != "ping" {
		t.Fatalf("server read %q, %v; want ping, EOF", got, err)
	}
	if _, err := s.Write([]byte("pong")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4)
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "pong" {
		t.Fatalf("client read %q, %v", buf, err)
	}

	cred, err := s.PeerCred()
	if err != nil {
		t.Fatal(err)
	}
	if int(cred.Uid) != os.Getuid() || int(cred.Pid) != os.Getpid() {
		t.Fatalf("peer cred uid %d pid %d, want %d %d", cred.Uid, cred.Pid, os.Getuid(), os.Getpid())
	}
}

func TestTimeout(t *testing.T) {
	l, path := listenTemp(t)
	go func() {
		if c, err := l.Accept(); err == nil {
			defer c.Close()
			_, _ = io.Copy(io.Discard, c)
		}
	}()
	c, err := Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.SetTimeout(20 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	_, err = c.Read(make([]byte, 1))
	if !errors.Is(err, unix.EAGAIN) {
		t.Fatalf("read past the timeout: %v, want EAGAIN", err)
	}
	if err := c.SetTimeout(0); err != nil {
		t.Fatal(err)
	}
}

func TestAdopt(t *testing.T) {
	c, srv := dialPair(t)
	// What client.Conn.Inheritable hands over: a duplicate, kept across exec.
	fd, err := unix.Dup(int(c.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	if flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil || flags&unix.FD_CLOEXEC != 0 {
		t.Fatalf("inheritable descriptor flags %#x, %v: want close-on-exec off", flags, err)
	}
	adopted, err := Adopt(fd, "adopted")
	if err != nil {
		t.Fatal(err)
	}
	defer adopted.Close()
	if flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil || flags&unix.FD_CLOEXEC == 0 {
		t.Fatalf("adopted descriptor flags %#x, %v: want close-on-exec on", flags, err)
	}
	if _, err := srv.Write([]byte("hi")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 2)
	if _, err := io.ReadFull(adopted, buf); err != nil || string(buf) != "hi" {
		t.Fatalf("adopted read %q, %v", buf, err)
	}
	var pipe [2]int
	if err := unix.Pipe2(pipe[:], unix.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(pipe[0])
	defer unix.Close(pipe[1])
	if _, err := Adopt(pipe[0], "pipe"); err == nil {
		t.Error("Adopt took a pipe, not a socket")
	}
}

func TestAcceptAfterClose(t *testing.T) {
	l, _ := listenTemp(t)
	done := make(chan error, 1)
	go func() {
		_, err := l.Accept()
		done <- err
	}()
	time.Sleep(10 * time.Millisecond) // let Accept park; the test passes either way
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrClosed) {
			t.Fatalf("Accept after Close: %v, want os.ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Accept did not return after Close")
	}
}

func TestDialErrors(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "stale")
	l, err := Listen(stale)
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Close() // the socket file stays, with nobody listening

	tests := []struct {
		name string
		path string
		want error
	}{
		{"missing", filepath.Join(dir, "none"), unix.ENOENT},
		{"stale", stale, unix.ECONNREFUSED},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Dial(tt.path)
			if err == nil {
				c.Close()
				t.Fatal("Dial succeeded")
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Dial: %v, want %v", err, tt.want)
			}
		})
	}
}

func TestListenOnExistingPath(t *testing.T) {
	_, path := listenTemp(t)
	if l, err := Listen(path); err == nil {
		l.Close()
		t.Fatal("second Listen on the same path succeeded")
	}
}

// pair returns two connected sockets.
func pair() (*Conn, *Conn, error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, nil, os.NewSyscallError("socketpair", err)
	}
	return &Conn{File: os.NewFile(uintptr(fds[0]), "pair")}, &Conn{File: os.NewFile(uintptr(fds[1]), "pair")}, nil
}

func TestPassDescriptors(t *testing.T) {
	a, b, err := pair()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	defer b.Close()
	f, err := os.CreateTemp(t.TempDir(), "passed")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("through the socket"); err != nil {
		t.Fatal(err)
	}
	send := func(b []byte, fds ...int) {
		t.Helper()
		err := a.control(func(fd int) error { return unix.Sendmsg(fd, b, unix.UnixRights(fds...), nil, 0) })
		if err != nil {
			t.Fatal(err)
		}
	}
	send([]byte("hello"), int(f.Fd()))
	// A second message's descriptors are not kept.
	send([]byte(" again"), int(f.Fd()), int(f.Fd()))
	r := &FDReader{Conn: b}
	var got []byte
	buf := make([]byte, 64)
	for len(got) < len("hello again") {
		n, err := r.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, buf[:n]...)
	}
	if string(got) != "hello again" || len(r.FDs) != 1 {
		t.Fatalf("read %q with %d descriptors, want %q with 1", got, len(r.FDs), "hello again")
	}
	passed := os.NewFile(uintptr(r.FDs[0]), "passed")
	defer passed.Close()
	text := make([]byte, 64)
	n, err := passed.ReadAt(text, 0)
	if string(text[:n]) != "through the socket" {
		t.Fatalf("passed file reads %q (%v)", text[:n], err)
	}
	flags, err := unix.FcntlInt(uintptr(r.FDs[0]), unix.F_GETFD, 0)
	if err != nil || flags&unix.FD_CLOEXEC == 0 {
		t.Fatalf("passed descriptor is not close-on-exec (flags %#x, %v)", flags, err)
	}
	a.Close()
	if n, err := r.Read(buf); n != 0 || err != io.EOF {
		t.Fatalf("after close: %d, %v; want EOF", n, err)
	}
}
