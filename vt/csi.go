package vt

// csiDispatch runs CSI [private] params [intermediates] final.
func (t *Terminal) csiDispatch(final byte) {
	p := &t.p
	if p.ninter > len(p.inter) {
		return
	}
	inter := p.inter1()
	switch p.private {
	case 0:
		switch inter {
		case 0:
			t.csiPlain(final)
		case ' ':
			if final == 'q' {
				t.setCursorStyle(p.param(0, 0))
			}
		case '!':
			if final == 'p' {
				t.softReset()
			}
		case '$':
			if final == 'p' {
				t.requestMode(p.param(0, 0), false)
			}
		}
	case '?':
		switch {
		case inter == 0 && final == 'h':
			t.setPrivateModes(true)
		case inter == 0 && final == 'l':
			t.setPrivateModes(false)
		case inter == 0 && final == 'n':
			t.deviceStatusPrivate(p.param(0, 0))
		case inter == 0 && final == 'J':
			t.eraseInDisplay(p.param(0, 0))
		case inter == 0 && final == 'K':
			t.eraseInLine(p.param(0, 0))
		case inter == '$' && final == 'p':
			t.requestMode(p.param(0, 0), true)
		}
	case '>':
		switch {
		case inter == 0 && final == 'c':
			t.sendDA2()
		case inter == 0 && final == 'q':
			t.sendXTVersion()
		}
	}
}

func (t *Terminal) csiPlain(final byte) {
	p := &t.p
	switch final {
	case '@':
		t.insertChars(p.param1(0))
	case 'A':
		t.cursorUp(p.param1(0))
	case 'B', 'e':
		t.cursorDown(p.param1(0))
	case 'C', 'a':
		t.cursorForward(p.param1(0))
	case 'D':
		t.cursorBackward(p.param1(0))
	case 'E':
		t.cursorNextLine(p.param1(0))
	case 'F':
		t.cursorPrevLine(p.param1(0))
	case 'G', '`':
		t.cursorColumn(p.param1(0))
	case 'H', 'f':
		t.cursorPosition(p.param1(0), p.param1(1))
	case 'I':
		t.cursorForwardTab(p.param1(0))
	case 'J':
		t.eraseInDisplay(p.param(0, 0))
	case 'K':
		t.eraseInLine(p.param(0, 0))
	case 'L':
		t.insertLines(p.param1(0))
	case 'M':
		t.deleteLines(p.param1(0))
	case 'P':
		t.deleteChars(p.param1(0))
	case 'S':
		t.scrollUpCmd(p.param1(0))
	case 'T':
		if p.nparams <= 1 {
			t.scrollDownCmd(p.param1(0))
		}
	case 'X':
		t.eraseChars(p.param1(0))
	case 'Z':
		t.cursorBackTab(p.param1(0))
	case 'b':
		t.repeatChar(p.param1(0))
	case 'c':
		if p.param(0, 0) == 0 {
			t.sendDA1()
		}
	case 'd':
		t.cursorRow(p.param1(0))
	case 'g':
		t.clearTabStop(p.param(0, 0))
	case 'h':
		t.setANSIModes(true)
	case 'l':
		t.setANSIModes(false)
	case 'm':
		t.selectGraphicRendition()
	case 'n':
		t.deviceStatus(p.param(0, 0))
	case 'r':
		t.setTopBottomMargins(p.param(0, 0), p.param(1, 0))
	case 's':
		if t.lrMode {
			t.setLeftRightMargins(p.param(0, 0), p.param(1, 0))
		} else {
			t.saveCursor()
		}
	case 'u':
		t.restoreCursor()
	case 't':
		// window manipulation: ignored
	}
}
