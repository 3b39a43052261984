package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// system is one thing under test: a multiplexer binary, or the bare PTY.
type system struct {
	name string // "bare", "tmux", "gmux"
	bin  string // empty for bare
	err  string // why it is unavailable, if it is
}

// The private environment every process runs in.
var (
	benchRoot string
	benchEnv  []string
	sockSeq   int
	sockMu    sync.Mutex
)

func setupEnv() error {
	root, err := os.MkdirTemp("", "gmux-bench-")
	if err != nil {
		return err
	}
	benchRoot = root
	vars := map[string]string{
		"HOME":            "home",
		"XDG_CONFIG_HOME": "home/.config",
		"XDG_STATE_HOME":  "home/.local/state",
		"XDG_DATA_HOME":   "home/.local/share",
		"XDG_CACHE_HOME":  "home/.cache",
		"XDG_RUNTIME_DIR": "run",
		"TMPDIR":          "tmp",
		"TMUX_TMPDIR":     "tmp",
		"GMUX_TMPDIR":     "tmp",
	}
	for _, d := range []string{"home", "home/.config", "home/.local/state", "home/.local/share", "home/.cache", "run", "tmp", "s", "data"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o700); err != nil {
			return err
		}
	}
	drop := map[string]bool{"TMUX": true, "TMUX_PANE": true, "GMUX": true, "GMUX_PANE": true, "TERM": true, "SHELL": true}
	for k := range vars {
		drop[k] = true
	}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			benchEnv = append(benchEnv, kv)
		}
	}
	for k, v := range vars {
		benchEnv = append(benchEnv, k+"="+filepath.Join(root, v))
	}
	benchEnv = append(benchEnv, "TERM=xterm-256color", "SHELL=/bin/sh", "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	return nil
}

func dataPath(name string) string { return filepath.Join(benchRoot, "data", name) }

// --- cleanup registry: every server and process we start ---

var (
	regMu      sync.Mutex
	servers    = map[*server]bool{}
	allServers []*server // every server ever made, for the final sweep
	pids       = map[int]string{}
	stopping   atomic.Bool // set on interrupt: start nothing new
)

var errStopping = errors.New("bench is stopping")

func track(pid int, what string) { regMu.Lock(); pids[pid] = what; regMu.Unlock() }
func untrack(pid int)            { regMu.Lock(); delete(pids, pid); regMu.Unlock() }

// cleanupAll kills every server (kill-server on its socket, then SIGKILL by
// recorded pid) and every process still tracked. With final set, it also
// sweeps every socket this run ever used.
func cleanupAll(final bool) {
	if final {
		regMu.Lock()
		for _, s := range allServers {
			if _, err := os.Stat(s.sock); err == nil {
				servers[s] = true
			}
		}
		regMu.Unlock()
	}
	regMu.Lock()
	ss := make([]*server, 0, len(servers))
	for s := range servers {
		ss = append(ss, s)
	}
	regMu.Unlock()
	for _, s := range ss {
		s.kill()
	}
	regMu.Lock()
	ps := make([]int, 0, len(pids))
	for p := range pids {
		ps = append(ps, p)
	}
	regMu.Unlock()
	for _, p := range ps {
		syscall.Kill(-p, syscall.SIGKILL)
		syscall.Kill(p, syscall.SIGKILL)
		untrack(p)
	}
}

// server is one multiplexer server on a private socket.
type server struct {
	sys  *system
	sock string
	conf string
	pid  int
}

func newServer(sys *system, tag string, historyLimit int) (*server, error) {
	sockMu.Lock()
	sockSeq++
	n := sockSeq
	sockMu.Unlock()
	s := &server{sys: sys, sock: filepath.Join(benchRoot, "s", fmt.Sprintf("%s-%s-%d", sys.name, tag, n))}
	s.conf = s.sock + ".conf"
	conf := fmt.Sprintf("set -g history-limit %d\n", historyLimit)
	if err := os.WriteFile(s.conf, []byte(conf), 0o600); err != nil {
		return nil, err
	}
	regMu.Lock()
	servers[s] = true
	allServers = append(allServers, s)
	regMu.Unlock()
	return s, nil
}

func (s *server) command(ctx context.Context, args ...string) *exec.Cmd {
	return benchCommand(ctx, s.sys.bin, append([]string{"-S", s.sock, "-f", s.conf}, args...)...)
}

// benchCommand runs bin with args, made with ctx, in the bench's
// environment and directory.
func benchCommand(ctx context.Context, bin string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = benchEnv
	cmd.Dir = benchRoot
	cmd.WaitDelay = 500 * time.Millisecond
	return cmd
}

// run runs one command and returns its standard output.
func (s *server) run(timeout time.Duration, args ...string) (string, error) {
	if stopping.Load() && args[0] != "kill-server" {
		return "", errStopping
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := s.command(ctx, args...)
	// Output goes to files, not pipes: the harness then waits for the
	// process only, never for a descendant that holds a pipe, and no copying
	// goroutine can be starved on a loaded machine.
	outF, err := os.CreateTemp(filepath.Join(benchRoot, "tmp"), "out-")
	if err != nil {
		return "", err
	}
	defer os.Remove(outF.Name())
	defer outF.Close()
	errF, err := os.CreateTemp(filepath.Join(benchRoot, "tmp"), "err-")
	if err != nil {
		return "", err
	}
	defer os.Remove(errF.Name())
	defer errF.Close()
	cmd.Stdout, cmd.Stderr = outF, errF
	err = cmd.Run()
	out, _ := os.ReadFile(outF.Name())
	errb, _ := os.ReadFile(errF.Name())
	if ctx.Err() != nil {
		return string(out), fmt.Errorf("%s %s: %w after %v", s.sys.name, strings.Join(args, " "), errTimeout, timeout)
	}
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v: %s", s.sys.name, strings.Join(args, " "), err, strings.TrimSpace(string(errb)))
	}
	return string(out), nil
}

