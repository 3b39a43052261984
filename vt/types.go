package vt

// Color is a packed colour: the top byte says which kind, the low 24 bits
// hold the value. The zero Color is the terminal's default colour.
//
//	0x00000000          default
//	0x01000000 | n      palette index n (0..255)
//	0x02000000 | rrggbb 24-bit colour
type Color uint32

// ColorKind tells how to read a Color's value.
type ColorKind uint8

const (
	ColorDefault ColorKind = iota
	ColorIndexed
	ColorRGB
)

// DefaultColor is the terminal's default foreground or background.
const DefaultColor Color = 0

// IndexedColor returns palette colour n.
func IndexedColor(n uint8) Color { return Color(1<<24 | uint32(n)) }

// RGBColor returns a 24-bit colour.
func RGBColor(r, g, b uint8) Color {
	return Color(2<<24 | uint32(r)<<16 | uint32(g)<<8 | uint32(b))
}

// Kind reports whether c is the default, a palette index or 24-bit.
func (c Color) Kind() ColorKind { return ColorKind(c >> 24) }

// Index is the palette index of an indexed colour.
func (c Color) Index() uint8 { return uint8(c) }

// RGB returns the components of a 24-bit colour.
func (c Color) RGB() (r, g, b uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }

// Attr is a set of SGR attributes.
type Attr uint16

const (
	AttrBold Attr = 1 << iota
	AttrDim
	AttrItalic
	AttrBlink
	AttrReverse
	AttrHidden
	AttrStrike
	AttrOverline
)

// UnderlineStyle is the SGR 4:n underline form; UnderlineNone means no underline.
type UnderlineStyle uint8

const (
	UnderlineNone UnderlineStyle = iota
	UnderlineSingle
	UnderlineDouble
	UnderlineCurly
	UnderlineDotted
	UnderlineDashed
)

// Style is everything about a cell but its text. Cells refer to styles by
// StyleID through the terminal's style table, so a cell stays small.
type Style struct {
	Fg, Bg, UnderlineColor Color
	Attrs                  Attr
	Underline              UnderlineStyle
	// Link is an OSC 8 hyperlink id (0 = none); Terminal.Link gives its URL.
	Link uint32
}

// StyleID indexes a Terminal's style table. StyleID 0 is always the
// default Style.
type StyleID uint32

// Cell is one column of the screen.
//
// Rune 0 means a blank cell (drawn as a space). Width is 1 or 2 for a cell
// that starts a character and 0 for the right half of a wide character.
// A grapheme cluster of more than one rune is stored out of line; use
// Terminal.AppendCellText to read a cell's text whatever it holds.
type Cell struct {
	Rune  rune
	Style StyleID
	Width uint8
}

// Modes is the set of terminal modes that affect input encoding or how a
// client draws the pane.
type Modes uint32

const (
	ModeCursorKeys     Modes = 1 << iota // DECCKM: application cursor keys
	ModeKeypadApp                        // DECKPAM: application keypad
	ModeBracketedPaste                   // 2004
	ModeFocus                            // 1004: focus in/out reports
	ModeMouseX10                         // 9
	ModeMouseNormal                      // 1000
	ModeMouseButton                      // 1002
	ModeMouseAny                         // 1003
	ModeMouseUTF8                        // 1005
	ModeMouseSGR                         // 1006
	ModeMouseURXVT                       // 1015
	ModeAltScreen                        // 47/1047/1049 active
	ModeSyncOutput                       // 2026: synchronized output in progress
	ModeInsert                           // IRM
	ModeAutowrap                         // DECAWM
	ModeOrigin                           // DECOM
	ModeCursorVisible                    // DECTCEM (25)
	ModeNewline                          // LNM
	ModeReverseVideo                     // DECSCNM
)

// CursorShape is the DECSCUSR cursor style (0 = terminal default).
type CursorShape uint8

// Cursor is where the cursor is on the visible screen and how it looks.
type Cursor struct {
	Col, Row int
	Visible  bool
	Shape    CursorShape
}

// Options configure a Terminal. The callbacks are called synchronously from
// Write and must not call back into the Terminal.
type Options struct {
	// HistoryLimit is how many lines scrolled off the top are kept.
	// 0 means the default (2000); a negative value keeps none.
	HistoryLimit int
	// Reply receives bytes to write back to the program: answers to DA,
	// DSR, DECRQM, XTVERSION, DECRQSS, OSC 10/11 queries.
	Reply func(b []byte)
	// Clipboard receives OSC 52 stores: the selection letters and the
	// decoded data.
	Clipboard func(selection string, data []byte)
	// Bell is called on BEL outside a string sequence.
	Bell func()
}

// CaptureOptions select what Terminal.Capture returns, as tmux's
// capture-pane flags do.
type CaptureOptions struct {
	// Start and End are line numbers: 0 is the top line of the visible
	// screen, negative numbers are lines in the history (-1 the newest).
	// Out-of-range values are clamped. If End < Start they are swapped.
	Start, End int
	// Escapes (-e) includes SGR sequences for text attributes and colours.
	Escapes bool
	// Join (-J) joins wrapped lines and keeps trailing spaces.
	Join bool
	// KeepTrailing (-N) keeps trailing spaces.
	KeepTrailing bool
}
