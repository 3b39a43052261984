package server

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/gmux/gmux/internal/rawio"
	"github.com/gmux/gmux/vt"
)

// maxPendingInput bounds what is queued for a pane that does not read its
// input; past it, further input is dropped rather than held in memory.
const maxPendingInput = 1 << 20

// Pane is one program in a PTY and the terminal that interprets its output.
type Pane struct {
	id     int
	window *Window
	// x, y, cols, rows place the pane in its window; changed under Server.mu.
	x, y, cols, rows int

	cmd  *exec.Cmd
	pid  int
	ptmx *os.File

	// mu guards term: the PTY reader writes it, renderers and commands read it.
	mu   sync.Mutex
	term *vt.Terminal
	// events are what term's callbacks reported during a write, for the
	// reader to act on once mu is released (acting takes Server.mu,
	// which is taken before mu elsewhere). Guarded by mu.
	events paneEvents

	inMu   sync.Mutex
	inBuf  []byte
	inBusy bool // a drainInput goroutine runs; direct writes must wait their turn

	dead bool // the program exited; set under Server.mu
}

// paneEvents are what a pane's output asks of its clients' terminals.
type paneEvents struct {
	bell      bool
	clipboard []byte // an OSC 52 store, if set
}

// termOptions connects a pane's terminal to the pane: replies go to the
// program, bells and clipboard stores to p.events.
func (p *Pane) termOptions(historyLimit int) vt.Options {
	return vt.Options{
		HistoryLimit: historyLimit,
		Reply:        p.writeInput,
		Bell:         func() { p.events.bell = true },
		Clipboard:    func(_ string, data []byte) { p.events.clipboard = data },
	}
}

type paneSpec struct {
	argv []string // nil: the default shell
	dir  string
	env  []string
	cols int
	rows int
	// sessionID goes into the pane's GMUX variable.
	sessionID int
}

// newPane starts a program in a new PTY. Called with s.mu held.
func (s *Server) newPane(spec paneSpec) (*Pane, error) {
	s.nextID.pane++
	p := &Pane{
		id:   s.nextID.pane,
		cols: max(spec.cols, 1),
		rows: max(spec.rows, 1),
	}
	p.term = vt.New(p.cols, p.rows, p.termOptions(s.options.int("history-limit", 2000)))

	argv := spec.argv
	if len(argv) == 0 {
		argv = s.defaultCommand(spec.env)
	}
	path, err := exec.LookPath(argv[0])
	if err != nil && len(argv) == 1 && strings.ContainsAny(argv[0], " \t|&;<>()$`\\\"'*?[#~=%") {
		// tmux runs a single-string command through the shell.
		argv = []string{"/bin/sh", "-c", argv[0]}
		path = "/bin/sh"
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("create pane: %w", err)
	}
	cmd := exec.Command(path, argv[1:]...)
	cmd.Args[0] = argv[0]
	if len(spec.argv) == 0 {
		// A default shell runs as a login shell, as tmux starts it.
		cmd.Args[0] = "-" + filepath.Base(argv[0])
	}
	cmd.Dir = spec.dir
	if st, err := os.Stat(cmd.Dir); err != nil || !st.IsDir() {
		cmd.Dir, _ = os.UserHomeDir()
	}
	cmd.Env = s.paneEnv(spec.env, p, spec.sessionID)
	ptmx, err := startPTY(cmd, p.cols, p.rows)
	if err != nil {
		return nil, fmt.Errorf("create pane: %s: %w", argv[0], err)
	}
	// The program has its environment: the pane keeps cmd to wait on it
	// (a Cmd never waited on trips GODEBUG=execwait), not the ~1 KB copy.
	cmd.Env = nil
	p.cmd = cmd
	p.pid = cmd.Process.Pid
	p.ptmx = ptmx
	go s.readLoop(p)
	return p, nil
}

// defaultCommand is default-command, or default-shell, or $SHELL.
func (s *Server) defaultCommand(env []string) []string {
	if c := s.options.str("default-command", ""); c != "" {
		return []string{c}
	}
	shell := s.options.str("default-shell", "")
	if shell == "" {
		shell = lookupEnv(env, "SHELL")
	}
	if shell == "" || !filepath.IsAbs(shell) {
		shell = "/bin/sh"
	}
	return []string{shell}
}

