package client

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestStartsServer(t *testing.T) {
	tests := []struct {
		argv                []string
		starts, mayAttachIt bool
	}{
		{nil, true, true},
		{[]string{"new", "-s", "x"}, true, true},
		{[]string{"new-session"}, true, true},
		{[]string{"new-s"}, true, true},
		{[]string{"start"}, true, false},
		{[]string{"st"}, true, false}, // a unique prefix, as the server resolves it
		{[]string{"new-w"}, false, false},
		{[]string{"at"}, false, true},
		{[]string{"frob", ";", "new"}, true, true},
		{[]string{"ls"}, false, false},
		{[]string{"attach"}, false, true},
		{[]string{"a", "-t", "x"}, false, true},
		{[]string{"attach-session", "-t", "x"}, false, true},
		{[]string{"ls", ";", "new"}, true, true},
		{[]string{"ls;", "attach"}, false, true},
		{[]string{"send-keys", "new"}, false, false},
		{[]string{"send-keys", "attach"}, false, false},
		{[]string{"send-keys", "x\\;", "attach"}, false, false},
		{[]string{"new", "-d", "-s", "x"}, true, false},
		{[]string{"new", "-ds", "x"}, true, false},
		{[]string{"new", "-s", "x", "-d"}, true, false},
		{[]string{"new", "vi", "-d"}, true, true}, // the program's flag
		{[]string{"new", "-d", ";", "attach"}, true, true},
		{[]string{"new", "-A", "-d", "-s", "x"}, true, true}, // -A attaches to an existing x
		{[]string{"new-session", "-Ads", "x"}, true, true},
		{[]string{"new", "-d", ";", "new"}, true, true},
	}
	for _, tt := range tests {
		if got := startsServer(tt.argv); got != tt.starts {
			t.Errorf("startsServer(%q) = %v, want %v", tt.argv, got, tt.starts)
		}
		if got := mayAttach(tt.argv); got != tt.mayAttachIt {
			t.Errorf("mayAttach(%q) = %v, want %v", tt.argv, got, tt.mayAttachIt)
		}
	}
}

func TestSocketPath(t *testing.T) {
	dir := t.TempDir()
	env := []string{"TMPDIR=/nonexistent", "GMUX_TMPDIR=" + dir}
	private := filepath.Join(dir, "gmux-"+strconv.Itoa(os.Getuid()))
	p, err := SocketPath("", "", env)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(private, "default"); p != want {
		t.Errorf("SocketPath = %q, want %q", p, want)
	}
	if fi, err := os.Stat(private); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("socket directory mode = %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	if _, err := SocketPath("", "../x", env); err == nil {
		t.Error("label with a slash accepted")
	}
	if err := os.Chmod(private, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := SocketPath("", "a", env); err == nil {
		t.Error("world-writable socket directory accepted")
	}

	dir2 := t.TempDir()
	env = []string{"TMPDIR=" + dir2}
	if err := os.Symlink(t.TempDir(), filepath.Join(dir2, "gmux-"+strconv.Itoa(os.Getuid()))); err != nil {
		t.Fatal(err)
	}
	if _, err := SocketPath("", "a", env); err == nil {
		t.Error("symlinked socket directory accepted")
	}
}

// TestStartServerExits checks what a command that starts a server says
// when the server exits instead of listening: a fake gmux-server on $PATH
// exits with the given status.
func TestStartServerExits(t *testing.T) {
	tests := []struct {
		script, want string
	}{
		{"exit 3", "speaks another protocol version than this gmux"},
		{"exit 1", "server exited unexpectedly (exit status 1); see its log"},
		{"kill -9 $$", "server exited unexpectedly (signal: killed)"},
	}
	for _, tt := range tests {
		bin := t.TempDir()
		if err := os.WriteFile(filepath.Join(bin, "gmux-server"), []byte("#!/bin/sh\n"+tt.script+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		env := []string{"PATH=" + bin + ":/usr/bin:/bin"}
		var out, errOut bytes.Buffer
		status := Run(Options{SocketPath: filepath.Join(t.TempDir(), "s"), Argv: []string{"new", "-d"}, Env: env, Stdout: &out, Stderr: &errOut})
		if status != 1 || !strings.Contains(errOut.String(), tt.want) || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("server %q: Run = %d, stderr %q; want 1 and one line with %q", tt.script, status, errOut.String(), tt.want)
		}
	}
}
