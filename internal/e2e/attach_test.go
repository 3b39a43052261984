package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// waitStatus waits until the client's bottom row (the status line) shows [name].
func (c *client) waitStatus(name string) {
	c.t.Helper()
	c.waitScreen(fmt.Sprintf("the status line (last row) to show [%s]", name), func(string) bool {
		return strings.Contains(c.line(-1), "["+name+"]")
	})
}

// detach presses C-b d and checks the client exits 0 saying it detached.
func (c *client) detach(session string) {
	c.t.Helper()
	c.send("\x02d")
	code, out := c.wait()
	want := "[detached (from session " + session + ")]"
	if code != 0 || !strings.Contains(out, want) {
		c.t.Errorf("%s after C-b d: exit %d, output ending %q; want exit 0 and %q", c.name, code, tail(out), want)
	}
}

func tail(s string) string {
	if len(s) > 300 {
		return s[len(s)-300:]
	}
	return s
}

// waitAttached polls ls until session's line does (or does not) end in (attached).
func (e *env) waitAttached(session string, attached bool) {
	e.t.Helper()
	var last string
	waitCond(e.t, func() string {
		return fmt.Sprintf("ls never showed %s with attached=%v; last ls:\n%s", session, attached, last)
	}, func() bool {
		out, _, _, _ := e.exec("-S", e.sock, "ls")
		last = out
		for _, l := range lines(out) {
			if strings.HasPrefix(l, session+": ") {
				return strings.HasSuffix(l, " (attached)") == attached
			}
		}
		return false
	})
}

func TestDetachAttach(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := startClient(t, e, 120, 40, "new", "-s", "bot")
	c.waitFor(prompt)
	c.send("echo marker-$((1000-999))-one\r")
	c.waitLine("marker-1-one")
	e.waitAttached("bot", true)
	out := e.mustRun("ls")
	if ls := lines(out); len(ls) != 1 || !lsLine.MatchString(ls[0]) || !strings.HasSuffix(ls[0], " (attached)") {
		t.Errorf("ls while attached = %q, want one tmux-style line ending in (attached)", out)
	}
	c.detach("bot")
	e.waitAttached("bot", false)

	c2 := startClient(t, e, 120, 40, "attach", "-t", "bot")
	c2.waitLine("marker-1-one")
	c2.waitStatus("bot")
	c2.detach("bot")
}

func TestPrefixTwiceSendsPrefix(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := startClient(t, e, 80, 24, "new", "-s", "k", "cat -v")
	c.waitStatus("k")
	c.send("\x02\x02")
	c.send("xyz\r")
	c.waitLine("^Bxyz")
	out := e.waitCaptureLine("k", "^Bxyz")
	if strings.Contains(out, "^B^B") {
		t.Errorf("C-b C-b sent two C-b to the pane, want one:\n%s", out)
	}
}

func TestHangupKeepsSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	newShellSession(t, e, "h")
	panePid := e.display("h", "#{pane_pid}")

	a := startClient(t, e, 80, 24, "attach", "-t", "h")
	a.waitFor(prompt)
	a.send("echo before-$((1+1))-hup\r")
	a.waitLine("before-2-hup")
	e.waitAttached("h", true)
	a.hangup()
	a.wait()
	e.waitAttached("h", false)
	if got := e.display("h", "#{pane_pid}"); got != panePid {
		t.Errorf("pane pid after the client hung up = %s, want %s (the same program)", got, panePid)
	}
	// Output produced while nobody is attached.
	e.mustRun("send-keys", "-t", "h", "echo during-$((6*7))", "Enter")
	e.waitCaptureLine("h", "during-42")

	b := startClient(t, e, 80, 24, "attach", "-t", "h")
	b.waitLine("during-42")
	b.waitLine("before-2-hup")
	b.kill()
	if code, _ := b.wait(); code != -1 {
		t.Errorf("SIGKILLed client exit code %d, want -1 (killed)", code)
	}
	e.waitAttached("h", false)
	e.mustRun("send-keys", "-t", "h", "echo after-$((2+3))-kill", "Enter")
	e.waitCaptureLine("h", "after-5-kill")
	if got := e.display("h", "#{pane_pid}"); got != panePid {
		t.Errorf("pane pid after a client was killed = %s, want %s", got, panePid)
	}

	c := startClient(t, e, 80, 24, "attach", "-t", "h")
	c.waitLine("after-5-kill")
	c.waitLine("during-42")
	c.detach("h")
}

