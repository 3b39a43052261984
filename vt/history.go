package vt

import (
	"encoding/binary"
	"slices"
)

// The history holds lines that scrolled off the top of the main screen,
// oldest first, in a ring bounded by the history limit. Each line is packed
// into one []byte (see packLine), so a line of 80 ASCII characters costs
// about 82 bytes plus its slice header, not 80 Cells.

type history struct {
	ring  [][]byte
	start int // index in ring of the oldest line
	n     int
	limit int
}

func (h *history) len() int { return h.n }

func (h *history) get(i int) []byte {
	return h.ring[(h.start+i)%len(h.ring)]
}

func (h *history) clear() {
	h.ring = nil
	h.start, h.n = 0, 0
}

// push adds packed line b (copied) as the newest line, reusing the buffer of
// the line it evicts when the history is full.
func (h *history) push(b []byte) {
	if h.limit <= 0 {
		return
	}
	if h.n < h.limit {
		if h.n == len(h.ring) {
			h.grow()
		}
		h.ring[(h.start+h.n)%len(h.ring)] = clone(nil, b)
		h.n++
		return
	}
	i := h.start
	h.ring[i] = clone(h.ring[i], b)
	h.start = (h.start + 1) % len(h.ring)
}

// clone copies b into old's storage if it fits without wasting much.
func clone(old, b []byte) []byte {
	if cap(old) >= len(b) && cap(old) <= 4*len(b)+256 {
		return append(old[:0], b...)
	}
	n := len(b)
	if old != nil {
		n += n / 4 // a reused slot gets room to stay reusable
	}
	n = (n + 31) &^ 31
	return append(make([]byte, 0, n), b...)
}

func (h *history) grow() {
	size := 2 * len(h.ring)
	if size < 64 {
		size = 64
	}
	if size > h.limit {
		size = h.limit
	}
	h.relinearize(size)
}

// relinearize copies the newest min(n, size) lines into a ring of size.
func (h *history) relinearize(size int) {
	keep := h.n
	if keep > size {
		keep = size
	}
	ring := make([][]byte, size)
	for i := 0; i < keep; i++ {
		ring[i] = h.get(h.n - keep + i)
	}
	h.ring = ring
	h.start = 0
	h.n = keep
}

func (h *history) setLimit(n int) {
	h.limit = n
	if h.n > n || len(h.ring) > n {
		h.relinearize(n)
	}
}

// popNewest removes and returns the newest line.
func (h *history) popNewest() []byte {
	if h.n == 0 {
		return nil
	}
	b := h.get(h.n - 1)
	h.ring[(h.start+h.n-1)%len(h.ring)] = nil
	h.n--
	return b
}

// replace swaps in a whole new list of lines (oldest first), keeping the
// newest that fit the limit.
func (h *history) replace(lines [][]byte) {
	if len(lines) > h.limit {
		lines = lines[len(lines)-h.limit:]
	}
	size := len(lines)
	if size < 64 {
		size = 64
	}
	if size > h.limit {
		size = h.limit
	}
	h.ring = make([][]byte, size)
	copy(h.ring, lines)
	h.start = 0
	h.n = len(lines)
}

// Packed line format:
//
//	flags byte (bit 0: wrapped)
//	uvarint: number of columns encoded (trailing default blanks trimmed)
//	uvarint: columns used (see line.used)
//	then cells, each one of:
//	  0x00                    a blank cell
//	  0x01 style              the following cells use style (see appendStyle)
//	  0x02                    the next character is wide (2 columns)
//	  0x03 len bytes          a multi-rune grapheme cluster
//	  UTF-8 of a rune >= 0x20 a character
const (
	pkBlank   = 0x00
	pkStyle   = 0x01
	pkWide    = 0x02
	pkCluster = 0x03
)

// packLine appends the packed form of cells to dst.
func (t *Terminal) packLine(dst []byte, cells []Cell, wrapped bool, used int) []byte {
	n := len(cells)
	if !wrapped {
		for n > 0 && cells[n-1] == blankCell {
			n--
		}
	}
	used = min(used, len(cells))
	n = max(n, used)
	var flags byte
	if wrapped {
		flags = 1
	}
	dst = append(dst, flags)
	dst = binary.AppendUvarint(dst, uint64(n))
	dst = binary.AppendUvarint(dst, uint64(used))
	var cur StyleID
	dst = slices.Grow(dst, n)
	for i := 0; i < n; i++ {
		c := cells[i]
		if c.Style == cur && c.Width == 1 && uint32(c.Rune-0x20) < 0x60 {
			// Fast path: a run of printable ASCII in the current style,
			// written straight into dst's spare capacity.
			dst = slices.Grow(dst, n-i)
			k := len(dst)
			run := cells[i:n]
			out := dst[k : k+len(run)]
			m := 0
			for _, c := range run {
				if c.Style != cur || c.Width != 1 || uint32(c.Rune-0x20) >= 0x60 {
					break
				}
				out[m] = byte(c.Rune)
				m++
			}
			dst = dst[:k+m]
			i += m - 1
			continue
		}
		if c.Width == 0 {
			continue // right half of a wide character
		}
		if c.Style != cur {
			cur = c.Style
			dst = append(dst, pkStyle)
			if cur == 0 {
				dst = append(dst, zeroStyle[:]...)
			} else {
				dst = appendStyle(dst, t.styles.get(cur))
			}
		}
		if c.Width == 2 {
			dst = append(dst, pkWide)
		}
		switch r := c.Rune; {
		case r == 0:
			dst = append(dst, pkBlank)
		case r < 0x80:
			dst = append(dst, byte(r))
		case r > maxRune:
			s := t.clusters.get(r)
			dst = append(dst, pkCluster, byte(len(s)))
			dst = append(dst, s...)
		case r < 0x800:
			dst = append(dst, 0xc0|byte(r>>6), 0x80|byte(r)&0x3f)
		case r < 0xd800 || (r > 0xdfff && r < 0x10000):
			dst = append(dst, 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f)
		default:
			dst = appendUTF8(dst, r)
		}
	}
	return dst
}

