package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// lines splits command output into lines, dropping the final newline.
func lines(out string) []string {
	out = strings.TrimSuffix(out, "\n")
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

func TestVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	out, errs, code := e.runRaw("-V")
	if code != 0 || !regexp.MustCompile(`^gmux \S+\n?$`).MatchString(out) {
		t.Errorf("gmux -V: exit %d, stdout %q, stderr %q; want exit 0 and stdout \"gmux <version>\"", code, out, errs)
	}
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	out, errs, code := e.run("frobnicate")
	if code != 1 || strings.TrimSpace(errs) != "unknown command: frobnicate" || out != "" {
		t.Errorf("gmux frobnicate: exit %d, stdout %q, stderr %q; want exit 1, stderr \"unknown command: frobnicate\"", code, out, errs)
	}
}

func TestUnknownFlag(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	out, errs, code := e.run("ls", "-Q")
	if code != 1 || len(lines(errs)) != 1 || strings.TrimSpace(errs) == "" || out != "" {
		t.Errorf("gmux ls -Q: exit %d, stdout %q, stderr %q; want exit 1 and one line on stderr", code, out, errs)
	}
}

func TestNoServer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	out, errs, code := e.run("ls")
	want := "no server running on " + e.sock
	if code != 1 || strings.TrimSpace(errs) != want || out != "" {
		t.Errorf("ls without a server: exit %d, stdout %q, stderr %q; want exit 1, stderr %q", code, out, errs, want)
	}
	if _, _, code := e.run("has-session", "-t", "x"); code != 1 {
		t.Errorf("has-session -t x without a server: exit %d, want 1", code)
	}
	if _, err := os.Stat(e.sock); err == nil {
		t.Errorf("ls/has-session without a server created %s; they must not start a server", e.sock)
	}
}

// lsLine is tmux's list-sessions format for a session with one window.
var lsLine = regexp.MustCompile(`^([a-z]+): 1 windows \(created [A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d \d{4}\)( \(attached\))?$`)

func TestSessionLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.mustRun("new-session", "-d", "-s", "bot", "-x", "80", "-y", "24")
	pid := e.serverPid()

	out := e.mustRun("ls")
	ls := lines(out)
	if len(ls) != 1 {
		t.Fatalf("ls = %q, want exactly one line", out)
	}
	m := lsLine.FindStringSubmatch(ls[0])
	if m == nil || m[1] != "bot" || m[2] != "" {
		t.Errorf("ls line = %q, want to match %s with name bot and no (attached)", ls[0], lsLine)
	}

	if _, errs, code := e.run("has-session", "-t", "bot"); code != 0 {
		t.Errorf("has-session -t bot: exit %d, stderr %q; want 0", code, errs)
	}
	if out, errs, code := e.run("has-session", "-t", "nope"); code != 1 || strings.TrimSpace(errs) != "can't find session: nope" {
		t.Errorf("has-session -t nope: exit %d, stdout %q, stderr %q; want exit 1, stderr \"can't find session: nope\"", code, out, errs)
	}
	if _, errs, code := e.run("has-session", "-t", "bo"); code != 0 {
		t.Errorf("has-session -t bo (unique prefix of bot): exit %d, stderr %q; want 0", code, errs)
	}

	e.mustRun("rename-session", "-t", "bot", "robot")
	out = e.mustRun("ls")
	if ls := lines(out); len(ls) != 1 || !strings.HasPrefix(ls[0], "robot: 1 windows (created ") {
		t.Errorf("ls after rename-session = %q, want one line for robot", out)
	}
	if _, _, code := e.run("has-session", "-t", "bot"); code != 1 {
		t.Errorf("has-session -t bot after the rename: exit %d, want 1", code)
	}

	e.mustRun("kill-session", "-t", "robot")
	e.waitNoServer()
	waitCond(t, func() string {
		return fmt.Sprintf("server pid %d still running after its last session was killed", pid)
	},
		func() bool { return !isGmux(pid) })
}

func TestLabelSocketPath(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addServer("-L", "lbl")
	_, errs, code := e.runRaw("-L", "lbl", "new-session", "-d", "-s", "l", "-x", "80", "-y", "24")
	if code != 0 {
		t.Fatalf("gmux -L lbl new -d: exit %d, stderr %q", code, errs)
	}
	dir := filepath.Join(e.gtmp, fmt.Sprintf("gmux-%d", os.Getuid()))
	want := filepath.Join(dir, "lbl")
	out, errs, code := e.runRaw("-L", "lbl", "display-message", "-p", "#{socket_path}")
	if got := strings.TrimSpace(out); code != 0 || got != want {
		t.Errorf("-L lbl display -p '#{socket_path}': exit %d, %q (stderr %q), want %q", code, got, errs, want)
	}
	st, err := os.Lstat(want)
	if err != nil || st.Mode()&os.ModeSocket == 0 {
		t.Errorf("%s: %v (mode %v), want a socket", want, err, modeOf(st))
	}
	checkPrivateDir(t, dir)
	if matches, _ := filepath.Glob(filepath.Join(e.dir, "tmp", "gmux-*")); len(matches) != 0 {
		t.Errorf("gmux used $TMPDIR (%v) although $GMUX_TMPDIR is set", matches)
	}
}

