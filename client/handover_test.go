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
	fd, err := pendingFile(fr)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	got, err := io.ReadAll(fdReader(fd))
	if err != nil {
		t.Fatal(err)
	}
	if want := b[proto.FrameHeaderSize+len("frame 0"):]; !bytes.Equal(got, want) {
		t.Errorf("pending file holds %q, want %q", got, want)
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
