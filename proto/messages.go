package proto

import (
	"encoding/binary"
	"slices"
)

// decoder reads fields from a payload. The first short read sets err and
// every later read returns zero values, so a message's Decode can read all
// its fields and check the error once.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) u8() uint8 {
	if len(d.b) < 1 {
		d.err = ErrShort
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) u16() uint16 {
	if len(d.b) < 2 {
		d.err = ErrShort
		d.b = nil
		return 0
	}
	v := binary.BigEndian.Uint16(d.b)
	d.b = d.b[2:]
	return v
}

func (d *decoder) u32() uint32 {
	if len(d.b) < 4 {
		d.err = ErrShort
		d.b = nil
		return 0
	}
	v := binary.BigEndian.Uint32(d.b)
	d.b = d.b[4:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = ErrShort
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// bytes returns a length-prefixed slice aliasing the payload.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = ErrShort
		d.b = nil
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes()) }

// count reads a list's count, checked against what is left so that a
// forged count cannot make the list allocate more than the payload.
func (d *decoder) count() (uint64, bool) {
	n := d.uvarint()
	if d.err != nil {
		return 0, false
	}
	if n > uint64(len(d.b)) {
		d.err = ErrShort
		return 0, false
	}
	return n, true
}

// strings reads a counted list.
func (d *decoder) strings() []string {
	n, ok := d.count()
	if !ok {
		return nil
	}
	out := make([]string, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		out = append(out, d.string())
	}
	return out
}

// stringsOneCopy reads a counted list as strings does, but copies the
// list's bytes (length prefixes included) once and cuts every string from
// that copy: two allocations, where strings makes one more than there are
// strings. Any one of the strings keeps the whole copy alive: it suits a
// list that is kept whole or not at all, as a command's environment.
func (d *decoder) stringsOneCopy() []string {
	n, ok := d.count()
	if !ok {
		return nil
	}
	list := d.b
	probe := *d
	for i := uint64(0); i < n && probe.err == nil; i++ {
		probe.bytes()
	}
	if probe.err != nil {
		*d = probe
		return nil
	}
	all := string(list[:len(list)-len(probe.b)])
	out := make([]string, 0, n)
	for i := uint64(0); i < n; i++ {
		v := d.bytes()
		end := len(list) - len(d.b)
		out = append(out, all[end-len(v):end])
	}
	return out
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendStrings(dst []byte, ss []string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ss)))
	for _, s := range ss {
		dst = appendString(dst, s)
	}
	return dst
}

func appendBool(dst []byte, v bool) []byte {
	if v {
		return append(dst, 1)
	}
	return append(dst, 0)
}

// Command asks the server to run a command line on behalf of a client.
type Command struct {
	Argv []string // command and arguments, possibly several joined by ";"
	Cwd  string   // the client's working directory
	Env  []string // the client's environment, for new panes
	// Cols and Rows are the client's terminal size, 0 when it has none.
	Cols, Rows uint16
	// TTY says the client's stdin is a terminal it can attach with.
	TTY bool
	// Term is the client's TERM.
	Term string
}

// Append encodes c.
func (c *Command) Append(dst []byte) []byte {
	// One allocation: the environment can be tens of kilobytes, and
	// growing into it page by page costs a new command more.
	n := 2*binary.MaxVarintLen64 + len(c.Cwd) + len(c.Term) + 8
	for _, ss := range [][]string{c.Argv, c.Env} {
		n += binary.MaxVarintLen64
		for _, s := range ss {
			n += binary.MaxVarintLen64 + len(s)
		}
	}
	dst = slices.Grow(dst, n)
	dst = appendStrings(dst, c.Argv)
	dst = appendString(dst, c.Cwd)
	dst = appendStrings(dst, c.Env)
	dst = binary.BigEndian.AppendUint16(dst, c.Cols)
	dst = binary.BigEndian.AppendUint16(dst, c.Rows)
	dst = appendBool(dst, c.TTY)
	return appendString(dst, c.Term)
}

// Decode fills c from a payload.
func (c *Command) Decode(p []byte) error {
	d := decoder{b: p}
	c.Argv = d.strings()
	c.Cwd = d.string()
	c.Env = d.stringsOneCopy() // forty-odd strings, most of the frame
	c.Cols = d.u16()
	c.Rows = d.u16()
	c.TTY = d.u8() != 0
	c.Term = d.string()
	return d.err
}

// Key is a key press. Code is a Unicode code point or one of the special
// key codes of package keys; Mod the modifier bits of package keys.
type Key struct {
	Code uint32
	Mod  uint8
}

// Append encodes k.
func (k *Key) Append(dst []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, k.Code)
	return append(dst, k.Mod)
}

// Decode fills k from a payload.
func (k *Key) Decode(p []byte) error {
	d := decoder{b: p}
	k.Code = d.u32()
	k.Mod = d.u8()
	return d.err
}

// Mouse is a mouse event in client screen coordinates. Button and Action
// use package keys' values.
type Mouse struct {
	Col, Row uint16
	Button   uint8
	Action   uint8
	Mod      uint8
}

// Append encodes m.
func (m *Mouse) Append(dst []byte) []byte {
	dst = binary.BigEndian.AppendUint16(dst, m.Col)
	dst = binary.BigEndian.AppendUint16(dst, m.Row)
	return append(dst, m.Button, m.Action, m.Mod)
}

// Decode fills m from a payload.
func (m *Mouse) Decode(p []byte) error {
	d := decoder{b: p}
	m.Col = d.u16()
	m.Row = d.u16()
	m.Button = d.u8()
	m.Action = d.u8()
	m.Mod = d.u8()
	return d.err
}

// Size is a terminal size (TypeResize).
type Size struct{ Cols, Rows uint16 }

// Append encodes s.
func (s *Size) Append(dst []byte) []byte {
	dst = binary.BigEndian.AppendUint16(dst, s.Cols)
	return binary.BigEndian.AppendUint16(dst, s.Rows)
}

// Decode fills s from a payload.
func (s *Size) Decode(p []byte) error {
	d := decoder{b: p}
	s.Cols = d.u16()
	s.Rows = d.u16()
	return d.err
}

// Exit tells the client to leave: restore the terminal, print Message on
// its own line if it is not empty, and exit with Status.
type Exit struct {
	Status  uint8
	Message string
}

// Append encodes e.
func (e *Exit) Append(dst []byte) []byte {
	dst = append(dst, e.Status)
	return appendString(dst, e.Message)
}

// Decode fills e from a payload.
func (e *Exit) Decode(p []byte) error {
	d := decoder{b: p}
	e.Status = d.u8()
	e.Message = d.string()
	return d.err
}

// Mode bits for TypeModes: which features of the outer terminal the client
// should turn on.
const (
	ModeMouse uint8 = 1 << iota
	ModeFocus
)
