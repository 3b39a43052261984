package vt

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
)

// oscDispatch runs OSC Ps ; Pt (BEL or ST). Unknown or malformed strings are
// ignored.
func (t *Terminal) oscDispatch(data []byte) {
	ps, pt, _ := bytes.Cut(data, []byte{';'})
	n, err := strconv.Atoi(string(ps))
	if err != nil {
		return
	}
	switch n {
	case 0, 2:
		t.setTitle(pt)
	case 7:
		t.setCwd(pt)
	case 8:
		t.setHyperlink(pt)
	case 52:
		t.setClipboard(pt)
	case 4:
		t.setPalette(pt)
	case 104:
		t.resetPalette(pt)
	case 10, 11:
		t.queryColor(n, pt)
	}
}

// SetTitle: OSC 0 ; Pt and OSC 2 ; Pt.
func (t *Terminal) setTitle(b []byte) {
	s := strings.ToValidUTF8(string(b), "\ufffd")
	if s != t.title {
		t.title = s
		t.changed()
	}
}

// SetCwd: OSC 7 ; file://host/path. Keeps the path part, percent-decoded.
func (t *Terminal) setCwd(b []byte) {
	s := string(b)
	if rest, ok := strings.CutPrefix(s, "file://"); ok {
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			s = rest[i:]
		} else {
			s = "/"
		}
	}
	if u, err := unescapePath(s); err == nil {
		s = u
	}
	t.cwd = strings.ToValidUTF8(s, "\ufffd")
}

func unescapePath(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", err
			}
			b.WriteByte(byte(v))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

// Hyperlink: OSC 8 ; params ; URI. An empty URI ends the link. Cells written
// meanwhile carry the link in Style.Link.
func (t *Terminal) setHyperlink(b []byte) {
	params, uri, ok := bytes.Cut(b, []byte{';'})
	if !ok {
		return
	}
	s := t.cur.style
	if len(uri) == 0 {
		s.Link = 0
	} else {
		id := ""
		for _, kv := range bytes.Split(params, []byte{':'}) {
			if v, ok := bytes.CutPrefix(kv, []byte("id=")); ok {
				id = string(v)
			}
		}
		u := string(uri)
		key := u
		if id != "" {
			key = id + "\x00" + u
		}
		s.Link = t.links.add(key, u, t.linksInUse)
	}
	if s != t.cur.style {
		t.setStyle(s)
	}
}

// cursors are the cursor and the two saved ones (DECSC): their styles are
// in use though no cell may show them yet.
func (t *Terminal) cursors() [3]*cursorState {
	return [...]*cursorState{&t.cur, &t.savedMain, &t.savedAlt}
}

// linksInUse returns the link ids that interned styles (every cell's
// style is one) and the cursors hold.
func (t *Terminal) linksInUse() map[uint32]bool {
	live := make(map[uint32]bool)
	for _, s := range t.styles.list {
		if s.Link != 0 {
			live[s.Link] = true
		}
	}
	for _, c := range t.cursors() {
		if c.style.Link != 0 {
			live[c.style.Link] = true
		}
	}
	return live
}

// Clipboard: OSC 52 ; Pc ; Pd. Pd is base64; "?" (a query) is ignored.
func (t *Terminal) setClipboard(b []byte) {
	sel, data, ok := bytes.Cut(b, []byte{';'})
	if !ok || t.opts.Clipboard == nil || bytes.Equal(data, []byte("?")) {
		return
	}
	data = bytes.TrimRight(data, "=")
	dec := make([]byte, base64.RawStdEncoding.DecodedLen(len(data)))
	n, err := base64.RawStdEncoding.Decode(dec, data)
	if err != nil {
		return
	}
	if len(sel) == 0 {
		sel = []byte("s0")
	}
	t.opts.Clipboard(string(sel), dec[:n])
}

