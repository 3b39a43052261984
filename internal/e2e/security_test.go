package e2e

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gmux/gmux/proto"
	"golang.org/x/sys/unix"
)

func TestSocketDirSecurity(t *testing.T) {
	t.Parallel()
	sockDir := func(e *env) string { return filepath.Join(e.gtmp, fmt.Sprintf("gmux-%d", os.Getuid())) }
	newL := func(e *env) (string, int) {
		e.addServer("-L", "sec")
		_, errs, code := e.runRaw("-L", "sec", "new-session", "-d", "-s", "s", "-x", "80", "-y", "24")
		return errs, code
	}
	refused := func(t *testing.T, e *env, why string) {
		t.Helper()
		dir := sockDir(e)
		errs, code := newL(e)
		if code != 1 || !strings.Contains(errs, dir) {
			t.Errorf("-L sec new -d with %s: exit %d, stderr %q; want exit 1 and an error naming %s", why, code, errs, dir)
		}
	}

	t.Run("created-0700", func(t *testing.T) {
		e := newEnv(t)
		if errs, code := newL(e); code != 0 {
			t.Fatalf("-L sec new -d: exit %d, stderr %q", code, errs)
		}
		checkPrivateDir(t, sockDir(e))
	})
	t.Run("symlink", func(t *testing.T) {
		e := newEnv(t)
		target := filepath.Join(e.dir, "elsewhere")
		if err := os.Mkdir(target, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, sockDir(e)); err != nil {
			t.Fatal(err)
		}
		refused(t, e, "the socket directory a symlink")
		if ents, _ := os.ReadDir(target); len(ents) != 0 {
			t.Errorf("gmux created %v through the symlinked directory", ents)
		}
	})
	t.Run("mode-0777", func(t *testing.T) {
		e := newEnv(t)
		dir := sockDir(e)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		refused(t, e, "the socket directory mode 0777")
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("gmux created %v in a world-writable directory", ents)
		}
	})
	t.Run("other-owner", func(t *testing.T) {
		if os.Getuid() != 0 {
			t.Skip("needs root to chown the directory")
		}
		e := newEnv(t)
		dir := sockDir(e)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(dir, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		refused(t, e, "the socket directory owned by uid 65534")
	})
}

// TestPeerUidRefused connects as another uid to a socket everyone may reach:
// only the server's SO_PEERCRED check stands in the way.
func TestPeerUidRefused(t *testing.T) {
	t.Parallel()
	if os.Getuid() != 0 {
		t.Skip("needs root to run a client as another uid")
	}
	// Registered before newEnv so it runs after the env's kill-server.
	shared, err := os.MkdirTemp("/tmp", "ge2e-peer-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(shared) })
	e := newEnv(t)
	os.Chmod(shared, 0o755)
	e.sock = filepath.Join(shared, "sock")
	e.addServer("-S", e.sock)
	e.mustRun("new-session", "-d", "-s", "s", "-x", "80", "-y", "24")
	if err := os.Chmod(e.sock, 0o777); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, gmuxBin, "-S", e.sock, "ls")
	cmd.Env = append(append([]string(nil), e.vars...), "HOME="+shared)
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = 3 * time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("gmux ls as uid 65534 did not finish within %v", deadline)
	}
	var ee *exec.ExitError
	if err == nil || !errors.As(err, &ee) || strings.Contains(out.String(), "s: ") {
		t.Errorf("gmux ls as uid 65534: err %v, stdout %q, stderr %q; want refused (non-zero exit, no sessions listed)", err, out.String(), errb.String())
	}
	if ls := e.mustRun("ls"); !strings.HasPrefix(ls, "s: ") {
		t.Errorf("ls as the owner after the refused peer = %q, want session s", ls)
	}
}

// expectClosed reads from c until the server closes it; it fails the test if
// the connection is still open at end.
func expectClosed(t *testing.T, c net.Conn, what string, end time.Time) {
	t.Helper()
	c.SetReadDeadline(end)
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("%s: the server kept the connection open for %v", what, deadline)
	}
}

