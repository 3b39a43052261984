package vt

import (
	"encoding/binary"
	"unicode/utf8"
)

// The parser is a DEC/ANSI state machine after Paul Williams' VT500 model
// (https://vt100.net/emu/dec_ansi_parser). It keeps no per-byte allocations:
// parameters live in a fixed array, string sequences in bounded buffers.
// It only recognises sequences; handlers in the other files give them
// meaning. UTF-8 is decoded inline in the ground state; an invalid byte
// becomes U+FFFD. 8-bit C1 bytes are not controls in a UTF-8 terminal; the
// 7-bit forms (ESC [, ESC ], ESC P, ...) are.

type pstate uint8

const (
	stGround pstate = iota
	stEscape
	stEscapeInter
	stCSIEntry
	stCSIParam
	stCSIInter
	stCSIIgnore
	stOSC
	stDCSEntry
	stDCSParam
	stDCSInter
	stDCSPass
	stDCSIgnore
	stSOS // SOS, PM, APC: ignored until ST
)

const (
	maxParams   = 32
	maxParamVal = 65535
	maxOSC      = 64 << 10 // longer OSC strings are dropped
	maxDCS      = 4 << 10
)

type parser struct {
	state   pstate
	params  [maxParams]int32 // -1 = missing
	nparams int
	subMask uint32 // bit i: params[i] was introduced by ':'
	inter   [2]byte
	ninter  int
	private byte // '<', '=', '>', '?' leading a CSI or DCS
	final   byte // DCS final byte

	str     []byte // OSC or DCS data
	strOver bool   // string exceeded its bound: drop it

	u8  [4]byte // partial UTF-8 sequence carried across Writes
	u8n int
}

func (p *parser) reset() {
	p.state = stGround
	p.clear()
	p.u8n = 0
	p.str = p.str[:0]
	p.strOver = false
}

func (p *parser) clear() {
	p.nparams = 0
	p.subMask = 0
	p.ninter = 0
	p.private = 0
}

// param returns parameter i or def when missing.
func (p *parser) param(i, def int) int {
	if i >= p.nparams || p.params[i] < 0 {
		return def
	}
	return int(p.params[i])
}

// param1 returns parameter i, treating missing and 0 as 1.
func (p *parser) param1(i int) int {
	v := p.param(i, 1)
	if v < 1 {
		return 1
	}
	return v
}

func (p *parser) isSub(i int) bool { return i < 32 && p.subMask&(1<<uint(i)) != 0 }

func (p *parser) collect(b byte) {
	if p.ninter < len(p.inter) {
		p.inter[p.ninter] = b
		p.ninter++
	} else {
		p.ninter = len(p.inter) + 1 // too many: the sequence is ignored
	}
}

func (p *parser) inter1() byte {
	if p.ninter == 1 {
		return p.inter[0]
	}
	if p.ninter == 0 {
		return 0
	}
	return 0xff
}

func (p *parser) paramByte(b byte) {
	if p.nparams == 0 {
		p.nparams = 1
		p.params[0] = -1
	}
	switch {
	case b >= '0' && b <= '9':
		i := p.nparams - 1
		v := p.params[i]
		if v < 0 {
			v = 0
		}
		v = v*10 + int32(b-'0')
		if v > maxParamVal {
			v = maxParamVal
		}
		p.params[i] = v
	case b == ';' || b == ':':
		if p.nparams < maxParams {
			if b == ':' {
				p.subMask |= 1 << uint(p.nparams)
			}
			p.params[p.nparams] = -1
			p.nparams++
		}
	}
}

func (p *parser) strByte(b byte) {
	if p.strOver {
		return
	}
	lim := maxOSC
	if p.state != stOSC {
		lim = maxDCS
	}
	if len(p.str) >= lim {
		p.strOver = true
		p.str = p.str[:0]
		return
	}
	p.str = append(p.str, b)
}

