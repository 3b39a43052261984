// Package proto is the wire format between the gmux client and server.
//
// A connection starts with a hello in each direction (Magic, then the
// protocol Version as a big-endian uint16, then two reserved bytes). The
// client speaks first; the server answers with its own hello and, if the
// versions differ, closes the connection, so neither side ever has to guess
// at the other's frames.
//
// After the hello both sides exchange frames: a one-byte Type, a big-endian
// uint32 payload length, then the payload. A frame longer than MaxFrame is a
// protocol error. Decoding never panics and never allocates more than the
// frame it was given, whatever the bytes.
package proto

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"strconv"

	"github.com/gmux/gmux/internal/wrap"
)

// Version is the protocol version. Bump it whenever a frame's layout or
// meaning changes, so that a new client and an old server (or the reverse)
// refuse each other with a clear message instead of misreading frames.
const Version uint16 = 1

// Release is gmux's own version, which the client prints for -V and the
// server shows as #{version}. It lives here, beside the protocol's,
// because both sides need it and the client links little else.
const Release = "0.1.0"

// Magic opens every hello.
const Magic = "GMUX"

// HelloSize is the length of a hello: Magic, version, two reserved bytes.
const HelloSize = len(Magic) + 4

// MaxFrame is the largest payload either side accepts. A full redraw of a
// 500x200 terminal fits comfortably; the server splits larger draws.
const MaxFrame = 4 << 20

// Type says what a frame's payload holds. Client-to-server types are below
// 64, server-to-client types 64 and above.
type Type uint8

// Client to server.
const (
	TypeCommand  Type = 1 // Command: run a command (argv) for this client
	TypeKey      Type = 2 // Key: a key press while attached
	TypeMouse    Type = 3 // Mouse
	TypePaste    Type = 4 // Paste: pasted bytes
	TypeFocus    Type = 5 // Focus: one byte, 1 = focus in
	TypeResize   Type = 6 // Resize: the client's terminal size
	TypeFrameAck Type = 7 // empty: the last Draw is on the screen
)

// Server to client.
const (
	TypeOutput    Type = 64 // bytes for the client's stdout
	TypeError     Type = 65 // bytes for the client's stderr
	TypeExit      Type = 66 // Exit: leave with this status and message
	TypeAttached  Type = 67 // empty: take over the terminal, draws follow
	TypeDraw      Type = 68 // Draw: cell updates
	TypeBell      Type = 69 // empty: ring the bell
	TypeTitle     Type = 70 // string: set the outer terminal's title
	TypeClipboard Type = 71 // bytes: set the outer terminal's clipboard (OSC 52)
	TypeModes     Type = 72 // Modes: terminal features the client should enable
	// TypeHosted (empty) answers a Command that passed the client's
	// terminal and attached: the server now reads and draws that terminal
	// itself, and the client only forwards Resize until an Exit.
	TypeHosted Type = 73
)

// Errors returned by the codec.
var (
	ErrBadMagic    = errors.New("not a gmux peer")
	ErrTooLarge    = errors.New("frame too large")
	ErrShort       = errors.New("frame payload too short")
	ErrVersionSkew = errors.New("protocol version mismatch")
)

// AppendHello appends a hello for version v.
func AppendHello(dst []byte, v uint16) []byte {
	dst = append(dst, Magic...)
	dst = binary.BigEndian.AppendUint16(dst, v)
	return append(dst, 0, 0)
}

// ReadHello reads a peer's hello and returns its version.
func ReadHello(r io.Reader) (uint16, error) {
	var b [HelloSize]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, wrap.Error("read hello", err)
	}
	if string(b[:len(Magic)]) != Magic {
		return 0, ErrBadMagic
	}
	return binary.BigEndian.Uint16(b[len(Magic):]), nil
}

// AppendFrame appends a frame of type t with the given payload.
func AppendFrame(dst []byte, t Type, payload []byte) []byte {
	dst = append(dst, byte(t))
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(payload)))
	return append(dst, payload...)
}

// FrameHeaderSize is the length of a frame header.
const FrameHeaderSize = 5

