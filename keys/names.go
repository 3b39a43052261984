// Package keys names keys the way tmux does (C-b, M-Left, Enter, F5), encodes
// key presses, pastes and mouse events into the bytes a pane's program
// expects, and holds the key tables (root, prefix, copy-mode, copy-mode-vi and
// any other named by bind-key -T).
//
// The model: a Key is a code point or a special key (Code >= KeyBase) plus a
// set of modifiers. Keys are kept in one canonical form so that a key read
// from a terminal and a key parsed from a config compare equal:
//
//   - control characters are a letter plus ModCtrl: C-b is Key{'b', ModCtrl},
//     never Key{0x02, 0}; C-B, ^B and ^b are the same key;
//   - C-m, C-i and C-[ are Enter, Tab and Escape (as in tmux, they send the
//     same byte); C-@ is C-Space;
//   - Space is the code point ' '.
//
// Parse returns canonical keys; Canonical converts any other spelling, and
// Tables.Lookup and Encode apply it, so callers may pass raw keys. A client
// that reads a terminal's backspace (DEL, or tcell's KeyBackspace and
// KeyBackspace2) should pass KeyBackspace, as tmux does: a raw 0x7f is C-?.
//
// Files: names.go (Key, Parse, String), encode.go (Encode, EncodePaste),
// mouse.go (EncodeMouse), tables.go (Tables, ParseBindLine), defaults.go
// (DefaultBindings), errors.go. The testdata files hold what tmux 3.3a
// does, and the tests compare against them.
package keys

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Mod is a set of modifiers.
type Mod uint8

// Modifiers.
const (
	ModShift Mod = 1 << iota
	ModMeta
	ModCtrl
)

// Key is one key press: a Unicode code point or one of the special keys
// below, plus modifiers.
type Key struct {
	Code rune
	Mod  Mod
}

// KeyBase is the first special key; special keys live above Unicode.
const KeyBase rune = 0x110000

// Special keys. The names in comments are tmux's canonical spellings.
const (
	KeyEnter     = KeyBase + iota // Enter (C-m)
	KeyTab                        // Tab (C-i)
	KeyEscape                     // Escape (C-[)
	KeyBackspace                  // BSpace
	KeyBTab                       // BTab
	KeyF1
	KeyF2
	KeyF3
	KeyF4
	KeyF5
	KeyF6
	KeyF7
	KeyF8
	KeyF9
	KeyF10
	KeyF11
	KeyF12
	KeyInsert   // IC, Insert
	KeyDelete   // DC, Delete
	KeyHome     // Home
	KeyEnd      // End
	KeyPageDown // NPage, PageDown, PgDn
	KeyPageUp   // PPage, PageUp, PgUp
	KeyUp
	KeyDown
	KeyLeft
	KeyRight
	KeyKPSlash // KP/
	KeyKPStar  // KP*
	KeyKPMinus // KP-
	KeyKP7
	KeyKP8
	KeyKP9
	KeyKPPlus // KP+
	KeyKP4
	KeyKP5
	KeyKP6
	KeyKP1
	KeyKP2
	KeyKP3
	KeyKPEnter // KPEnter
	KeyKP0
	KeyKPPeriod // KP.
	KeyAny      // Any: matches any key in a table (bind -T t Any ...)
	keyLastSpecial
)

// KeySpace is Space, an ordinary code point.
const KeySpace rune = ' '

// Mouse keys, the names tmux binds mouse events to (MouseDown1Pane,
// WheelUpStatus, DoubleClick1Pane, ...), live from KeyMouse on. Build one
// with MouseKey and take one apart with Key.MouseKey.
const KeyMouse = KeyBase + 0x1000

// MouseKeyType is the kind of mouse key: what happened.
type MouseKeyType uint8

// Mouse key types, in tmux's order.
const (
	MouseDown MouseKeyType = iota
	MouseUp
	MouseDrag
	MouseDragEnd
	MouseWheelUpKey
	MouseWheelDownKey
	MouseSecondClick
	MouseDoubleClick
	MouseTripleClick
	numMouseKeyTypes
)

var mouseKeyTypeNames = [...]string{"MouseDown", "MouseUp", "MouseDrag", "MouseDragEnd", "WheelUp", "WheelDown", "SecondClick", "DoubleClick", "TripleClick"}

// MouseLocation is where a mouse key happened.
type MouseLocation uint8

// Mouse locations, in tmux's order.
const (
	MouseInPane MouseLocation = iota
	MouseInStatus
	MouseInStatusLeft
	MouseInStatusRight
	MouseInStatusDefault
	MouseInBorder
	numMouseLocations
)

var mouseLocationNames = [...]string{"Pane", "Status", "StatusLeft", "StatusRight", "StatusDefault", "Border"}

// mouseKeyButtons are the buttons tmux names in mouse keys (4 and 5 are the
// wheel).
var mouseKeyButtons = [...]int{1, 2, 3, 6, 7, 8, 9, 10, 11}

