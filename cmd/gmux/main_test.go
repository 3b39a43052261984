package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestSplitCmdline(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"gmux\x00", []string{}},
		{"gmux\x00ls\x00", []string{"ls"}},
		{"gmux\x00send-keys\x00-t\x00x\x00\x00", []string{"send-keys", "-t", "x", ""}},
		{"gmux\x00new\x00echo a  b\x00", []string{"new", "echo a  b"}},
	}
	for _, tt := range tests {
		if got := splitCmdline([]byte(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("splitCmdline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestArgs checks that the arguments read from /proc are the runtime's.
func TestArgs(t *testing.T) {
	got, err := args()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, os.Args[1:]) {
		t.Errorf("args() = %q, want os.Args[1:] = %q", got, os.Args[1:])
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
