package keys

// Mouse reporting to a pane's program, as xterm and tmux input-keys.c do it.
// Checked against tmux 3.3a for modes 1000, 1002, 1003 and encodings
// default, 1005 and 1006 (testdata/tmux-3.3a-mouse.txt). tmux 3.3a does not
// implement mode 9 or encoding 1015; those follow xterm's documentation.
//
// Modes (which events are reported), set by the program with DECSET:
//
//	9     X10          presses only, no modifiers
//	1000  Normal       presses and releases, the wheel
//	1002  ButtonEvent  as 1000, plus motion while a button is held
//	1003  AnyEvent     as 1000, plus all motion
//
// Encodings (how an event is written); Cb is the button code (0 left,
// 1 middle, 2 right, 3 release or no button, +32 motion, 64/65 wheel,
// +4 shift, +8 meta, +16 ctrl) and x, y are 1-based:
//
//	default  CSI M Cb+32 x+32 y+32      one byte each; x or y over 223 is not sent
//	1005     CSI M Cb+32 x+32 y+32      x, y as UTF-8, up to 2015
//	1006     CSI < Cb ; x ; y M         m for a release, which keeps its button
//	1015     CSI Cb+32 ; x ; y M

// MouseButton is the button of a mouse event.
type MouseButton uint8

// Mouse buttons.
const (
	MouseLeft MouseButton = iota
	MouseMiddle
	MouseRight
	MouseNone // motion with no button held
	MouseWheelUp
	MouseWheelDown
	MouseWheelLeft
	MouseWheelRight
	MouseButton8
	MouseButton9
	MouseButton10
	MouseButton11
)

// MouseAction is what happened to the button.
type MouseAction uint8

// Mouse actions.
const (
	MousePress MouseAction = iota
	MouseRelease
	MouseMotion
)

// MouseEvent is one mouse event at a 0-based cell of the pane.
type MouseEvent struct {
	Col, Row int
	Button   MouseButton
	Action   MouseAction
	Mod      Mod
}

// MouseMode is the pane's mouse reporting mode.
type MouseMode uint8

// Mouse modes, with their DECSET numbers.
const (
	MouseOff         MouseMode = iota
	MouseX10                   // 9
	MouseNormal                // 1000
	MouseButtonEvent           // 1002
	MouseAnyEvent              // 1003
)

// MouseEncoding is the pane's mouse encoding.
type MouseEncoding uint8

// Mouse encodings, with their DECSET numbers.
const (
	MouseEncDefault MouseEncoding = iota
	MouseEncUTF8                  // 1005
	MouseEncSGR                   // 1006
	MouseEncURXVT                 // 1015
)

// buttonCode is the xterm button code of b, without modifiers or motion.
func buttonCode(b MouseButton) int {
	switch {
	case b <= MouseNone:
		return int(b)
	case b <= MouseWheelRight:
		return 64 + int(b-MouseWheelUp)
	default:
		return 128 + int(b-MouseButton8)
	}
}

// EncodeMouse appends the report of ev for a pane in the given mode and
// encoding. It returns false, and dst unchanged, if the mode does not report
// this event or the encoding cannot express it (a position too far right
// or down for the default encodings).
func EncodeMouse(dst []byte, ev MouseEvent, mode MouseMode, enc MouseEncoding) ([]byte, bool) {
	if ev.Col < 0 || ev.Row < 0 || ev.Button > MouseButton11 || ev.Action > MouseMotion {
		return dst, false
	}
	wheel := ev.Button >= MouseWheelUp && ev.Button <= MouseWheelRight
	switch mode {
	case MouseX10:
		if ev.Action != MousePress || ev.Button > MouseRight {
			return dst, false
		}
	case MouseNormal:
		if ev.Action == MouseMotion {
			return dst, false
		}
	case MouseButtonEvent:
		if ev.Action == MouseMotion && ev.Button == MouseNone {
			return dst, false
		}
	case MouseAnyEvent:
	default:
		return dst, false
	}
	if wheel && ev.Action == MouseRelease {
		return dst, false // the wheel has no release
	}
	if ev.Button == MouseNone && ev.Action != MouseMotion {
		return dst, false
	}

	cb := buttonCode(ev.Button)
	if ev.Action == MouseRelease && enc != MouseEncSGR {
		cb = 3
	}
	if ev.Action == MouseMotion {
		cb += 32
	}
	// Modifiers are reported except in X10 mode and, as tmux does, on a
	// release in the encodings that cannot say which button was released.
	if mode != MouseX10 && (ev.Action != MouseRelease || enc == MouseEncSGR) {
		if ev.Mod&ModShift != 0 {
			cb += 4
		}
		if ev.Mod&ModMeta != 0 {
			cb += 8
		}
		if ev.Mod&ModCtrl != 0 {
			cb += 16
		}
	}
	x, y := ev.Col+1, ev.Row+1

	switch enc {
	case MouseEncSGR:
		dst = append(dst, 0x1b, '[', '<')
		dst = appendInt(dst, cb)
		dst = append(dst, ';')
		dst = appendInt(dst, x)
		dst = append(dst, ';')
		dst = appendInt(dst, y)
		if ev.Action == MouseRelease {
			return append(dst, 'm'), true
		}
		return append(dst, 'M'), true
	case MouseEncURXVT:
		dst = append(dst, 0x1b, '[')
		dst = appendInt(dst, cb+32)
		dst = append(dst, ';')
		dst = appendInt(dst, x)
		dst = append(dst, ';')
		dst = appendInt(dst, y)
		return append(dst, 'M'), true
	case MouseEncUTF8:
		if x+32 > 0x7ff || y+32 > 0x7ff || cb+32 > 0x7ff {
			return dst, false
		}
		dst = append(dst, 0x1b, '[', 'M')
		dst = appendRune(dst, rune(cb+32))
		dst = appendRune(dst, rune(x+32))
		return appendRune(dst, rune(y+32)), true
	default:
		if x+32 > 0xff || y+32 > 0xff || cb+32 > 0xff {
			return dst, false
		}
		return append(dst, 0x1b, '[', 'M', byte(cb+32), byte(x+32), byte(y+32)), true
	}
}