func TestGarbageOnSocket(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.mustRun("new-session", "-d", "-s", "g", "-x", "80", "-y", "24")
	pid := e.serverPid()
	dial := func() net.Conn {
		t.Helper()
		c, err := net.DialTimeout("unix", e.sock, deadline)
		if err != nil {
			t.Fatalf("dial %s: %v", e.sock, err)
		}
		return c
	}
	hello := func(v uint16) []byte { return proto.AppendHello(nil, v) }
	stillFine := func(after string) {
		t.Helper()
		out, errs, code := e.run("ls")
		if code != 0 || !strings.HasPrefix(out, "g: 1 windows") {
			t.Fatalf("ls after %s: exit %d, stdout %q, stderr %q; want session g listed (server pid %d alive: %v)",
				after, code, out, errs, pid, isGmux(pid))
		}
	}

	rng := rand.New(rand.NewSource(1))
	junk := make([]byte, 64<<10)
	rng.Read(junk)
	junk[0] = 'x' // never a valid hello
	huge := append(hello(proto.Version), byte(proto.TypeCommand), 0xff, 0xff, 0xff, 0xff)
	cases := []struct {
		name string
		data []byte
	}{
		{"random bytes", junk},
		{"a frame header claiming 4 GiB", huge},
		{"a wrong version hello", hello(proto.Version + 100)},
		{"a version 0 hello", hello(0)},
	}
	// A frame larger than the limit, claimed but never sent.
	over := append(hello(proto.Version), byte(proto.TypeCommand))
	over = binary.BigEndian.AppendUint32(over, proto.MaxFrame+1)
	cases = append(cases, struct {
		name string
		data []byte
	}{"a frame header over MaxFrame", over})

	// All at once, so a server that never closes costs one deadline.
	conns := make([]net.Conn, len(cases))
	for i, tc := range cases {
		conns[i] = dial()
		if _, err := conns[i].Write(tc.data); err != nil && !errors.Is(err, syscall.EPIPE) && !errors.Is(err, syscall.ECONNRESET) {
			t.Errorf("%s: write: %v", tc.name, err)
		}
	}
	end := time.Now().Add(deadline)
	for i, tc := range cases {
		expectClosed(t, conns[i], tc.name, end)
		conns[i].Close()
	}
	stillFine("garbage on the socket")

	// Clients that vanish mid-hello and mid-frame.
	for _, part := range [][]byte{
		[]byte("GM"),
		append(hello(proto.Version), byte(proto.TypeCommand), 0, 0, 1, 0, 'l', 's'),
	} {
		c := dial()
		c.Write(part)
		c.Close()
		stillFine(fmt.Sprintf("a client closed after %q", part))
	}

	// Many idle connections do not stop the server answering others.
	var idle []net.Conn
	for i := 0; i < 20; i++ {
		idle = append(idle, dial())
	}
	stillFine("20 idle connections")
	for _, c := range idle {
		c.Close()
	}
	if !isGmux(pid) {
		t.Errorf("server pid %d died", pid)
	}
}

func TestDaemon(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.mustRun("new-session", "-d", "-s", "d", "-x", "80", "-y", "24")
	pid := e.serverPid()
	if !isGmux(pid) {
		t.Fatalf("#{pid} = %d is not a running gmux", pid)
	}
	sid, err := unix.Getsid(pid)
	mine, _ := unix.Getsid(0)
	if err != nil || sid == mine {
		t.Errorf("server session id %d (%v), want its own, not the test's %d", sid, err, mine)
	}
	for fd := 0; fd <= 2; fd++ {
		if l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%d", pid, fd)); err != nil || l != os.DevNull {
			t.Errorf("server fd %d -> %q (%v), want /dev/null", fd, l, err)
		}
	}
	if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if out, errs, code := e.run("ls"); code != 0 || !strings.HasPrefix(out, "d: ") {
			t.Fatalf("ls after SIGHUP to the server: exit %d, stdout %q, stderr %q", code, out, errs)
		}
	}
	if !isGmux(pid) {
		t.Errorf("server pid %d died after SIGHUP", pid)
	}
}
