package proto

import (
	"io"
	"sync"
)

// Writer serialises frame writes from several goroutines (input, drawing,
// signals) onto one stream, reusing one buffer.
type Writer struct {
	mu  sync.Mutex
	w   io.WriteCloser
	buf []byte
}

// NewWriter returns a Writer on w.
func NewWriter(w io.WriteCloser) *Writer { return &Writer{w: w} }

// Send writes one frame.
func (w *Writer) Send(t Type, payload []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = AppendFrame(w.buf[:0], t, payload)
	_, err := w.w.Write(w.buf)
	return err
}

// SendKey writes a Key frame, built straight into the buffer: keys are
// the echo path, and a separate payload buffer would only be copied.
func (w *Writer) SendKey(k Key) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	b, start := BeginFrame(w.buf[:0], TypeKey)
	w.buf = EndFrame(k.Append(b), start)
	_, err := w.w.Write(w.buf)
	return err
}

// Close closes the stream, which ends the reads on its other side.
func (w *Writer) Close() error { return w.w.Close() }