// Write feeds p to the terminal. It never fails and always returns len(p).
func (t *Terminal) Write(p []byte) (int, error) {
	pr := &t.p
	t.compactIfNeeded()
	for i := 0; i < len(p); {
		b := p[i]
		if pr.u8n > 0 {
			if b&0xC0 == 0x80 {
				pr.u8[pr.u8n] = b
				pr.u8n++
				i++
				if utf8.FullRune(pr.u8[:pr.u8n]) {
					r, _ := utf8.DecodeRune(pr.u8[:pr.u8n])
					pr.u8n = 0
					t.printRune(r)
				}
				continue
			}
			pr.u8n = 0
			t.printRune(utf8.RuneError)
			continue // b is processed afresh
		}
		if pr.state == stGround {
			if b >= 0x20 && b < 0x7f {
				j := printableEnd(p, i+1)
				t.printASCII(p[i:j])
				i = j
				continue
			}
			if b >= 0x80 {
				if b&0xF0 == 0xE0 && len(p)-i >= 3 {
					// Fast path for 3-byte UTF-8 (most of CJK), as
					// utf8.DecodeRune: no overlong forms, no surrogates.
					b1, b2 := p[i+1], p[i+2]
					r := rune(b&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
					if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 && r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
						t.printRune(r)
						i += 3
						continue
					}
				}
				if len(p)-i < utf8.UTFMax && !utf8.FullRune(p[i:]) {
					pr.u8n = copy(pr.u8[:], p[i:])
					break
				}
				r, n := utf8.DecodeRune(p[i:])
				t.printRune(r)
				i += n
				continue
			}
		}
		if b == 0x1B && pr.state == stGround && i+1 < len(p) && p[i+1] == '[' {
			// Fast path for ESC [ from the ground state.
			pr.clear()
			pr.state = stCSIEntry
			i += 2
			continue
		}
		if b == 'm' && (pr.state == stCSIParam || pr.state == stCSIEntry) && pr.private == 0 && pr.ninter == 0 {
			// Fast path for SGR, the commonest sequence by far.
			pr.state = stGround
			t.selectGraphicRendition()
			i++
			continue
		}
		if (pr.state == stCSIParam || pr.state == stCSIEntry) && (b-'0' < 10 || b == ';') {
			// Fast path for CSI parameters: digits and ';'.
			if pr.nparams == 0 {
				pr.nparams = 1
				pr.params[0] = -1
			}
			cur := pr.params[pr.nparams-1]
			j := i
			for ; j < len(p); j++ {
				c := p[j]
				if d := c - '0'; d < 10 {
					cur = max(cur, 0)*10 + int32(d)
					if cur > maxParamVal {
						cur = maxParamVal
					}
				} else if c == ';' {
					pr.params[pr.nparams-1] = cur
					if pr.nparams < maxParams {
						pr.params[pr.nparams] = -1
						pr.nparams++
					}
					cur = pr.params[pr.nparams-1]
				} else {
					break
				}
			}
			pr.params[pr.nparams-1] = cur
			pr.state = stCSIParam
			i = j
			continue
		}
		t.advance(b)
		i++
	}
	return len(p), nil
}

