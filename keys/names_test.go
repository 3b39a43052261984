package keys

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"
)

// allMods is every combination of modifiers.
var allMods = []Mod{0, ModCtrl, ModMeta, ModShift, ModCtrl | ModMeta, ModCtrl | ModShift, ModMeta | ModShift, ModCtrl | ModMeta | ModShift}

// namedKeys returns every special key, mouse key and a range of code points.
func namedKeys() []Key {
	var ks []Key
	for c := KeyBase; c < keyLastSpecial; c++ {
		ks = append(ks, Key{Code: c})
	}
	for t := MouseKeyType(0); t < numMouseKeyTypes; t++ {
		for _, b := range mouseKeyButtons {
			for l := MouseLocation(0); l < numMouseLocations; l++ {
				if k, ok := MouseKey(t, b, l); ok {
					ks = append(ks, k)
				}
			}
		}
	}
	for c := rune(0x20); c < 0x7f; c++ {
		ks = append(ks, Key{Code: c})
	}
	for _, c := range "é€日😀" {
		ks = append(ks, Key{Code: c})
	}
	return ks
}

func TestRoundTrip(t *testing.T) {
	n := 0
	for _, base := range namedKeys() {
		for _, m := range allMods {
			k := Key{base.Code, m}
			if k.Code == KeyAny && m != 0 {
				continue
			}
			if ctrlUnknown(k) {
				if _, err := Parse(k.String()); err == nil {
					t.Errorf("Parse(%q) succeeded, tmux has no such key", k.String())
				}
				continue
			}
			c := k.Canonical()
			s := k.String()
			got, err := Parse(s)
			if err != nil {
				t.Errorf("Parse(String(%#v) = %q): %v", k, s, err)
				continue
			}
			if got != c {
				t.Errorf("Parse(%q) = %#v, want %#v", s, got, c)
			}
			if got.String() != s {
				t.Errorf("String(Parse(%q)) = %q", s, got.String())
			}
			n++
		}
	}
	if n < 1000 {
		t.Errorf("only %d keys round tripped", n)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		want Key
	}{
		{"C-b", Key{'b', ModCtrl}},
		{"^B", Key{'b', ModCtrl}},
		{"^b", Key{'b', ModCtrl}},
		{"C-B", Key{'b', ModCtrl}},
		{"c-b", Key{'b', ModCtrl}},
		{"M-Left", Key{KeyLeft, ModMeta}},
		{"Enter", Key{KeyEnter, 0}},
		{"C-m", Key{KeyEnter, 0}},
		{"C-i", Key{KeyTab, 0}},
		{"C-[", Key{KeyEscape, 0}},
		{"^[", Key{KeyEscape, 0}},
		{"F5", Key{KeyF5, 0}},
		{"S-Up", Key{KeyUp, ModShift}},
		{"a", Key{'a', 0}},
		{"A", Key{'A', 0}},
		{"é", Key{'é', 0}},
		{"\ufffd", Key{0xfffd, 0}}, // U+FFFD itself is a character, not a decoding error
		{"0xFFFD", Key{0xfffd, 0}},
		{"C-M-x", Key{'x', ModCtrl | ModMeta}},
		{"M-C-x", Key{'x', ModCtrl | ModMeta}},
		{"Space", Key{' ', 0}},
		{"C-Space", Key{' ', ModCtrl}},
		{"C-@", Key{' ', ModCtrl}},
		{"^@", Key{' ', ModCtrl}},
		{"C-?", Key{'?', ModCtrl}},
		{"^?", Key{'?', ModCtrl}},
		{"BSpace", Key{KeyBackspace, 0}},
		{"IC", Key{KeyInsert, 0}},
		{"Insert", Key{KeyInsert, 0}},
		{"Delete", Key{KeyDelete, 0}},
		{"PgUp", Key{KeyPageUp, 0}},
		{"PageUp", Key{KeyPageUp, 0}},
		{"PgDn", Key{KeyPageDown, 0}},
		{"KP*", Key{KeyKPStar, 0}},
		{"KPEnter", Key{KeyKPEnter, 0}},
		{"-", Key{'-', 0}},
		{"M--", Key{'-', ModMeta}},
		{"C", Key{'C', 0}},
		{"0x41", Key{'A', 0}},
		{"0x1", Key{'a', ModCtrl}},
		{"Any", Key{KeyAny, 0}},
		{"MouseDown1Pane", mustMouse(MouseDown, 1, MouseInPane)},
		{"M-MouseDown3Pane", Key{mustMouse(MouseDown, 3, MouseInPane).Code, ModMeta}},
		{"WheelUpStatus", mustMouse(MouseWheelUpKey, 0, MouseInStatus)},
		{"TripleClick11StatusDefault", mustMouse(MouseTripleClick, 11, MouseInStatusDefault)},
	}
	for _, tt := range tests {
		got, err := Parse(tt.name)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %#v, %v; want %#v", tt.name, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "C-", "X-a", "F13", "C-bogus", "Foo", "C-\"", "C-~", "M-Any", "MouseDown4Pane", "\x01", "0xzz", "ab"} {
		_, err := Parse(bad)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
			continue
		}
		if !errors.Is(err, ErrUnknownKey) || err.Error() != "unknown key: "+bad {
			t.Errorf("Parse(%q) error = %v", bad, err)
		}
	}
}

func mustMouse(typ MouseKeyType, b int, l MouseLocation) Key {
	k, ok := MouseKey(typ, b, l)
	if !ok {
		panic("bad mouse key")
	}
	return k
}

// tmuxNameDiffs are names where gmux deliberately differs from tmux 3.3a's
// list-keys spelling.
var tmuxNameDiffs = map[string]string{
	"0x7f": "C-?", // tmux: 177
}

// TestNamesAgainstTmux checks Parse and String against the spelling tmux
// 3.3a's list-keys gives each name bound with bind-key (testdata, made with
// tmux -L keyscanon).
func TestNamesAgainstTmux(t *testing.T) {
	f, err := os.Open("testdata/tmux-3.3a-names.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		name, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad golden line %q", line)
		}
		if d, ok := tmuxNameDiffs[name]; ok {
			want = d
		}
		n++
		k, err := Parse(name)
		if want == "(unknown)" {
			if err == nil {
				t.Errorf("Parse(%q) = %v, tmux says unknown key", name, k)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v, tmux says %q", name, err, want)
			continue
		}
		if k.String() != want {
			t.Errorf("Parse(%q).String() = %q, tmux says %q", name, k.String(), want)
		}
	}
	if n < 1000 {
		t.Errorf("only %d golden names", n)
	}
}
