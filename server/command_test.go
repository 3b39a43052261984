package server

import (
	"io"
	"log"
	"reflect"
	"testing"

	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/keys"
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
		c, err := cmdline.LookupIn(s.commands(), commandSpec, tt.in)
		if err != nil {
			t.Errorf("LookupIn(%q): %v", tt.in, err)
			continue
		}
		if c.Name != tt.want {
			t.Errorf("LookupIn(%q) = %s, want %s", tt.in, c.Name, tt.want)
		}
	}
	bad := []struct{ in, err string }{
		{"kill-s", "ambiguous command: kill-s, could be: kill-server, kill-session"},
		{"", `unknown command: ""`},
		{"sel", "ambiguous command: sel, could be: select-pane, select-window"},
		{"new-", "ambiguous command: new-, could be: new-session, new-window"},
		{"list-c", "ambiguous command: list-c, could be: list-clients, list-commands"},
		{"frobnicate", "unknown command: frobnicate"},
		{"new-session-x", "unknown command: new-session-x"},
		{"NEW", "unknown command: NEW"},
	}
	for _, tt := range bad {
		c, err := cmdline.LookupIn(s.commands(), commandSpec, tt.in)
		if err == nil {
			t.Errorf("LookupIn(%q) = %s, want error %q", tt.in, c.Name, tt.err)
			continue
		}
		if err.Error() != tt.err {
			t.Errorf("LookupIn(%q) error %q, want %q", tt.in, err, tt.err)
		}
	}
}

// TestCommandTable checks that the server runs every command of package
// cmdline's grammar, and no other.
func TestCommandTable(t *testing.T) {
	have := map[*cmdline.Spec]int{}
	for _, c := range commandTable() {
		have[c.Spec]++
		if c.exec == nil {
			t.Errorf("%s has no exec", c.Name)
		}
	}
	for _, spec := range cmdline.Commands() {
		if have[spec] != 1 {
			t.Errorf("%s: %d server commands, want 1", spec.Name, have[spec])
		}
		delete(have, spec)
	}
	for spec := range have {
		t.Errorf("%s: run by the server but not in cmdline.Commands", spec.Name)
	}
}

// TestRunArgvParsesFirst checks a command list with a bad command runs
// none of it, as tmux's does: half a list done is worse than none.
func TestRunArgvParsesFirst(t *testing.T) {
	s := newServer(Config{Logger: log.New(io.Discard, "", 0)})
	s.mu.Lock()
	defer s.mu.Unlock()
	ctx := &cmdCtx{cwd: t.TempDir(), cols: 80, rows: 24}
	err := s.runArgv(ctx, []string{"new-session", "-d", "-s", "half", ";", "frobnicate"})
	if err == nil || err.Error() != "unknown command: frobnicate" {
		t.Fatalf("runArgv: %v, want unknown command: frobnicate", err)
	}
	if len(s.sessions) != 0 {
		t.Errorf("%d sessions after a failed list, want 0", len(s.sessions))
	}
}

// TestSourceTextErrors checks that a config line with a bad command runs
// none of its commands and that bind-key checks the bound command's flags
// when the file loads, each error naming its file and line.
func TestSourceTextErrors(t *testing.T) {
	s := newServer(Config{Logger: log.New(io.Discard, "", 0)})
	s.mu.Lock()
	defer s.mu.Unlock()
	errs := s.sourceText("test.conf", "new-session -d -s half ; frobnicate\nbind x new-window -Q\nset -g status-left ok\n")
	want := []string{
		"test.conf:1: unknown command: frobnicate",
		"test.conf:2: command new-window: unknown flag -Q",
	}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors %q, want %q", errs, want)
	}
	if len(s.sessions) != 0 {
		t.Errorf("%d sessions after line 1, want 0", len(s.sessions))
	}
	if _, ok := s.tables.Lookup("prefix", keys.Key{Code: 'x'}); ok {
		t.Error("x was bound to a command with a bad flag")
	}
}