func lookupEnv(env []string, key string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(env[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}

// paneEnv is the client's environment without the outer multiplexer's
// variables, plus TERM, GMUX and GMUX_PANE.
func (s *Server) paneEnv(base []string, p *Pane, sessID int) []string {
	env := make([]string, 0, len(base)+4)
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GMUX", "GMUX_PANE", "TMUX", "TMUX_PANE", "TERM", "COLUMNS", "LINES":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"TERM="+s.defaultTerminal(),
		fmt.Sprintf("GMUX=%s,%d,%d", s.cfg.SocketPath, os.Getpid(), sessID),
		fmt.Sprintf("GMUX_PANE=%%%d", p.id),
	)
}

// defaultTerminal is default-terminal, falling back to screen-256color
// where the terminfo database lacks tmux-256color.
func (s *Server) defaultTerminal() string {
	t := s.options.str("default-terminal", "tmux-256color")
	if t == "tmux-256color" && !haveTerminfo(t) {
		return "screen-256color"
	}
	return t
}

func haveTerminfo(name string) bool {
	for _, dir := range []string{"/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo", "/usr/lib/terminfo"} {
		if _, err := os.Stat(filepath.Join(dir, name[:1], name)); err == nil {
			return true
		}
	}
	return false
}

// writeInput sends bytes to the program. It never blocks: when nothing is
// queued it writes at once (a keystroke reaches the program without a
// goroutine hop); what the PTY does not take is queued, up to
// maxPendingInput, for a drainInput goroutine that exists only while
// there is a queue, so a program that does not read cannot stall the
// server and an idle pane costs no goroutine.
func (p *Pane) writeInput(b []byte) {
	if len(b) == 0 {
		return
	}
	p.inMu.Lock()
	defer p.inMu.Unlock()
	if len(p.inBuf) == 0 && !p.inBusy && p.ptmx != nil {
		b = b[writeNonblock(p.ptmx, b):]
	}
	if len(b) == 0 || len(p.inBuf)+len(b) > maxPendingInput {
		return
	}
	p.inBuf = append(p.inBuf, b...)
	if !p.inBusy {
		p.inBusy = true
		go p.drainInput()
	}
}

// writeNonblock writes what the non-blocking PTY takes now and returns
// how much that was.
func writeNonblock(f *os.File, b []byte) int {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0
	}
	n := 0
	_ = rc.Write(func(fd uintptr) bool {
		for n < len(b) {
			m, err := rawio.Write(int(fd), b[n:])
			if err != nil || m <= 0 {
				break
			}
			n += m
		}
		return true // never wait: the rest is queued
	})
	return n
}

// drainInput writes the queued input, waiting for the PTY to take it,
// until the queue is empty or the PTY is closed.
func (p *Pane) drainInput() {
	var out []byte
	for {
		p.inMu.Lock()
		if len(p.inBuf) == 0 {
			p.inBusy = false
			p.inMu.Unlock()
			return
		}
		out, p.inBuf = p.inBuf, out[:0]
		p.inMu.Unlock()
		if _, err := p.ptmx.Write(out); err != nil {
			p.inMu.Lock()
			p.inBuf = p.inBuf[:0] // the program is gone: the loop ends
			p.inMu.Unlock()
		}
	}
}

// readYieldInterval is how long a pane's reader runs before letting the
// server's other goroutines have the CPU while its program floods.
const readYieldInterval = time.Millisecond

// readLoop feeds the PTY's output to the terminal until the program is
// gone, then removes the pane. A read buffer is taken from the server's
// pool only once output is ready, so idle panes hold none.
func (s *Server) readLoop(p *Pane) {
	rc, err := p.ptmx.SyscallConn()
	if err != nil {
		s.log.Printf("pane %%%d: %v", p.id, err)
	}
	var yielded time.Time
	for err == nil {
		var bp *[]byte
		var n int
		var rerr error
		err = rc.Read(func(fd uintptr) bool {
			bp = s.readBufs.Get().(*[]byte)
			n, rerr = rawio.Read(int(fd), *bp)
			if rerr == unix.EAGAIN {
				s.readBufs.Put(bp)
				bp = nil
				return false // wait for output
			}
			return true
		})
		if err == nil && n > 0 && rerr == nil {
			s.feedOutput(p, (*bp)[:n])
			// While a program floods, the read never waits, and the
			// goroutines that draw the frames (the writer, a hosted
			// terminal's painter) would get the CPU only when the
			// scheduler preempts this one, every 10 ms, a step at a
			// time: frames came 40-400 ms apart.
			if now := time.Now(); now.Sub(yielded) >= readYieldInterval {
				yielded = now
				runtime.Gosched()
			}
		}
		if bp != nil {
			s.readBufs.Put(bp)
		}
		switch {
		case err != nil:
			// The PTY was closed under us: the server is going away.
		case rerr == unix.EINTR:
		case rerr == unix.EIO, n == 0 && rerr == nil:
			err = io.EOF // the program and all its children closed the PTY
		case rerr != nil:
			err = rerr
			s.log.Printf("pane %%%d: read: %v", p.id, rerr)
		}
	}
	_ = p.cmd.Wait()   // reap; the exit status is not used
	_ = p.ptmx.Close() // best effort; a queued drainInput returns
	s.mu.Lock()
	s.paneExited(p)
	s.mu.Unlock()
}

