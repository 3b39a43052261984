package vt

// Modes: SM/RM (ANSI) and DECSET/DECRST (DEC private), DECSCUSR, DECSTR and
// DECRQM.

func (t *Terminal) setMode(m Modes, on bool) {
	t.changed()
	if on {
		t.modes |= m
	} else {
		t.modes &^= m
	}
}

// SetMode (SM): CSI Pm h, ResetMode (RM): CSI Pm l. 4 IRM, 20 LNM.
func (t *Terminal) setANSIModes(on bool) {
	p := &t.p
	for i := 0; i < max(p.nparams, 1); i++ {
		switch p.param(i, 0) {
		case 4:
			t.setMode(ModeInsert, on)
		case 20:
			t.setMode(ModeNewline, on)
		}
	}
}

// privateModes maps DECSET numbers to simple mode bits.
var privateModes = map[int]Modes{
	1:    ModeCursorKeys,
	5:    ModeReverseVideo,
	7:    ModeAutowrap,
	9:    ModeMouseX10,
	25:   ModeCursorVisible,
	1000: ModeMouseNormal,
	1002: ModeMouseButton,
	1003: ModeMouseAny,
	1004: ModeFocus,
	1005: ModeMouseUTF8,
	1006: ModeMouseSGR,
	1015: ModeMouseURXVT,
	2004: ModeBracketedPaste,
	2026: ModeSyncOutput,
}

const mouseModes = ModeMouseX10 | ModeMouseNormal | ModeMouseButton | ModeMouseAny

// SetPrivateMode (DECSET): CSI ? Pm h, ResetPrivateMode (DECRST): CSI ? Pm l.
func (t *Terminal) setPrivateModes(on bool) {
	p := &t.p
	for i := 0; i < p.nparams; i++ {
		t.setPrivateMode(p.param(i, 0), on)
	}
}

func (t *Terminal) setPrivateMode(n int, on bool) {
	switch n {
	case 6: // DECOM
		t.setMode(ModeOrigin, on)
		t.cursorPosition(1, 1)
	case 69: // DECLRMM
		t.lrMode = on
		if !on {
			t.left, t.right = 0, t.cols-1
		}
	case 47, 1047:
		t.switchScreen(on, false)
	case 1048:
		if on {
			t.saveCursor()
		} else {
			t.restoreCursor()
		}
	case 1049:
		t.switchScreen(on, true)
	case 9, 1000, 1002, 1003:
		// Mouse tracking modes replace each other.
		if on {
			t.modes &^= mouseModes
		}
		t.setMode(privateModes[n], on)
	default:
		if m, ok := privateModes[n]; ok {
			t.setMode(m, on)
		}
	}
}

// switchScreen enters or leaves the alternate screen, which is blank on
// entering and released on leaving; saveCursor saves and restores the
// cursor as 1049 does.
func (t *Terminal) switchScreen(on, saveCursor bool) {
	t.changed()
	if on == (t.scr == t.alt) {
		return
	}
	if on {
		if saveCursor {
			t.saveCursor()
		}
		// A fresh screen is blank, as tmux does for 47, 1047 and 1049.
		t.alt = newScreen(t.cols, t.rows, &t.gen)
		t.scr = t.alt
		t.modes |= ModeAltScreen
		return
	}
	// The alternate screen is blank on entry, so its contents are never
	// seen again once left (1047 clears it on leaving; 47 and 1049 might
	// as well): release it.
	t.alt = nil
	t.scr = t.main
	t.modes &^= ModeAltScreen
	if saveCursor {
		t.restoreCursor()
	}
}

// SetCursorStyle (DECSCUSR): CSI Ps SP q. 0 default, 1 blinking block,
// 2 steady block, 3/4 underline, 5/6 bar.
func (t *Terminal) setCursorStyle(n int) {
	if n > 6 {
		return
	}
	t.changed()
	t.shape = CursorShape(n)
}

// SoftReset (DECSTR): CSI ! p. Resets modes, margins, attributes, charsets
// and the saved cursor, but not the screen.
func (t *Terminal) softReset() {
	t.changed()
	t.modes = (t.modes &^ (ModeInsert | ModeOrigin | ModeCursorKeys | ModeKeypadApp)) | ModeAutowrap | ModeCursorVisible
	t.top, t.bottom = 0, t.rows-1
	t.left, t.right = 0, t.cols-1
	t.lrMode = false
	t.cur.style = Style{}
	t.cur.sid = 0
	t.cur.stale = false
	t.cur.g = [4]charset{}
	t.cur.gl = 0
	t.cur.pending = false
	t.hasSaved = [2]bool{}
}

// RequestMode (DECRQM): CSI Ps $ p and CSI ? Ps $ p. Replies
// CSI [?] Ps ; Pm $ y with Pm 1 set, 2 reset, 0 unknown.
func (t *Terminal) requestMode(n int, private bool) {
	state := 0
	if private {
		switch n {
		case 6:
			state = t.modeState(ModeOrigin)
		case 47, 1047, 1049:
			state = t.modeState(ModeAltScreen)
		case 69:
			state = 2
			if t.lrMode {
				state = 1
			}
		case 1048:
			state = 2
		default:
			if m, ok := privateModes[n]; ok {
				state = t.modeState(m)
			}
		}
	} else {
		switch n {
		case 4:
			state = t.modeState(ModeInsert)
		case 20:
			state = t.modeState(ModeNewline)
		}
	}
	b := t.scratch[:0]
	b = append(b, "\x1b["...)
	if private {
		b = append(b, '?')
	}
	b = appendInt(b, n)
	b = append(b, ';')
	b = appendInt(b, state)
	b = append(b, "$y"...)
	t.scratch = b
	t.reply(b)
}

func (t *Terminal) modeState(m Modes) int {
	if t.modes&m != 0 {
		return 1
	}
	return 2
}
