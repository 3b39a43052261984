package vt

import (
	"encoding/binary"
	"slices"
)

// The history holds lines that scrolled off the top of the main screen,
// oldest first, bounded by the history limit. Each line is packed (see
// packLine), so a line of 80 ASCII characters costs about 82 bytes, and
// the packed lines sit end to end in one circular byte arena with an
// 8-byte span each: pushing a line in a full history reuses the oldest
// line's bytes, so a flood of output allocates nothing and gives the
// garbage collector nothing to do.

type history struct {
	arena []byte
	spans []span // a ring: spans[start] is the oldest of n lines
	start int
	n     int
	head  int // where the next line goes in arena
	limit int
}

// span locates one packed line in the arena.
type span struct{ off, len uint32 }

// maxArena bounds the arena so that span offsets fit in 32 bits; a history
// that would need more drops its oldest lines instead.
const maxArena = 1 << 31

func (h *history) len() int { return h.n }

func (h *history) span(i int) span {
	j := h.start + i
	if j >= len(h.spans) {
		j -= len(h.spans)
	}
	return h.spans[j]
}

// get returns line i (0 is the oldest). It aliases the arena: it is valid
// until the next push, and only its flags byte may be changed in place.
func (h *history) get(i int) []byte {
	s := h.span(i)
	end := s.off + s.len
	return h.arena[s.off:end:end]
}

func (h *history) clear() {
	*h = history{limit: h.limit}
}

// push adds packed line b (copied) as the newest line, evicting the oldest
// when the history is full.
func (h *history) push(b []byte) {
	if h.limit <= 0 || len(b) >= maxArena {
		return
	}
	if h.n >= h.limit {
		h.dropOldest(h.n - h.limit + 1)
	}
	grown := false
	for {
		if off, ok := h.room(len(b)); ok {
			if h.n == len(h.spans) {
				h.growSpans()
			}
			j := h.start + h.n
			if j >= len(h.spans) {
				j -= len(h.spans)
			}
			h.spans[j] = span{uint32(off), uint32(len(b))}
			h.n++
			h.head = off + copy(h.arena[off:], b)
			return
		}
		if !grown && (h.n == 0 || h.bytesUsed()+len(b) < maxArena/2) {
			// Rebuilding lays the lines end to end with slack after
			// them, so the line fits now.
			h.rebuild(len(b), h.n)
			grown = true
			continue
		}
		h.dropOldest(1)
	}
}

// room finds n contiguous free bytes at the head of the arena, wrapping to
// its start when the end is taken.
func (h *history) room(n int) (int, bool) {
	if h.n == 0 {
		return 0, n <= len(h.arena)
	}
	tail := int(h.span(0).off)
	if h.head > tail {
		// Lines occupy [tail, head): free space is after head and
		// before tail.
		if len(h.arena)-h.head >= n {
			return h.head, true
		}
		return 0, tail >= n
	}
	// Wrapped: lines occupy [tail, end) and [0, head).
	return h.head, tail-h.head >= n
}

func (h *history) dropOldest(k int) {
	k = min(k, h.n)
	h.start += k
	if h.start >= len(h.spans) && len(h.spans) > 0 {
		h.start -= len(h.spans)
	}
	h.n -= k
	if h.n == 0 {
		h.start, h.head = 0, 0
	}
}

// bytesUsed is the total size of the lines held.
func (h *history) bytesUsed() int {
	total := 0
	for i := 0; i < h.n; i++ {
		total += int(h.span(i).len)
	}
	return total
}

func (h *history) growSpans() {
	size := min(max(64, 2*len(h.spans)), max(h.limit, 1))
	spans := make([]span, size)
	for i := 0; i < h.n; i++ {
		spans[i] = h.span(i)
	}
	h.spans, h.start = spans, 0
}

// rebuild copies the newest keep lines, end to end, into a new arena with
// room for extra more bytes and some slack, and a span ring sized for them.
func (h *history) rebuild(extra, keep int) {
	keep = min(keep, h.n)
	first := h.n - keep
	total := 0
	for i := first; i < h.n; i++ {
		total += int(h.span(i).len)
	}
	size := total + extra
	if size < 1<<20 {
		size += size / 2
	} else {
		size += size / 4
	}
	size = min(max(size, 4096), maxArena)
	arena := make([]byte, size)
	spans := make([]span, min(max(64, keep+keep/2), max(h.limit, keep, 1)))
	off := 0
	for i := first; i < h.n; i++ {
		s := h.span(i)
		copy(arena[off:], h.arena[s.off:s.off+s.len])
		spans[i-first] = span{uint32(off), s.len}
		off += int(s.len)
	}
	h.arena, h.spans = arena, spans
	h.start, h.n, h.head = 0, keep, off
}

func (h *history) setLimit(n int) {
	h.limit = n
	if n <= 0 {
		h.clear()
		return
	}
	if h.n > n || len(h.spans) > max(n, 64) {
		h.rebuild(0, max(n, 0))
	}
}

// popNewest removes and returns the newest line; the result is valid until
// the next push.
func (h *history) popNewest() []byte {
	if h.n == 0 {
		return nil
	}
	b := h.get(h.n - 1)
	h.head = int(h.span(h.n - 1).off)
	h.n--
	if h.n == 0 {
		h.start, h.head = 0, 0
	}
	return b
}

// replace swaps in a whole new list of lines (oldest first), keeping the
// newest that fit the limit.
func (h *history) replace(lines [][]byte) {
	if len(lines) > h.limit {
		lines = lines[len(lines)-max(h.limit, 0):]
	}
	*h = history{limit: h.limit}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if len(lines) == 0 || total >= maxArena {
		return
	}
	h.arena = make([]byte, 0, total+total/4)
	h.spans = make([]span, max(len(lines), min(64, h.limit)))
	for i, l := range lines {
		h.spans[i] = span{uint32(len(h.arena)), uint32(len(l))}
		h.arena = append(h.arena, l...)
	}
	h.n, h.head = len(lines), len(h.arena)
	h.arena = h.arena[:cap(h.arena)]
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
