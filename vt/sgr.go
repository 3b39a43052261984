package vt

// SelectGraphicRendition (SGR): CSI Pm m. Sets text attributes and colours.
// Both ';' and ':' forms of extended colours are accepted: 38;5;n,
// 38:5:n, 38;2;r;g;b, 38:2:r:g:b and 38:2::r:g:b (also 48 and 58).
// Underline styles: 4:0 .. 4:5, and 21 for double.
func (t *Terminal) selectGraphicRendition() {
	p := &t.p
	s := t.cur.style
	n := p.nparams
	if n == 0 {
		n = 1
	}
	for i := 0; i < n; i++ {
		v := 0
		if i < p.nparams && p.params[i] > 0 {
			v = int(p.params[i])
		}
		switch v {
		case 0:
			link := s.Link
			s = Style{Link: link}
		case 1:
			s.Attrs |= AttrBold
		case 2:
			s.Attrs |= AttrDim
		case 3:
			s.Attrs |= AttrItalic
		case 4:
			if i+1 < p.nparams && p.isSub(i+1) {
				u := p.param(i+1, 1)
				if u <= int(UnderlineDashed) {
					s.Underline = UnderlineStyle(u)
				}
				i++
				for i+1 < p.nparams && p.isSub(i+1) {
					i++
				}
			} else {
				s.Underline = UnderlineSingle
			}
		case 5, 6:
			s.Attrs |= AttrBlink
		case 7:
			s.Attrs |= AttrReverse
		case 8:
			s.Attrs |= AttrHidden
		case 9:
			s.Attrs |= AttrStrike
		case 21:
			s.Underline = UnderlineDouble
		case 22:
			s.Attrs &^= AttrBold | AttrDim
		case 23:
			s.Attrs &^= AttrItalic
		case 24:
			s.Underline = UnderlineNone
		case 25:
			s.Attrs &^= AttrBlink
		case 27:
			s.Attrs &^= AttrReverse
		case 28:
			s.Attrs &^= AttrHidden
		case 29:
			s.Attrs &^= AttrStrike
		case 30, 31, 32, 33, 34, 35, 36, 37:
			s.Fg = IndexedColor(uint8(v - 30))
		case 38:
			c, next, ok := t.extColor(i)
			if ok {
				s.Fg = c
			}
			i = next
		case 39:
			s.Fg = DefaultColor
		case 40, 41, 42, 43, 44, 45, 46, 47:
			s.Bg = IndexedColor(uint8(v - 40))
		case 48:
			c, next, ok := t.extColor(i)
			if ok {
				s.Bg = c
			}
			i = next
		case 49:
			s.Bg = DefaultColor
		case 53:
			s.Attrs |= AttrOverline
		case 55:
			s.Attrs &^= AttrOverline
		case 58:
			c, next, ok := t.extColor(i)
			if ok {
				s.UnderlineColor = c
			}
			i = next
		case 59:
			s.UnderlineColor = DefaultColor
		case 90, 91, 92, 93, 94, 95, 96, 97:
			s.Fg = IndexedColor(uint8(v - 90 + 8))
		case 100, 101, 102, 103, 104, 105, 106, 107:
			s.Bg = IndexedColor(uint8(v - 100 + 8))
		default:
			// Skip unknown parameters with their sub-parameters.
			for i+1 < p.nparams && p.isSub(i+1) {
				i++
			}
		}
	}
	if !styleEq(&s, &t.cur.style) {
		t.setStylep(&s)
	}
}

// extColor parses the colour after 38/48/58 at params[i]. It returns the
// colour, the index of the last parameter consumed and whether it is valid.
func (t *Terminal) extColor(i int) (Color, int, bool) {
	p := &t.p
	if i+1 >= p.nparams {
		return 0, i, false
	}
	if p.isSub(i + 1) {
		// Colon form: count the sub-parameters.
		j := i + 1
		for j+1 < p.nparams && p.isSub(j+1) {
			j++
		}
		nsub := j - i // parameters after 38
		switch p.param(i+1, -1) {
		case 5:
			if nsub >= 2 {
				v := p.param(i+2, -1)
				if v >= 0 && v <= 255 {
					return IndexedColor(uint8(v)), j, true
				}
			}
		case 2:
			k := i + 2
			if nsub >= 5 {
				k = i + 3 // 38:2:colourspace:r:g:b
			}
			if nsub >= 4 {
				r, g, b := p.param(k, 0), p.param(k+1, 0), p.param(k+2, 0)
				if r <= 255 && g <= 255 && b <= 255 {
					return RGBColor(uint8(r), uint8(g), uint8(b)), j, true
				}
			}
		}
		return 0, j, false
	}
	switch p.param(i+1, -1) {
	case 5:
		if i+2 < p.nparams {
			v := p.param(i+2, -1)
			if v >= 0 && v <= 255 {
				return IndexedColor(uint8(v)), i + 2, true
			}
		}
		return 0, min(i+2, p.nparams-1), false
	case 2:
		if i+4 < p.nparams {
			r, g, b := p.param(i+2, 0), p.param(i+3, 0), p.param(i+4, 0)
			if r <= 255 && g <= 255 && b <= 255 {
				return RGBColor(uint8(r), uint8(g), uint8(b)), i + 4, true
			}
		}
		return 0, min(i+4, p.nparams-1), false
	}
	return 0, i + 1, false
}
