package screen

import (
	"sync/atomic"
	"unicode/utf8"

	"github.com/gdamore/tcell/v2"

	"github.com/gmux/gmux/keys"
	"github.com/gmux/gmux/proto"
)

// forwardEvents sends the terminal's input events to the server until the
// screen is finalised or the server is gone.
// pasting is set while a bracketed paste is open.
func forwardEvents(screen tcell.Screen, w *proto.Writer, pasting *atomic.Bool) {
	defer func() {
		// In a hosted terminal this runs in the server: a bug here must
		// end this client's attachment, not the server.
		if r := recover(); r != nil {
			_ = w.Close()
		}
	}()
	var paste []byte
	var buf []byte
	var mouse mouseTracker
	for {
		ev := screen.PollEvent()
		if ev == nil {
			return
		}
		var err error
		switch ev := ev.(type) {
		case *tcell.EventKey:
			if pasting.Load() {
				paste = appendKeyText(paste, ev)
				continue
			}
			k, ok := keyFromEvent(ev)
			if !ok {
				continue
			}
			err = w.SendKey(proto.Key{Code: uint32(k.Code), Mod: uint8(k.Mod)})
		case *tcell.EventPaste:
			if ev.Start() {
				pasting.Store(true)
				paste = paste[:0]
				continue
			}
			pasting.Store(false)
			err = w.Send(proto.TypePaste, paste)
		case *tcell.EventResize:
			cols, rows := ev.Size()
			sz := proto.Size{Cols: uint16(cols), Rows: uint16(rows)}
			err = w.Send(proto.TypeResize, sz.Append(buf[:0]))
		case *tcell.EventMouse:
			m, ok := mouse.event(ev)
			if ok {
				err = w.Send(proto.TypeMouse, m.Append(buf[:0]))
			}
		case *tcell.EventFocus:
			v := byte(0)
			if ev.Focused {
				v = 1
			}
			err = w.Send(proto.TypeFocus, []byte{v})
		}
		if err != nil {
			return
		}
	}
}

// appendKeyText adds a pasted key's text to a paste buffer.
func appendKeyText(dst []byte, ev *tcell.EventKey) []byte {
	switch ev.Key() {
	case tcell.KeyRune:
		return utf8.AppendRune(dst, ev.Rune())
	case tcell.KeyEnter:
		return append(dst, '\r')
	case tcell.KeyTab:
		return append(dst, '\t')
	}
	if k := ev.Key(); k < 0x20 || k == 0x7f {
		return append(dst, byte(k))
	}
	return dst
}

// specialKeys maps tcell's named keys to gmux's. tcell reports both BS and
// DEL as KeyBackspace; it becomes BSpace (DEL), what terminals send for it.
var specialKeys = map[tcell.Key]rune{
	tcell.KeyEnter: keys.KeyEnter, tcell.KeyTab: keys.KeyTab, tcell.KeyBacktab: keys.KeyBTab,
	tcell.KeyEscape: keys.KeyEscape, tcell.KeyBackspace: keys.KeyBackspace,
	tcell.KeyUp: keys.KeyUp, tcell.KeyDown: keys.KeyDown, tcell.KeyLeft: keys.KeyLeft, tcell.KeyRight: keys.KeyRight,
	tcell.KeyHome: keys.KeyHome, tcell.KeyEnd: keys.KeyEnd, tcell.KeyPgUp: keys.KeyPageUp, tcell.KeyPgDn: keys.KeyPageDown,
	tcell.KeyInsert: keys.KeyInsert, tcell.KeyDelete: keys.KeyDelete,
	tcell.KeyF1: keys.KeyF1, tcell.KeyF2: keys.KeyF2, tcell.KeyF3: keys.KeyF3, tcell.KeyF4: keys.KeyF4,
	tcell.KeyF5: keys.KeyF5, tcell.KeyF6: keys.KeyF6, tcell.KeyF7: keys.KeyF7, tcell.KeyF8: keys.KeyF8,
	tcell.KeyF9: keys.KeyF9, tcell.KeyF10: keys.KeyF10, tcell.KeyF11: keys.KeyF11, tcell.KeyF12: keys.KeyF12,
}

