package server

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// A release waits for releaseQuiet without a connection ending, comes at
// most once per releaseGap, and only once the heap has allocated
// releaseMin since the last one. The gap keeps a script that runs a
// command every few seconds beside a busy pane from costing the server a
// full collection each time. While panes print, a release waits another
// gap: a collection then would take the CPU from their output, and the
// pages it returned would be faulted back in at once. It waits at most
// releasePutOffs gaps, though: a pane that never stops printing (a
// clock, `watch`, `tail -f`) must not keep the memory from ever going back.
const (
	releaseQuiet   = time.Second
	releaseGap     = 30 * time.Second
	releaseMin     = 1 << 20
	releasePutOffs = 4
)

// memoryReleaser gives the memory a burst of commands left behind back to
// the system once the commands stop. Go's heap keeps it until its next
// collection and returns it slowly after that, and an idle server may not
// collect for minutes: 1,000 sessions created by a script left the server
// 4 MB larger than their live data, where tmux's allocator frees at once.
type memoryReleaser struct {
	mu      sync.Mutex
	timer   *time.Timer
	allocs  uint64    // heap bytes allocated up to the last release
	last    time.Time // the last release
	printed uint64    // output() when the wait began or was last put off
	putOffs int       // gaps waited out for pane output since the last release
	stopped bool

	// The wait, the gap, the heap's allocation counter, a count that
	// grows while panes print, and the release; tests replace them.
	quiet, gap time.Duration
	allocated  func() uint64
	output     func() uint64
	free       func()
}

func newMemoryReleaser(output func() uint64) *memoryReleaser {
	return &memoryReleaser{quiet: releaseQuiet, gap: releaseGap, allocated: heapAllocated, output: output, free: debug.FreeOSMemory}
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
	if m.stopped {
		return
	}
	m.printed = m.output()
	if m.timer == nil {
		m.timer = time.AfterFunc(m.quiet, m.release)
		return
	}
	m.timer.Reset(m.quiet)
}

// release collects and returns free memory if the heap has allocated
// releaseMin since it last did; within the gap after the last release,
// or while panes print (up to releasePutOffs times), it looks again later.
func (m *memoryReleaser) release() {
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		return
	}
	if wait := m.gap - time.Since(m.last); !m.last.IsZero() && wait > 0 {
		m.timer.Reset(wait)
		m.mu.Unlock()
		return
	}
	a := m.allocated()
	if a-m.allocs < releaseMin {
		m.mu.Unlock()
		return
	}
	if p := m.output(); p != m.printed && m.putOffs < releasePutOffs {
		m.printed = p
		m.putOffs++
		m.timer.Reset(m.gap)
		m.mu.Unlock()
		return
	}
	m.allocs, m.last, m.putOffs = a, time.Now(), 0
	m.mu.Unlock()
	m.free()
}

// stop cancels a pending release and any later one.
func (m *memoryReleaser) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stopped = true
	if m.timer != nil {
		m.timer.Stop()
	}
}
