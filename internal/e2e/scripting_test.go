package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// newShellSession starts a detached 80x24 session running /bin/sh and waits
// for its prompt.
func newShellSession(t *testing.T, e *env, name string) {
	t.Helper()
	e.mustRun("new-session", "-d", "-s", name, "-x", "80", "-y", "24")
	e.waitCapture(name, prompt)
}

// hasLine reports whether some line of out is exactly l.
func hasLine(out, l string) bool {
	for _, x := range strings.Split(out, "\n") {
		if x == l {
			return true
		}
	}
	return false
}

// waitCaptureLine polls capture-pane until some line is exactly l.
func (e *env) waitCaptureLine(target, l string) string {
	e.t.Helper()
	return e.waitCaptureFunc(target, fmt.Sprintf("the line %q", l), func(out string) bool { return hasLine(out, l) })
}

// waitCaptureFunc polls capture-pane -p -t target until cond holds.
func (e *env) waitCaptureFunc(target, what string, cond func(string) bool) string {
	e.t.Helper()
	var last string
	waitCond(e.t, func() string {
		return fmt.Sprintf("capture-pane -p -t %s never showed %s; last capture:\n%s", target, what, last)
	}, func() bool {
		out, _, code, err := e.exec("-S", e.sock, "capture-pane", "-p", "-t", target)
		last = out
		return err == nil && code == 0 && cond(out)
	})
	return last
}

// lastLine returns the last non-empty line of out.
func lastLine(out string) string {
	ls := lines(strings.TrimRight(out, "\n"))
	if len(ls) == 0 {
		return ""
	}
	return ls[len(ls)-1]
}

func TestSendKeysCapture(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	newShellSession(t, e, "s")

	e.mustRun("send-keys", "-t", "s", "echo hello-$((6*7))", "Enter")
	out := e.waitCaptureLine("s", "hello-42")
	// tmux prints every row of the visible pane, each without trailing spaces.
	ls := lines(out)
	if len(ls) != 24 {
		t.Errorf("capture-pane -p of an 80x24 pane gave %d lines, want 24 (one per row, as tmux):\n%s", len(ls), out)
	}
	for i, l := range ls {
		if strings.TrimRight(l, " ") != l {
			t.Errorf("capture-pane line %d has trailing spaces: %q", i, l)
		}
	}

	// -l: the word Enter is typed, not the key.
	e.mustRun("send-keys", "-t", "s", "-l", "Enter")
	e.waitCapture("s", prompt+" Enter")
	if out := e.capture("s"); strings.Contains(out, "Enter: not found") {
		t.Errorf("send-keys -l Enter pressed Enter instead of typing it:\n%s", out)
	}
}

func TestCaptureEscapes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	newShellSession(t, e, "s")
	e.mustRun("send-keys", "-t", "s", `printf '\033[31mred\033[0m\n'`, "Enter")
	e.waitCaptureLine("s", "red")
	out := e.capture("s", "-e")
	sgrRed := regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:31|38;5;1|38:5:1)(?:;[0-9;]*)?m(?:\x1b\[[0-9;:]*m)*red`)
	if !sgrRed.MatchString(out) {
		t.Errorf("capture-pane -p -e does not show red (SGR 31) before \"red\":\n%q", out)
	}
	if plain := e.capture("s"); strings.Contains(plain, "\x1b") {
		t.Errorf("capture-pane -p without -e contains escapes:\n%q", plain)
	}
}

func TestCaptureHistory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	newShellSession(t, e, "s")
	e.mustRun("send-keys", "-t", "s", "seq 1 200", "Enter")
	// Wait for the prompt after seq's output, so the pane no longer scrolls.
	visible := e.waitCaptureFunc("s", "200 then a prompt", func(out string) bool {
		return hasLine(out, "200") && lastLine(out) == prompt
	})

	all := lines(e.capture("s", "-S", "-"))
	start := -1
	for i, l := range all {
		if l == "1" {
			start = i
			break
		}
	}
	ok := start >= 0 && start+200 <= len(all)
	for k := 0; ok && k < 200; k++ {
		ok = all[start+k] == strconv.Itoa(k+1)
	}
	if !ok {
		t.Errorf("capture-pane -p -S - does not contain 1..200 in order (%d lines):\n%s", len(all), strings.Join(all, "\n"))
	}

	vis := lines(visible)
	top, err := strconv.Atoi(strings.TrimSpace(firstOr(vis)))
	if err != nil {
		t.Fatalf("the visible pane should start inside seq's output; first line %q", firstOr(vis))
	}
	hist := lines(e.capture("s", "-S", "-5", "-E", "-1"))
	var want []string
	for n := top - 5; n < top; n++ {
		want = append(want, strconv.Itoa(n))
	}
	if strings.Join(hist, "\n") != strings.Join(want, "\n") {
		t.Errorf("capture-pane -p -S -5 -E -1 = %q, want the 5 history lines above the pane %q", hist, want)
	}
}

func firstOr(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	return ls[0]
}

func TestDisplayFormats(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	newShellSession(t, e, "s")

	got := e.display("s", "#{session_name} #{window_index} #{pane_index} #{pane_width}x#{pane_height} #{cursor_x},#{cursor_y}")
	m := regexp.MustCompile(`^s 0 0 80x24 (\d+),(\d+)$`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("display -p = %q, want \"s 0 0 80x24 X,Y\"", got)
	}
	// The cursor sits after the prompt ("e2e$ ") on the last prompt line.
	cap := lines(e.capture("s"))
	y := -1
	for i, l := range cap {
		if strings.HasPrefix(l, prompt) {
			y = i
		}
	}
	if want := fmt.Sprintf("%d,%d", len(prompt)+1, y); m[1]+","+m[2] != want {
		t.Errorf("#{cursor_x},#{cursor_y} = %s,%s, want %s (after the prompt); capture:\n%s", m[1], m[2], want, strings.Join(cap, "\n"))
	}

	pid, err := strconv.Atoi(e.display("s", "#{pane_pid}"))
	if err != nil || !alive(pid) {
		t.Errorf("#{pane_pid} = %d (%v), want a live pid", pid, err)
	} else if comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); strings.TrimSpace(string(comm)) != "sh" {
		t.Errorf("#{pane_pid} %d runs %q, want the pane's sh", pid, comm)
	}
	if cmd := e.display("s", "#{pane_current_command}"); cmd != "sh" {
		t.Errorf("#{pane_current_command} = %q while the shell is idle, want \"sh\"", cmd)
	}
}

func TestNesting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	newShellSession(t, e, "n")
	pid := e.serverPid()

	e.mustRun("send-keys", "-t", "n", `echo "G=$GMUX P=$GMUX_PANE"`, "Enter")
	out := e.waitCapture("n", "\nG=")
	m := regexp.MustCompile(`(?m)^G=(.*) P=(.*)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no G=... line in:\n%s", out)
	}
	sid := strings.TrimPrefix(e.display("n", "#{session_id}"), "$")
	if want := fmt.Sprintf("%s,%d,%s", e.sock, pid, sid); m[1] != want {
		t.Errorf("$GMUX in the pane = %q, want %q (socket,server pid,session id)", m[1], want)
	}
	paneID := e.display("n", "#{pane_id}")
	if !regexp.MustCompile(`^%\d+$`).MatchString(m[2]) || m[2] != paneID {
		t.Errorf("$GMUX_PANE in the pane = %q, want %%N equal to #{pane_id} (%q)", m[2], paneID)
	}

	e.mustRun("send-keys", "-t", "n", gmuxBin+" attach; echo rc-$?", "Enter")
	out = e.waitCaptureLine("n", "rc-1")
	if !hasLine(out, "sessions should be nested with care, unset $GMUX to force") {
		t.Errorf("gmux attach inside a pane: want the nesting warning and exit 1; capture:\n%s", out)
	}
}

