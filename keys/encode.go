package keys

// Encoding of keys into the bytes a pane's program expects, following xterm
// and tmux input-keys.c (tmux 3.3a, extended-keys off):
//
//	C-a .. C-z       0x01 .. 0x1a      C-Space, C-@   0x00
//	C-\ C-] C-^ C-_  0x1c .. 0x1f      C-?, BSpace    0x7f
//	M-x              ESC x             Enter, Tab, Escape  CR, HT, ESC
//	Up               CSI A, SS3 A in cursor-key mode (DECCKM)
//	C-Up             CSI 1;5 A         (modifier number 1 + S 1 + M 2 + C 4)
//	Home, End        CSI 1~, CSI 4~    modified: CSI 1;m H, CSI 1;m F
//	IC DC PPage NPage  CSI 2~ 3~ 5~ 6~ modified: CSI n;m ~
//	F1 .. F4         SS3 P .. SS3 S    modified: CSI 1;m P .. S
//	F5 .. F12        CSI 15~ 17~ 18~ 19~ 20~ 21~ 23~ 24~   modified: CSI n;m ~
//	BTab             CSI Z
//	KP0 .. KP.       their characters (KPEnter LF), SS3 p .. in keypad application mode
//	C-2 C-6 C-- C-/  0x00 0x1e 0x1f 0x1f
//	S-Tab            CSI Z (tmux sends nothing)
//
// With extended keys (Modes.ExtendedKeys), an ASCII key whose modifiers
// have no such encoding is sent as CSI code ; m u (C-1 is CSI 49;5u,
// S-Enter CSI 13;2u). Otherwise a modifier that has no encoding for a key is
// dropped (best effort), which is not what tmux does: tmux sends nothing.

// Modes are the pane modes that change what bytes a key sends.
type Modes struct {
	CursorKeys bool // DECCKM, CSI ? 1 h: arrows send SS3 A
	KeypadApp  bool // DECKPAM, ESC =: keypad sends SS3 p ..

	// ExtendedKeys is set when the pane asked for extended keys
	// (xterm modifyOtherKeys, CSI > 4 ; 1 m) and the extended-keys option
	// allows them: a key whose modifiers have no standard encoding is sent
	// as CSI code ; mod u instead of dropping them.
	ExtendedKeys bool
}

// tildeKeys maps keys sent as CSI n ~ to n.
var tildeKeys = map[rune]int{
	KeyInsert: 2, KeyDelete: 3, KeyPageUp: 5, KeyPageDown: 6,
	KeyF5: 15, KeyF6: 17, KeyF7: 18, KeyF8: 19, KeyF9: 20, KeyF10: 21, KeyF11: 23, KeyF12: 24,
}

// letterKeys maps keys sent as CSI X (or SS3 X) to X.
var letterKeys = map[rune]byte{
	KeyUp: 'A', KeyDown: 'B', KeyRight: 'C', KeyLeft: 'D',
	KeyHome: 'H', KeyEnd: 'F',
	KeyF1: 'P', KeyF2: 'Q', KeyF3: 'R', KeyF4: 'S',
}

// keypad maps keypad keys to their character and their application-mode
// final byte.
var keypad = map[rune][2]byte{
	KeyKPSlash: {'/', 'o'}, KeyKPStar: {'*', 'j'}, KeyKPMinus: {'-', 'm'},
	KeyKP7: {'7', 'w'}, KeyKP8: {'8', 'x'}, KeyKP9: {'9', 'y'}, KeyKPPlus: {'+', 'k'},
	KeyKP4: {'4', 't'}, KeyKP5: {'5', 'u'}, KeyKP6: {'6', 'v'},
	KeyKP1: {'1', 'q'}, KeyKP2: {'2', 'r'}, KeyKP3: {'3', 's'},
	KeyKPEnter: {'\n', 'M'}, KeyKP0: {'0', 'p'}, KeyKPPeriod: {'.', 'n'},
}

// extendedKey returns the code and modifiers of the CSI u form of a key
// that has no standard encoding for its modifiers, as tmux 3.3a sends them.
// Keys with a standard encoding (C-a, M-x, C-M-a, C-Up, plain keys), keys
// outside ASCII and the keypad and BTab (which tmux 3.3a encodes wrongly)
// report false.
func extendedKey(c rune, mod Mod) (rune, Mod, bool) {
	switch c {
	case KeyEnter:
		c = '\r'
	case KeyTab:
		c = '\t'
	case KeyEscape:
		c = 0x1b
	case KeyBackspace:
		c = 0x7f
	default:
		if c <= ' ' || c >= 0x7f {
			if c != ' ' {
				return 0, 0, false
			}
		}
	}
	if mod&^ModMeta == 0 {
		return 0, 0, false // plain, or M- as ESC
	}
	if mod&ModCtrl != 0 && ctrlFolds(c) {
		if mod&ModShift == 0 {
			return 0, 0, false // C-a is 0x01
		}
		switch {
		case c == '?':
			return 0x7f, mod &^ ModCtrl, true
		case c == ' ':
			return '@', mod, true
		case c >= 'a' && c <= 'z':
			return c - 0x20, mod, true
		}
	}
	return c, mod, true
}

// ctrlDigits are the other control keys tmux sends, as VT220 keyboards
// did: C-2 NUL, C-6 RS, C-- and C-/ US (with 0x80 set so NUL is not zero).
var ctrlDigits = map[rune]rune{'2': 0x80, '6': 0x9e, '-': 0x9f, '/': 0x9f}

