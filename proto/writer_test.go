package proto

import (
	"bytes"
	"testing"
)

type closeBuffer struct {
	bytes.Buffer
	closed bool
}

func (b *closeBuffer) Close() error { b.closed = true; return nil }

func TestWriter(t *testing.T) {
	var out closeBuffer
	w := NewWriter(&out)
	keys := []Key{{Code: 'a'}, {Code: 0x1f600, Mod: 3}}
	var want []byte
	for _, k := range keys {
		if err := w.SendKey(k); err != nil {
			t.Fatal(err)
		}
		want = AppendFrame(want, TypeKey, k.Append(nil))
	}
	if err := w.Send(TypePaste, []byte("pasted")); err != nil {
		t.Fatal(err)
	}
	want = AppendFrame(want, TypePaste, []byte("pasted"))
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("wrote %x, want %x", out.Bytes(), want)
	}
	r := NewReader(bytes.NewReader(out.Bytes()))
	for _, k := range keys {
		typ, p, err := r.Next()
		var got Key
		if err != nil || typ != TypeKey || got.Decode(p) != nil || got != k {
			t.Errorf("read %d %x %v, want key %+v", typ, p, err, k)
		}
	}
	if err := w.Close(); err != nil || !out.closed {
		t.Errorf("Close: %v, closed %v", err, out.closed)
	}
}
