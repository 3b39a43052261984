package proto

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestHelloRoundTrip(t *testing.T) {
	b := AppendHello(nil, Version)
	v, err := ReadHello(bytes.NewReader(b))
	if err != nil || v != Version {
		t.Fatalf("ReadHello = %d, %v; want %d, nil", v, err, Version)
	}
	if _, err := ReadHello(bytes.NewReader([]byte("HTTP/1.1"))); !errors.Is(err, ErrBadMagic) {
		t.Fatalf("bad magic: err = %v", err)
	}
	if _, err := ReadHello(bytes.NewReader([]byte("GM"))); err == nil {
		t.Fatal("short hello accepted")
	}
}

func TestFrames(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    []Type
		wantErr bool
	}{
		{"two frames", append(AppendFrame(nil, TypeKey, []byte{1, 2, 3, 4, 5}), AppendFrame(nil, TypeFrameAck, nil)...), []Type{TypeKey, TypeFrameAck}, false},
		{"too large", []byte{1, 0xff, 0xff, 0xff, 0xff}, nil, true},
		{"truncated payload", []byte{1, 0, 0, 0, 9, 1, 2}, nil, true},
		{"truncated header", []byte{1, 0}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(tt.in))
			var got []Type
			var err error
			for {
				var typ Type
				typ, _, err = r.Next()
				if err != nil {
					break
				}
				got = append(got, typ)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("types = %v, want %v", got, tt.want)
			}
			if gotErr := err != io.EOF; gotErr != tt.wantErr {
				t.Errorf("err = %v, wantErr %v", err, tt.wantErr)
			}
		})
	}
}

// TestReaderBufferSizes reads frames shorter and longer than the read
// buffer (16 bytes, bufio's least), the short ones returned in place and
// the long ones copied, through a reader that gives a byte at a time.
func TestReaderBufferSizes(t *testing.T) {
	payloads := [][]byte{
		[]byte("short"),
		bytes.Repeat([]byte("long"), 20),
		{},
		[]byte("exactly 16 bytes"),
		bytes.Repeat([]byte("x"), 17),
		[]byte("short again"),
	}
	var stream []byte
	for _, p := range payloads {
		stream = AppendFrame(stream, TypeOutput, p)
	}
	r := NewReaderSize(nil, 16)
	for _, name := range []string{"first use", "after Reset"} {
		r.Reset(iotest.OneByteReader(bytes.NewReader(stream)))
		for i, want := range payloads {
			typ, p, err := r.Next()
			if err != nil || typ != TypeOutput || !bytes.Equal(p, want) {
				t.Fatalf("%s: frame %d = %v %q %v; want %q", name, i, typ, p, err, want)
			}
		}
		if _, _, err := r.Next(); err != io.EOF {
			t.Errorf("%s: after the last frame: err = %v, want io.EOF", name, err)
		}
	}
	for _, cut := range []int{FrameHeaderSize + 2, FrameHeaderSize + 40} {
		in := AppendFrame(nil, TypeOutput, bytes.Repeat([]byte("y"), 50))[:cut]
		r.Reset(bytes.NewReader(in))
		if _, _, err := r.Next(); err != io.ErrUnexpectedEOF {
			t.Errorf("frame cut at %d bytes: err = %v, want io.ErrUnexpectedEOF", cut, err)
		}
	}
	short := AppendFrame(nil, TypeOutput, []byte("0123456789"))[:FrameHeaderSize+4]
	r.Reset(bytes.NewReader(short))
	if _, _, err := r.Next(); err != io.ErrUnexpectedEOF {
		t.Errorf("short frame cut: err = %v, want io.ErrUnexpectedEOF", err)
	}
}

