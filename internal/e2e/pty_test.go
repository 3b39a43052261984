package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
	"golang.org/x/sys/unix"
)

// client is a gmux client running inside a PTY; everything it prints is fed
// to a vt10x terminal of the same size (the reference screen).
type client struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	ptm  *os.File // PTY master, pollable so Close interrupts the reader
	term vt10x.Terminal
	// ttyName is the PTY's slave, the client's terminal.
	ttyName string

	mu  sync.Mutex
	raw []byte // every byte the client printed

	readDone chan struct{} // reader goroutine finished
	exited   chan struct{} // process exited; code is then valid
	code     int
}

// startClient runs `gmux -S <sock> args...` in a cols x rows PTY.
func startClient(t *testing.T, e *env, cols, rows int, args ...string) *client {
	t.Helper()
	return startClientEnv(t, e, nil, cols, rows, args...)
}

// startClientEnv is startClient with extra environment variables.
func startClientEnv(t *testing.T, e *env, env []string, cols, rows int, args ...string) *client {
	t.Helper()
	ptm0, pts, err := pty.Open()
	if err != nil {
		t.Fatalf("pty.Open: %v", err)
	}
	// pty.Open leaves the master in blocking mode; a blocked Read would keep
	// the descriptor alive after Close (so hangup() would not hang up). A
	// non-blocking duplicate is handled by the runtime poller instead.
	fd, err := unix.Dup(int(ptm0.Fd()))
	ptm0.Close()
	if err != nil {
		pts.Close()
		t.Fatalf("dup: %v", err)
	}
	unix.CloseOnExec(fd)
	if err := unix.SetNonblock(fd, true); err != nil {
		t.Fatalf("set nonblock: %v", err)
	}
	c := &client{
		t:        t,
		name:     "client(" + strings.Join(args, " ") + ")",
		ttyName:  pts.Name(),
		ptm:      os.NewFile(uintptr(fd), "ptmx"),
		readDone: make(chan struct{}),
		exited:   make(chan struct{}),
	}
	if err := c.setSize(cols, rows); err != nil {
		t.Fatalf("set winsize: %v", err)
	}
	c.term = vt10x.New(vt10x.WithSize(cols, rows), vt10x.WithWriter(replyWriter{c.ptm}))

	c.cmd = exec.Command(gmuxBin, append([]string{"-S", e.sock}, args...)...)
	c.cmd.Env = append(append([]string(nil), e.vars...), env...)
	c.cmd.Dir = e.home
	c.cmd.Stdin, c.cmd.Stdout, c.cmd.Stderr = pts, pts, pts
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := c.cmd.Start(); err != nil {
		pts.Close()
		c.ptm.Close()
		t.Fatalf("starting %s: %v", c.name, err)
	}
	pts.Close()

	go c.read()
	go func() {
		c.cmd.Wait()
		c.code = c.cmd.ProcessState.ExitCode()
		close(c.exited)
	}()
	t.Cleanup(c.cleanup)
	return c
}

// replyWriter sends the reference terminal's replies (DSR, CPR) to the client
// without blocking the reader.
type replyWriter struct{ f *os.File }

func (w replyWriter) Write(p []byte) (int, error) {
	b := append([]byte(nil), p...)
	go w.f.Write(b)
	return len(p), nil
}

func (c *client) read() {
	defer close(c.readDone)
	buf := make([]byte, 32*1024)
	var pending []byte
	for {
		n, err := c.ptm.Read(buf)
		if n > 0 {
			c.mu.Lock()
			c.raw = append(c.raw, buf[:n]...)
			c.mu.Unlock()
			data := append(pending, buf[:n]...)
			whole, rest := splitIncompleteRune(data)
			c.term.Write(whole)
			pending = append([]byte(nil), rest...)
		}
		if err != nil {
			return
		}
	}
}

// splitIncompleteRune holds back a UTF-8 sequence cut at the end of b.
func splitIncompleteRune(b []byte) (whole, rest []byte) {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i], b[i:]
			}
			break
		}
	}
	return b, nil
}

func (c *client) setSize(cols, rows int) error {
	sc, err := c.ptm.SyscallConn()
	if err != nil {
		return err
	}
	var ierr error
	err = sc.Control(func(fd uintptr) {
		ierr = unix.IoctlSetWinsize(int(fd), unix.TIOCSWINSZ, &unix.Winsize{Row: uint16(rows), Col: uint16(cols)})
	})
	if err != nil {
		return err
	}
	return ierr
}

func (c *client) cleanup() {
	select {
	case <-c.exited:
	default:
		c.cmd.Process.Kill()
		select {
		case <-c.exited:
		case <-time.After(deadline):
			c.t.Errorf("%s: pid %d did not die after SIGKILL", c.name, c.cmd.Process.Pid)
		}
	}
	c.ptm.Close()
	<-c.readDone
}