// MouseKey returns the mouse key for a type, a button (1, 2, 3, 6..11;
// ignored for the wheel) and a location. ok is false if tmux has no such key.
func MouseKey(t MouseKeyType, button int, loc MouseLocation) (k Key, ok bool) {
	if t >= numMouseKeyTypes || loc >= numMouseLocations {
		return Key{}, false
	}
	b := 0
	if t != MouseWheelUpKey && t != MouseWheelDownKey {
		b = -1
		for i, mb := range mouseKeyButtons {
			if mb == button {
				b = i
			}
		}
		if b < 0 {
			return Key{}, false
		}
	}
	idx := (int(t)*len(mouseKeyButtons)+b)*int(numMouseLocations) + int(loc)
	return Key{Code: KeyMouse + rune(idx)}, true
}

// MouseKey takes a mouse key apart; ok is false if k is not one.
func (k Key) MouseKey() (t MouseKeyType, button int, loc MouseLocation, ok bool) {
	idx := int(k.Code - KeyMouse)
	if k.Code < KeyMouse || idx >= int(numMouseKeyTypes)*len(mouseKeyButtons)*int(numMouseLocations) {
		return 0, 0, 0, false
	}
	loc = MouseLocation(idx % int(numMouseLocations))
	idx /= int(numMouseLocations)
	b := idx % len(mouseKeyButtons)
	t = MouseKeyType(idx / len(mouseKeyButtons))
	if t == MouseWheelUpKey || t == MouseWheelDownKey {
		if b != 0 {
			return 0, 0, 0, false
		}
		return t, 0, loc, true
	}
	return t, mouseKeyButtons[b], loc, true
}

// specialNames are the canonical names, indexed by Code-KeyBase.
var specialNames = [...]string{
	"Enter", "Tab", "Escape", "BSpace", "BTab",
	"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
	"IC", "DC", "Home", "End", "NPage", "PPage",
	"Up", "Down", "Left", "Right",
	"KP/", "KP*", "KP-", "KP7", "KP8", "KP9", "KP+", "KP4", "KP5", "KP6",
	"KP1", "KP2", "KP3", "KPEnter", "KP0", "KP.",
	"Any",
}

// byName maps every accepted name, lower-cased, to its code. It is built
// on first use: every one-shot gmux command would otherwise pay for it at
// start-up.
var byName = sync.OnceValue(func() map[string]rune {
	m := map[string]rune{
		"space":    KeySpace,
		"insert":   KeyInsert,
		"delete":   KeyDelete,
		"pagedown": KeyPageDown,
		"pgdn":     KeyPageDown,
		"pageup":   KeyPageUp,
		"pgup":     KeyPageUp,
	}
	for i, n := range specialNames {
		m[strings.ToLower(n)] = KeyBase + rune(i)
	}
	for t := MouseKeyType(0); t < numMouseKeyTypes; t++ {
		for _, b := range mouseKeyButtons {
			for l := MouseLocation(0); l < numMouseLocations; l++ {
				if k, ok := MouseKey(t, b, l); ok {
					m[strings.ToLower(k.String())] = k.Code
				}
			}
		}
	}
	return m
})

// ctrlFolds reports whether C-c is a control character in tmux (folded into
// one byte): letters, space and @ [ \ ] ^ _ ?.
func ctrlFolds(c rune) bool {
	return (c >= 'a' && c <= 'z') || (c >= '@' && c <= '_') || c == ' ' || c == '?'
}

// Canonical returns k in canonical form (see the package comment). Keys
// that are already canonical are returned as they are.
func (k Key) Canonical() Key {
	k.Mod &= ModShift | ModMeta | ModCtrl
	c := k.Code
	switch {
	case c == 0:
		return Key{' ', k.Mod | ModCtrl}
	case c == '\r':
		return Key{KeyEnter, k.Mod}
	case c == '\t':
		return Key{KeyTab, k.Mod}
	case c == 0x1b:
		return Key{KeyEscape, k.Mod}
	case c < 0x20:
		return Key{c + 0x60, k.Mod | ModCtrl}.Canonical()
	case c == 0x7f:
		return Key{'?', k.Mod | ModCtrl}
	}
	if k.Mod&ModCtrl == 0 || !ctrlFolds(c) {
		return k
	}
	switch c {
	case 'm', 'M':
		return Key{KeyEnter, k.Mod &^ ModCtrl}
	case 'i', 'I':
		return Key{KeyTab, k.Mod &^ ModCtrl}
	case '[':
		return Key{KeyEscape, k.Mod &^ ModCtrl}
	case '@':
		return Key{' ', k.Mod}
	}
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return Key{c, k.Mod}
}

// IsSpecial reports whether k is a special key (not a code point).
func (k Key) IsSpecial() bool { return k.Code >= KeyBase }