// BeginFrame appends a frame header with a zero length; the caller appends
// the payload and calls EndFrame with the header's offset. This lets a frame
// be built in place without a second buffer.
func BeginFrame(dst []byte, t Type) (out []byte, start int) {
	start = len(dst)
	return append(dst, byte(t), 0, 0, 0, 0), start
}

// EndFrame fills in the length of the frame begun at start.
func EndFrame(buf []byte, start int) []byte {
	binary.BigEndian.PutUint32(buf[start+1:], uint32(len(buf)-start-FrameHeaderSize))
	return buf
}

// payloadLen reads the payload length from frame header h, refusing one
// over MaxFrame.
func payloadLen(h []byte) (int, error) {
	n := binary.BigEndian.Uint32(h[1:FrameHeaderSize])
	if n > MaxFrame {
		return 0, wrap.Detail(ErrTooLarge, strconv.FormatUint(uint64(n), 10)+" bytes")
	}
	return int(n), nil
}

// SplitFrame takes the first whole frame off b and returns its type, its
// payload (a slice of b) and what follows it. An incomplete frame is
// ErrShort; one over MaxFrame, ErrTooLarge.
func SplitFrame(b []byte) (t Type, payload, rest []byte, err error) {
	if len(b) < FrameHeaderSize {
		return 0, nil, b, ErrShort
	}
	n, err := payloadLen(b)
	if err != nil {
		return 0, nil, b, err
	}
	end := FrameHeaderSize + n
	if len(b) < end {
		return 0, nil, b, ErrShort
	}
	return Type(b[0]), b[FrameHeaderSize:end], b[end:], nil
}

// Reader reads frames. A frame that fits in its read buffer is returned
// in place; a longer one is copied into a second buffer, which grows up
// to MaxFrame and is kept until Reset.
type Reader struct {
	r   *bufio.Reader
	buf []byte
	// h is the header being read: here, not in Next's frame, where
	// io.ReadFull's interface made it escape, an allocation per frame.
	h [FrameHeaderSize]byte
}

// NewReader returns a frame reader on r.
func NewReader(r io.Reader) *Reader { return NewReaderSize(r, 64<<10) }

// NewReaderSize returns a frame reader on r that reads size bytes at a
// time (frames may be longer).
func NewReaderSize(r io.Reader, size int) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, size)}
}

// Buffered exposes the underlying buffered reader: for the hello, which
// is not a frame, and for the bytes read but not yet taken as frames.
func (fr *Reader) Buffered() *bufio.Reader { return fr.r }

// Reset discards what fr holds and makes it read from r. It keeps the
// read buffer, not the one for frames longer than that (up to MaxFrame,
// too much to keep for a rare long frame).
func (fr *Reader) Reset(r io.Reader) {
	fr.r.Reset(r)
	fr.buf = nil
}

// Next reads one frame. The payload is valid until fr reads again (Next,
// Reset, or a read through Buffered).
func (fr *Reader) Next() (Type, []byte, error) {
	h := fr.h[:]
	if _, err := io.ReadFull(fr.r, h); err != nil {
		return 0, nil, err
	}
	n, err := payloadLen(h)
	if err != nil {
		return 0, nil, err
	}
	if n <= fr.r.Size() {
		// In place: the bytes stay put until the buffer is next filled.
		// The capacity ends with the payload, so that an append cannot
		// write over the frames behind it.
		p, err := fr.r.Peek(n)
		if err != nil {
			return 0, nil, unexpectedEOF(err)
		}
		_, _ = fr.r.Discard(n) // cannot fail: the n bytes are buffered
		return Type(h[0]), p[:n:n], nil
	}
	if cap(fr.buf) < n {
		fr.buf = make([]byte, n)
	}
	p := fr.buf[:n]
	if _, err := io.ReadFull(fr.r, p); err != nil {
		return 0, nil, unexpectedEOF(err)
	}
	return Type(h[0]), p, nil
}

// unexpectedEOF is err, or io.ErrUnexpectedEOF for io.EOF: the stream
// ended inside a frame.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
