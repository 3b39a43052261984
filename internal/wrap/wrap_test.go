package wrap

import (
	"errors"
	"io"
	"syscall"
	"testing"
)

func TestError(t *testing.T) {
	tests := []struct {
		context string
		err     error
		want    string
	}{
		{"read hello", io.EOF, "read hello: EOF"},
		{"connect", syscall.ENOENT, "connect: no such file or directory"},
		{"outer", Error("inner", io.ErrUnexpectedEOF), "outer: inner: unexpected EOF"},
	}
	for _, tt := range tests {
		got := Error(tt.context, tt.err)
		if got.Error() != tt.want {
			t.Errorf("Error(%q, %v) = %q, want %q", tt.context, tt.err, got, tt.want)
		}
		if !errors.Is(got, tt.err) {
			t.Errorf("errors.Is(%q, %v) = false", got, tt.err)
		}
	}
	if d := Detail(io.ErrShortWrite, "5 bytes"); d.Error() != "short write: 5 bytes" || !errors.Is(d, io.ErrShortWrite) {
		t.Errorf("Detail = %q, not wrapping io.ErrShortWrite", d)
	}
	var errno syscall.Errno
	if !errors.As(Error("dial", syscall.ECONNREFUSED), &errno) || errno != syscall.ECONNREFUSED {
		t.Errorf("errors.As found %v, want ECONNREFUSED", errno)
	}
}
