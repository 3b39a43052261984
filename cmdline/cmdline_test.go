package cmdline

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   []string
		want [][]string
	}{
		{nil, nil},
		{[]string{"new"}, [][]string{{"new"}}},
		{[]string{"new", "-d", ";", "neww"}, [][]string{{"new", "-d"}, {"neww"}}},
		{[]string{"new", "-d;", "neww"}, [][]string{{"new", "-d"}, {"neww"}}},
		{[]string{"new;", "neww;"}, [][]string{{"new"}, {"neww"}}},
		{[]string{"bind", "x", "neww", `\;`, "splitw"}, [][]string{{"bind", "x", "neww", ";", "splitw"}}},
		{[]string{"display", `a\;`}, [][]string{{"display", "a;"}}},
		{[]string{"a", ";", ";", "b", ";"}, [][]string{{"a"}, {"b"}}},
		{[]string{"display", "a;b"}, [][]string{{"display", "a;b"}}},
		{[]string{"display", ""}, [][]string{{"display", ""}}},
	}
	for _, tt := range tests {
		var got [][]string
		for _, c := range Split(tt.in) {
			if len(c) > 0 { // empty commands are skipped by runArgv
				got = append(got, c)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	c := &Spec{Name: "test-cmd", Flags: "dAs:t:", MinArgs: 0, MaxArgs: 2, Usage: "[-dA] [-s name] [-t target] [a [b]]"}
	tests := []struct {
		argv  []string
		flags map[byte]string
		pos   []string
	}{
		{nil, map[byte]string{}, []string{}},
		{[]string{"-d"}, map[byte]string{'d': ""}, []string{}},
		{[]string{"-dA"}, map[byte]string{'d': "", 'A': ""}, []string{}},
		{[]string{"-d", "-A", "x"}, map[byte]string{'d': "", 'A': ""}, []string{"x"}},
		{[]string{"-sbot"}, map[byte]string{'s': "bot"}, []string{}},
		{[]string{"-s", "bot"}, map[byte]string{'s': "bot"}, []string{}},
		{[]string{"-dsbot", "x"}, map[byte]string{'d': "", 's': "bot"}, []string{"x"}},
		{[]string{"-ds", "bot"}, map[byte]string{'d': "", 's': "bot"}, []string{}},
		{[]string{"-s", "-d"}, map[byte]string{'s': "-d"}, []string{}},
		{[]string{"-s", ""}, map[byte]string{'s': ""}, []string{}},
		{[]string{"-s", "a", "-s", "b"}, map[byte]string{'s': "b"}, []string{}},
		{[]string{"--", "-d"}, map[byte]string{}, []string{"-d"}},
		{[]string{"-d", "--", "-A", "x"}, map[byte]string{'d': ""}, []string{"-A", "x"}},
		{[]string{"-", "x"}, map[byte]string{}, []string{"-", "x"}},
		// Flags end at the first argument.
		{[]string{"x", "-d"}, map[byte]string{}, []string{"x", "-d"}},
		{[]string{"-t", "bot:1", "x", "y"}, map[byte]string{'t': "bot:1"}, []string{"x", "y"}},
	}
	for _, tt := range tests {
		a, err := c.Parse(tt.argv)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.argv, err)
			continue
		}
		if !reflect.DeepEqual(a.Flags, tt.flags) || !reflect.DeepEqual(append([]string{}, a.Pos...), tt.pos) {
			t.Errorf("Parse(%q) = %q %q, want %q %q", tt.argv, a.Flags, a.Pos, tt.flags, tt.pos)
		}
		for f, v := range tt.flags {
			if !a.Has(f) || a.Get(f) != v {
				t.Errorf("Parse(%q): has/get(%c) = %v %q", tt.argv, f, a.Has(f), a.Get(f))
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	c := &Spec{Name: "test-cmd", Flags: "dAs:t:", MinArgs: 1, MaxArgs: 2, Usage: "[-dA] [-s name] [-t target] a [b]"}
	usage := "usage: test-cmd [-dA] [-s name] [-t target] a [b]"
	tests := []struct {
		argv []string
		err  string
	}{
		{[]string{"-Q", "x"}, "command test-cmd: unknown flag -Q"},
		{[]string{"-dQ", "x"}, "command test-cmd: unknown flag -Q"},
		{[]string{"-:", "x"}, "command test-cmd: unknown flag -:"},
		{[]string{"-s"}, "command test-cmd: -s expects an argument"},
		{[]string{"-ds"}, "command test-cmd: -s expects an argument"},
		{nil, usage},
		{[]string{"-d"}, usage},
		{[]string{"-s", "x"}, usage},
		{[]string{"a", "b", "c"}, usage},
		{[]string{"--"}, usage},
	}
	for _, tt := range tests {
		a, err := c.Parse(tt.argv)
		if err == nil {
			t.Errorf("Parse(%q) = %+v, want error %q", tt.argv, a, tt.err)
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("Parse(%q) error %q, want %q", tt.argv, err, tt.err)
		}
	}
	unlimited := &Spec{Name: "many", MaxArgs: -1}
	if a, err := unlimited.Parse(strings.Fields("a b c d e f g")); err != nil || len(a.Pos) != 7 {
		t.Errorf("maxArgs -1: %v %v", a, err)
	}
}

// TestCommands checks the grammar is consistent: unique names and
// aliases, flag strings Parse can read, and sane argument counts.
func TestCommands(t *testing.T) {
	seen := map[string]string{}
	for _, c := range Commands() {
		for _, n := range []string{c.Name, c.Alias} {
			if n == "" {
				continue
			}
			if prev, dup := seen[n]; dup {
				t.Errorf("%q names both %s and %s", n, prev, c.Name)
			}
			seen[n] = c.Name
		}
		if strings.HasPrefix(c.Flags, ":") || strings.Contains(c.Flags, "::") {
			t.Errorf("%s: bad flags %q", c.Name, c.Flags)
		}
		if c.MaxArgs >= 0 && c.MaxArgs < c.MinArgs {
			t.Errorf("%s: MaxArgs %d < MinArgs %d", c.Name, c.MaxArgs, c.MinArgs)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		argv []string
		err  string
	}{
		{nil, ""},
		{[]string{"new", "-d", "-s", "x"}, ""},
		{[]string{"new", "-d", ";", "neww", "-n", "y"}, ""},
		{[]string{"new", "-d;", "splitw", "-h"}, ""},
		{[]string{"bind", "x", "neww", `\;`, "splitw"}, ""},
		{[]string{"frobnicate"}, "unknown command: frobnicate"},
		{[]string{""}, `unknown command: ""`}, // not the first command without an alias
		{[]string{"new", "-d", ";", ""}, `unknown command: ""`},
		{[]string{"new", ";", "frob"}, "unknown command: frob"},
		{[]string{"kill-s"}, "ambiguous command: kill-s, could be: kill-server, kill-session"},
		{[]string{"neww", "-Q"}, "command new-window: unknown flag -Q"},
		{[]string{"rename-window"}, "usage: rename-window [-t target-window] new-name"},
	}
	for _, tt := range tests {
		err := Check(tt.argv)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("Check(%q): %v", tt.argv, err)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("Check(%q) = %v, want %q", tt.argv, err, tt.err)
		}
	}
}