// IsMouse reports whether k is a mouse key (MouseDown1Pane and so on).
func (k Key) IsMouse() bool { _, _, _, ok := k.MouseKey(); return ok }

// String returns the canonical tmux spelling of k: "C-b", "M-Left",
// "Enter", "F5", "C-M-S-Up", "M-C-b". Modifiers are written C- M- S- in that
// order, except that a control character keeps its C- next to the
// character, as tmux writes it (and C-Space is C-@ after M- or S-). A key that is not valid prints as
// "Unknown".
func (k Key) String() string {
	k = k.Canonical()
	var b strings.Builder
	ctrlChar := k.Mod&ModCtrl != 0 && ctrlFolds(k.Code)
	if k.Mod&ModCtrl != 0 && !ctrlChar {
		b.WriteString("C-")
	}
	if k.Mod&ModMeta != 0 {
		b.WriteString("M-")
	}
	if k.Mod&ModShift != 0 {
		b.WriteString("S-")
	}
	if ctrlChar {
		b.WriteString("C-")
	}
	switch {
	case k.Code == ' ' && ctrlChar && k.Mod != ModCtrl:
		b.WriteString("@") // tmux: C-Space, but M-C-@
	case k.Code == ' ':
		b.WriteString("Space")
	case k.Code >= KeyBase && k.Code < keyLastSpecial:
		b.WriteString(specialNames[k.Code-KeyBase])
	case k.Code >= KeyMouse:
		t, btn, loc, ok := k.MouseKey()
		if !ok {
			return "Unknown"
		}
		b.WriteString(mouseKeyTypeNames[t])
		if btn != 0 {
			b.WriteString(strconv.Itoa(btn))
		}
		b.WriteString(mouseLocationNames[loc])
	case k.Code < 0x20 || k.Code == 0x7f || k.Code >= KeyBase || !utf8.ValidRune(k.Code) || ctrlUnknown(k) || (k.Code == KeyAny && k.Mod != 0):
		return "Unknown"
	default:
		b.WriteRune(k.Code)
	}
	return b.String()
}

// Parse parses a tmux key name: "C-b", "^B", "M-Left", "Enter", "F5",
// "S-Up", "a", "é", "C-M-x", "Space", "0x41". Modifier prefixes (C- M- S-)
// may come in any order and any case. The error wraps ErrUnknownKey and
// reads "unknown key: NAME".
func Parse(name string) (Key, error) {
	k, ok := parse(name)
	if !ok {
		return Key{}, fmt.Errorf("%w: %s", ErrUnknownKey, name)
	}
	return k, nil
}

func parse(s string) (Key, bool) {
	var mod Mod
	// Modifier prefixes. A name of one or two characters such as "C" or
	// "M-" is a key, not a prefix: "M-" is M plus '-'.
	for len(s) > 2 && s[1] == '-' {
		switch s[0] {
		case 'C', 'c':
			mod |= ModCtrl
		case 'M', 'm':
			mod |= ModMeta
		case 'S', 's':
			mod |= ModShift
		default:
			return Key{}, false
		}
		s = s[2:]
	}
	// ^x is C-x.
	if len(s) == 2 && s[0] == '^' {
		mod |= ModCtrl
		s = s[1:]
	}
	if s == "" {
		return Key{}, false
	}
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		n, err := strconv.ParseUint(s[2:], 16, 32)
		if err != nil || !utf8.ValidRune(rune(n)) {
			return Key{}, false
		}
		k := Key{rune(n), mod}.Canonical()
		return k, k.String() != "Unknown"
	}
	if r, size := utf8.DecodeRuneInString(s); size == len(s) {
		// Only a one-byte RuneError is invalid UTF-8: U+FFFD is a key.
		if r == utf8.RuneError && size == 1 || r < 0x20 || r == 0x7f {
			return Key{}, false
		}
		k := Key{r, mod}
		if ctrlUnknown(k) {
			return Key{}, false
		}
		return k.Canonical(), true
	}
	c, ok := byName()[strings.ToLower(s)]
	if !ok || (c == KeyAny && mod != 0) {
		return Key{}, false
	}
	return Key{c, mod}.Canonical(), true
}

// ctrlUnknown reports whether k is C- with an ASCII character that tmux
// neither folds into a control character nor keeps with C- (C-" C-$ C-%
// C-& C-* C-{ C-| C-} C-~): tmux has no such key.
func ctrlUnknown(k Key) bool {
	return k.Mod&ModCtrl != 0 && k.Code > ' ' && k.Code < 0x7f && !ctrlFolds(k.Code) &&
		!strings.ContainsRune("!#()+,-.0123456789:;<=>'`/", k.Code)
}

// MustParse is Parse for names known to be good; it panics on an error.
func MustParse(name string) Key {
	k, err := Parse(name)
	if err != nil {
		panic(err)
	}
	return k
}
