package vt

import (
	"encoding/binary"
	"slices"
)

// The history holds lines that scrolled off the top of the main screen,
// oldest first, bounded by the history limit. Each line is packed (see
// packLine), so a line of 80 ASCII characters costs about 82 bytes. Packed
// lines sit end to end in byte chunks of up to 64 KiB, with a 12-byte span
// each. Lines leave in the order they came, so chunks do too: a chunk is
// freed when its last line is evicted, and one emptied chunk is kept for
// the next lines, so a flood of output into a full history allocates
// nothing. Line bytes never move as the history grows (only spans are
// copied), so a long history holds no transient second copy of itself;
// replace, for a reflow, is the exception.

type history struct {
	// chunks are the live chunks, oldest first; chunks[i] has sequence
	// number base+i, and lines go into the last one at fill.
	chunks [][]byte
	base   uint32
	fill   int
	spare  []byte // an emptied chunk kept for the next one needed
	spans  []span // a ring: spans[start] is the oldest of n lines
	start  int
	n      int
	limit  int
}

// span locates one packed line: chunk is a sequence number (see base).
type span struct{ chunk, off, len uint32 }

const (
	minChunk = 4 << 10
	maxChunk = 64 << 10
)

func (h *history) len() int { return h.n }

// slot is where line i (0 is the oldest, up to n) sits in the spans ring.
func (h *history) slot(i int) int {
	j := h.start + i
	if j >= len(h.spans) {
		j -= len(h.spans)
	}
	return j
}

func (h *history) span(i int) span { return h.spans[h.slot(i)] }

// get returns line i (0 is the oldest). It aliases the chunk, so it stays
// valid only while the line is in the history, and only its flags byte
// may be changed in place.
func (h *history) get(i int) []byte {
	s := h.span(i)
	end := s.off + s.len
	return h.chunks[s.chunk-h.base][s.off:end:end]
}

func (h *history) clear() {
	*h = history{limit: h.limit}
}

// push adds packed line b (copied) as the newest line, evicting the oldest
// when the history is full.
func (h *history) push(b []byte) {
	if h.limit <= 0 {
		return
	}
	if h.n >= h.limit {
		h.dropOldest(h.n - h.limit + 1)
	}
	if len(h.chunks) == 0 || h.fill+len(b) > len(h.chunks[len(h.chunks)-1]) {
		h.newChunk(len(b))
	}
	if h.n == len(h.spans) {
		h.resizeSpans(min(max(64, 2*len(h.spans)), h.limit))
	}
	last := len(h.chunks) - 1
	h.spans[h.slot(h.n)] = span{h.base + uint32(last), uint32(h.fill), uint32(len(b))}
	h.n++
	h.fill += copy(h.chunks[last][h.fill:], b)
}

// newChunk starts a chunk with room for at least need bytes: twice the
// last one, between minChunk and maxChunk, so a short history stays small.
func (h *history) newChunk(need int) {
	size := minChunk
	if k := len(h.chunks); k > 0 {
		size = min(2*len(h.chunks[k-1]), maxChunk)
	}
	size = max(size, need)
	c := h.spare
	h.spare = nil
	if len(c) < size {
		c = make([]byte, size)
	}
	h.chunks = append(h.chunks, c)
	h.fill = 0
}

// dropOldest evicts the k oldest lines and frees the chunks they leave
// empty.
func (h *history) dropOldest(k int) {
	k = min(k, h.n)
	if k <= 0 {
		return
	}
	h.start = h.slot(k)
	h.n -= k
	if h.n == 0 {
		h.releaseChunks(len(h.chunks))
		h.start = 0
		return
	}
	h.releaseChunks(int(h.span(0).chunk - h.base))
}

// releaseChunks drops the k oldest chunks, keeping one for reuse.
func (h *history) releaseChunks(k int) {
	if k <= 0 {
		return
	}
	h.keepSpare(h.chunks[k-1])
	n := copy(h.chunks, h.chunks[k:])
	clear(h.chunks[n:])
	h.chunks = h.chunks[:n]
	h.base += uint32(k)
}

// keepSpare keeps emptied chunk c for reuse if it is the largest yet, up
// to maxChunk: a chunk made for one huge line is let go.
func (h *history) keepSpare(c []byte) {
	if len(c) > len(h.spare) && len(c) <= maxChunk {
		h.spare = c
	}
}

// resizeSpans moves the lines' spans into a ring of size.
func (h *history) resizeSpans(size int) {
	spans := make([]span, size)
	for i := 0; i < h.n; i++ {
		spans[i] = h.span(i)
	}
	h.spans, h.start = spans, 0
}

func (h *history) setLimit(n int) {
	h.limit = n
	if n <= 0 {
		h.clear()
		return
	}
	h.dropOldest(h.n - n)
	if len(h.spans) > max(n, 64) {
		h.resizeSpans(max(n, 64))
	}
}

// popNewest removes and returns the newest line; the result is valid until
// the next push.
func (h *history) popNewest() []byte {
	if h.n == 0 {
		return nil
	}
	b := h.get(h.n - 1)
	if h.n == 1 {
		h.dropOldest(1) // the oldest is the newest: empty
		return b
	}
	h.n--
	// Chunks after the new newest line's are gone; write after it.
	s := h.span(h.n - 1)
	keep := int(s.chunk-h.base) + 1
	for i := len(h.chunks) - 1; i >= keep; i-- {
		h.keepSpare(h.chunks[i])
	}
	clear(h.chunks[keep:])
	h.chunks = h.chunks[:keep]
	h.fill = int(s.off + s.len)
	return b
}

// replace swaps in a whole new list of lines (oldest first), keeping the
// newest that fit the limit. The lines may alias the old chunks: clear
// drops them all, spare included, so none is written over while copying;
// until the caller lets go of lines, both copies are held.
func (h *history) replace(lines [][]byte) {
	h.clear()
	if len(lines) > h.limit {
		lines = lines[len(lines)-max(h.limit, 0):]
	}
	for _, l := range lines {
		h.push(l)
	}
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
