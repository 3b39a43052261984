package server

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// releaseQuiet is how long the server must have had no connection end
// before it gives memory back; releaseMin is how much the heap must have
// allocated since the last time for that to be worth a collection.
const (
	releaseQuiet = time.Second
	releaseMin   = 1 << 20
)

// memoryReleaser gives the memory a burst of commands left behind back to
// the system once the commands stop. Go's heap keeps it until its next
// collection and returns it slowly after that, and an idle server may not
// collect for minutes: 1,000 sessions created by a script left the server
// 4 MB larger than their live data, where tmux's allocator frees at once.
type memoryReleaser struct {
	mu     sync.Mutex
	timer  *time.Timer
	allocs uint64 // heap bytes allocated up to the last release

	// The heap's allocation counter and the release; tests replace them.
	allocated func() uint64
	free      func()
}

func newMemoryReleaser() *memoryReleaser {
	return &memoryReleaser{allocated: heapAllocated, free: debug.FreeOSMemory}
}

func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// connectionDone (re)starts the wait for quiet.
func (m *memoryReleaser) connectionDone() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.timer == nil {
		m.timer = time.AfterFunc(releaseQuiet, m.release)
		return
	}
	m.timer.Reset(releaseQuiet)
}

// release collects and returns free memory if the heap has allocated
// releaseMin since it last did.
func (m *memoryReleaser) release() {
	a := m.allocated()
	m.mu.Lock()
	due := a-m.allocs >= releaseMin
	if due {
		m.allocs = a
	}
	m.mu.Unlock()
	if due {
		m.free()
	}
}

// stop cancels a pending release.
func (m *memoryReleaser) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.timer != nil {
		m.timer.Stop()
	}
}
