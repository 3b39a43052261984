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
		v := p.param(i, 0)
		switch {
		case v == 0:
			link := s.Link
			s = Style{Link: link}
		case v == 1:
			s.Attrs |= AttrBold
		case v == 2:
			s.Attrs |= AttrDim
		case v == 3:
			s.Attrs |= AttrItalic
		case v == 4:
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
		case v == 5 || v == 6:
			s.Attrs |= AttrBlink
		case v == 7:
			s.Attrs |= AttrReverse
		case v == 8:
			s.Attrs |= AttrHidden
		case v == 9:
			s.Attrs |= AttrStrike
		case v == 21:
			s.Underline = UnderlineDouble
		case v == 22:
			s.Attrs &^= AttrBold | AttrDim
		case v == 23:
			s.Attrs &^= AttrItalic
		case v == 24:
			s.Underline = UnderlineNone
		case v == 25:
			s.Attrs &^= AttrBlink
		case v == 27:
			s.Attrs &^= AttrReverse
		case v == 28:
			s.Attrs &^= AttrHidden
		case v == 29:
			s.Attrs &^= AttrStrike
		case v >= 30 && v <= 37:
			s.Fg = IndexedColor(uint8(v - 30))
		case v == 38:
			c, next, ok := t.extColor(i)
			if ok {
				s.Fg = c
			}
			i = next
		case v == 39:
			s.Fg = DefaultColor
		case v >= 40 && v <= 47:
			s.Bg = IndexedColor(uint8(v - 40))
		case v == 48:
			c, next, ok := t.extColor(i)
			if ok {
				s.Bg = c
			}
			i = next
		case v == 49:
			s.Bg = DefaultColor
		case v == 53:
			s.Attrs |= AttrOverline
		case v == 55:
			s.Attrs &^= AttrOverline
		case v == 58:
			c, next, ok := t.extColor(i)
			if ok {
				s.UnderlineColor = c
			}
			i = next
		case v == 59:
			s.UnderlineColor = DefaultColor
		case v >= 90 && v <= 97:
			s.Fg = IndexedColor(uint8(v - 90 + 8))
		case v >= 100 && v <= 107:
			s.Bg = IndexedColor(uint8(v - 100 + 8))
		default:
			// Skip unknown parameters with their sub-parameters.
			for i+1 < p.nparams && p.isSub(i+1) {
				i++
			}
		}
	}
	if s != t.cur.style {
		t.setStyle(s)
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
