package e2e

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gmux/gmux/internal/sock"
)

// holdsTerminal reports whether process pid has tty open.
func holdsTerminal(t *testing.T, pid int, tty string) bool {
	t.Helper()
	dir := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join(dir, e.Name())); err == nil && target == tty {
			return true
		}
	}
	return false
}

// TestHostedTerminal: an attaching client passes its terminal, and the
// server reads and draws it itself (as tmux's does) until the client
// detaches; with GMUX_HOSTED=0, or where the server would draw it
// differently (another locale or colour setting), the client keeps it and
// relays.
func TestHostedTerminal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		env    []string
		hosted bool
	}{
		{"hosted", nil, true},
		{"relayed", []string{"GMUX_HOSTED=0"}, false},
		{"other colours", []string{"COLORTERM=truecolor-elsewhere"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.mustRun("new-session", "-d", "-s", "h", "-x", "100", "-y", "29")
			c := startClientEnv(t, e, tc.env, 100, 30, "attach", "-t", "h")
			c.waitFor(prompt)
			c.send("echo typed-$((20+3))\r")
			c.waitLine("typed-23")
			pid := e.serverPid()
			if got := holdsTerminal(t, pid, c.ttyName); got != tc.hosted {
				t.Errorf("server holds the client's terminal %s: %v, want %v", c.ttyName, got, tc.hosted)
			}
			c.resize(90, 20)
			e.waitDisplay("h", "#{pane_width}x#{pane_height}", "90x19")
			c.detach("h")
			if holdsTerminal(t, pid, c.ttyName) {
				t.Errorf("server still holds %s after the client detached", c.ttyName)
			}
		})
	}
}

// TestHostedTerminalRestored: whichever side goes, the terminal the server
// drove is put back (cooked mode, main screen). When the server dies, the
// client does it and says the server is lost; on SIGTERM the client
// leaves silently, and only after the server has done it; the session
// stays.
func TestHostedTerminalRestored(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		end   func(e *env, c *client) error
		check func(t *testing.T, e *env, c *client, code int, out string, took time.Duration)
	}{
		{
			name: "server killed",
			end:  func(e *env, c *client) error { return syscall.Kill(e.serverPid(), syscall.SIGKILL) },
			check: func(t *testing.T, e *env, c *client, code int, out string, _ time.Duration) {
				if code != 1 || !strings.Contains(out, "[lost server]") {
					t.Errorf("client after its server was killed: exit %d, output ending %q; want 1 and [lost server]", code, tail(out))
				}
				c.checkRestored(out, "after the server died")
			},
		},
		{
			name: "client terminated",
			end:  func(e *env, c *client) error { return c.cmd.Process.Signal(syscall.SIGTERM) },
			check: func(t *testing.T, e *env, c *client, code int, out string, took time.Duration) {
				// The server puts the terminal back at once; the client's
				// own fallback would wait 2 s for it first.
				if took > 1500*time.Millisecond {
					t.Errorf("client took %v to leave after SIGTERM: the server did not answer its half-close", took)
				}
				if code != 1 || strings.Contains(out, "[lost server]") || strings.Contains(out, "[detached") {
					t.Errorf("client after SIGTERM: exit %d, output ending %q; want 1 and no message", code, tail(out))
				}
				c.checkRestored(out, "after SIGTERM")
				e.waitAttached("r", false)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			c := startClient(t, e, 80, 24, "new", "-s", "r")
			c.waitFor(prompt)
			start := time.Now()
			if err := tc.end(e, c); err != nil {
				t.Fatal(err)
			}
			code, out := c.wait()
			tc.check(t, e, c, code, out, time.Since(start))
		})
	}
}

// checkRestored checks that the client's terminal is back in cooked mode
// and off the alternate screen, given everything the client printed.
func (c *client) checkRestored(out, when string) {
	c.t.Helper()
	if !strings.Contains(out, "\x1b[?1049l") {
		c.t.Errorf("terminal still on the alternate screen %s: output ends %q", when, tail(out))
	}
	tio, err := unix.IoctlGetTermios(int(c.ptm.Fd()), unix.TCGETS)
	if err != nil {
		c.t.Fatal(err)
	}
	if tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ECHO == 0 {
		c.t.Errorf("terminal left in raw mode (lflag %#x) %s", tio.Lflag, when)
	}
}

// TestSignalWhileServerSilent checks that a client whose command may
// attach, and which therefore catches SIGHUP and SIGTERM for the server to
// put its terminal back, still leaves on them while the server has not
// answered at all (a server stuck in a command).
func TestSignalWhileServerSilent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		send func(c *client)
	}{
		{"SIGTERM", func(c *client) { _ = c.cmd.Process.Signal(syscall.SIGTERM) }},
		{"hang-up", func(c *client) { c.hangup() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			silent := filepath.Join(e.dir, "silent")
			l, err := sock.Listen(silent)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			got := make(chan struct{})
			go func() {
				c, err := l.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				_, _ = c.Read(make([]byte, 64<<10)) // the command, never answered
				close(got)
				_, _ = io.Copy(io.Discard, c)
			}()
			c := startClient(t, e, 80, 24, "-S", silent, "attach")
			select {
			case <-got:
			case <-time.After(deadline):
				t.Fatal("the client never sent its command")
			}
			tc.send(c)
			select {
			case <-c.exited:
			case <-time.After(deadline):
				t.Fatalf("the client did not leave on %s within %v", tc.name, deadline)
			}
			if c.code != 1 {
				t.Errorf("exit status %d, want 1 (a caught signal, not a kill)", c.code)
			}
		})
	}
}
