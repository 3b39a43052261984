package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestRuntimeArgs checks that the arguments and environment linked from
// the runtime are what package os has.
func TestRuntimeArgs(t *testing.T) {
	if got := runtimeArgs(); !slices.Equal(got, os.Args) {
		t.Errorf("runtimeArgs() = %q, want os.Args = %q", got, os.Args)
	}
	if got := runtimeEnvs(); !slices.Equal(got, os.Environ()) {
		t.Errorf("runtimeEnvs() = %q, want os.Environ() = %q", got, os.Environ())
	}
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
