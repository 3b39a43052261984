// Package e2e runs the real gmux programs: a private socket in a temp dir, an
// isolated HOME, clients inside PTYs whose output is read back through an
// independent reference terminal (hinshun/vt10x, never gmux's own vt), and
// assertions on the screens and on the one-shot commands' output.
//
// Every wait is a poll with a deadline; nothing sleeps for a fixed time.
//
// TestMain builds ./cmd/gmux and ./cmd/gmux-server once, side by side
// (with -race when GMUX_E2E_RACE is set); GMUX_E2E_BIN=/path/to/gmux runs
// the suite against prebuilt programs (gmux-server beside gmux).
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	// deadline bounds every wait: a command, a screen condition, an exit.
	deadline = 10 * time.Second
	// pollEvery is how often a condition is re-checked.
	pollEvery = 15 * time.Millisecond
	// prompt is what the panes' /bin/sh prints (set through ~/.profile and $ENV).
	prompt = "e2e$"
)

// gmuxBin is the gmux under test, with gmux-server beside it, built once
// by TestMain.
var gmuxBin string

func TestMain(m *testing.M) { os.Exit(runMain(m)) }

func runMain(m *testing.M) int {
	// GMUX_E2E_BIN runs the suite against a prebuilt binary instead.
	if bin := os.Getenv("GMUX_E2E_BIN"); bin != "" {
		gmuxBin = bin
		return m.Run()
	}
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		fmt.Fprintf(os.Stderr, "e2e: cannot find the module root (go env GOMOD: %q, %v)\n", gomod, err)
		return 1
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	dir, err := os.MkdirTemp("", "gmux-e2e-bin-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// World-readable so the helper run as another uid (security tests) can exec it.
	_ = os.Chmod(dir, 0o755)
	gmuxBin = filepath.Join(dir, "gmux")
	args := []string{"build", "-o", dir + "/"}
	if os.Getenv("GMUX_E2E_RACE") != "" {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, "./cmd/gmux", "./cmd/gmux-server")...)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: FAIL: building gmux (go build -o DIR ./cmd/gmux ./cmd/gmux-server in %s) failed: %v\n%s", root, err, out)
		return 1
	}
	return m.Run()
}

