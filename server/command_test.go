package server

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCommandText(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	t.Setenv("GMUXTEST", "val")
	t.Setenv("GMUXTEST_2", "two words")
	type argvs = [][]string
	tests := []struct {
		in   string
		want argvs
	}{
		{"", nil},
		{"   \t ", nil},
		{"# just a comment", nil},
		{"new-session", argvs{{"new-session"}}},
		{"  set  -g   status\toff  ", argvs{{"set", "-g", "status", "off"}}},
		{"set -g status-left 'a b'", argvs{{"set", "-g", "status-left", "a b"}}},
		{`display "a b"`, argvs{{"display", "a b"}}},
		{`display ''`, argvs{{"display", ""}}},
		{`display ""`, argvs{{"display", ""}}},
		{`display a''b`, argvs{{"display", "ab"}}},
		{`display 'a'"b"c`, argvs{{"display", "abc"}}},
		{`display '$HOME \n # ~'`, argvs{{"display", `$HOME \n # ~`}}},
		{`display "x\ny"`, argvs{{"display", "x\ny"}}},
		{`display "x\ty"`, argvs{{"display", "x\ty"}}},
		{`display "\e[1m"`, argvs{{"display", "\x1b[1m"}}},
		{`display "a\"b\\c"`, argvs{{"display", `a"b\c`}}},
		{`display "it's"`, argvs{{"display", "it's"}}},
		{`display 'say "hi"'`, argvs{{"display", `say "hi"`}}},
		{`display a\ b`, argvs{{"display", "a b"}}},
		{`display \'x`, argvs{{"display", "'x"}}},
		{`display \#x`, argvs{{"display", "#x"}}},
		{`display a\`, argvs{{"display", "a"}}},
		// Comments start only at the beginning of a word.
		{"set -g status on # trailing", argvs{{"set", "-g", "status", "on"}}},
		{"display a#b", argvs{{"display", "a#b"}}},
		{`display "#{session_name}"`, argvs{{"display", "#{session_name}"}}},
		// ; between words separates commands; \; is a literal ; word.
		{"new -d ; neww", argvs{{"new", "-d"}, {"neww"}}},
		{"new -d ;neww", argvs{{"new", "-d"}, {"neww"}}},
		{"new ; ; neww ;", argvs{{"new"}, {"neww"}}},
		{`bind x neww \; splitw`, argvs{{"bind", "x", "neww", ";", "splitw"}}},
		{`display a\;`, argvs{{"display", "a;"}}},
		{`display ';'`, argvs{{"display", ";"}}},
		// Environment and home expansion.
		{"display $GMUXTEST", argvs{{"display", "val"}}},
		{"display ${GMUXTEST}x", argvs{{"display", "valx"}}},
		{"display $GMUXTEST_2", argvs{{"display", "two words"}}},
		{`display "[$GMUXTEST]"`, argvs{{"display", "[val]"}}},
		{`display "${GMUXTEST}"`, argvs{{"display", "val"}}},
		{"display $GMUXTEST_UNSET_XYZ.", argvs{{"display", "."}}},
		{"display $ a$", argvs{{"display", "$", "a$"}}},
		{"display $1", argvs{{"display", "$1"}}},
		{`display \$HOME`, argvs{{"display", "$HOME"}}},
		{"display ~", argvs{{"display", "/home/u"}}},
		{"display ~/x y", argvs{{"display", "/home/u/x", "y"}}},
		{"display ~ y", argvs{{"display", "/home/u", "y"}}},
		{"display a~", argvs{{"display", "a~"}}},
		// Braces inside a word or quotes are plain characters.
		{"display a{b}", argvs{{"display", "a{b}"}}},
		{`display "{x}"`, argvs{{"display", "{x}"}}},
		{"display héllo 世界", argvs{{"display", "héllo", "世界"}}},
	}
	for _, tt := range tests {
		got, err := parseCommandText(tt.in)
		if err != nil {
			t.Errorf("parseCommandText(%q): %v", tt.in, err)
			continue
		}
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseCommandText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseCommandTextErrors(t *testing.T) {
	tests := []struct{ in, err string }{
		{"display 'abc", "missing closing '"},
		{`display "abc`, `missing closing "`},
		{`display "abc\"`, `missing closing "`},
		{"display '", "missing closing '"},
		{"if-shell true { display x }", "braces are not supported yet"},
		{"display }", "braces are not supported yet"},
		{"%if #{x}", "%if is not supported yet"},
		{"display a ; %hidden X=1", "%hidden is not supported yet"},
	}
	for _, tt := range tests {
		got, err := parseCommandText(tt.in)
		if err == nil {
			t.Errorf("parseCommandText(%q) = %q, want error %q", tt.in, got, tt.err)
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("parseCommandText(%q) error %q, want %q", tt.in, err, tt.err)
		}
	}
}

// Regression (fixed): tmux ends a word at an unquoted ";" (cmd-parse.y yylex_token:
// "Whitespace or ; or } ends a token unless inside quotes"), so
// "neww; splitw" is two commands. parseCommandText only treats ";" as a
// separator at the start of a word and keeps it as part of the word
// otherwise, so "neww;" becomes the command name.
func TestParseCommandTextSemicolonEndsWord(t *testing.T) {
	for _, in := range []string{"neww; splitw", "neww;splitw"} {
		got, err := parseCommandText(in)
		want := [][]string{{"neww"}, {"splitw"}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("parseCommandText(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestSplitCommands(t *testing.T) {
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
		for _, c := range splitCommands(tt.in) {
			if len(c) > 0 { // empty commands are skipped by runArgv
				got = append(got, c)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitCommands(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseArgs(t *testing.T) {
	c := &command{name: "test-cmd", flags: "dAs:t:", minArgs: 0, maxArgs: 2, usage: "[-dA] [-s name] [-t target] [a [b]]"}
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
		a, err := c.parseArgs(tt.argv)
		if err != nil {
			t.Errorf("parseArgs(%q): %v", tt.argv, err)
			continue
		}
		if !reflect.DeepEqual(a.flags, tt.flags) || !reflect.DeepEqual(append([]string{}, a.pos...), tt.pos) {
			t.Errorf("parseArgs(%q) = %q %q, want %q %q", tt.argv, a.flags, a.pos, tt.flags, tt.pos)
		}
		for f, v := range tt.flags {
			if !a.has(f) || a.get(f) != v {
				t.Errorf("parseArgs(%q): has/get(%c) = %v %q", tt.argv, f, a.has(f), a.get(f))
			}
		}
	}
}

func TestParseArgsErrors(t *testing.T) {
	c := &command{name: "test-cmd", flags: "dAs:t:", minArgs: 1, maxArgs: 2, usage: "[-dA] [-s name] [-t target] a [b]"}
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
		a, err := c.parseArgs(tt.argv)
		if err == nil {
			t.Errorf("parseArgs(%q) = %+v, want error %q", tt.argv, a, tt.err)
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("parseArgs(%q) error %q, want %q", tt.argv, err, tt.err)
		}
	}
	unlimited := &command{name: "many", maxArgs: -1}
	if a, err := unlimited.parseArgs(strings.Fields("a b c d e f g")); err != nil || len(a.pos) != 7 {
		t.Errorf("maxArgs -1: %v %v", a, err)
	}
}

// roundTripArgvs are argv lists quoteArgs must turn into text that
// parseCommandText reads back as the same single command.
var roundTripArgvs = [][]string{
	{"new-session"},
	{"display", "a b"},
	{"display", ""},
	{"display", "", ""},
	{"display", "it's"},
	{"display", "'"},
	{"display", "''"},
	{"display", `"`},
	{"display", `say "hi" 'there'`},
	{"display", `\`},
	{"display", `a\b\\`},
	{"display", `\;`},
	{"display", "a;"},
	{"display", "a;b"},
	{"display", ";;"},
	{"display", "$HOME"},
	{"display", "${HOME}"},
	{"display", "#{session_name}"},
	{"display", "#"},
	{"display", "~"},
	{"display", "~/x"},
	{"display", "{"},
	{"display", "}"},
	{"display", "a\tb\nc"},
	{"display", "\x1b[1m"},
	{"display", "héllo 世界 🙂"},
	{"display", "-"},
	{"display", "--"},
	{"display", "%x"},
	{"send-keys", "-t", "bot:1.0", "echo '$x'; ls ~ # c", "Enter"},
	{"bind", "x", "set", "-g", "status-left", "#[fg=red] #S "},
}

func TestQuoteArgsRoundTrip(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	for _, argv := range roundTripArgvs {
		text := quoteArgs(argv)
		got, err := parseCommandText(text)
		if err != nil {
			t.Errorf("quoteArgs(%q) = %q: parse error %v", argv, text, err)
			continue
		}
		if want := [][]string{argv}; !reflect.DeepEqual(got, want) {
			t.Errorf("quoteArgs(%q) = %q, parses as %q", argv, text, got)
		}
	}
}

func TestQuoteArgs(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"neww", "-n", "x"}, "neww -n x"},
		{[]string{"display", "a b"}, "display 'a b'"},
		{[]string{"display", ""}, "display ''"},
		{[]string{"display", "it's"}, `display 'it'\''s'`},
		// A ";" argument becomes a command separator.
		{[]string{"neww", ";", "splitw"}, "neww ; splitw"},
	}
	for _, tt := range tests {
		if got := quoteArgs(tt.argv); got != tt.want {
			t.Errorf("quoteArgs(%q) = %q, want %q", tt.argv, got, tt.want)
		}
	}
	got, err := parseCommandText(quoteArgs([]string{"neww", ";", "splitw", "-h"}))
	if want := [][]string{{"neww"}, {"splitw", "-h"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("separator round trip = %q, %v; want %q", got, err, want)
	}
}

func TestLogicalLines(t *testing.T) {
	tests := []struct {
		in   string
		want []logicalLine
	}{
		{"", nil},
		{"\n\n  \n", nil},
		{"a\nb", []logicalLine{{1, "a"}, {2, "b"}}},
		{"\n\n  a  \n\nb\n", []logicalLine{{3, "a"}, {5, "b"}}},
		{"a\r\nb\r\n", []logicalLine{{1, "a"}, {2, "b"}}},
		{"set -g \\\n  status off\nx", []logicalLine{{1, "set -g   status off"}, {3, "x"}}},
		{"a \\\nb \\\nc\nd", []logicalLine{{1, "a b c"}, {4, "d"}}},
		{"\n\na\\\nb", []logicalLine{{3, "ab"}}},
		{"a\\\n\nb", []logicalLine{{1, "a"}, {3, "b"}}},
		// An escaped backslash at the end does not continue the line.
		{"display a\\\\\nb", []logicalLine{{1, `display a\\`}, {2, "b"}}},
		{"# comment\nx", []logicalLine{{1, "# comment"}, {2, "x"}}},
	}
	for _, tt := range tests {
		got := logicalLines(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("logicalLines(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestLogicalLinesContinuationEdges(t *testing.T) {
	tests := []struct {
		in   string
		want []logicalLine
	}{
		// Regression (fixed): tmux continues a line that ends in an odd number of
		// backslashes (an escaped backslash, then a continuation);
		// logicalLines gives up as soon as the line ends in two
		// backslashes, so these two lines stay apart.
		{"display a\\\\\\\nb", []logicalLine{{1, `display a\\b`}}},
		// Regression (fixed): a last line ending in a backslash with no newline after it
		// is silently dropped (it stays in the builder when the loop ends);
		// it should still be returned (tmux reports an error for it).
		{"set -g status off\\", []logicalLine{{1, "set -g status off"}}},
	}
	for _, tt := range tests {
		got := logicalLines(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("logicalLines(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestFindCommand(t *testing.T) {
	s := &Server{cmdTable: commandTable()}
	ok := []struct{ in, want string }{
		{"new-session", "new-session"},
		{"new", "new-session"}, // alias beats the prefix of new-window
		{"neww", "new-window"},
		{"ls", "list-sessions"},
		{"lsw", "list-windows"},
		{"splitw", "split-window"},
		{"split", "split-window"},
		{"split-w", "split-window"},
		{"send", "send-keys"},
		{"send-p", "send-prefix"},
		{"kill-ser", "kill-server"},
		{"display", "display-message"},
		{"source", "source-file"},
		{"list-k", "list-keys"},
	}
	for _, tt := range ok {
		c, err := s.findCommand(tt.in)
		if err != nil {
			t.Errorf("findCommand(%q): %v", tt.in, err)
			continue
		}
		if c.name != tt.want {
			t.Errorf("findCommand(%q) = %s, want %s", tt.in, c.name, tt.want)
		}
	}
	bad := []struct{ in, err string }{
		{"kill-s", "ambiguous command: kill-s, could be: kill-server, kill-session"},
		{"sel", "ambiguous command: sel, could be: select-pane, select-window"},
		{"new-", "ambiguous command: new-, could be: new-session, new-window"},
		{"list-c", "ambiguous command: list-c, could be: list-clients, list-commands"},
		{"frobnicate", "unknown command: frobnicate"},
		{"new-session-x", "unknown command: new-session-x"},
		{"NEW", "unknown command: NEW"},
	}
	for _, tt := range bad {
		c, err := s.findCommand(tt.in)
		if err == nil {
			t.Errorf("findCommand(%q) = %s, want error %q", tt.in, c.name, tt.err)
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("findCommand(%q) error %q, want %q", tt.in, err, tt.err)
		}
	}
}

// TestCommandTable checks the table is consistent: unique names and
// aliases, flag strings that parseArgs can read, and sane arg counts.
func TestCommandTable(t *testing.T) {
	seen := map[string]string{}
	for _, c := range commandTable() {
		for _, n := range []string{c.name, c.alias} {
			if n == "" {
				continue
			}
			if prev, dup := seen[n]; dup {
				t.Errorf("%q names both %s and %s", n, prev, c.name)
			}
			seen[n] = c.name
		}
		if c.exec == nil {
			t.Errorf("%s has no exec", c.name)
		}
		if strings.HasPrefix(c.flags, ":") || strings.Contains(c.flags, "::") {
			t.Errorf("%s: bad flags %q", c.name, c.flags)
		}
		if c.maxArgs >= 0 && c.maxArgs < c.minArgs {
			t.Errorf("%s: maxArgs %d < minArgs %d", c.name, c.maxArgs, c.minArgs)
		}
	}
}

func TestCheckArgv(t *testing.T) {
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
		{[]string{"new", ";", "frob"}, "unknown command: frob"},
		{[]string{"kill-s"}, "ambiguous command: kill-s, could be: kill-server, kill-session"},
		{[]string{"neww", "-Q"}, "command new-window: unknown flag -Q"},
		{[]string{"rename-window"}, "usage: rename-window [-t target-window] new-name"},
	}
	for _, tt := range tests {
		err := CheckArgv(tt.argv)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("CheckArgv(%q): %v", tt.argv, err)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("CheckArgv(%q) = %v, want %q", tt.argv, err, tt.err)
		}
	}
}