// screen returns the reference terminal's rows, trailing spaces trimmed.
func (c *client) screen() string {
	return strings.Join(c.lines(), "\n")
}

func (c *client) lines() []string {
	c.term.Lock()
	defer c.term.Unlock()
	cols, rows := c.term.Size()
	out := make([]string, rows)
	var sb strings.Builder
	for y := 0; y < rows; y++ {
		sb.Reset()
		for x := 0; x < cols; x++ {
			r := c.term.Cell(x, y).Char
			if r == 0 {
				r = ' '
			}
			sb.WriteRune(r)
		}
		out[y] = strings.TrimRight(sb.String(), " ")
	}
	return out
}

// line returns row n (negative counts from the bottom: -1 is the last row).
func (c *client) line(n int) string {
	ls := c.lines()
	if n < 0 {
		n += len(ls)
	}
	if n < 0 || n >= len(ls) {
		return ""
	}
	return ls[n]
}

// output returns every byte the client has printed so far.
func (c *client) output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return string(c.raw)
}

func (c *client) dump() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s screen:\n", c.name)
	for i, l := range c.lines() {
		fmt.Fprintf(&sb, "%2d|%s\n", i, l)
	}
	out := c.output()
	if len(out) > 600 {
		out = out[len(out)-600:]
	}
	fmt.Fprintf(&sb, "last raw output: %q", out)
	return sb.String()
}

// waitScreen polls the screen until cond holds; it fails the test (with the
// screen) at the deadline or as soon as the client has exited without it.
func (c *client) waitScreen(what string, cond func(string) bool) {
	c.t.Helper()
	end := time.Now().Add(deadline)
	for {
		if cond(c.screen()) {
			return
		}
		select {
		case <-c.readDone:
			if cond(c.screen()) {
				return
			}
			exit := "still running"
			select {
			case <-c.exited:
				exit = fmt.Sprintf("exit code %d", c.code)
			default:
			}
			c.t.Fatalf("%s ended (%s) before %s\n%s", c.name, exit, what, c.dump())
		default:
		}
		if time.Now().After(end) {
			c.t.Fatalf("timed out after %v waiting for %s\n%s", deadline, what, c.dump())
		}
		time.Sleep(pollEvery)
	}
}

// waitFor waits until the screen contains substr.
func (c *client) waitFor(substr string) {
	c.t.Helper()
	c.waitScreen(fmt.Sprintf("screen to contain %q", substr), func(s string) bool {
		return strings.Contains(s, substr)
	})
}

// waitLine waits until some row of the screen is l: exactly, or followed
// only by blanks and what lies beyond the pane (a border, padding) when the
// client is larger than the window.
func (c *client) waitLine(l string) {
	c.t.Helper()
	c.waitScreen(fmt.Sprintf("a screen row equal to %q", l), func(s string) bool {
		for _, x := range strings.Split(s, "\n") {
			if rowIs(x, l) {
				return true
			}
		}
		return false
	})
}

func rowIs(row, l string) bool {
	if row == l {
		return true
	}
	if !strings.HasPrefix(row, l+" ") {
		return false
	}
	return strings.IndexFunc(row[len(l):], func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}) < 0
}

// send writes keys to the PTY master, as a user typing.
func (c *client) send(s string) {
	c.t.Helper()
	if _, err := c.ptm.Write([]byte(s)); err != nil {
		c.t.Fatalf("%s: writing %q: %v", c.name, s, err)
	}
}

// resize changes the PTY size (the client gets SIGWINCH) and the reference
// terminal's.
func (c *client) resize(cols, rows int) {
	c.t.Helper()
	c.term.Resize(cols, rows)
	if err := c.setSize(cols, rows); err != nil {
		c.t.Fatalf("%s: resize: %v", c.name, err)
	}
}

// wait waits for the client process to exit and its output to drain, and
// returns its exit code (-1 if killed by a signal) and everything it printed.
func (c *client) wait() (int, string) {
	c.t.Helper()
	select {
	case <-c.exited:
	case <-time.After(deadline):
		c.t.Fatalf("%s did not exit within %v\n%s", c.name, deadline, c.dump())
	}
	select {
	case <-c.readDone:
	case <-time.After(deadline):
		c.t.Errorf("%s exited but its terminal stayed open %v (a child inherited it?)", c.name, deadline)
	}
	return c.code, c.output()
}

// hangup closes the PTY master: the client loses its terminal (SIGHUP, EIO).
func (c *client) hangup() { c.ptm.Close() }

// kill sends SIGKILL to the client.
func (c *client) kill() { c.cmd.Process.Kill() }

// pid returns the client's pid.
