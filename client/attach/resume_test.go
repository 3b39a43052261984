package attach

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// TestHandOverKeepsFrames checks that the frames a client had read but
// not handled when it handed its connection over come out of Resume
// first, in order, followed by what the server sends later.
func TestHandOverKeepsFrames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s")
	l, err := sock.Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan *sock.Conn, 1)
	go func() {
		c, _ := l.Accept()
		accepted <- c
	}()
	conn, err := client.Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv := <-accepted
	defer srv.Close()

	var b []byte
	for i := range 3 {
		b = proto.AppendFrame(b, proto.TypeOutput, []byte("frame "+strconv.Itoa(i)))
	}
	if _, err := srv.Write(b); err != nil {
		t.Fatal(err)
	}
	fr := proto.NewReader(conn)
	if _, p, err := fr.Next(); err != nil || string(p) != "frame 0" {
		t.Fatalf("first frame %q, %v", p, err)
	}
	if n := fr.Buffered().Buffered(); n == 0 {
		t.Fatal("nothing buffered behind the first frame: the test would not test the hand-over of pending frames")
	}
	br := fr.Buffered()
	unread, err := br.Peek(br.Buffered())
	if err != nil {
		t.Fatal(err)
	}
	pendingFD := pendingFile(t, unread)
	connFD, err := conn.Inheritable()
	if err != nil {
		t.Fatal(err)
	}
	resumed, w, err := Resume([]string{client.VersionArg(), strconv.Itoa(connFD), strconv.Itoa(pendingFD)})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := srv.Write(proto.AppendFrame(nil, proto.TypeOutput, []byte("frame 3"))); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		want := "frame " + strconv.Itoa(i)
		if _, p, err := resumed.Next(); err != nil || string(p) != want {
			t.Fatalf("resumed frame %q, %v; want %q", p, err, want)
		}
	}
	// The writer reaches the server.
	if err := w.Send(proto.TypeFrameAck, nil); err != nil {
		t.Fatal(err)
	}
	if typ, _, err := proto.NewReader(srv).Next(); err != nil || typ != proto.TypeFrameAck {
		t.Fatalf("server read %d, %v; want the ack", typ, err)
	}
}

func TestResumeRefuses(t *testing.T) {
	v := client.VersionArg()
	for _, args := range [][]string{
		nil,
		{v, "5"},
		{strconv.Itoa(int(proto.Version) + 1), "5", "6"},
		{v, "x", "6"},
		{v, "1", "2"},
	} {
		if _, _, err := Resume(args); err == nil {
			t.Errorf("Resume(%q) took it", args)
		}
	}
}

// pendingFile returns a descriptor of a file holding b, read from its
// start, as gmux passes the frames read but not handled when it hands a connection over.
func pendingFile(t *testing.T, b []byte) int {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "pending")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(b); err != nil {
		t.Fatal(err)
	}
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if _, err := syscall.Seek(fd, 0, 0); err != nil {
		t.Fatal(err)
	}
	return fd
}
