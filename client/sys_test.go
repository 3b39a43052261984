package client

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestGetenv(t *testing.T) {
	env := []string{"TERMINAL=no", "TERM=xterm", "EMPTY=", "TERM=second", "=odd", "NOEQUALS", ""}
	tests := []struct{ key, want string }{
		{"TERM", "xterm"}, // the first entry wins; TERMINAL is another key
		{"TERMINAL", "no"},
		{"EMPTY", ""},
		{"MISSING", ""},
		{"NOEQUALS", ""},
		{"", ""}, // not the "=odd" entry
	}
	for _, tt := range tests {
		if got := Getenv(env, tt.key); got != tt.want {
			t.Errorf("Getenv(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestGetwd(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(dir, "real")
	link := filepath.Join(dir, "link")
	other := filepath.Join(dir, "other")
	for _, d := range []string{real, other} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(real)
	tests := []struct{ pwd, want string }{
		{link, link},       // $PWD names the directory through a link: kept
		{real, real},       // plainly
		{other, real},      // another directory: the kernel's answer
		{"relative", real}, // not absolute
		{"", real},
	}
	for _, tt := range tests {
		if got, err := getwd([]string{"PWD=" + tt.pwd}); err != nil || got != tt.want {
			t.Errorf("getwd() with PWD=%q = %q, %v; want %q", tt.pwd, got, err, tt.want)
		}
	}
}

func TestSocketPathRelative(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	env := []string{"PWD=" + dir}
	if p, err := SocketPath("sub/../s", "", env); err != nil || p != filepath.Join(dir, "s") {
		t.Errorf("SocketPath(relative) = %q, %v; want %q", p, err, filepath.Join(dir, "s"))
	}
	gone := filepath.Join(dir, "gone")
	if err := os.Mkdir(gone, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(gone)
	env = []string{"PWD=" + gone}
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	if p, err := SocketPath("s", "", env); err == nil || !strings.HasPrefix(err.Error(), "getwd: ") {
		t.Errorf("SocketPath(relative) in a deleted directory = %q, %v; want a getwd error", p, err)
	}
	if p, err := SocketPath("/abs/./s", "", env); err != nil || p != "/abs/s" {
		t.Errorf("SocketPath(absolute) in a deleted directory = %q, %v; want /abs/s", p, err)
	}
}

// TestFDWriterWaitsOutEAGAIN writes more than a non-blocking pipe holds
// while the other end drains it: all of it must arrive.
func TestFDWriterWaitsOutEAGAIN(t *testing.T) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	if err := syscall.SetNonblock(p[1], true); err != nil {
		t.Fatal(err)
	}
	r := os.NewFile(uintptr(p[0]), "r")
	defer r.Close()
	want := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB: many pipefuls
	var got []byte
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		got, _ = io.ReadAll(r)
	}()
	n, err := FDWriter(p[1]).Write(want)
	_ = syscall.Close(p[1])
	wg.Wait()
	if err != nil || n != len(want) || !bytes.Equal(got, want) {
		t.Errorf("Write = %d, %v; reader got %d bytes (equal: %v); want %d", n, err, len(got), bytes.Equal(got, want), len(want))
	}
}

// TestConnCloseWakesRead checks that CloseRead ends a read waiting in
// another goroutine with EOF, and that Close returns while one waits.
func TestConnCloseWakesRead(t *testing.T) {
	path, l := listen(t)
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close() // silent: the client's reads wait
		}
	}()
	for _, tc := range []struct {
		name string
		end  func(c *Conn) error
		want func(error) bool
	}{
		{"CloseRead", (*Conn).CloseRead, func(err error) bool { return err == io.EOF }},
		{"Close", (*Conn).Close, func(err error) bool { return err != nil }},
	} {
		c, err := Dial(path)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := c.Read(make([]byte, 16))
			done <- err
		}()
		time.Sleep(10 * time.Millisecond) // let the read start waiting; it is right either way
		if err := tc.end(c); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		select {
		case err := <-done:
			if !tc.want(err) {
				t.Errorf("%s: waiting read returned %v", tc.name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: waiting read did not return", tc.name)
		}
		_ = c.Close()
		if err := c.CloseRead(); !errors.Is(err, errClosed) {
			t.Errorf("%s: CloseRead after Close = %v, want errClosed", tc.name, err)
		}
	}
}

// TestWriteWithFDsTimeout checks that a command whose server does not
// read ends once the write timeout runs out, descriptors or not, with
// EAGAIN.
func TestWriteWithFDsTimeout(t *testing.T) {
	path, l := listen(t)
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		<-t.Context().Done() // never reads
	}()
	c, err := Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.SetWriteTimeout(1); err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := c.Write(chunk); err != nil {
			if !errors.Is(err, syscall.EAGAIN) {
				t.Fatalf("filling the socket: %v, want EAGAIN", err)
			}
			break
		}
	}
	if err := c.WriteWithFDs([]byte{1}, []int{1}); !errors.Is(err, syscall.EAGAIN) {
		t.Fatalf("WriteWithFDs on a full socket: %v, want EAGAIN", err)
	}
}
