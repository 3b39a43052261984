package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/creack/pty"
)

// stripper removes escape sequences and control characters from a terminal
// output stream, keeping the printable text (UTF-8 bytes included). It is a
// streaming state machine: sequences may be split across chunks.
type stripper struct{ state int }

const (
	stGround = iota
	stEsc
	stEscInter // ESC ( B and friends: one more byte
	stCSI
	stStr    // OSC, DCS, APC, PM, SOS: until BEL or ST
	stStrEsc // ESC inside a string
)

func (s *stripper) feed(dst, in []byte) []byte {
	for _, c := range in {
		switch s.state {
		case stGround:
			switch {
			case c == 0x1b:
				s.state = stEsc
			case c < 0x20 || c == 0x7f:
			default:
				dst = append(dst, c)
			}
		case stEsc:
			switch {
			case c == '[':
				s.state = stCSI
			case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
				s.state = stStr
			case c >= 0x20 && c <= 0x2f:
				s.state = stEscInter
			default:
				s.state = stGround
			}
		case stEscInter:
			s.state = stGround
		case stCSI:
			if c >= 0x40 && c <= 0x7e {
				s.state = stGround
			} else if c == 0x1b {
				s.state = stEsc
			}
		case stStr:
			if c == 0x07 {
				s.state = stGround
			} else if c == 0x1b {
				s.state = stStrEsc
			}
		case stStrEsc:
			if c == '\\' {
				s.state = stGround
			} else {
				s.state = stStr
			}
		}
	}
	return dst
}

type chunk struct {
	start, end time.Time // read call started and returned
	n          int
}

type waiter struct {
	s       []byte
	checked int64 // text offset from which to search
	ch      chan time.Time
}

// streamReader reads a PTY master (flat out, or paced to rate bytes/s),
// counts bytes, records chunk timings while recording is on, and lets
// callers wait for a string to appear in the stripped text.
type streamReader struct {
	f    *os.File
	rate float64

	mu       sync.Mutex
	total    int64
	record   bool
	chunks   []chunk
	text     []byte
	textBase int64
	strip    stripper
	waiters  []*waiter
	done     chan struct{}
	err      error
}

func newStreamReader(f *os.File, rate float64) *streamReader {
	r := &streamReader{f: f, rate: rate, done: make(chan struct{})}
	go r.loop()
	return r
}

func (r *streamReader) loop() {
	size := 1 << 16
	if r.rate > 0 {
		size = 4096
	}
	buf := make([]byte, size)
	next := time.Now()
	for {
		t0 := time.Now()
		n, err := r.f.Read(buf)
		t1 := time.Now()
		if n > 0 {
			r.mu.Lock()
			r.total += int64(n)
			if r.record {
				r.chunks = append(r.chunks, chunk{t0, t1, n})
			}
			r.text = r.strip.feed(r.text, buf[:n])
			r.check(t1)
			r.mu.Unlock()
		}
		if err != nil {
			r.mu.Lock()
			r.err = err
			r.mu.Unlock()
			close(r.done)
			return
		}
		if r.rate > 0 && n > 0 {
			if next.Before(t1) {
				next = t1
			}
			next = next.Add(time.Duration(float64(n) / r.rate * float64(time.Second)))
			if d := time.Until(next); d > 0 {
				time.Sleep(d)
			}
		}
	}
}

// check runs with r.mu held.
func (r *streamReader) check(now time.Time) {
	end := r.textBase + int64(len(r.text))
	keep := r.waiters[:0]
	for _, w := range r.waiters {
		from := w.checked - r.textBase
		if from < 0 {
			from = 0
		}
		if i := bytes.Index(r.text[from:], w.s); i >= 0 {
			w.ch <- now
			continue
		}
		w.checked = end - int64(len(w.s)) + 1
		keep = append(keep, w)
	}
	r.waiters = keep
	// Keep the text bounded: only what a waiter may still need.
	if len(r.text) > 1<<16 {
		drop := len(r.text) - 4096
		r.text = append(r.text[:0], r.text[drop:]...)
		r.textBase += int64(drop)
	}
}

// mark returns the current text offset: expect(s, mark()) matches only text
// that arrives afterwards.
func (r *streamReader) mark() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.textBase + int64(len(r.text))
}

