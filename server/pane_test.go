package server

import (
	"bytes"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gmux/gmux/vt"
)

// startTestPane runs script in a raw-mode PTY pane of a server that does
// not listen, and waits until the script has printed READY.
func startTestPane(t *testing.T, script string) (*Server, *Pane) {
	t.Helper()
	s := newServer(Config{Logger: log.New(io.Discard, "", 0)})
	s.mu.Lock()
	p, err := s.newPane(paneSpec{
		argv: []string{"/bin/sh", "-c", "stty raw -echo; printf READY; " + script},
		dir:  t.TempDir(),
		cols: 80, rows: 24,
	})
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.kill)
	waitFor(t, "the pane to print READY", func() bool {
		p.mu.Lock()
		defer p.mu.Unlock()
		return bytes.Contains(p.term.Capture(nil, vt.CaptureOptions{}), []byte("READY"))
	})
	return s, p
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestPaneInputArrivesInOrder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	_, p := startTestPane(t, "sleep 0.2; exec cat > "+out)
	// The PTY fills while the program sleeps, so input is queued; writes
	// made while the queue drains must not overtake it.
	var want bytes.Buffer
	for i := 0; i < 6000; i++ {
		chunk := []byte(strings.Repeat(string(rune('a'+i%26)), 63) + "\n")
		want.Write(chunk)
		p.writeInput(chunk)
		if i >= 2000 && i%50 == 0 {
			time.Sleep(time.Millisecond) // spread writes over the drain
		}
	}
	waitFor(t, "cat to write everything", func() bool {
		st, err := os.Stat(out)
		return err == nil && st.Size() >= int64(want.Len())
	})
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		i := 0
		for i < len(got) && i < want.Len() && got[i] == want.Bytes()[i] {
			i++
		}
		t.Fatalf("input arrived changed: %d bytes, want %d; first difference at %d", len(got), want.Len(), i)
	}
}

func TestPaneInputToAProgramThatDoesNotRead(t *testing.T) {
	_, p := startTestPane(t, "exec sleep 1000")
	chunk := bytes.Repeat([]byte("x"), 4096)
	for i := 0; i < 2*maxPendingInput/len(chunk); i++ {
		p.writeInput(chunk) // must not block
	}
	p.inMu.Lock()
	queued, busy := len(p.inBuf), p.inBusy
	p.inMu.Unlock()
	if queued == 0 || queued > maxPendingInput || !busy {
		t.Fatalf("queued %d bytes (limit %d), drainer running %v", queued, maxPendingInput, busy)
	}
	p.kill()
	waitFor(t, "the input drainer to stop after the pane died", func() bool {
		p.inMu.Lock()
		defer p.inMu.Unlock()
		return !p.inBusy && len(p.inBuf) == 0
	})
}

func TestProcessName(t *testing.T) {
	want, err := os.ReadFile("/proc/self/comm")
	if err != nil {
		t.Fatal(err)
	}
	if got := processName(os.Getpid()); got != strings.TrimSpace(string(want)) || got == "" {
		t.Errorf("processName(self) = %q, want %q", got, strings.TrimSpace(string(want)))
	}
	if got := processName(-1); got != "" {
		t.Errorf("processName(-1) = %q, want nothing", got)
	}
}