// feedOutput writes program output to p's terminal and wakes its viewers.
// vt is fuzzed never to panic; if it ever does, the pane loses that
// output, not the server its sessions.
func (s *Server) feedOutput(p *Pane, b []byte) {
	s.outputReads.Add(1)
	var ev paneEvents
	func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		defer func() {
			if r := recover(); r != nil {
				s.log.Printf("pane %%%d: terminal panic on %q: %v\n%s", p.id, b[:min(len(b), 256)], r, debug.Stack())
			}
		}()
		_, _ = p.term.Write(b) // vt never fails
		ev, p.events = p.events, paneEvents{}
	}()
	s.paneChanged(p, ev)
}

// paneChanged wakes the clients that show p, and passes them the bell and
// clipboard stores of its output, as tmux's bell-action, visual-bell and
// set-clipboard options say.
func (s *Server) paneChanged(p *Pane, ev paneEvents) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := p.window
	if w == nil || w.session == nil {
		return
	}
	sess := w.session
	current := sess.current == w
	bell := ev.bell && s.bellWanted(sess, current)
	visual := bell && s.sessionOption(sess, "visual-bell") == "on"
	// As tmux: only a pane on the screen sets the terminal's clipboard.
	clipboard := ev.clipboard != nil && current && s.sessionOption(sess, "set-clipboard") != "off"
	flagged := ev.bell && !current && !w.bellFlag && s.sessionOption(sess, "monitor-bell") == "on"
	if flagged {
		w.bellFlag = true
	}
	for c := range s.clients {
		if c.session != sess {
			continue
		}
		switch {
		case flagged:
			c.markDirty() // the window list shows the flag
		case current:
			c.markOutput()
		}
		if bell {
			if visual {
				s.showMessage(c, "Bell in window "+strconv.Itoa(w.index))
			} else {
				c.ringBell()
			}
		}
		if clipboard {
			c.setClipboard(ev.clipboard)
		}
	}
}

// bellWanted reports whether a bell in a window of sess, the current one
// or another, reaches its clients (bell-action).
func (s *Server) bellWanted(sess *Session, current bool) bool {
	switch s.sessionOption(sess, "bell-action") {
	case "any":
		return true
	case "current":
		return current
	case "other":
		return !current
	}
	return false
}

// paneExited removes a dead pane and whatever it leaves empty.
func (s *Server) paneExited(p *Pane) {
	if p.dead {
		return
	}
	p.dead = true
	w := p.window
	if w == nil {
		return
	}
	if !w.removePane(p) {
		w.relayout()
		s.redrawSession(w.session)
		return
	}
	sess := w.session
	if !sess.removeWindow(w) {
		s.resizeSession(sess)
		s.redrawSession(sess)
		return
	}
	s.destroySession(sess, "[exited]")
}

// destroySession removes sess; its clients leave with message.
func (s *Server) destroySession(sess *Session, message string) {
	for i, o := range s.sessions {
		if o == sess {
			s.sessions = append(s.sessions[:i], s.sessions[i+1:]...)
			break
		}
	}
	for _, w := range sess.windows {
		for _, p := range w.panes {
			p.kill()
		}
	}
	for c := range s.clients {
		if c.session == sess {
			c.exit(0, message)
		}
	}
	s.exitIfEmptyLocked()
}

// kill hangs up the pane's program: SIGHUP to its process group, as a
// terminal closing would.
func (p *Pane) kill() {
	if p.pid > 0 {
		_ = syscall.Kill(-p.pid, syscall.SIGHUP) // best effort
		_ = syscall.Kill(p.pid, syscall.SIGHUP)  // best effort
	}
}

// resize changes the pane's size: the terminal reflows and the program
// gets SIGWINCH.
func (p *Pane) resize(cols, rows int) {
	cols, rows = max(cols, 1), max(rows, 1)
	if cols == p.cols && rows == p.rows {
		return
	}
	p.cols, p.rows = cols, rows
	p.withTerm(func(t *vt.Terminal) { t.Resize(cols, rows) })
	_ = setWinsize(p.ptmx, cols, rows) // the program may be gone
}

