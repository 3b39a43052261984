package unixdial

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
)

func TestDial(t *testing.T) {
	dir := t.TempDir()
	listening := filepath.Join(dir, "listening")
	lfd := listen(t, listening, true)
	defer syscall.Close(lfd)
	refused := filepath.Join(dir, "refused")
	syscall.Close(listen(t, refused, false)) // the socket file stays, nobody listens

	fd, err := Dial(listening)
	if err != nil {
		t.Fatalf("Dial(listening): %v", err)
	}
	syscall.Close(fd)
	for _, tt := range []struct {
		path string
		want syscall.Errno
	}{
		{filepath.Join(dir, "missing"), syscall.ENOENT},
		{refused, syscall.ECONNREFUSED},
	} {
		if fd, err := Dial(tt.path); !errors.Is(err, tt.want) || fd != -1 {
			t.Errorf("Dial(%s) = %d, %v; want -1 and an error matching %v", filepath.Base(tt.path), fd, err, tt.want)
		}
	}
}

// listen makes a Unix socket at path, listening on it if listening.
func listen(t *testing.T, path string, listening bool) int {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
		t.Fatal(err)
	}
	if listening {
		if err := syscall.Listen(fd, 1); err != nil {
			t.Fatal(err)
		}
	}
	return fd
}
