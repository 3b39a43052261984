package server

import "testing"

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

func TestMemoryReleaserWaitsForQuiet(t *testing.T) {
	m := &memoryReleaser{allocated: func() uint64 { return 0 }, free: func() {}}
	m.connectionDone()
	first := m.timer
	m.connectionDone()
	if first == nil || m.timer != first {
		t.Fatalf("a second connection made a new timer (%p, then %p); want the first reset", first, m.timer)
	}
	m.stop()
	if m.timer.Stop() {
		t.Error("the timer still ran after stop")
	}
}