// TestReaderAllocs checks that reading frames that fit in the read buffer
// allocates nothing.
func TestReaderAllocs(t *testing.T) {
	var stream []byte
	for range 100 {
		stream = AppendFrame(stream, TypeKey, []byte("12345"))
	}
	src := bytes.NewReader(stream)
	r := NewReaderSize(src, 4096)
	allocs := testing.AllocsPerRun(50, func() {
		src.Reset(stream)
		r.Reset(src)
		for range 100 {
			if _, p, err := r.Next(); err != nil || len(p) != 5 || cap(p) != 5 {
				t.Fatalf("Next: %q (cap %d), %v", p, cap(p), err)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per 100 frames, want 0", allocs)
	}
}

func TestBeginEndFrame(t *testing.T) {
	b, at := BeginFrame([]byte("xx"), TypeOutput)
	b = append(b, "hello"...)
	b = EndFrame(b, at)
	r := NewReader(bytes.NewReader(b[2:]))
	typ, p, err := r.Next()
	if err != nil || typ != TypeOutput || string(p) != "hello" {
		t.Fatalf("got %v %q %v", typ, p, err)
	}
}

func TestMessagesRoundTrip(t *testing.T) {
	cmd := Command{Argv: []string{"new-session", "-s", "bot"}, Cwd: "/tmp", Env: []string{"A=1", "B=2"}, Cols: 120, Rows: 40, TTY: true, Term: "xterm-256color"}
	var cmd2 Command
	if err := cmd2.Decode(cmd.Append(nil)); err != nil || !reflect.DeepEqual(cmd, cmd2) {
		t.Errorf("Command: %+v %v", cmd2, err)
	}
	k := Key{Code: 0x110005, Mod: 4}
	var k2 Key
	if err := k2.Decode(k.Append(nil)); err != nil || k != k2 {
		t.Errorf("Key: %+v %v", k2, err)
	}
	m := Mouse{Col: 3, Row: 4, Button: 1, Action: 2, Mod: 1}
	var m2 Mouse
	if err := m2.Decode(m.Append(nil)); err != nil || m != m2 {
		t.Errorf("Mouse: %+v %v", m2, err)
	}
	s := Size{Cols: 80, Rows: 24}
	var s2 Size
	if err := s2.Decode(s.Append(nil)); err != nil || s != s2 {
		t.Errorf("Size: %+v %v", s2, err)
	}
	e := Exit{Status: 1, Message: "[exited]"}
	var e2 Exit
	if err := e2.Decode(e.Append(nil)); err != nil || e != e2 {
		t.Errorf("Exit: %+v %v", e2, err)
	}
	// Every message rejects every truncation of itself.
	full := cmd.Append(nil)
	for i := 0; i < len(full); i++ {
		var c Command
		if err := c.Decode(full[:i]); err == nil {
			t.Fatalf("Command truncated to %d bytes decoded without error", i)
		}
	}
}

func TestDrawRoundTrip(t *testing.T) {
	st := Style{Fg: 1<<24 | 1, Bg: 2<<24 | 0x102030, Attrs: 5, UnderlineStyle: 3}
	b := AppendDrawHeader(nil, DrawClear, Cursor{Col: 7, Row: 2, Visible: true, Shape: 2})
	b, at := BeginRun(b, 2, 5, st, "https://example.com")
	b = AppendCell(b, []byte("a"), 1)
	b = AppendCell(b, []byte(" "), 1)
	b = AppendCell(b, []byte("世"), 2)
	EndRun(b, at, 3)
	b, at = BeginRun(b, 3, 0, Style{}, "")
	b = AppendCell(b, []byte("z"), 1)
	EndRun(b, at, 1)

	flags, cur, dd, err := DecodeDraw(b)
	if err != nil || flags != DrawClear || cur != (Cursor{Col: 7, Row: 2, Visible: true, Shape: 2}) {
		t.Fatalf("header: %v %+v %v", flags, cur, err)
	}
	r, ok := dd.NextRun()
	if !ok || r.Row != 2 || r.Col != 5 || r.Style != st || string(r.Link) != "https://example.com" || r.Cells != 3 {
		t.Fatalf("run 1: %+v %v", r, ok)
	}
	var texts []string
	var widths []uint8
	for {
		txt, w, ok := dd.NextCell()
		if !ok {
			break
		}
		texts = append(texts, string(txt))
		widths = append(widths, w)
	}
	if !reflect.DeepEqual(texts, []string{"a", "", "世"}) || !reflect.DeepEqual(widths, []uint8{1, 1, 2}) {
		t.Fatalf("cells: %q %v", texts, widths)
	}
	// The second run is reached even if the caller skips cells.
	r, ok = dd.NextRun()
	if !ok || r.Row != 3 || r.Cells != 1 {
		t.Fatalf("run 2: %+v %v", r, ok)
	}
	if _, ok := dd.NextRun(); ok || dd.Err() != nil {
		t.Fatalf("end: ok=%v err=%v", ok, dd.Err())
	}
}

// checkStringsOneCopy checks that stringsOneCopy reads p as strings does:
// the same strings, or an error where strings has one.
func checkStringsOneCopy(t *testing.T, p []byte) {
	t.Helper()
	each, one := decoder{b: p}, decoder{b: p}
	want, got := each.strings(), one.stringsOneCopy()
	if (one.err == nil) != (each.err == nil) || len(one.b) != len(each.b) {
		t.Fatalf("stringsOneCopy(%.40q): err %v, %d bytes left; strings: err %v, %d left", p, one.err, len(one.b), each.err, len(each.b))
	}
	if each.err == nil && !slices.Equal(got, want) {
		t.Fatalf("stringsOneCopy(%.40q) = %.80q, strings gives %.80q", p, got, want)
	}
}

func TestStringsOneCopy(t *testing.T) {
	for _, list := range [][]string{nil, {""}, {"A=1", "", "TERM=xterm-256color"}, {strings.Repeat("x", 300), "y"}} {
		p := appendStrings(nil, list)
		checkStringsOneCopy(t, p)
		checkStringsOneCopy(t, append(p, "trailing"...))
		for cut := range len(p) {
			checkStringsOneCopy(t, p[:cut])
		}
	}
}

func FuzzDecode(f *testing.F) {
	cmd := Command{Argv: []string{"ls"}, Env: []string{"X=1"}, Cols: 80, Rows: 24}
	f.Add(cmd.Append(nil))
	d := AppendDrawHeader(nil, 0, Cursor{})
	d, at := BeginRun(d, 0, 0, Style{}, "")
	d = AppendCell(d, []byte("x"), 1)
	EndRun(d, at, 1)
	f.Add(d)
	f.Add(AppendFrame(AppendHello(nil, Version), TypeCommand, cmd.Append(nil)))
	f.Fuzz(func(t *testing.T, p []byte) {
		checkStringsOneCopy(t, p)
		var c Command
		_ = c.Decode(p)
		var k Key
		_ = k.Decode(p)
		var m Mouse
		_ = m.Decode(p)
		var s Size
		_ = s.Decode(p)
		var e Exit
		_ = e.Decode(p)
		if _, _, dd, err := DecodeDraw(p); err == nil {
			for n := 0; ; n++ {
				if _, ok := dd.NextRun(); !ok {
					break
				}
				for {
					if _, _, ok := dd.NextCell(); !ok {
						break
					}
				}
			}
		}
		r := NewReader(bytes.NewReader(p))
		for {
			if _, _, err := r.Next(); err != nil {
				break
			}
		}
		_, _ = ReadHello(bytes.NewReader(p))
	})
}

func TestSplitFrame(t *testing.T) {
	two := AppendFrame(AppendFrame(nil, TypeKey, []byte{1, 2}), TypeFrameAck, nil)
	typ, p, rest, err := SplitFrame(two)
	if err != nil || typ != TypeKey || string(p) != "\x01\x02" || len(rest) != FrameHeaderSize {
		t.Fatalf("first frame: %v %q %d, %v", typ, p, len(rest), err)
	}
	typ, p, rest, err = SplitFrame(rest)
	if err != nil || typ != TypeFrameAck || len(p) != 0 || len(rest) != 0 {
		t.Fatalf("second frame: %v %q %d, %v", typ, p, len(rest), err)
	}
	for _, short := range [][]byte{nil, two[:3], two[:FrameHeaderSize+1]} {
		if _, _, _, err := SplitFrame(short); !errors.Is(err, ErrShort) {
			t.Errorf("SplitFrame(%q) error %v, want ErrShort", short, err)
		}
	}
	huge := []byte{byte(TypeDraw), 0xff, 0xff, 0xff, 0xff}
	if _, _, _, err := SplitFrame(huge); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized frame: error %v, want ErrTooLarge", err)
	}
}

func FuzzSplitFrame(f *testing.F) {
	f.Add(AppendFrame(nil, TypeKey, []byte{1, 2}))
	f.Add([]byte{byte(TypeDraw), 0, 0, 0, 9, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		rest := b
		for len(rest) > 0 {
			_, p, next, err := SplitFrame(rest)
			if err != nil {
				return
			}
			if len(next) >= len(rest) || len(p) > MaxFrame {
				t.Fatalf("SplitFrame made no progress or returned %d bytes", len(p))
			}
			rest = next
		}
	})
}

// BenchmarkReaderNext reads keystroke-sized frames, as the server does for
// an attached client.
func BenchmarkReaderNext(b *testing.B) {
	var stream []byte
	for range 1000 {
		stream = AppendFrame(stream, TypeKey, (&Key{Code: 'x'}).Append(nil))
	}
	src := bytes.NewReader(stream)
	r := NewReaderSize(src, 16<<10)
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		src.Reset(stream)
		r.Reset(src)
		for {
			if _, _, err := r.Next(); err != nil {
				break
			}
		}
	}
}
