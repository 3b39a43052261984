package vt

import (
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf8"
)

func TestAppendUvarint32(t *testing.T) {
	vals := []uint32{0, 1, 0x7f, 0x80, 0x3fff, 0x4000, 1<<21 - 1, 1 << 21, 1<<24 | 5, 2<<24 | 0xabcdef, 1<<28 - 1, 1 << 28, 0xffffffff}
	for _, v := range vals {
		got := appendUvarint32(nil, v)
		want := binary.AppendUvarint(nil, uint64(v))
		if !bytes.Equal(got, want) {
			t.Errorf("%#x: got %x want %x", v, got, want)
		}
	}
	if got := appendStyle(nil, Style{}); !bytes.Equal(got, zeroStyle[:]) {
		t.Errorf("zero style encodes as %x", got)
	}
}

func TestStyleTableLookup(t *testing.T) {
	var st styleTable
	st.init()
	var styles []Style
	for i := 0; i < 5000; i++ {
		s := Style{Fg: IndexedColor(uint8(i)), Bg: RGBColor(uint8(i>>8), uint8(i), 3), Attrs: Attr(i % 7), Link: uint32(i % 3)}
		styles = append(styles, s)
		if _, ok := st.lookup(&s); ok {
			t.Fatalf("%d: found before add", i)
		}
		if id := st.add(&s); int(id) != i+1 {
			t.Fatalf("%d: id %d", i, id)
		}
	}
	for i, s := range styles {
		if id, ok := st.lookup(&s); !ok || int(id) != i+1 || st.get(id) != s {
			t.Fatalf("%d: lookup %d %v", i, id, ok)
		}
	}
}

func TestPackLineRunes(t *testing.T) {
	term := New(10, 2, Options{})
	runes := []rune{'a', 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x4e00, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, maxRune}
	var cells []Cell
	for _, r := range runes {
		cells = append(cells, Cell{Rune: r, Width: 1, Style: StyleID(len(cells) % 2)})
	}
	term.styles.add(&Style{Fg: IndexedColor(3)})
	b := term.packLine(nil, cells, false, len(cells))
	got, _ := term.unpackLine(b, nil)
	if len(got) != len(cells) {
		t.Fatalf("got %d cells want %d", len(got), len(cells))
	}
	for i := range cells {
		if got[i].Rune != cells[i].Rune || term.Style(got[i].Style) != term.Style(cells[i].Style) {
			t.Errorf("cell %d: got %+v want %+v", i, got[i], cells[i])
		}
	}
}

func TestWriteUTF8(t *testing.T) {
	// Valid and invalid 3-byte forms decode as utf8.DecodeRune does.
	inputs := []string{"\xe4\xb8\x80", "\xe0\xa0\x80", "\xe0\x9f\xbf", "\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbf", "\xe4\x41\x80", "\xe4\xb8\xc0"}
	for _, in := range inputs {
		a := New(10, 1, Options{})
		a.Write([]byte(in))
		b := New(10, 1, Options{})
		var want []byte
		for rest := []byte(in); len(rest) > 0; {
			r, n := utf8.DecodeRune(rest)
			want = utf8.AppendRune(want, r)
			rest = rest[n:]
		}
		b.Write(want)
		for x := 0; x < 10; x++ {
			if a.Cell(x, 0) != b.Cell(x, 0) {
				t.Errorf("%q: cell %d %+v, byte by byte %+v", in, x, a.Cell(x, 0), b.Cell(x, 0))
			}
		}
	}
}
