package keys

import (
	"bytes"
	"testing"
)

func TestEncode(t *testing.T) {
	tests := []struct {
		key   string
		modes Modes
		want  string
	}{
		{"a", Modes{}, "a"},
		{"C-a", Modes{}, "\x01"},
		{"C-z", Modes{}, "\x1a"},
		{"C-Space", Modes{}, "\x00"},
		{"C-@", Modes{}, "\x00"},
		{"C-\\", Modes{}, "\x1c"},
		{"C-]", Modes{}, "\x1d"},
		{"C-^", Modes{}, "\x1e"},
		{"C-_", Modes{}, "\x1f"},
		{"C-?", Modes{}, "\x7f"},
		{"C-m", Modes{}, "\r"},
		{"Enter", Modes{}, "\r"},
		{"C-i", Modes{}, "\t"},
		{"Tab", Modes{}, "\t"},
		{"C-[", Modes{}, "\x1b"},
		{"Escape", Modes{}, "\x1b"},
		{"M-x", Modes{}, "\x1bx"},
		{"C-M-x", Modes{}, "\x1b\x18"},
		{"é", Modes{}, "é"},
		{"M-é", Modes{}, "\x1bé"},
		{"Up", Modes{}, "\x1b[A"},
		{"Up", Modes{CursorKeys: true}, "\x1bOA"},
		{"C-Up", Modes{CursorKeys: true}, "\x1b[1;5A"},
		{"S-Left", Modes{}, "\x1b[1;2D"},
		{"C-M-S-Right", Modes{}, "\x1b[1;8C"},
		{"Home", Modes{}, "\x1b[1~"},
		{"End", Modes{CursorKeys: true}, "\x1b[4~"},
		{"S-Home", Modes{}, "\x1b[1;2H"},
		{"C-End", Modes{}, "\x1b[1;5F"},
		{"F1", Modes{}, "\x1bOP"},
		{"F4", Modes{}, "\x1bOS"},
		{"C-F1", Modes{}, "\x1b[1;5P"},
		{"F5", Modes{}, "\x1b[15~"},
		{"F12", Modes{}, "\x1b[24~"},
		{"S-F5", Modes{}, "\x1b[15;2~"},
		{"IC", Modes{}, "\x1b[2~"},
		{"DC", Modes{}, "\x1b[3~"},
		{"PPage", Modes{}, "\x1b[5~"},
		{"NPage", Modes{}, "\x1b[6~"},
		{"M-NPage", Modes{}, "\x1b[6;3~"},
		{"BTab", Modes{}, "\x1b[Z"},
		{"S-Tab", Modes{}, "\x1b[Z"},
		{"BSpace", Modes{}, "\x7f"},
		{"M-BSpace", Modes{}, "\x1b\x7f"},
		{"KP5", Modes{}, "5"},
		{"KP5", Modes{KeypadApp: true}, "\x1bOu"},
		{"KPEnter", Modes{}, "\n"},
		{"KPEnter", Modes{KeypadApp: true}, "\x1bOM"},
		{"KP/", Modes{KeypadApp: true}, "\x1bOo"},
		{"Space", Modes{}, " "},
		{"M-Space", Modes{}, "\x1b "},
		// Best effort where tmux sends nothing.
		{"C-1", Modes{}, "1"},
		{"C-Enter", Modes{}, "\r"},
		{"S-a", Modes{}, "A"},
		// Extended keys (modifyOtherKeys, CSI u) where there is no
		// standard encoding.
		{"C-1", Modes{ExtendedKeys: true}, "\x1b[49;5u"},
		{"C-2", Modes{ExtendedKeys: true}, "\x1b[50;5u"},
		{"S-Enter", Modes{ExtendedKeys: true}, "\x1b[13;2u"},
		{"C-Tab", Modes{ExtendedKeys: true}, "\x1b[9;5u"},
		{"S-Tab", Modes{ExtendedKeys: true}, "\x1b[9;2u"},
		{"C-S-a", Modes{ExtendedKeys: true}, "\x1b[65;6u"},
		{"M-S-a", Modes{ExtendedKeys: true}, "\x1b[97;4u"},
		{"C-S-Space", Modes{ExtendedKeys: true}, "\x1b[64;6u"},
		{"C-a", Modes{ExtendedKeys: true}, "\x01"},
		{"M-a", Modes{ExtendedKeys: true}, "\x1ba"},
		{"C-Up", Modes{ExtendedKeys: true}, "\x1b[1;5A"},
		{"C-é", Modes{ExtendedKeys: true}, "é"},
		{"C-KP5", Modes{ExtendedKeys: true}, "5"},
		{"MouseDown1Pane", Modes{}, ""},
		{"Any", Modes{}, ""},
	}
	for _, tt := range tests {
		got := Encode([]byte(">"), MustParse(tt.key), tt.modes)
		if string(got) != ">"+tt.want {
			t.Errorf("Encode(%s, %+v) = %q, want %q", tt.key, tt.modes, got[1:], tt.want)
		}
	}
	// Non-canonical and invalid keys.
	for _, k := range []Key{{0x02, 0}, {'\r', ModMeta}, {0x7f, 0}, {-1, 0}, {0xd800, 0}, {KeyBase + 0x999, ModCtrl}, {'a', 0xff}} {
		_ = Encode(nil, k, Modes{})
	}
	if got := Encode(nil, Key{0x02, 0}, Modes{}); string(got) != "\x02" {
		t.Errorf("Encode(raw 0x02) = %q", got)
	}
}