// keyFromEvent converts a tcell key event into a gmux key.
func keyFromEvent(ev *tcell.EventKey) (keys.Key, bool) {
	var mod keys.Mod
	m := ev.Modifiers()
	if m&tcell.ModAlt != 0 || m&tcell.ModMeta != 0 {
		mod |= keys.ModMeta
	}
	k := ev.Key()
	if k == tcell.KeyRune {
		return keys.Key{Code: ev.Rune(), Mod: mod}, true
	}
	if m&tcell.ModCtrl != 0 {
		mod |= keys.ModCtrl
	}
	if m&tcell.ModShift != 0 {
		mod |= keys.ModShift
	}
	if code, ok := specialKeys[k]; ok {
		if k == tcell.KeyEnter || k == tcell.KeyTab || k == tcell.KeyEscape {
			// These arrive as C-m, C-i, C-[: the control bit is implied.
			mod &^= keys.ModCtrl
		}
		return keys.Key{Code: code, Mod: mod}, true
	}
	mod |= keys.ModCtrl
	switch {
	case k == tcell.KeyCtrlSpace:
		return keys.Key{Code: ' ', Mod: mod}, true
	case k >= tcell.KeyCtrlA && k <= tcell.KeyCtrlZ:
		return keys.Key{Code: rune('a' + k - tcell.KeyCtrlA), Mod: mod}, true
	case k == tcell.KeyCtrlBackslash:
		return keys.Key{Code: '\\', Mod: mod}, true
	case k == tcell.KeyCtrlRightSq:
		return keys.Key{Code: ']', Mod: mod}, true
	case k == tcell.KeyCtrlCarat:
		return keys.Key{Code: '^', Mod: mod}, true
	case k == tcell.KeyCtrlUnderscore:
		return keys.Key{Code: '_', Mod: mod}, true
	}
	return keys.Key{}, false
}

// mouseTracker turns tcell's button state into press, drag and release
// events, as a program in mouse mode expects.
type mouseTracker struct {
	held tcell.ButtonMask
}

// event converts a tcell mouse event; ok is false for plain motion with
// nothing held when nothing changed.
func (t *mouseTracker) event(ev *tcell.EventMouse) (proto.Mouse, bool) {
	x, y := ev.Position()
	m := proto.Mouse{Col: uint16(x), Row: uint16(y)}
	b := ev.Buttons()
	buttons := b & (tcell.Button1 | tcell.Button2 | tcell.Button3)
	switch {
	case b&tcell.WheelUp != 0:
		m.Button, m.Action = uint8(keys.MouseWheelUp), uint8(keys.MousePress)
	case b&tcell.WheelDown != 0:
		m.Button, m.Action = uint8(keys.MouseWheelDown), uint8(keys.MousePress)
	case buttons != 0 && buttons == t.held:
		m.Button, m.Action = uint8(buttonOf(buttons)), uint8(keys.MouseMotion)
	case buttons != 0:
		pressed := buttons &^ t.held
		if pressed == 0 {
			pressed = buttons
		}
		m.Button, m.Action = uint8(buttonOf(pressed)), uint8(keys.MousePress)
	case t.held != 0:
		m.Button, m.Action = uint8(buttonOf(t.held)), uint8(keys.MouseRelease)
	default:
		m.Button, m.Action = uint8(keys.MouseNone), uint8(keys.MouseMotion)
	}
	t.held = buttons
	mods := ev.Modifiers()
	if mods&tcell.ModShift != 0 {
		m.Mod |= uint8(keys.ModShift)
	}
	if mods&tcell.ModAlt != 0 {
		m.Mod |= uint8(keys.ModMeta)
	}
	if mods&tcell.ModCtrl != 0 {
		m.Mod |= uint8(keys.ModCtrl)
	}
	return m, true
}

// buttonOf names the first button in a tcell mask (tcell's Button2 is the
// right button and Button3 the middle one).
func buttonOf(b tcell.ButtonMask) keys.MouseButton {
	switch {
	case b&tcell.Button1 != 0:
		return keys.MouseLeft
	case b&tcell.Button3 != 0:
		return keys.MouseMiddle
	case b&tcell.Button2 != 0:
		return keys.MouseRight
	}
	return keys.MouseNone
}
