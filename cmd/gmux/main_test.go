package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRuntimeArgsAndEnvs checks that the arguments and environment linked
// from the runtime are the process's: those package os has, and those
// the kernel shows (os.Environ drops duplicates, which the runtime keeps).
func TestRuntimeArgsAndEnvs(t *testing.T) {
	if got := runtimeArgs(); !slices.Equal(got, os.Args) {
		t.Errorf("runtimeArgs() = %q, want os.Args = %q", got, os.Args)
	}
	b, err := os.ReadFile("/proc/self/environ")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
	if len(b) == 0 {
		want = nil
	}
	if got := runtimeEnvs(); !slices.Equal(got, want) {
		t.Errorf("runtimeEnvs() = %q, want /proc/self/environ's %q", got, want)
	}
}

// TestEarlyStackFirst checks that package earlystack initialises before
// every package but the runtime's own (GODEBUG=inittrace lists them in
// order), so that no other package's initialisation grows the stack first.
func TestEarlyStackFirst(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "gmux")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-V")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var trace strings.Builder
	cmd.Stderr = &trace
	if err := cmd.Run(); err != nil {
		t.Fatalf("gmux -V: %v", err)
	}
	var before []string
	for _, line := range strings.Split(trace.String(), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != "init" {
			continue
		}
		if f[1] == "github.com/gmux/gmux/internal/earlystack" {
			for _, pkg := range before {
				if pkg != "runtime" && !strings.HasPrefix(pkg, "internal/") {
					t.Errorf("%s initialises before earlystack (order %q)", pkg, before)
				}
			}
			return
		}
		before = append(before, f[1])
	}
	t.Fatalf("no init line for earlystack in gmux's init trace:\n%s", trace.String())
}

// TestLeanImports keeps gmux off the packages whose initialisation every
// command would pay for at start-up (see package client).
func TestLeanImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, heavy := range []string{"os", "fmt", "time", "os/exec", "os/signal", "golang.org/x/sys/unix", "golang.org/x/term", "github.com/gdamore/tcell/v2", "github.com/gmux/gmux/server", "github.com/gmux/gmux/vt"} {
		if slices.Contains(deps, heavy) {
			t.Errorf("gmux imports %s; its commands would start slower (see package client)", heavy)
		}
	}
	if !slices.Contains(deps, "github.com/gmux/gmux/client") {
		t.Errorf("go list -deps printed no github.com/gmux/gmux/client: %q", deps)
	}
}
