package client

import (
	"bytes"
	"io"
	"syscall"
	"testing"

	"github.com/gmux/gmux/proto"
)

// TestPendingFile checks that the frames a reader holds but has not
// returned end up in the file handed over, from its start.
func TestPendingFile(t *testing.T) {
	var b []byte
	for _, s := range []string{"frame 0", "frame 1", "frame 2"} {
		b = proto.AppendFrame(b, proto.TypeOutput, []byte(s))
	}
	fr := proto.NewReader(bytes.NewReader(b))
	if _, p, err := fr.Next(); err != nil || string(p) != "frame 0" {
		t.Fatalf("first frame %q, %v", p, err)
	}
	want := b[proto.FrameHeaderSize+len("frame 0"):]
	fd, err := pendingFile(fr)
	if err != nil {
		t.Fatal(err)
	}
	checkPending(t, "memfd", fd, want)
	// Where memfd_create is missing.
	fd, err = pendingPipe(want)
	if err != nil {
		t.Fatal(err)
	}
	checkPending(t, "pipe", fd, want)
}

// checkPending checks that descriptor fd survives exec and reads want.
func checkPending(t *testing.T, what string, fd int, want []byte) {
	t.Helper()
	defer syscall.Close(fd)
	flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFD, 0)
	if errno != 0 || flags&syscall.FD_CLOEXEC != 0 {
		t.Errorf("%s: descriptor flags %#x, %v; want it kept across exec", what, flags, errno)
	}
	got, err := io.ReadAll(fdReader(fd))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", what, got, want)
	}
}

type fdReader int

func (r fdReader) Read(b []byte) (int, error) {
	n, err := syscall.Read(int(r), b)
	if n == 0 && err == nil {
		return 0, io.EOF
	}
	return n, err
}
