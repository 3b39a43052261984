package keys

import (
	"strings"
	"testing"
)

func TestTables(t *testing.T) {
	tb := NewTables()
	if len(tb.Names()) != 0 {
		t.Fatalf("new tables not empty: %v", tb.Names())
	}
	tb.Bind("prefix", Binding{Key: MustParse("c"), Command: "new-window"})
	tb.Bind("prefix", Binding{Key: Key{0x02, 0}, Command: "send-prefix"}) // raw C-b
	tb.Bind("mine", Binding{Key: MustParse("Any"), Command: "display-message any"})
	tb.Bind("mine", Binding{Key: MustParse("x"), Command: "display-message x", Repeat: true, Note: "x!"})

	if b, ok := tb.Lookup("prefix", Key{'b', ModCtrl}); !ok || b.Command != "send-prefix" {
		t.Errorf("Lookup C-b = %v, %v", b, ok)
	}
	if b, ok := tb.Lookup("prefix", Key{'B', ModCtrl}); !ok || b.Command != "send-prefix" {
		t.Errorf("Lookup C-B = %v, %v", b, ok)
	}
	if _, ok := tb.Lookup("prefix", MustParse("z")); ok {
		t.Error("Lookup z found a binding")
	}
	if b, ok := tb.Lookup("mine", MustParse("z")); !ok || b.Command != "display-message any" {
		t.Errorf("Lookup z in mine = %v, %v, want Any", b, ok)
	}
	if b, ok := tb.Lookup("mine", MustParse("x")); !ok || !b.Repeat || b.Note != "x!" {
		t.Errorf("Lookup x in mine = %v, %v", b, ok)
	}
	if got := strings.Join(tb.Names(), " "); got != "mine prefix" {
		t.Errorf("Names = %q", got)
	}
	if !tb.Unbind("prefix", MustParse("C-b")) || tb.Unbind("prefix", MustParse("C-b")) {
		t.Error("Unbind C-b")
	}
	if tb.Unbind("nosuch", MustParse("a")) {
		t.Error("Unbind in a missing table")
	}
	tb.UnbindAll("mine")
	if got := strings.Join(tb.Names(), " "); got != "prefix" {
		t.Errorf("Names after UnbindAll = %q", got)
	}
	tb.Unbind("prefix", MustParse("c"))
	if len(tb.Names()) != 0 {
		t.Errorf("empty table still listed: %v", tb.Names())
	}
}

func TestListOrder(t *testing.T) {
	// tmux 3.3a list-keys order for these keys.
	want := []string{"C-b", "Enter", "C-o", "Escape", "Space", "!", "\"", "0", "A", "a", "é", "MouseDown1Pane", "WheelUpStatus",
		"BSpace", "F1", "DC", "PPage", "Up", "Right", "KP0", "M-C-b", "M-1", "M-n", "M-Up", "C-1", "C-Up", "S-Up", "C-S-Up"}
	tb := NewTables()
	for i := len(want) - 1; i >= 0; i-- {
		tb.Bind("t", Binding{Key: MustParse(want[i]), Command: "x"})
	}
	var got []string
	for _, b := range tb.List("t") {
		got = append(got, b.Key.String())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("List order:\n got %v\nwant %v", got, want)
	}
}

func TestParseBindLine(t *testing.T) {
	tests := []struct {
		line, table string
		b           Binding
	}{
		{`bind-key C-b send-prefix`, "prefix", Binding{Key: Key{'b', ModCtrl}, Command: "send-prefix"}},
		{`bind -n M-Left select-pane -L`, "root", Binding{Key: Key{KeyLeft, ModMeta}, Command: "select-pane -L"}},
		{`bind -r -T prefix Up select-pane -U`, "prefix", Binding{Key: Key{KeyUp, 0}, Command: "select-pane -U", Repeat: true}},
		{`bind -rn x kill-pane`, "root", Binding{Key: Key{'x', 0}, Command: "kill-pane", Repeat: true}},
		{`bind-key -Tcopy-mode-vi v send-keys -X begin-selection`, "copy-mode-vi", Binding{Key: Key{'v', 0}, Command: "send-keys -X begin-selection"}},
		{`bind-key -N 'Split window vertically' \" split-window`, "prefix", Binding{Key: Key{'"', 0}, Command: "split-window", Note: "Split window vertically"}},
		{`bind-key -T prefix -N "Say \"hi\"" '"' display-message hi`, "prefix", Binding{Key: Key{'"', 0}, Command: "display-message hi", Note: `Say "hi"`}},
		{`bind \; last-pane`, "prefix", Binding{Key: Key{';', 0}, Command: "last-pane"}},
		{`bind-key    -T prefix       \#                   list-buffers`, "prefix", Binding{Key: Key{'#', 0}, Command: "list-buffers"}},
		{`bind '#' list-buffers`, "prefix", Binding{Key: Key{'#', 0}, Command: "list-buffers"}},
		{`bind - delete-buffer`, "prefix", Binding{Key: Key{'-', 0}, Command: "delete-buffer"}},
		{`bind -- - delete-buffer`, "prefix", Binding{Key: Key{'-', 0}, Command: "delete-buffer"}},
		{`bind x confirm-before -p "kill-pane #P? (y/n)" kill-pane`, "prefix", Binding{Key: Key{'x', 0}, Command: `confirm-before -p "kill-pane #P? (y/n)" kill-pane`}},
	}
	for _, tt := range tests {
		table, b, err := ParseBindLine(tt.line)
		if err != nil || table != tt.table || b != tt.b {
			t.Errorf("ParseBindLine(%q) = %q, %#v, %v; want %q, %#v", tt.line, table, b, err, tt.table, tt.b)
		}
	}
	for _, bad := range []string{``, `bind`, `bind C-b`, `unbind C-b`, `bind -X a b`, `bind -- -r foo`, `bind -T`, `bind Foo bar`, `bind -N 'unterminated a b`} {
		if _, _, err := ParseBindLine(bad); err == nil {
			t.Errorf("ParseBindLine(%q) succeeded", bad)
		}
	}
}