func modeOf(st os.FileInfo) os.FileMode {
	if st == nil {
		return 0
	}
	return st.Mode()
}

// checkPrivateDir checks dir is a real directory, ours, mode 0700.
func checkPrivateDir(t *testing.T, dir string) {
	t.Helper()
	st, err := os.Lstat(dir)
	if err != nil {
		t.Errorf("socket directory: %v", err)
		return
	}
	if !st.IsDir() || st.Mode()&os.ModeSymlink != 0 {
		t.Errorf("socket directory %s: mode %v, want a directory", dir, st.Mode())
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("socket directory %s: permissions %#o, want 0700", dir, st.Mode().Perm())
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != os.Getuid() {
		t.Errorf("socket directory %s: owner uid %d, want %d", dir, sys.Uid, os.Getuid())
	}
}

// The server must not hand its own signal dispositions to the programs it
// runs: an inherited SIG_IGN for SIGHUP once left every program running
// after kill-session and kill-server.
func TestKillSessionEndsItsPrograms(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.mustRun("new-session", "-d", "-s", "k", "--", "sleep", "1000")
	e.mustRun("new-session", "-d", "-s", "other")
	pid := e.display("k", "#{pane_pid}")
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "SigIgn:"); ok {
			ign, err := strconv.ParseUint(strings.TrimSpace(v), 16, 64)
			if err != nil {
				t.Fatal(err)
			}
			for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGPIPE, syscall.SIGINT, syscall.SIGTERM} {
				if ign&(1<<(sig-1)) != 0 {
					t.Errorf("the pane's program ignores %v (SigIgn %s)", sig, strings.TrimSpace(v))
				}
			}
		}
	}
	e.mustRun("kill-session", "-t", "k")
	n, _ := strconv.Atoi(pid)
	if !waitUntil(func() bool { return syscall.Kill(n, 0) != nil }) {
		_ = syscall.Kill(n, syscall.SIGKILL) // it is this test's own program
		t.Fatalf("pane program %s still running after kill-session", pid)
	}
}

// TestTwoPrograms checks the edges of gmux being two programs: a gmux
// without its gmux-server beside it or on $PATH still talks to a running
// server but cannot start one, and says why; gmux-server run by hand
// says what it is.
func TestTwoPrograms(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.mustRun("new-session", "-d", "-s", "s")

	lone := filepath.Join(t.TempDir(), "gmux")
	b, err := os.ReadFile(gmuxBin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lone, b, 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + t.TempDir()} // no gmux-server there
	for _, kv := range e.vars {
		if !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	runLone := func(args ...string) (string, string, int) {
		out, errs, code, err := e.execBin(lone, env, args...)
		if err != nil {
			t.Fatalf("%v (stderr %q)", err, errs)
		}
		return out, errs, code
	}
	if out, errs, code := runLone("-S", e.sock, "ls"); code != 0 || !strings.HasPrefix(out, "s: 1 windows") {
		t.Errorf("lone gmux ls: exit %d, stdout %q, stderr %q; want the session listed", code, out, errs)
	}
	other := filepath.Join(filepath.Dir(e.sock), "other")
	e.addServer("-S", other)
	out, errs, code := runLone("-S", other, "new-session", "-d")
	if code != 1 || out != "" || !strings.Contains(errs, "gmux-server not found beside gmux or on $PATH") {
		t.Errorf("lone gmux new -d: exit %d, stdout %q, stderr %q; want exit 1 and gmux-server not found", code, out, errs)
	}

	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "run gmux instead"},
		{[]string{"-S", other, "__server", "999"}, 3, "different builds"},
	} {
		out, errs, code, err := e.execBin(serverBin(), e.vars, tc.args...)
		if msg := out + errs; err != nil || code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("gmux-server %q: exit %d (%v), output %q; want exit %d and %q", tc.args, code, err, msg, tc.code, tc.msg)
		}
	}

	// A gmux-server from another build refuses to start; gmux says why.
	fake := filepath.Join(filepath.Dir(lone), "gmux-server")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, errs, code = runLone("-S", other, "new-session", "-d")
	if code != 1 || out != "" || !strings.Contains(errs, "speaks another protocol version than this gmux") {
		t.Errorf("gmux new -d with another build's gmux-server: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
