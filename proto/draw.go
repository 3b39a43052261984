package proto

import "encoding/binary"

// A Draw payload updates part of the client's screen:
//
//	flags u8 | cursor col u16 | cursor row u16 | cursor visible u8 | cursor shape u8
//	then runs to the end of the payload:
//	row u16 | col u16 | Style (15 bytes) | link string | cell count u16 | cells
//	each cell: one byte width<<6 | len, then len bytes of UTF-8 (len 0 = a space)
//
// A run is a stretch of one row in one style. Wide characters take one
// cell entry of width 2 and advance the column by two.

// Draw flags.
const (
	DrawClear uint8 = 1 << iota // clear the screen before applying the runs
)

// Style is a cell style on the wire. Colours use package vt's packing:
// 0 default, 1<<24|n palette index, 2<<24|rgb true colour. Attrs and
// Underline use package vt's bits and values.
type Style struct {
	Fg, Bg, Underline Color
	Attrs             uint16
	UnderlineStyle    uint8
}

// Color is a packed colour (see Style).
type Color uint32

const styleSize = 15

// Cursor is the cursor of a Draw.
type Cursor struct {
	Col, Row uint16
	Visible  bool
	Shape    uint8
}

// AppendDrawHeader starts a Draw payload.
func AppendDrawHeader(dst []byte, flags uint8, c Cursor) []byte {
	dst = append(dst, flags)
	dst = binary.BigEndian.AppendUint16(dst, c.Col)
	dst = binary.BigEndian.AppendUint16(dst, c.Row)
	return append(dst, boolByte(c.Visible), c.Shape)
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// BeginRun starts a run and returns the offset of its cell count, to be
// passed to EndRun once the cells are appended.
func BeginRun(dst []byte, row, col uint16, st Style, link string) ([]byte, int) {
	dst = binary.BigEndian.AppendUint16(dst, row)
	dst = binary.BigEndian.AppendUint16(dst, col)
	dst = binary.BigEndian.AppendUint32(dst, uint32(st.Fg))
	dst = binary.BigEndian.AppendUint32(dst, uint32(st.Bg))
	dst = binary.BigEndian.AppendUint32(dst, uint32(st.Underline))
	dst = binary.BigEndian.AppendUint16(dst, st.Attrs)
	dst = append(dst, st.UnderlineStyle)
	dst = appendString(dst, link)
	at := len(dst)
	return append(dst, 0, 0), at
}

// EndRun records that the run begun at offset at holds n cells.
func EndRun(dst []byte, at int, n int) {
	binary.BigEndian.PutUint16(dst[at:], uint16(n))
}

// MaxCellText is the longest text one cell may carry; longer grapheme
// clusters are cut by the sender.
const MaxCellText = 63

// AppendCell appends one cell of a run. A blank cell has empty text.
func AppendCell(dst []byte, text []byte, width uint8) []byte {
	if len(text) > MaxCellText {
		text = text[:MaxCellText]
	}
	if len(text) == 1 && text[0] == ' ' {
		text = nil
	}
	dst = append(dst, width<<6|uint8(len(text)))
	return append(dst, text...)
}

// DrawDecoder walks a Draw payload without allocating.
type DrawDecoder struct {
	d     decoder
	cells int // cells left in the current run
}

// Run is the head of a run.
type Run struct {
	Row, Col uint16
	Style    Style
	Link     []byte
	Cells    int
}

// DecodeDraw reads a Draw header and returns a decoder for its runs.
func DecodeDraw(p []byte) (flags uint8, c Cursor, dd DrawDecoder, err error) {
	dd.d = decoder{b: p}
	flags = dd.d.u8()
	c.Col = dd.d.u16()
	c.Row = dd.d.u16()
	c.Visible = dd.d.u8() != 0
	c.Shape = dd.d.u8()
	return flags, c, dd, dd.d.err
}

// NextRun returns the next run, or false at the end or on a malformed
// payload (Err tells which). Cells of the previous run not read are skipped.
func (dd *DrawDecoder) NextRun() (Run, bool) {
	for dd.cells > 0 && dd.d.err == nil {
		dd.NextCell()
	}
	if dd.d.err != nil || len(dd.d.b) == 0 {
		return Run{}, false
	}
	var r Run
	r.Row = dd.d.u16()
	r.Col = dd.d.u16()
	if len(dd.d.b) < styleSize {
		dd.d.err = ErrShort
		return Run{}, false
	}
	r.Style.Fg = Color(dd.d.u32())
	r.Style.Bg = Color(dd.d.u32())
	r.Style.Underline = Color(dd.d.u32())
	r.Style.Attrs = dd.d.u16()
	r.Style.UnderlineStyle = dd.d.u8()
	r.Link = dd.d.bytes()
	r.Cells = int(dd.d.u16())
	dd.cells = r.Cells
	if dd.d.err != nil {
		return Run{}, false
	}
	return r, true
}

// NextCell returns the next cell of the current run: its text (nil for a
// blank) and width. ok is false when the run is over or the payload is bad.
func (dd *DrawDecoder) NextCell() (text []byte, width uint8, ok bool) {
	if dd.cells <= 0 || dd.d.err != nil {
		return nil, 0, false
	}
	dd.cells--
	h := dd.d.u8()
	n := int(h & 0x3f)
	if dd.d.err != nil || n > len(dd.d.b) {
		dd.d.err = ErrShort
		dd.cells = 0
		return nil, 0, false
	}
	text = dd.d.b[:n:n]
	dd.d.b = dd.d.b[n:]
	return text, h >> 6, true
}

// Err reports a malformed payload met while decoding.
func (dd *DrawDecoder) Err() error { return dd.d.err }