// TestDefaultBindings parses DefaultBindings line by line and checks it
// against tmux 3.3a's defaults: the tables and counts list-keys prints,
// the order within each table, and the bindings the brief names.
func TestDefaultBindings(t *testing.T) {
	tb := NewTables()
	if err := ParseBindings(tb, DefaultBindings); err != nil {
		t.Fatal(err)
	}
	order := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(DefaultBindings), "\n") {
		table, b, err := ParseBindLine(line)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		order[table] = append(order[table], b.Key.String())
	}
	counts := map[string]int{"copy-mode": 72, "copy-mode-vi": 84, "prefix": 85, "root": 14}
	if got := strings.Join(tb.Names(), " "); got != "copy-mode copy-mode-vi prefix root" {
		t.Errorf("Names = %q", got)
	}
	for table, n := range counts {
		list := tb.List(table)
		if len(list) != n {
			t.Errorf("table %s has %d bindings, tmux 3.3a has %d", table, len(list), n)
		}
		var got []string
		for _, b := range list {
			got = append(got, b.Key.String())
		}
		if strings.Join(got, " ") != strings.Join(order[table], " ") {
			t.Errorf("table %s: List order differs from tmux list-keys:\n got %v\nwant %v", table, got, order[table])
		}
	}

	want := []struct {
		table, key, command string
		repeat              bool
	}{
		{"prefix", "C-b", "send-prefix", false},
		{"prefix", "d", "detach-client", false},
		{"prefix", "c", "new-window", false},
		{"prefix", "n", "next-window", false},
		{"prefix", "p", "previous-window", false},
		{"prefix", "l", "last-window", false},
		{"prefix", "0", "select-window -t :=0", false},
		{"prefix", "9", "select-window -t :=9", false},
		{"prefix", "%", "split-window -h", false},
		{"prefix", `"`, "split-window", false},
		{"prefix", "o", "select-pane -t :.+", false},
		{"prefix", "Up", "select-pane -U", true},
		{"prefix", "Left", "select-pane -L", true},
		{"prefix", "x", `confirm-before -p "kill-pane #P? (y/n)" kill-pane`, false},
		{"prefix", "&", `confirm-before -p "kill-window #W? (y/n)" kill-window`, false},
		{"prefix", ",", `command-prompt -I "#W" { rename-window "%%" }`, false},
		{"prefix", "$", `command-prompt -I "#S" { rename-session "%%" }`, false},
		{"prefix", ":", "command-prompt", false},
		{"prefix", "?", "list-keys -N", false},
		{"prefix", "[", "copy-mode", false},
		{"prefix", "]", "paste-buffer -p", false},
		{"prefix", "z", "resize-pane -Z", false},
		{"prefix", "s", "choose-tree -Zs", false},
		{"prefix", "w", "choose-tree -Zw", false},
		{"prefix", "t", "clock-mode", false},
		{"prefix", "q", "display-panes", false},
		{"prefix", "D", "choose-client -Z", false},
		{"prefix", "!", "break-pane", false},
		{"prefix", "Space", "next-layout", false},
		{"prefix", "{", "swap-pane -U", false},
		{"prefix", "}", "swap-pane -D", false},
		{"prefix", "C-o", "rotate-window", false},
		{"prefix", "PPage", "copy-mode -u", false},
		{"prefix", "M-1", "select-layout even-horizontal", false},
		{"prefix", "M-5", "select-layout tiled", false},
		{"prefix", "C-Up", "resize-pane -U", true},
		{"prefix", "M-Up", "resize-pane -U 5", true},
		{"prefix", "r", "refresh-client", false},
		{"prefix", "~", "show-messages", false},
		{"prefix", "i", "display-message", false},
		{"prefix", "m", "select-pane -m", false},
		{"prefix", "M", "select-pane -M", false},
		{"prefix", "f", `command-prompt { find-window -Z "%%" }`, false},
		{"prefix", ";", "last-pane", false},
		{"root", "MouseDown1Pane", `select-pane -t = \; send-keys -M`, false},
		{"root", "WheelUpStatus", "previous-window", false},
		{"copy-mode", "q", "send-keys -X cancel", false},
		{"copy-mode", "C-Space", "send-keys -X begin-selection", false},
		{"copy-mode-vi", "Space", "send-keys -X begin-selection", false},
		{"copy-mode-vi", "Enter", "send-keys -X copy-pipe-and-cancel", false},
		{"copy-mode-vi", "j", "send-keys -X cursor-down", false},
		{"copy-mode-vi", "C-u", "send-keys -X halfpage-up", false},
		{"copy-mode-vi", "G", "send-keys -X history-bottom", false},
		{"copy-mode-vi", "/", `command-prompt -T search -p "(search down)" { send-keys -X search-forward "%%" }`, false},
	}
	for _, w := range want {
		b, ok := tb.Lookup(w.table, MustParse(w.key))
		if !ok || b.Command != w.command || b.Repeat != w.repeat {
			t.Errorf("%s %s = %q (repeat %v, found %v), want %q (repeat %v)", w.table, w.key, b.Command, b.Repeat, ok, w.command, w.repeat)
		}
	}
	if b, _ := tb.Lookup("prefix", MustParse("C-b")); b.Note != "Send the prefix key" {
		t.Errorf("C-b note = %q", b.Note)
	}
}
