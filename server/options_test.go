package server

import (
	"testing"
	"time"
)

func TestCheckOption(t *testing.T) {
	tests := []struct {
		name, value string
		toggle      bool
		current     string
		want, err   string
	}{
		// Numbers, with their ranges.
		{name: "history-limit", value: "5000", want: "5000"},
		{name: "history-limit", value: "0", want: "0"},
		{name: "history-limit", value: "0100", want: "100"},
		{name: "history-limit", value: "100000000", want: "100000000"},
		{name: "history-limit", value: "100000001", err: "value is invalid: 100000001"},
		{name: "history-limit", value: "-1", err: "value is invalid: -1"},
		{name: "history-limit", value: "lots", err: "value is invalid: lots"},
		{name: "history-limit", value: "", err: "value is invalid: "},
		{name: "history-limit", value: "1.5", err: "value is invalid: 1.5"},
		{name: "status-interval", value: "86400", want: "86400"},
		{name: "status-interval", value: "86401", err: "value is invalid: 86401"},
		{name: "escape-time", value: "0", want: "0"},
		{name: "base-index", value: "1", want: "1"},
		{name: "base-index", value: "99999999999999999999", err: "value is invalid: 99999999999999999999"},
		// Flags.
		{name: "mouse", value: "on", want: "on"},
		{name: "mouse", value: "off", want: "off"},
		{name: "mouse", value: "yes", want: "on"},
		{name: "mouse", value: "no", want: "off"},
		{name: "mouse", value: "1", want: "on"},
		{name: "mouse", value: "0", want: "off"},
		{name: "mouse", value: "ON", want: "on"},
		{name: "mouse", value: "Off", want: "off"},
		{name: "mouse", value: "", current: "off", want: "on"},
		{name: "mouse", value: "", current: "on", want: "off"},
		{name: "mouse", value: "toggle", current: "on", want: "off"},
		{name: "mouse", value: "toggle", current: "off", want: "on"},
		{name: "mouse", value: "", toggle: true, current: "on", want: "off"},
		{name: "mouse", value: "on", toggle: true, current: "on", want: "on"},
		{name: "status", value: "maybe", err: "bad value: maybe"},
		{name: "status", value: "2", err: "bad value: 2"},
		// Choices.
		{name: "window-size", value: "largest", want: "largest"},
		{name: "window-size", value: "manual", want: "manual"},
		{name: "window-size", value: "huge", err: "unknown value: huge"},
		{name: "window-size", value: "", err: "unknown value: "},
		{name: "mode-keys", value: "vi", want: "vi"},
		{name: "mode-keys", value: "emacs", want: "emacs"},
		{name: "mode-keys", value: "vim", err: "unknown value: vim"},
		{name: "set-clipboard", value: "external", want: "external"},
		{name: "bell-action", value: "other", want: "other"},
		// Keys.
		{name: "prefix", value: "C-a", want: "C-a"},
		{name: "prefix", value: "C-b", want: "C-b"},
		{name: "prefix", value: "M-Space", want: "M-Space"},
		{name: "prefix", value: "F12", want: "F12"},
		{name: "prefix2", value: "None", want: "None"},
		{name: "prefix", value: "Q-z", err: "bad key: Q-z"},
		{name: "prefix", value: "NotAKey", err: "bad key: NotAKey"},
		{name: "prefix", value: "", err: "bad key: "},
		// Strings take anything.
		{name: "status-left", value: "#[fg=red]#S ", want: "#[fg=red]#S "},
		{name: "status-style", value: "", want: ""},
		{name: "default-shell", value: "/bin/zsh", want: "/bin/zsh"},
		// Unknown options; user options.
		{name: "no-such-option", value: "x", err: "invalid option: no-such-option"},
		{name: "", value: "x", err: "invalid option: "},
		{name: "Mouse", value: "on", err: "invalid option: Mouse"},
		{name: "@my-option", value: "anything #{x}", want: "anything #{x}"},
		{name: "@", value: "", want: ""},
	}
	for _, tt := range tests {
		got, err := checkOption(tt.name, tt.value, tt.toggle, tt.current)
		switch {
		case tt.err != "" && err == nil:
			t.Errorf("checkOption(%q, %q, %v, %q) = %q, want error %q", tt.name, tt.value, tt.toggle, tt.current, got, tt.err)
		case tt.err != "" && err.Error() != tt.err:
			t.Errorf("checkOption(%q, %q) error %q, want %q", tt.name, tt.value, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("checkOption(%q, %q, %v, %q): %v", tt.name, tt.value, tt.toggle, tt.current, err)
		case tt.err == "" && got != tt.want:
			t.Errorf("checkOption(%q, %q, %v, %q) = %q, want %q", tt.name, tt.value, tt.toggle, tt.current, got, tt.want)
		}
	}
}

// TestOptionDefaults checks every default passes its own check, so a
// fresh server's options are all valid.
func TestOptionDefaults(t *testing.T) {
	for name, d := range optionDefs {
		got, err := checkOption(name, d.def, false, "")
		if err != nil {
			t.Errorf("%s: default %q: %v", name, d.def, err)
			continue
		}
		if d.kind != optFlag && got != d.def {
			t.Errorf("%s: default %q checks as %q", name, d.def, got)
		}
		if d.kind == optNumber && d.min > d.max {
			t.Errorf("%s: min %d > max %d", name, d.min, d.max)
		}
	}
	o := newOptions()
	if got := o.int("history-limit", -1); got != 2000 {
		t.Errorf("history-limit = %d", got)
	}
	if o.flag("mouse") || !o.flag("status") {
		t.Errorf("mouse %v status %v", o.flag("mouse"), o.flag("status"))
	}
	if got := o.str("no-such", "dflt"); got != "dflt" {
		t.Errorf("str of unknown option = %q", got)
	}
	if got := o.int("status-left", 7); got != 7 {
		t.Errorf("int of a string option = %d", got)
	}
}

func TestSessionOption(t *testing.T) {
	s := &Server{options: newOptions()}
	sess := &Session{name: "x", options: map[string]string{"base-index": "1", "status": "off"}, created: time.Now()}
	if got := s.sessionOption(sess, "status"); got != "off" {
		t.Errorf("session override: %q", got)
	}
	if got := s.sessionOption(sess, "mouse"); got != "off" {
		t.Errorf("global fallback: %q", got)
	}
	if got := s.sessionOption(nil, "status"); got != "on" {
		t.Errorf("nil session: %q", got)
	}
	if got := s.sessionOptionInt(sess, "base-index", -1); got != 1 {
		t.Errorf("sessionOptionInt = %d", got)
	}
	if got := s.sessionOptionInt(sess, "status-left", -1); got != -1 {
		t.Errorf("sessionOptionInt of a string = %d", got)
	}
}

func TestQuoteOptionValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"on", "on"},
		{"C-b", "C-b"},
		{"", `""`},
		{"a b", `"a b"`},
		{"[#{session_name}] ", `"[#{session_name}] "`},
		{`say "hi"`, `"say \"hi\""`},
	}
	for _, tt := range tests {
		if got := quoteOptionValue(tt.in); got != tt.want {
			t.Errorf("quoteOptionValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestQuoteOptionValueRoundTrip checks show-options output reads back as
// the same value, as "gmux show -g > f; gmux source f" needs.
func TestQuoteOptionValueRoundTrip(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	values := []string{
		"on", "", "a b", "#[fg=red]#S ", `say "hi"`, "it's", `back\slash x`,
		"a\tb", "x;y", "{}", "é 世界",
		// Regression (fixed): quoteOptionValue uses strconv.Quote, whose output is Go
		// syntax, not gmux's: "$" inside double quotes is expanded on the
		// way back, a leading "~" is left bare and expanded, and Go
		// escapes such as \x1b and \u00a0 read back as "x1b" and "u00a0".
		// A newline or backslash alone does not trigger quoting at all.
		"$HOME/x", "~/x", "a\x1bb c", "nbsp\u00a0x y", "two\nlines", `C:\dir`,
	}
	for _, v := range values {
		text := "set -g @o " + quoteOptionValue(v)
		cmds, err := parseCommandText(text)
		if err != nil || len(cmds) != 1 || len(cmds[0]) != 4 || cmds[0][3] != v {
			t.Errorf("value %q shown as %q reads back as %q, %v", v, quoteOptionValue(v), cmds, err)
		}
	}
}