// modNumber is xterm's modifier parameter: 1 + Shift 1 + Meta 2 + Ctrl 4.
func modNumber(m Mod) int {
	n := 1
	if m&ModShift != 0 {
		n++
	}
	if m&ModMeta != 0 {
		n += 2
	}
	if m&ModCtrl != 0 {
		n += 4
	}
	return n
}

func appendInt(dst []byte, n int) []byte {
	if n >= 10 {
		dst = appendInt(dst, n/10)
	}
	return append(dst, byte('0'+n%10))
}

// Encode appends to dst the bytes that the pane's program expects for k,
// given the pane's modes, and returns the extended slice. Keys with no
// encoding (mouse keys, Any, invalid code points) append nothing.
func Encode(dst []byte, k Key, m Modes) []byte {
	k = k.Canonical()
	mod := k.Mod & (ModShift | ModMeta | ModCtrl)
	c := k.Code

	if n, ok := tildeKeys[c]; ok {
		dst = append(dst, 0x1b, '[')
		dst = appendInt(dst, n)
		if mod != 0 {
			dst = append(dst, ';')
			dst = appendInt(dst, modNumber(mod))
		}
		return append(dst, '~')
	}
	if f, ok := letterKeys[c]; ok {
		switch {
		case mod != 0:
			dst = append(dst, 0x1b, '[', '1', ';')
			dst = appendInt(dst, modNumber(mod))
			return append(dst, f)
		case c == KeyHome:
			return append(dst, 0x1b, '[', '1', '~')
		case c == KeyEnd:
			return append(dst, 0x1b, '[', '4', '~')
		case c >= KeyF1 && c <= KeyF4, m.CursorKeys:
			return append(dst, 0x1b, 'O', f)
		default:
			return append(dst, 0x1b, '[', f)
		}
	}
	if m.ExtendedKeys {
		if code, emod, ok := extendedKey(c, mod); ok {
			dst = append(dst, 0x1b, '[')
			dst = appendInt(dst, int(code))
			dst = append(dst, ';')
			dst = appendInt(dst, modNumber(emod))
			return append(dst, 'u')
		}
	}
	if kp, ok := keypad[c]; ok {
		if mod&ModMeta != 0 {
			dst = append(dst, 0x1b)
		}
		if m.KeypadApp {
			return append(dst, 0x1b, 'O', kp[1])
		}
		return append(dst, kp[0])
	}

	// Everything else is one byte or character, with M- as an ESC prefix.
	var b []byte
	var one [4]byte
	switch c {
	case KeyEnter:
		one[0], b = '\r', one[:1]
	case KeyTab:
		if mod&ModShift != 0 {
			one[0], one[1], one[2], b = 0x1b, '[', 'Z', one[:3] // S-Tab is BTab
			break
		}
		one[0], b = '\t', one[:1]
	case KeyEscape:
		one[0], b = 0x1b, one[:1]
	case KeyBackspace:
		one[0], b = 0x7f, one[:1]
	case KeyBTab:
		one[0], one[1], one[2], b = 0x1b, '[', 'Z', one[:3]
	default:
		if c >= KeyBase || c < 0x20 || c == 0x7f || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) {
			return dst
		}
		if mod&ModCtrl != 0 && ctrlFolds(c) {
			switch {
			case c == ' ':
				c = 0
			case c == '?':
				c = 0x7f
			case c >= 'a' && c <= 'z':
				c -= 0x60
			default:
				c -= 0x40
			}
		} else if mod&ModCtrl != 0 && ctrlDigits[c] != 0 {
			c = ctrlDigits[c] &^ 0x80
		} else if mod&ModShift != 0 && c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b = appendRune(one[:0], c)
	}
	if mod&ModMeta != 0 {
		dst = append(dst, 0x1b)
	}
	return append(dst, b...)
}

func appendRune(dst []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(dst, byte(r))
	case r < 0x800:
		return append(dst, byte(0xc0|r>>6), byte(0x80|r&0x3f))
	case r < 0x10000:
		return append(dst, byte(0xe0|r>>12), byte(0x80|(r>>6)&0x3f), byte(0x80|r&0x3f))
	default:
		return append(dst, byte(0xf0|r>>18), byte(0x80|(r>>12)&0x3f), byte(0x80|(r>>6)&0x3f), byte(0x80|r&0x3f))
	}
}

var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// EncodePaste appends data as a paste. When bracketed (the pane set mode
// 2004) it is wrapped in ESC [200~ ... ESC [201~, and any ESC [201~ (and
// ESC [200~) inside data is removed so that a paste cannot end the bracket
// early and have the rest run as typed input.
func EncodePaste(dst, data []byte, bracketed bool) []byte {
	if !bracketed {
		return append(dst, data...)
	}
	dst = append(dst, pasteStart...)
	base := len(dst)
	for _, c := range data {
		dst = append(dst, c)
		// Check the tail after every byte, so that removing one marker
		// cannot join its neighbours into another.
		if n := len(dst) - base; c == '~' && n >= len(pasteEnd) && indexBracket(dst[len(dst)-len(pasteEnd):]) == 0 {
			dst = dst[:len(dst)-len(pasteEnd)]
		}
	}
	return append(dst, pasteEnd...)
}

// indexBracket returns the index of the first ESC [200~ or ESC [201~ in b,
// or -1.
func indexBracket(b []byte) int {
	for i := 0; i+len(pasteEnd) <= len(b); i++ {
		if b[i] == 0x1b && b[i+1] == '[' && b[i+2] == '2' && b[i+3] == '0' &&
			(b[i+4] == '0' || b[i+4] == '1') && b[i+5] == '~' {
			return i
		}
	}
	return -1
}
