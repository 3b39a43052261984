package server

import (
	"testing"
	"time"
)

func TestMemoryReleaserReleasesAfterGrowth(t *testing.T) {
	// Each step: the heap's allocation counter when the quiet period
	// ends, and whether that release frees memory.
	steps := []struct {
		allocated uint64
		free      bool
	}{
		{0, false},
		{releaseMin - 1, false},
		{releaseMin, true},
		{releaseMin + 10, false}, // counted from the last release
		{2*releaseMin - 1, false},
		{2 * releaseMin, true},
		{2 * releaseMin, false},
	}
	var now uint64
	frees := 0
	m := &memoryReleaser{
		allocated: func() uint64 { return now },
		output:    func() uint64 { return 0 },
		free:      func() { frees++ },
	}
	for i, st := range steps {
		now = st.allocated
		before := frees
		m.release()
		if got := frees > before; got != st.free {
			t.Errorf("step %d (allocated %d): freed %v, want %v", i, st.allocated, got, st.free)
		}
	}
}

func TestMemoryReleaserFiresAfterQuiet(t *testing.T) {
	freed := make(chan struct{}, 10)
	m := &memoryReleaser{
		quiet:     time.Millisecond,
		allocated: func() uint64 { return releaseMin },
		output:    func() uint64 { return 0 },
		free:      func() { freed <- struct{}{} },
	}
	defer m.stop()
	m.connectionDone()
	m.connectionDone() // resets the one wait
	select {
	case <-freed:
	case <-time.After(10 * time.Second):
		t.Fatal("no release after the connections ended")
	}
}

func TestMemoryReleaserKeepsItsGap(t *testing.T) {
	frees := 0
	m := &memoryReleaser{
		quiet:     time.Hour,
		gap:       time.Hour,
		allocated: func() uint64 { return 10 * releaseMin },
		output:    func() uint64 { return 0 },
		free:      func() { frees++ },
	}
	defer m.stop()
	m.connectionDone() // makes the timer, due in an hour
	m.last = time.Now()
	m.release()
	if frees != 0 {
		t.Fatalf("released %d times within the gap after the last release", frees)
	}
	m.last = time.Now().Add(-2 * time.Hour)
	m.release()
	if frees != 1 {
		t.Fatalf("released %d times after the gap; want 1", frees)
	}
}

func TestMemoryReleaserStopped(t *testing.T) {
	frees := 0
	m := &memoryReleaser{
		quiet:     time.Hour,
		allocated: func() uint64 { return releaseMin },
		output:    func() uint64 { return 0 },
		free:      func() { frees++ },
	}
	m.stop()
	m.connectionDone()
	m.release()
	if frees != 0 || m.timer != nil {
		t.Errorf("after stop: %d releases, timer %v; want none", frees, m.timer)
	}
}

func TestMemoryReleaserWaitsOutPaneOutput(t *testing.T) {
	var printed uint64
	frees := 0
	m := &memoryReleaser{
		quiet:     time.Hour,
		gap:       time.Hour,
		allocated: func() uint64 { return releaseMin },
		output:    func() uint64 { return printed },
		free:      func() { frees++ },
	}
	defer m.stop()
	m.connectionDone()
	printed += 5 // a pane printed during the wait
	m.release()
	if frees != 0 {
		t.Fatal("released while a pane printed")
	}
	m.release() // nothing printed since the last look
	if frees != 1 {
		t.Fatalf("released %d times once the panes were quiet; want 1", frees)
	}
}

func TestMemoryReleaserPutsOffOnlySoOften(t *testing.T) {
	var printed uint64
	frees := 0
	m := &memoryReleaser{
		quiet:     time.Hour,
		gap:       time.Hour,
		allocated: func() uint64 { return releaseMin * uint64(frees+1) },
		output:    func() uint64 { printed++; return printed }, // a pane that never stops
		free:      func() { frees++ },
	}
	defer m.stop()
	m.connectionDone()
	for round := 1; round <= 2; round++ {
		for i := 0; i < releasePutOffs; i++ {
			m.last = time.Time{} // the gap has passed
			m.release()
			if frees != round-1 {
				t.Fatalf("round %d: released after %d put-offs; want %d first", round, i+1, releasePutOffs)
			}
		}
		m.last = time.Time{}
		m.release()
		if frees != round {
			t.Fatalf("round %d: %d releases after %d put-offs; want %d", round, frees, releasePutOffs, round)
		}
	}
}
