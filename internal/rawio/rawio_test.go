package rawio

import (
	"syscall"
	"testing"
)

func TestReadWrite(t *testing.T) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_NONBLOCK|syscall.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(p[0])
	defer syscall.Close(p[1])
	buf := make([]byte, 16)
	if n, err := Read(p[0], buf); n != 0 || err != syscall.EAGAIN {
		t.Fatalf("read of an empty pipe = %d, %v; want 0, EAGAIN", n, err)
	}
	if n, err := Write(p[1], []byte("echo")); n != 4 || err != nil {
		t.Fatalf("write = %d, %v; want 4, nil", n, err)
	}
	if n, err := Read(p[0], buf); n != 4 || err != nil || string(buf[:n]) != "echo" {
		t.Fatalf("read = %d %q, %v; want 4 \"echo\"", n, buf[:n], err)
	}
	if n, err := Write(p[1], nil); n != 0 || err != nil {
		t.Fatalf("empty write = %d, %v", n, err)
	}
	if n, err := Read(-1, buf); n != 0 || err != syscall.EBADF {
		t.Fatalf("read of a bad descriptor = %d, %v; want EBADF", n, err)
	}
}