// timed runs one command with its output discarded and returns the wall time
// of the whole process.
func (s *server) timed(timeout time.Duration, args ...string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	d, err := timedRun(ctx, s.command(ctx, args...))
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", s.sys.name, strings.Join(args, " "), err)
	}
	return d, nil
}

// timedRun runs cmd, made with ctx, with its standard streams on
// /dev/null and returns the wall time of the whole process.
func timedRun(ctx context.Context, cmd *exec.Cmd) (time.Duration, error) {
	if stopping.Load() {
		return 0, errStopping
	}
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer null.Close()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = null, null, null
	t0 := time.Now()
	err = cmd.Run()
	d := time.Since(t0)
	if ctx.Err() != nil {
		return 0, fmt.Errorf("%w after %v", errTimeout, d.Round(time.Millisecond))
	}
	if err != nil {
		return 0, err
	}
	return d, nil
}

// newSession creates a detached 120x40 session running cmd (via the shell).
func (s *server) newSession(name, cmd string) error {
	if s.pid > 0 && !alive(s.pid) {
		// Do not let the command quietly start a new server.
		return fmt.Errorf("%s server (pid %d) died", s.sys.name, s.pid)
	}
	args := []string{"new-session", "-d", "-x", "120", "-y", "40", "-s", name}
	if cmd != "" {
		args = append(args, cmd)
	}
	if _, err := s.run(15*time.Second, args...); err != nil {
		return err
	}
	if s.pid == 0 {
		return s.resolvePid()
	}
	return nil
}

// resolvePid finds the server's pid: display -p '#{pid}', else the process
// holding the listening socket.
func (s *server) resolvePid() error {
	out, err := s.run(5*time.Second, "display", "-p", "#{pid}")
	if err == nil {
		if pid, perr := strconv.Atoi(strings.TrimSpace(out)); perr == nil && pid > 0 {
			s.pid = pid
			return nil
		}
		err = fmt.Errorf("display -p '#{pid}' printed %q", strings.TrimSpace(out))
	}
	if pid := socketOwner(s.sock); pid > 0 {
		s.pid = pid
		return nil
	}
	return fmt.Errorf("cannot find %s server pid: %v", s.sys.name, err)
}

// kill stops the server: kill-server, then SIGKILL by pid.
func (s *server) kill() {
	if s.pid == 0 {
		s.pid = socketOwner(s.sock)
	}
	s.run(3*time.Second, "kill-server")
	deadline := time.Now().Add(2 * time.Second)
	for s.pid > 0 && alive(s.pid) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s.pid > 0 && alive(s.pid) {
		syscall.Kill(s.pid, syscall.SIGKILL)
	}
	s.pid = 0
	regMu.Lock()
	delete(servers, s)
	regMu.Unlock()
}

// attach starts a client for session name in a 120x41 PTY (pane 120x40 plus
// the status line), its output read at rate bytes/s (0: flat out).
func (s *server) attach(name string, rate float64) (*ptyProc, error) {
	return startInPTY([]string{s.sys.bin, "-S", s.sock, "-f", s.conf, "attach", "-t", name}, benchEnv, 41, 120, rate)
}

func (s *server) capture(target string) (string, error) {
	return s.run(5*time.Second, "capture-pane", "-p", "-t", target)
}

// waitExec waits until the process of target's pane runs comm: a pane's
// `exec comm` has then finished starting.
func (s *server) waitExec(target, comm string, timeout time.Duration) error {
	out, err := s.run(5*time.Second, "display-message", "-p", "-t", target, "#{pane_pid}")
	if err != nil {
		return err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		return fmt.Errorf("%s: pane_pid of %s: %q", s.sys.name, target, out)
	}
	deadline := time.Now().Add(timeout)
	for {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if err == nil && strings.TrimSpace(string(b)) == comm {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w after %v waiting for %s's pane to run %s", errTimeout, timeout, target, comm)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitCapture polls capture-pane until it shows marker.
func (s *server) waitCapture(target, marker string, timeout, every time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		out, err := s.capture(target)
		if err == nil && strings.Contains(out, marker) {
			return time.Now(), nil
		}
		lastErr = err
		if s.pid > 0 && !alive(s.pid) {
			return time.Time{}, fmt.Errorf("%s server (pid %d) died", s.sys.name, s.pid)
		}
		time.Sleep(every)
	}
	if lastErr != nil {
		return time.Time{}, fmt.Errorf("%w after %v waiting for %q in capture-pane (last error: %v)", errTimeout, timeout, marker, lastErr)
	}
	return time.Time{}, fmt.Errorf("%w after %v waiting for %q in capture-pane", errTimeout, timeout, marker)
}

// socketOwner returns the pid of a process holding the unix socket at path.
func socketOwner(path string) int {
	b, err := os.ReadFile("/proc/net/unix")
	if err != nil {
		return 0
	}
	inodes := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 8 && f[7] == path {
			inodes["socket:["+f[6]+"]"] = true
		}
	}
	if len(inodes) == 0 {
		return 0
	}
	procs, _ := os.ReadDir("/proc")
	for _, p := range procs {
		pid, err := strconv.Atoi(p.Name())
		if err != nil {
			continue
		}
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		for _, fd := range fds {
			l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
			if err == nil && inodes[l] {
				return pid
			}
		}
	}
	return 0
}

// shq quotes s for sh.
func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