// env is one isolated world: its own socket, HOME, XDG dirs and temp dirs.
type env struct {
	t    *testing.T
	dir  string
	home string
	gtmp string // $GMUX_TMPDIR
	sock string // the -S socket every run() uses
	vars []string

	mu   sync.Mutex
	sels []string       // server selectors ("-S path" or "-L name") cleanup kills
	pids map[string]int // selector -> server pid
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	if len(dir) > 70 { // unix socket paths are limited to 108 bytes
		d, err := os.MkdirTemp("/tmp", "ge2e-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(d) })
		dir = d
	}
	e := &env{
		t:    t,
		dir:  dir,
		home: filepath.Join(dir, "home"),
		gtmp: filepath.Join(dir, "gtmp"),
		sock: filepath.Join(dir, "sock"),
		pids: map[string]int{},
	}
	e.sels = []string{"-S " + e.sock}
	sub := map[string]string{
		"HOME":            e.home,
		"XDG_CONFIG_HOME": filepath.Join(dir, "config"),
		"XDG_STATE_HOME":  filepath.Join(dir, "state"),
		"XDG_RUNTIME_DIR": filepath.Join(dir, "run"),
		"TMPDIR":          filepath.Join(dir, "tmp"),
		"GMUX_TMPDIR":     e.gtmp,
	}
	for _, d := range sub {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// /bin/sh as a login shell reads /etc/profile (which resets PS1) then
	// ~/.profile; an interactive one reads $ENV. Both set the same prompt.
	rc := "PS1='" + prompt + " '\n"
	for _, f := range []string{".profile", ".shrc"} {
		if err := os.WriteFile(filepath.Join(e.home, f), []byte(rc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sub["SHELL"] = "/bin/sh"
	sub["TERM"] = "xterm-256color"
	sub["PS1"] = prompt + " "
	sub["ENV"] = filepath.Join(e.home, ".shrc")
	sub["LANG"] = "C.UTF-8"
	if os.Getenv("GMUX_E2E_RACE") != "" {
		// The server's stderr is /dev/null: race reports go to files.
		os.MkdirAll(filepath.Join(dir, "race"), 0o700)
		sub["GORACE"] = "log_path=" + filepath.Join(dir, "race", "report")
	}
	drop := map[string]bool{"GMUX": true, "GMUX_PANE": true, "TMUX": true, "TMUX_PANE": true,
		"LC_ALL": true, "LC_CTYPE": true, "COLUMNS": true, "LINES": true}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := sub[k]; ok || drop[k] || strings.HasPrefix(k, "XDG_") {
			continue
		}
		e.vars = append(e.vars, kv)
	}
	for k, v := range sub {
		e.vars = append(e.vars, k+"="+v)
	}
	t.Cleanup(e.cleanup)
	return e
}

// addServer makes cleanup kill the server selected by flag ("-S" or "-L")
// and value too.
func (e *env) addServer(flag, value string) {
	sel := flag + " " + value
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.sels {
		if s == sel {
			return
		}
	}
	e.sels = append(e.sels, sel)
}

// exec runs the binary with exactly args, bounded by the deadline.
func (e *env) exec(args ...string) (stdout, stderr string, code int, err error) {
	return e.execBin(gmuxBin, e.vars, args...)
}

// serverBin is the gmux-server beside gmuxBin.
func serverBin() string { return filepath.Join(filepath.Dir(gmuxBin), "gmux-server") }

// execBin runs bin with args and environment vars in e's home, within the
// deadline, and returns its output and exit status.
func (e *env) execBin(bin string, vars []string, args ...string) (stdout, stderr string, code int, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = vars
	cmd.Dir = e.home
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	// If a daemon inherited our pipes, Wait would block until it exits.
	cmd.WaitDelay = 3 * time.Second
	err = cmd.Run()
	code = -1
	if cmd.ProcessState != nil {
		code = cmd.ProcessState.ExitCode()
	}
	switch {
	case ctx.Err() != nil:
		err = fmt.Errorf("gmux %s: did not finish within %v", strings.Join(args, " "), deadline)
	case errors.Is(err, exec.ErrWaitDelay):
		err = fmt.Errorf("gmux %s: exited but its stdout/stderr stayed open (a daemon inherited them?)", strings.Join(args, " "))
	default:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = nil
		}
	}
	return out.String(), errb.String(), code, err
}

// run runs `gmux -S <sock> args...`.
func (e *env) run(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	return e.runRaw(append([]string{"-S", e.sock}, args...)...)
}

// runRaw runs `gmux args...` (no -S added).
func (e *env) runRaw(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	stdout, stderr, code, err := e.exec(args...)
	if err != nil {
		e.t.Fatalf("%v\nstdout: %q\nstderr: %q", err, stdout, stderr)
	}
	if code == 0 {
		e.notePid(args)
	}
	return stdout, stderr, code
}

// mustRun runs `gmux -S <sock> args...` and fails the test unless it exits 0.
func (e *env) mustRun(args ...string) string {
	e.t.Helper()
	out, errs, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("gmux %s: exit %d, stderr %q, stdout %q", strings.Join(args, " "), code, errs, out)
	}
	return out
}

// notePid records the server's pid (display -p '#{pid}') for the socket the
// command just used, once, so cleanup can SIGKILL a server kill-server missed.
func (e *env) notePid(args []string) {
	if len(args) < 3 || (args[0] != "-S" && args[0] != "-L") {
		return
	}
	for _, a := range args {
		if strings.HasPrefix(a, "kill-") || a == "-V" {
			return
		}
	}
	sel := args[0] + " " + args[1]
	e.mu.Lock()
	_, known := e.pids[sel]
	e.mu.Unlock()
	if known {
		return
	}
	e.addServer(args[0], args[1])
	out, _, code, err := e.exec(args[0], args[1], "display-message", "-p", "#{pid}")
	pid, perr := strconv.Atoi(strings.TrimSpace(out))
	if err != nil || code != 0 || perr != nil || pid <= 1 {
		return
	}
	e.mu.Lock()
	e.pids[sel] = pid
	e.mu.Unlock()
}

// serverPid returns the recorded pid of the server on e.sock, asking for it
// if needed; it fails the test if the server does not report one.
func (e *env) serverPid() int {
	e.t.Helper()
	out := e.mustRun("display-message", "-p", "#{pid}")
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil || pid <= 1 {
		e.t.Fatalf("display -p '#{pid}' = %q, want a pid", out)
	}
	e.mu.Lock()
	e.pids["-S "+e.sock] = pid
	e.mu.Unlock()
	return pid
}

func (e *env) cleanup() {
	e.mu.Lock()
	sels := append([]string(nil), e.sels...)
	e.mu.Unlock()
	hung := map[string]error{}
	for _, sel := range sels {
		flag, value, _ := strings.Cut(sel, " ")
		if _, _, _, err := e.exec(flag, value, "kill-server"); err != nil {
			hung[sel] = err
		}
	}
	e.mu.Lock()
	pids := map[string]int{}
	for s, p := range e.pids {
		pids[s] = p
	}
	e.mu.Unlock()
	if e.t.Failed() {
		e.logServerLogs()
	}
	for s, pid := range pids {
		if err := hung[s]; err != nil && isGmux(pid) {
			e.t.Errorf("%v (server pid %d hung?); sending SIGKILL", err, pid)
			syscall.Kill(pid, syscall.SIGKILL)
			waitUntil(func() bool { return !isGmux(pid) })
		} else if !waitUntil(func() bool { return !isGmux(pid) }) {
			e.t.Errorf("server pid %d (gmux %s) still running %v after kill-server; sending SIGKILL", pid, s, deadline)
			syscall.Kill(pid, syscall.SIGKILL)
			waitUntil(func() bool { return !isGmux(pid) })
		}
	}
	reports, _ := filepath.Glob(filepath.Join(e.dir, "race", "report*"))
	for _, r := range reports {
		if b, err := os.ReadFile(r); err == nil && len(b) > 0 {
			if len(b) > 6000 {
				b = b[:6000]
			}
			e.t.Errorf("race detector report from a gmux process (%s):\n%s", filepath.Base(r), b)
		}
	}
}

// logServerLogs prints the tail of the servers' log files (they live in the
// env's $XDG_STATE_HOME, which is removed with it).
func (e *env) logServerLogs() {
	logs, _ := filepath.Glob(filepath.Join(e.dir, "state", "gmux", "*.log"))
	for _, l := range logs {
		b, err := os.ReadFile(l)
		if err != nil || len(b) == 0 {
			continue
		}
		ls := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		if len(ls) > 40 {
			ls = ls[len(ls)-40:]
		}
		e.t.Logf("server log %s (tail):\n%s", filepath.Base(l), strings.Join(ls, "\n"))
	}
}

// waitUntil polls cond until it holds or the deadline passes.
func waitUntil(cond func() bool) bool {
	end := time.Now().Add(deadline)
	for {
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
		time.Sleep(pollEvery)
	}
}

// waitCond polls cond and fails the test with what() if it never holds.
func waitCond(t *testing.T, what func() string, cond func() bool) {
	t.Helper()
	if !waitUntil(cond) {
		t.Fatalf("timed out after %v: %s", deadline, what())
	}
}

// alive reports whether pid is a live (non-zombie) process.
func alive(pid int) bool {
	if pid <= 0 || syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z'
	}
	return true
}

// isGmux reports whether pid is alive and runs one of our programs, gmux
// or gmux-server (guards against pid reuse before a SIGKILL).
func isGmux(pid int) bool {
	if !alive(pid) {
		return false
	}
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	if err != nil {
		return false
	}
	exe = strings.TrimSuffix(exe, " (deleted)")
	return exe == gmuxBin || exe == serverBin()
}

// capture returns `capture-pane -p -t target [extra...]`.
func (e *env) capture(target string, extra ...string) string {
	e.t.Helper()
	return e.mustRun(append([]string{"capture-pane", "-p", "-t", target}, extra...)...)
}

// waitCapture polls capture-pane until it contains substr.
func (e *env) waitCapture(target, substr string) string {
	e.t.Helper()
	var last string
	waitCond(e.t, func() string {
		return fmt.Sprintf("capture-pane -p -t %s never contained %q; last capture:\n%s", target, substr, last)
	}, func() bool {
		out, _, code, err := e.exec("-S", e.sock, "capture-pane", "-p", "-t", target)
		last = out
		return err == nil && code == 0 && strings.Contains(out, substr)
	})
	return last
}

// display returns `display-message -p -t target format`, trimmed.
func (e *env) display(target, format string) string {
	e.t.Helper()
	args := []string{"display-message", "-p"}
	if target != "" {
		args = append(args, "-t", target)
	}
	return strings.TrimSpace(e.mustRun(append(args, format)...))
}

// waitDisplay polls display-message until it prints want.
func (e *env) waitDisplay(target, format, want string) {
	e.t.Helper()
	var last string
	waitCond(e.t, func() string {
		return fmt.Sprintf("display -p -t %s %q = %q, want %q", target, format, last, want)
	}, func() bool {
		out, _, _, _ := e.exec("-S", e.sock, "display-message", "-p", "-t", target, format)
		last = strings.TrimSpace(out)
		return last == want
	})
}

// waitNoServer polls until `ls` says no server is running on e.sock.
func (e *env) waitNoServer() {
	e.t.Helper()
	var stderr string
	var code int
	waitCond(e.t, func() string {
		return fmt.Sprintf("server on %s still answering: ls exit %d, stderr %q", e.sock, code, stderr)
	}, func() bool {
		_, stderr, code, _ = e.exec("-S", e.sock, "ls")
		return code == 1 && strings.Contains(stderr, "no server running")
	})
}