// foregroundPID is the PTY's foreground process group, the program the
// user is looking at.
func (p *Pane) foregroundPID() int {
	if p.ptmx == nil {
		return 0
	}
	// SyscallConn rather than Fd: Fd would put the file in blocking mode.
	rc, err := p.ptmx.SyscallConn()
	if err != nil {
		return p.pid
	}
	pgrp := 0
	ctlErr := rc.Control(func(fd uintptr) {
		pgrp, err = unix.IoctlGetInt(int(fd), unix.TIOCGPGRP)
	})
	if ctlErr != nil || err != nil || pgrp <= 0 {
		return p.pid
	}
	return pgrp
}

// currentCommand is pane_current_command: the foreground process's name.
func (p *Pane) currentCommand() string {
	pid := p.foregroundPID()
	if pid <= 0 {
		return ""
	}
	return processName(pid)
}

// processName reads /proc/PID/comm. Window names and target lookups
// ask for it, so it makes three system calls and three small allocations
// where os.ReadFile makes five and nine (9 against 20 us here).
func processName(pid int) string {
	fd, err := syscall.Open("/proc/"+strconv.Itoa(pid)+"/comm", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	var b [64]byte // the kernel keeps 16 bytes of a name
	n, err := syscall.Read(fd, b[:])
	if err != nil || n <= 0 {
		return ""
	}
	return strings.TrimSpace(string(b[:n]))
}

// withTerm runs f on p's terminal holding p.mu, and lets it go even if f
// panics: a recovered panic must not leave the pane's reader, and the
// next render holding Server.mu, waiting on it.
func (p *Pane) withTerm(f func(t *vt.Terminal)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p.term)
}

// currentPath is pane_current_path: OSC 7 if the program set it, else
// the foreground process's working directory.
func (p *Pane) currentPath() string {
	var cwd string
	p.withTerm(func(t *vt.Terminal) { cwd = t.Cwd() })
	if cwd != "" {
		return cwd
	}
	dir, err := os.Readlink("/proc/" + strconv.Itoa(p.foregroundPID()) + "/cwd")
	if err != nil {
		return ""
	}
	return dir
}

// startPTY starts cmd on a new PTY of the given size. The terminal is set
// up (size, IUTF8 as tmux sets it) before the program starts, so it never
// sees the defaults.
func startPTY(cmd *exec.Cmd, cols, rows int) (*os.File, error) {
	master, tty, err := pty.Open()
	if err != nil {
		return nil, err
	}
	defer tty.Close()
	ptmx, err := pollable(master)
	if err != nil {
		_ = master.Close() // best effort
		return nil, err
	}
	if err := pty.Setsize(tty, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		_ = ptmx.Close() // best effort
		return nil, err
	}
	if rc, err := tty.SyscallConn(); err == nil {
		_ = rc.Control(func(fd uintptr) {
			if t, err := unix.IoctlGetTermios(int(fd), unix.TCGETS); err == nil {
				t.Iflag |= unix.IUTF8
				_ = unix.IoctlSetTermios(int(fd), unix.TCSETS, t) // best effort
			}
		})
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		_ = ptmx.Close() // best effort
		return nil, err
	}
	return ptmx, nil
}

// pollable returns the PTY master as a non-blocking file in Go's network
// poller: its reader parks as a goroutine instead of holding a thread in
// read(2), and input can be written without blocking. (creack/pty leaves
// it blocking.)
func pollable(f *os.File) (*os.File, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	dup := -1
	var dupErr error
	if err := rc.Control(func(fd uintptr) {
		dup, dupErr = unix.FcntlInt(fd, unix.F_DUPFD_CLOEXEC, 0)
	}); err != nil {
		return nil, err
	}
	if dupErr != nil {
		return nil, fmt.Errorf("dup pty: %w", dupErr)
	}
	if err := unix.SetNonblock(dup, true); err != nil {
		_ = unix.Close(dup) // best effort
		return nil, fmt.Errorf("pty non-blocking: %w", err)
	}
	_ = f.Close() // the dup shares the open file
	return os.NewFile(uintptr(dup), "/dev/ptmx"), nil
}

// setWinsize sets the PTY size through the poller-safe raw conn
// (pty.Setsize calls Fd, which would make the file blocking again).
func setWinsize(f *os.File, cols, rows int) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ioErr error
	if err := rc.Control(func(fd uintptr) {
		ioErr = unix.IoctlSetWinsize(int(fd), unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(cols), Row: uint16(rows)})
	}); err != nil {
		return err
	}
	return ioErr
}