// zeroStyle is appendStyle's encoding of the default Style.
var zeroStyle = [6]byte{}

func appendStyle(dst []byte, s Style) []byte {
	dst = appendUvarint32(dst, uint32(s.Fg))
	dst = appendUvarint32(dst, uint32(s.Bg))
	dst = appendUvarint32(dst, uint32(s.UnderlineColor))
	dst = appendUvarint32(dst, uint32(s.Attrs))
	dst = append(dst, byte(s.Underline))
	dst = appendUvarint32(dst, s.Link)
	return dst
}

// appendUvarint32 is binary.AppendUvarint for 32-bit values, with the
// common sizes unrolled: 0 (default colours) and 4 bytes (palette and RGB
// colours, whose kind byte sets bit 24 or 25).
func appendUvarint32(dst []byte, v uint32) []byte {
	switch {
	case v < 0x80:
		return append(dst, byte(v))
	case v >= 1<<21 && v < 1<<28:
		return append(dst, byte(v)|0x80, byte(v>>7)|0x80, byte(v>>14)|0x80, byte(v>>21))
	}
	return binary.AppendUvarint(dst, uint64(v))
}

func readStyle(b []byte) (Style, []byte) {
	var s Style
	var v uint64
	v, b = uvarint(b)
	s.Fg = Color(v)
	v, b = uvarint(b)
	s.Bg = Color(v)
	v, b = uvarint(b)
	s.UnderlineColor = Color(v)
	v, b = uvarint(b)
	s.Attrs = Attr(v)
	if len(b) > 0 {
		s.Underline = UnderlineStyle(b[0])
		b = b[1:]
	}
	v, b = uvarint(b)
	s.Link = uint32(v)
	return s, b
}

func uvarint(b []byte) (uint64, []byte) {
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, nil
	}
	return v, b[n:]
}

// packedInfo returns a packed line's wrapped flag and encoded width.
func packedInfo(b []byte) (wrapped bool, width int) {
	if len(b) == 0 {
		return false, 0
	}
	v, _ := uvarint(b[1:])
	return b[0]&1 != 0, int(v)
}

// packedUsed returns a packed line's used columns.
func packedUsed(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	_, rest := uvarint(b[1:])
	v, _ := uvarint(rest)
	return int(v)
}

// unpackFirst decodes only the first character of packed line b.
func (t *Terminal) unpackFirst(b []byte, dst []Cell) ([]Cell, bool) {
	return t.unpack(b, dst, 1)
}

// unpackLine appends the cells of packed line b to dst (only the used
// width; callers pad).
func (t *Terminal) unpackLine(b []byte, dst []Cell) ([]Cell, bool) {
	return t.unpack(b, dst, -1)
}

// unpack decodes at most limit characters (all if limit < 0).
func (t *Terminal) unpack(b []byte, dst []Cell, limit int) ([]Cell, bool) {
	if len(b) == 0 {
		return dst, false
	}
	wrapped := b[0]&1 != 0
	_, b = uvarint(b[1:])
	_, b = uvarint(b)
	var sid StyleID
	wide := false
	for len(b) > 0 && limit != 0 {
		c := b[0]
		var r rune
		switch c {
		case pkStyle:
			var s Style
			s, b = readStyle(b[1:])
			sid = t.internKeep(s)
			continue
		case pkWide:
			wide = true
			b = b[1:]
			continue
		case pkBlank:
			b = b[1:]
		case pkCluster:
			if len(b) < 2 || len(b) < 2+int(b[1]) {
				b = nil
				continue
			}
			n := int(b[1])
			r = t.internClusterKeep(b[2 : 2+n])
			b = b[2+n:]
		default:
			if c < 0x80 {
				r = rune(c)
				b = b[1:]
			} else {
				var n int
				r, n = decodeRune(b)
				b = b[n:]
			}
		}
		limit--
		if wide {
			dst = append(dst, Cell{Rune: r, Style: sid, Width: 2}, Cell{Style: sid})
			wide = false
		} else {
			dst = append(dst, Cell{Rune: r, Style: sid, Width: 1})
		}
	}
	return dst, wrapped
}