// oracleText exercises the screen operations scripts rely on; tmux 3.3a's
// capture-pane -p of it is the reference.
const oracleText = "plain line\n" +
	"\ttab\tstops\there\n" +
	"wrap:" + "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789" + "\n" +
	"erase abcdefghij\033[5D\033[K\n" +
	"insert 12345\033[3D\033[2@\n" +
	"delete abcdef\033[4D\033[2P\n" +
	"overwrite xxxxx\rab\n" +
	"backspace abc\b\bX\n" +
	"\033[1;31mbold red\033[0m and \033[4munderlined\033[0m\n" +
	"utf-8 héllo wörld ✓\n" +
	"\033[20;30Habsolute\033[3;60Hup-here\033[21;1H" +
	"END-MARK\n"

// TestCaptureMatchesTmux feeds the same bytes to a gmux pane and a tmux pane
// of the same size and compares capture-pane -p.
func TestCaptureMatchesTmux(t *testing.T) {
	t.Parallel()
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	e := newEnv(t)
	file := filepath.Join(e.home, "oracle.txt")
	if err := os.WriteFile(file, []byte(oracleText), 0o600); err != nil {
		t.Fatal(err)
	}
	shellCmd := "cat " + file + "; exec cat"
	tsock := filepath.Join(e.dir, "tmux.sock")
	runTmux := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		cmd := exec.CommandContext(ctx, tmux, append([]string{"-S", tsock, "-f", os.DevNull}, args...)...)
		cmd.Env = e.vars
		cmd.Dir = e.home
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("tmux %v: %v", args, err)
		}
		return string(out)
	}
	t.Cleanup(func() {
		cmd := exec.Command(tmux, "-S", tsock, "kill-server")
		cmd.Env = e.vars
		cmd.Run()
	})
	runTmux("new-session", "-d", "-s", "o", "-x", "80", "-y", "24", shellCmd)
	e.mustRun("new-session", "-d", "-s", "o", "-x", "80", "-y", "24", shellCmd)

	var want string
	waitCond(t, func() string { return "tmux pane never showed END-MARK:\n" + want }, func() bool {
		want = runTmux("capture-pane", "-p", "-t", "o")
		return strings.Contains(want, "END-MARK")
	})
	got := e.waitCapture("o", "END-MARK")
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		var diff strings.Builder
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				fmt.Fprintf(&diff, "line %d:\n  gmux %q\n  tmux %q\n", i, g, w)
			}
		}
		t.Errorf("capture-pane -p differs from tmux 3.3a on the same bytes:\n%s", diff.String())
	}
}

// TestPaneTerm: panes get TERM from default-terminal, tmux-256color where the
// terminfo database has it, else screen-256color.
func TestPaneTerm(t *testing.T) {
	t.Parallel()
	want := "screen-256color"
	for _, d := range []string{"/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo"} {
		if _, err := os.Stat(filepath.Join(d, "t", "tmux-256color")); err == nil {
			want = "tmux-256color"
		}
	}
	e := newEnv(t)
	newShellSession(t, e, "t")
	e.mustRun("send-keys", "-t", "t", `echo "T=$TERM"`, "Enter")
	out := e.waitCapture("t", "\nT=")
	if !hasLine(out, "T="+want) {
		t.Errorf("TERM in a pane: want %s; capture:\n%s", want, out)
	}
}
