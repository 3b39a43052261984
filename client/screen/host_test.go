package screen

import (
	"io"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestHostWriteDeadlineCleared checks that a write which had to wait for
// the terminal does not leave its deadline behind: once that deadline has
// passed, a later write must still go through.
func TestHostWriteDeadlineCleared(t *testing.T) {
	r, w, err := os.Pipe() // non-blocking, in the runtime's poller, as a hosted terminal
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tty, err := newHostTty(w)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	tty.writeTimeout = 100 * time.Millisecond
	// Fill the pipe, so that the next write must wait for the reader.
	for {
		if _, err := syscall.Write(tty.fd, make([]byte, 4096)); err == syscall.EAGAIN {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	if n, err := tty.Write(make([]byte, 1<<20)); err != nil || n != 1<<20 {
		t.Fatalf("write that waits = %d, %v", n, err)
	}
	time.Sleep(2 * tty.writeTimeout) // the passing of that deadline is the condition
	if _, err := tty.Write([]byte("x")); err != nil {
		t.Errorf("write after a wait's deadline passed: %v", err)
	}
}