// advance runs one byte through the state machine (not ground printables,
// which Write handles in bulk).
func (t *Terminal) advance(b byte) {
	p := &t.p
	// Anywhere transitions.
	switch b {
	case 0x18, 0x1A: // CAN, SUB
		if p.state == stOSC || p.state == stDCSPass {
			p.str = p.str[:0]
		}
		p.state = stGround
		return
	case 0x1B:
		switch p.state {
		case stOSC:
			t.oscEnd()
		case stDCSPass:
			t.dcsEnd()
		}
		p.clear()
		p.state = stEscape
		return
	}
	switch p.state {
	case stGround:
		if b < 0x20 {
			t.execute(b)
		}
		// 0x7F and 8-bit bytes reaching here are ignored.
	case stEscape:
		switch {
		case b < 0x20:
			t.execute(b)
		case b <= 0x2F:
			p.collect(b)
			p.state = stEscapeInter
		case b == '[':
			p.clear()
			p.state = stCSIEntry
		case b == ']':
			p.str = p.str[:0]
			p.strOver = false
			p.state = stOSC
		case b == 'P':
			p.clear()
			p.str = p.str[:0]
			p.strOver = false
			p.state = stDCSEntry
		case b == 'X' || b == '^' || b == '_':
			p.state = stSOS
		case b < 0x7F:
			p.state = stGround
			t.escDispatch(b)
		}
	case stEscapeInter:
		switch {
		case b < 0x20:
			t.execute(b)
		case b <= 0x2F:
			p.collect(b)
		case b < 0x7F:
			p.state = stGround
			t.escDispatch(b)
		}
	case stCSIEntry, stCSIParam:
		switch {
		case b < 0x20:
			t.execute(b)
		case b <= 0x2F:
			p.collect(b)
			p.state = stCSIInter
		case b <= '9' || b == ';' || b == ':':
			p.paramByte(b)
			p.state = stCSIParam
		case b <= 0x3F:
			if p.state == stCSIEntry {
				p.private = b
				p.state = stCSIParam
			} else {
				p.state = stCSIIgnore
			}
		case b < 0x7F:
			p.state = stGround
			t.csiDispatch(b)
		}
	case stCSIInter:
		switch {
		case b < 0x20:
			t.execute(b)
		case b <= 0x2F:
			p.collect(b)
		case b <= 0x3F:
			p.state = stCSIIgnore
		case b < 0x7F:
			p.state = stGround
			t.csiDispatch(b)
		}
	case stCSIIgnore:
		switch {
		case b < 0x20:
			t.execute(b)
		case b >= 0x40 && b < 0x7F:
			p.state = stGround
		}
	case stOSC:
		switch {
		case b == 0x07:
			t.oscEnd()
			p.state = stGround
		case b < 0x20:
			// other C0 controls are ignored inside the string
		default:
			p.strByte(b)
		}
	case stDCSEntry, stDCSParam:
		switch {
		case b < 0x20:
		case b <= 0x2F:
			p.collect(b)
			p.state = stDCSInter
		case b <= '9' || b == ';' || b == ':':
			p.paramByte(b)
			p.state = stDCSParam
		case b <= 0x3F:
			if p.state == stDCSEntry {
				p.private = b
				p.state = stDCSParam
			} else {
				p.state = stDCSIgnore
			}
		case b < 0x7F:
			p.final = b
			p.state = stDCSPass
		}
	case stDCSInter:
		switch {
		case b < 0x20:
		case b <= 0x2F:
			p.collect(b)
		case b <= 0x3F:
			p.state = stDCSIgnore
		case b < 0x7F:
			p.final = b
			p.state = stDCSPass
		}
	case stDCSPass:
		if b >= 0x20 || b == '\n' || b == '\r' || b == '\t' {
			p.strByte(b)
		}
	case stDCSIgnore, stSOS:
		// ignored until ST (ESC \), CAN or SUB
	}
}

func (t *Terminal) oscEnd() {
	p := &t.p
	if !p.strOver {
		t.oscDispatch(p.str)
	}
	p.str = p.str[:0]
	p.strOver = false
}

func (t *Terminal) dcsEnd() {
	p := &t.p
	if !p.strOver && p.ninter <= len(p.inter) {
		t.dcsDispatch(p.str)
	}
	p.str = p.str[:0]
	p.strOver = false
}

// printableEnd returns the index of the first byte at or after i that is
// not printable ASCII (0x20-0x7e), or len(p). It tests eight bytes at a
// time: text is most of what programs print.
func printableEnd(p []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(p); i += 8 {
		x := binary.LittleEndian.Uint64(p[i:])
		// A byte below 0x20 borrows into its high bit; one at or
		// above 0x7f has or gets its high bit set by adding 1.
		if ((x-0x20*ones)&^x|(x+ones)|x)&highs != 0 {
			break
		}
	}
	for i < len(p) && p[i] >= 0x20 && p[i] < 0x7f {
		i++
	}
	return i
}