func TestEncodePaste(t *testing.T) {
	tests := []struct {
		data      string
		bracketed bool
		want      string
	}{
		{"hello\n", false, "hello\n"},
		{"a\x1b[201~b", false, "a\x1b[201~b"},
		{"hello\n", true, "\x1b[200~hello\n\x1b[201~"},
		{"", true, "\x1b[200~\x1b[201~"},
		{"a\x1b[201~rm -rf ~\r", true, "\x1b[200~arm -rf ~\r\x1b[201~"},
		{"\x1b[200~x\x1b[201~", true, "\x1b[200~x\x1b[201~"},
		{"\x1b[20\x1b[201~1~", true, "\x1b[200~\x1b[201~"},
		{"\x1b[201\x1b[201~~", true, "\x1b[200~\x1b[201~"},
		{"\x1b[20x~", true, "\x1b[200~\x1b[20x~\x1b[201~"},
	}
	for _, tt := range tests {
		got := EncodePaste([]byte("$"), []byte(tt.data), tt.bracketed)
		if string(got) != "$"+tt.want {
			t.Errorf("EncodePaste(%q, %v) = %q, want %q", tt.data, tt.bracketed, got[1:], tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"C-b", "^B", "M-Left", "Enter", "F5", "S-Up", "a", "é", "C-M-x", "Space", "C-S-M-", "0x41", "MouseDown1Pane", "^", "C-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := Parse(s)
		if err != nil {
			return
		}
		name := k.String()
		k2, err := Parse(name)
		if err != nil {
			t.Fatalf("Parse(%q) = %#v, String %q does not parse: %v", s, k, name, err)
		}
		if k2 != k {
			t.Fatalf("Parse(%q) = %#v, Parse(%q) = %#v", s, k, name, k2)
		}
		if k2.String() != name {
			t.Fatalf("String not stable: %q then %q", name, k2.String())
		}
	})
}

func FuzzEncode(f *testing.F) {
	f.Add(int32('a'), uint8(ModCtrl), false, false, false)
	f.Add(int32(KeyUp), uint8(ModShift|ModMeta), true, false, false)
	f.Add(int32(KeyKP5), uint8(0), false, true, true)
	f.Add(int32(0), uint8(0xff), true, true, true)
	f.Fuzz(func(t *testing.T, code int32, mod uint8, ck, kp, ext bool) {
		k := Key{Code: code, Mod: Mod(mod)}
		out := Encode([]byte("x"), k, Modes{CursorKeys: ck, KeypadApp: kp, ExtendedKeys: ext})
		if len(out) == 0 || out[0] != 'x' {
			t.Fatalf("Encode(%#v) clobbered dst: %q", k, out)
		}
		_ = k.String()
		_ = k.Canonical().String()
		// A canonical key that names itself encodes as its name does.
		if c := k.Canonical(); c.String() != "Unknown" {
			if p, err := Parse(c.String()); err == nil && !bytes.Equal(Encode(nil, p, Modes{}), Encode(nil, c, Modes{})) {
				t.Fatalf("%#v and %#v (%s) encode differently", p, c, c)
			}
		}
		data := []byte(string(rune(code)) + "\x1b[201~" + string([]byte{mod}))
		p := EncodePaste(nil, data, true)
		if bytes.Count(p, []byte("\x1b[201~")) != 1 || !bytes.HasSuffix(p, []byte("\x1b[201~")) {
			t.Fatalf("paste of %q ends early: %q", data, p)
		}
		ev := MouseEvent{Col: int(code) % 3000, Row: int(mod), Button: MouseButton(mod % 13), Action: MouseAction(mod % 4), Mod: Mod(mod)}
		for m := MouseOff; m <= MouseAnyEvent+1; m++ {
			for e := MouseEncDefault; e <= MouseEncURXVT+1; e++ {
				if out, ok := EncodeMouse(nil, ev, m, e); ok != (len(out) > 0) {
					t.Fatalf("EncodeMouse(%+v, %d, %d) = %q, %v", ev, m, e, out, ok)
				}
			}
		}
	})
}