func (r *streamReader) expect(s string, from int64) *waiter {
	w := &waiter{s: []byte(s), checked: from, ch: make(chan time.Time, 1)}
	r.mu.Lock()
	r.waiters = append(r.waiters, w)
	r.check(time.Now())
	r.mu.Unlock()
	return w
}

var errTimeout = errors.New("timeout")

// await waits for w, for the stream to end, or for the deadline.
func (r *streamReader) await(w *waiter, timeout time.Duration) (time.Time, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case at := <-w.ch:
		return at, nil
	case <-t.C:
		// w stays registered: the caller may wait on it again.
		return time.Time{}, fmt.Errorf("%w after %v waiting for %q on client output", errTimeout, timeout, w.s)
	case <-r.done:
		select {
		case at := <-w.ch:
			return at, nil
		default:
		}
		return time.Time{}, fmt.Errorf("client output ended (%v) before %q appeared", r.err, w.s)
	}
}

func (r *streamReader) startRecording() {
	r.mu.Lock()
	r.record = true
	r.chunks = r.chunks[:0]
	r.mu.Unlock()
}

// stopRecording returns the chunks read since startRecording and the total
// byte count at that moment.
func (r *streamReader) stopRecording() ([]chunk, int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.record = false
	c := r.chunks
	r.chunks = nil
	return c, r.total
}

func (r *streamReader) bytesRead() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total
}

// maxGap returns the longest time between from and to during which the
// reader sat blocked in read() with no client output arriving. Time the
// reader itself spent (pacing, processing) does not count; a stream that
// stops early counts up to to.
func maxGap(chunks []chunk, from, to time.Time) time.Duration {
	var gap time.Duration
	last := from
	for _, c := range chunks {
		if !c.end.After(from) {
			continue
		}
		s := c.start
		if s.Before(last) {
			s = last
		}
		e := c.end
		if e.After(to) {
			e = to
		}
		if d := e.Sub(s); d > gap {
			gap = d
		}
		last = c.end
		if !c.end.Before(to) {
			return gap
		}
	}
	if d := to.Sub(last); d > gap {
		gap = d
	}
	return gap
}

// ptyProc is a process started inside a new PTY, with its output read by a
// streamReader.
type ptyProc struct {
	cmd *exec.Cmd
	f   *os.File
	r   *streamReader
	pid int
}

func startInPTY(argv []string, env []string, rows, cols uint16, rate float64) (*ptyProc, error) {
	if stopping.Load() {
		return nil, errStopping
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		return nil, err
	}
	p := &ptyProc{cmd: cmd, f: f, pid: cmd.Process.Pid}
	track(p.pid, "pty:"+argv[0])
	p.r = newStreamReader(f, rate)
	go func() { cmd.Wait() }()
	return p, nil
}

// close ends the process (and its process group, which it leads) and the PTY.
func (p *ptyProc) close() {
	if p == nil {
		return
	}
	syscall.Kill(-p.pid, syscall.SIGHUP)
	syscall.Kill(p.pid, syscall.SIGHUP)
	deadline := time.Now().Add(time.Second)
	for alive(p.pid) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if alive(p.pid) {
		syscall.Kill(-p.pid, syscall.SIGKILL)
		syscall.Kill(p.pid, syscall.SIGKILL)
	}
	p.f.Close()
	untrack(p.pid)
}

// --- /proc ---

const clockTicks = 100 // USER_HZ on Linux

// cpuSeconds returns utime+stime of pid in seconds.
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("bad stat for %d", pid)
	}
	f := strings.Fields(s[i+1:])
	// fields after ')': state(0) ppid pgrp session tty tpgid flags minflt
	// cminflt majflt cmajflt utime(11) stime(12)
	if len(f) < 13 {
		return 0, fmt.Errorf("short stat for %d", pid)
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (u + st) / clockTicks, nil
}

// rssMB returns VmRSS of pid in MiB.
func rssMB(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, err := strconv.ParseFloat(f[1], 64)
				return kb / 1024, err
			}
		}
	}
	return 0, fmt.Errorf("no VmRSS for %d", pid)
}

// alive reports whether pid exists and is not a zombie.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z' && s[i+2] != 'X'
	}
	return true
}