// winchScript prints the terminal size each time it gets SIGWINCH.
const winchScript = `trap 'echo winch-$(stty size)' WINCH
echo ready-$((1+1))
while :; do sleep 0.05; done
`

func TestTwoClientsSizes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	script := filepath.Join(e.home, "winch.sh")
	if err := os.WriteFile(script, []byte(winchScript), 0o600); err != nil {
		t.Fatal(err)
	}
	e.mustRun("new-session", "-d", "-s", "s", "-x", "100", "-y", "30")
	// tmux's default window-size is latest; this test is about smallest.
	e.mustRun("set-option", "-g", "window-size", "smallest")
	a := startClient(t, e, 100, 30, "attach", "-t", "s")
	a.waitFor(prompt)
	b := startClient(t, e, 80, 24, "attach", "-t", "s")
	b.waitFor(prompt)

	a.send("echo typed-$((40+2))")
	a.waitFor("echo typed-$((40+2))")
	b.waitFor("echo typed-$((40+2))")
	a.send("\r")
	a.waitLine("typed-42")
	b.waitLine("typed-42")

	e.waitAttached("s", true)
	// The window takes the smallest client; the status line takes one row.
	e.waitDisplay("s", "#{pane_width}x#{pane_height}", "80x23")

	e.mustRun("send-keys", "-t", "s", "sh "+script, "Enter")
	e.waitCaptureLine("s", "ready-2")
	b.resize(70, 20)
	e.waitDisplay("s", "#{pane_width}x#{pane_height}", "70x19")
	e.waitCaptureLine("s", "winch-19 70")
	b.waitLine("winch-19 70")
	a.waitLine("winch-19 70")

	b.resize(120, 50)
	e.waitDisplay("s", "#{pane_width}x#{pane_height}", "100x29")
	e.waitCaptureLine("s", "winch-29 100")

	// With latest, the client that resized last decides.
	e.mustRun("set-option", "-g", "window-size", "latest")
	b.resize(90, 26)
	e.waitDisplay("s", "#{pane_width}x#{pane_height}", "90x25")
}

func TestProgramExit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := startClient(t, e, 80, 24, "new", "-s", "e", "echo prog-$((1+1)); read x")
	c.waitLine("prog-2")
	c.send("bye\r")
	code, out := c.wait()
	if code != 0 || !strings.Contains(out, "[exited]") {
		t.Errorf("client when its only program exits: exit %d, output ending %q; want exit 0 and [exited]", code, tail(out))
	}
	if _, _, code := e.run("has-session", "-t", "e"); code != 1 {
		t.Errorf("has-session -t e after its program exited: exit %d, want 1", code)
	}
	e.waitNoServer()
}

func TestAttachDefaults(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.mustRun("new-session", "-d", "-s", "a", "-x", "80", "-y", "24")
	e.mustRun("new-session", "-d", "-s", "b", "-x", "80", "-y", "24")

	// No target: the most recently created session.
	c := startClient(t, e, 80, 24, "attach")
	c.waitStatus("b")
	c.detach("b")

	out, errs, code := e.run("new-session", "-d", "-s", "a")
	if code != 1 || strings.TrimSpace(errs) != "duplicate session: a" {
		t.Errorf("new -s a when a exists: exit %d, stdout %q, stderr %q; want exit 1, \"duplicate session: a\"", code, out, errs)
	}

	c = startClient(t, e, 80, 24, "new", "-A", "-s", "a")
	c.waitStatus("a")
	if ls := lines(e.mustRun("ls")); len(ls) != 2 {
		t.Errorf("ls after new -A -s a = %q, want the two sessions a and b", ls)
	}
	c.detach("a")

	// No target: the most recently used session.
	c = startClient(t, e, 80, 24, "attach")
	c.waitStatus("a")
	c.detach("a")

	c = startClient(t, e, 80, 24, "attach", "-t", "nope")
	code, out = c.wait()
	if code != 1 || !strings.Contains(out, "can't find session: nope") {
		t.Errorf("attach -t nope: exit %d, output %q; want exit 1 and \"can't find session: nope\"", code, tail(out))
	}
	if n := len(lines(e.mustRun("ls"))); n != 2 {
		t.Errorf("sessions after the failed attach: %d, want 2", n)
	}
}
