package vt

// Capture appends lines Start..End as tmux's capture-pane -p does: each line
// up to its last written cell (cells only erased do not count), trailing
// spaces trimmed unless Join or KeepTrailing, each line followed by '\n'
// unless Join and the line wraps into the next. With Escapes, SGR sequences
// are emitted the way tmux 3.3a does: attributes in one sequence (starting
// with 0 when any attribute is removed), then foreground, background and
// underline colour each in their own sequence when changed; the state
// carries across lines.
func (t *Terminal) Capture(dst []byte, o CaptureOptions) []byte {
	start, end := o.Start, o.End
	if end < start {
		start, end = end, start
	}
	lo := -t.hist.len()
	start = min(max(start, lo), t.rows-1)
	end = min(max(end, lo), t.rows-1)
	var last Style
	var cells []Cell
	for row := start; row <= end; row++ {
		var wrapped bool
		cells, wrapped = t.LineCells(row, cells[:0])
		n := min(t.lineUsed(row), len(cells))
		lineStart := len(dst)
		for _, c := range cells[:n] {
			if c.Width == 0 {
				continue
			}
			if o.Escapes {
				s := t.styles.get(c.Style)
				if s != last {
					dst = appendStyleChange(dst, last, s)
					last = s
				}
			}
			dst = t.appendRune(dst, c.Rune)
		}
		if !o.Join && !o.KeepTrailing {
			for len(dst) > lineStart && dst[len(dst)-1] == ' ' {
				dst = dst[:len(dst)-1]
			}
		}
		if !o.Join || !wrapped {
			dst = append(dst, '\n')
		}
	}
	return dst
}

// lineUsed is the number of written columns of line row (see line.used).
func (t *Terminal) lineUsed(row int) int {
	if row >= 0 {
		return t.scr.lines[row].used
	}
	return packedUsed(t.hist.get(t.hist.len() + row))
}

var captureAttrs = [...]struct {
	a    Attr
	u    UnderlineStyle
	code string
}{
	{a: AttrBold, code: "1"},
	{a: AttrDim, code: "2"},
	{a: AttrItalic, code: "3"},
	{u: UnderlineSingle, code: "4"},
	{a: AttrBlink, code: "5"},
	{a: AttrReverse, code: "7"},
	{a: AttrHidden, code: "8"},
	{a: AttrStrike, code: "9"},
	{u: UnderlineDouble, code: "4:2"},
	{u: UnderlineCurly, code: "4:3"},
	{u: UnderlineDotted, code: "4:4"},
	{u: UnderlineDashed, code: "4:5"},
	{a: AttrOverline, code: "53"},
}

func hasAttr(s Style, i int) bool {
	a := captureAttrs[i]
	if a.u != 0 {
		return s.Underline == a.u
	}
	return s.Attrs&a.a != 0
}

// appendStyleChange appends the SGR sequences that change from old to s,
// as tmux's grid_string_cells_code does.
func appendStyleChange(dst []byte, old, s Style) []byte {
	// Dropping the underline colour also starts with 0, as tmux does.
	reset := old.UnderlineColor != 0 && s.UnderlineColor == 0
	for i := range captureAttrs {
		if reset || (hasAttr(old, i) && !hasAttr(s, i)) {
			reset = true
			break
		}
	}
	n := 0
	if reset {
		dst = append(dst, "\x1b[0"...)
		n++
	}
	for i := range captureAttrs {
		if hasAttr(s, i) && (reset || !hasAttr(old, i)) {
			if n == 0 {
				dst = append(dst, "\x1b["...)
			} else {
				dst = append(dst, ';')
			}
			dst = append(dst, captureAttrs[i].code...)
			n++
		}
	}
	if n > 0 {
		dst = append(dst, 'm')
	}
	dst = appendColorChange(dst, old.Fg, s.Fg, 30, 90, 38, 39, reset)
	dst = appendColorChange(dst, old.Bg, s.Bg, 40, 100, 48, 49, reset)
	dst = appendColorChange(dst, old.UnderlineColor, s.UnderlineColor, -1, -1, 58, -1, reset)
	return dst
}

func appendColorChange(dst []byte, old, c Color, base, bright, ext, def int, reset bool) []byte {
	if c == old && !reset {
		return dst
	}
	if c.Kind() == ColorDefault && def < 0 {
		return dst
	}
	dst = append(dst, "\x1b["...)
	if c.Kind() == ColorDefault {
		dst = appendInt(dst, def)
		dst = append(dst, ';')
	} else {
		dst = appendColorSGR(dst, c, base, bright, ext)
	}
	dst[len(dst)-1] = 'm'
	return dst
}