// SetPalette: OSC 4 ; c ; spec [; c ; spec ...]. A spec of "?" queries.
func (t *Terminal) setPalette(b []byte) {
	parts := bytes.Split(b, []byte{';'})
	for i := 0; i+1 < len(parts); i += 2 {
		n, err := strconv.Atoi(string(parts[i]))
		if err != nil || n < 0 || n > 255 {
			continue
		}
		if string(parts[i+1]) == "?" {
			c := t.paletteColor(n)
			r := t.scratch[:0]
			r = append(r, "\x1b]4;"...)
			r = appendInt(r, n)
			r = append(r, ';')
			r = appendRGBSpec(r, c)
			r = append(r, "\x1b\\"...)
			t.scratch = r
			t.reply(r)
			continue
		}
		if c, ok := parseColorSpec(string(parts[i+1])); ok {
			if t.palette == nil {
				t.palette = new(paletteOverrides)
			}
			t.palette[n] = c
			t.changed()
		}
	}
}

// ResetPalette: OSC 104 [; c ...]. Resets listed entries, or all.
func (t *Terminal) resetPalette(b []byte) {
	t.changed()
	if len(b) == 0 || t.palette == nil {
		t.palette = nil
		return
	}
	for _, p := range bytes.Split(b, []byte{';'}) {
		if n, err := strconv.Atoi(string(p)); err == nil && n >= 0 && n <= 255 {
			t.palette[n] = 0
		}
	}
}

// paletteColor is palette entry n as 24-bit colour (xterm defaults unless
// changed by OSC 4).
func (t *Terminal) paletteColor(n int) Color {
	if p := t.palette; p != nil && p[n] != 0 {
		return p[n]
	}
	return xtermColor(n)
}

func xtermColor(n int) Color {
	base := [16][3]uint8{
		{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0},
		{0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0},
		{92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	}
	switch {
	case n < 16:
		return RGBColor(base[n][0], base[n][1], base[n][2])
	case n < 232:
		n -= 16
		v := func(i int) uint8 {
			if i == 0 {
				return 0
			}
			return uint8(55 + 40*i)
		}
		return RGBColor(v(n/36), v(n/6%6), v(n%6))
	default:
		g := uint8(8 + 10*(n-232))
		return RGBColor(g, g, g)
	}
}

// parseColorSpec parses rgb:r/g/b (1-4 hex digits each) and #rrggbb.
func parseColorSpec(s string) (Color, bool) {
	if rest, ok := strings.CutPrefix(s, "rgb:"); ok {
		parts := strings.Split(rest, "/")
		if len(parts) != 3 {
			return 0, false
		}
		var v [3]uint8
		for i, p := range parts {
			if len(p) < 1 || len(p) > 4 {
				return 0, false
			}
			x, err := strconv.ParseUint(p, 16, 16)
			if err != nil {
				return 0, false
			}
			maxv := uint64(1)<<(4*len(p)) - 1
			v[i] = uint8(x * 255 / maxv)
		}
		return RGBColor(v[0], v[1], v[2]), true
	}
	if len(s) == 7 && s[0] == '#' {
		x, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return 0, false
		}
		return RGBColor(uint8(x>>16), uint8(x>>8), uint8(x)), true
	}
	return 0, false
}

func appendRGBSpec(b []byte, c Color) []byte {
	r, g, bl := c.RGB()
	const hex = "0123456789abcdef"
	b = append(b, "rgb:"...)
	for i, v := range [3]uint8{r, g, bl} {
		if i > 0 {
			b = append(b, '/')
		}
		b = append(b, hex[v>>4], hex[v&15], hex[v>>4], hex[v&15])
	}
	return b
}

// QueryColor: OSC 10 ; ? and OSC 11 ; ? report the default foreground and
// background; OSC 10/11 with a colour spec sets them.
func (t *Terminal) queryColor(n int, b []byte) {
	if string(b) != "?" {
		if c, ok := parseColorSpec(string(b)); ok {
			t.defColors[n-10] = c
			t.defColorSet[n-10] = true
		}
		return
	}
	c := RGBColor(0xe5, 0xe5, 0xe5)
	if n == 11 {
		c = RGBColor(0, 0, 0)
	}
	if t.defColorSet[n-10] {
		c = t.defColors[n-10]
	}
	r := t.scratch[:0]
	r = append(r, "\x1b]"...)
	r = appendInt(r, n)
	r = append(r, ';')
	r = appendRGBSpec(r, c)
	r = append(r, "\x1b\\"...)
	t.scratch = r
	t.reply(r)
}
