package vt

// Terminal is a virtual terminal: bytes go in through Write, a grid of cells,
// a cursor, modes, a title and a scrollback history come out.
//
// Coordinates: the visible screen has rows 0..rows-1 and columns 0..cols-1.
// History lines are addressed with negative row numbers: -1 is the line that
// scrolled off most recently, -HistoryLen() the oldest. The main screen and
// its history form one sequence of lines; the alternate screen has no
// history.
//
// A Terminal is not safe for concurrent use: no goroutines, no locks, no I/O.
type Terminal struct {
	cols, rows int
	opts       Options

	main *screen
	// alt is the alternate screen, allocated only while it is in use
	// (nil otherwise): it is blanked on entry, so nothing is lost.
	alt *screen
	scr *screen // the active one: main or alt

	cur       cursorState
	savedMain cursorState // DECSC on the main screen
	savedAlt  cursorState // DECSC on the alternate screen
	hasSaved  [2]bool

	modes     Modes
	shape     CursorShape
	top       int // scroll region, inclusive rows
	bottom    int
	left      int // left/right margins (DECSLRM), inclusive columns
	right     int
	lrMode    bool // DECLRMM
	tabs      []bool
	lastRune  rune // for REP
	lastValid bool

	title string
	cwd   string

	hist     history
	histLim  int
	styles   styleTable
	clusters clusterTable
	links    linkTable

	palette     *paletteOverrides // nil until an OSC 4 sets a colour
	defColors   [2]Color          // OSC 10/11
	defColorSet [2]bool

	gen        uint64 // see Generation; also numbers line versions (LineVersion)
	tableEpoch uint64 // see TableEpoch
	p          parser

	scratch []byte // reusable scratch buffer
	lineTmp []line
}

// paletteOverrides are the colours OSC 4 set, 0 for one not set (a set
// colour is an RGBColor, never 0). Few programs send one, and 1.3 KB in
// every pane was an eighth of an idle session's heap.
type paletteOverrides [256]Color

// cursorState is the part of the terminal that DECSC saves.
type cursorState struct {
	x, y    int
	pending bool // deferred wrap: the next printable wraps first
	style   Style
	sid     StyleID // interned style, unless stale
	// stale: style changed since sid was interned. Interning waits for
	// the next character printed (see curSID), so a run of SGR
	// sequences costs one table lookup, and none if nothing is printed.
	stale  bool
	g      [4]charset
	gl     int // 0 = G0, 1 = G1
	origin bool
}

type charset uint8

const (
	charsetASCII charset = iota
	charsetDECGraphics
	charsetUK
)

const defaultHistoryLimit = 2000

// New returns a terminal of the given size.
func New(cols, rows int, opts Options) *Terminal {
	if cols < 1 {
		cols = 1
	}
	if rows < 1 {
		rows = 1
	}
	t := &Terminal{cols: cols, rows: rows, opts: opts}
	t.histLim = opts.HistoryLimit
	if t.histLim == 0 {
		t.histLim = defaultHistoryLimit
	}
	if t.histLim < 0 {
		t.histLim = 0
	}
	t.hist.limit = t.histLim
	t.styles.init()
	t.clusters.init()
	t.links.init()
	t.main = newScreen(cols, rows, &t.gen)
	t.scr = t.main
	t.resetState()
	return t
}

// resetState puts everything but history and screens' contents into the
// power-on state.
func (t *Terminal) resetState() {
	t.cur = cursorState{}
	t.savedMain = cursorState{}
	t.savedAlt = cursorState{}
	t.hasSaved = [2]bool{}
	t.modes = ModeAutowrap | ModeCursorVisible
	t.shape = 0
	t.top, t.bottom = 0, t.rows-1
	t.left, t.right = 0, t.cols-1
	t.lrMode = false
	t.resetTabs()
	t.lastValid = false
	t.p.reset()
}

func (t *Terminal) resetTabs() {
	if cap(t.tabs) >= t.cols {
		t.tabs = t.tabs[:t.cols]
	} else {
		t.tabs = make([]bool, t.cols)
	}
	for i := range t.tabs {
		t.tabs[i] = i%8 == 0 && i > 0
	}
}

// Reset (RIS): ESC c. Full reset: screens cleared, modes, margins, tabs,
// charsets, title and the alternate screen back to power-on. History is kept,
// as tmux does.
func (t *Terminal) Reset() {
	t.scr = t.main
	t.alt = nil
	t.resetState()
	t.main.clear(0)
	t.title = ""
	t.palette = nil
	t.changed()
}

func (t *Terminal) changed() { t.gen++ }

// Size returns the screen size.
func (t *Terminal) Size() (cols, rows int) { return t.cols, t.rows }

// Cell returns the cell at col,row of the visible screen; out of range gives
// the zero Cell.
func (t *Terminal) Cell(col, row int) Cell {
	if col < 0 || row < 0 || col >= t.cols || row >= t.rows {
		return Cell{}
	}
	return t.scr.cell(col, row)
}

// Style returns the style for id; unknown ids give the default Style.
func (t *Terminal) Style(id StyleID) Style { return t.styles.get(id) }

// AppendCellText appends the cell's text: the whole grapheme cluster, ' ' for
// a blank cell, nothing for the right half of a wide character.
func (t *Terminal) AppendCellText(dst []byte, c Cell) []byte {
	if c.Width == 0 {
		return dst
	}
	return t.appendRune(dst, c.Rune)
}

func (t *Terminal) appendRune(dst []byte, r rune) []byte {
	switch {
	case r == 0:
		return append(dst, ' ')
	case r < 0x80:
		return append(dst, byte(r))
	case r > maxRune:
		return append(dst, t.clusters.get(r)...)
	}
	return appendUTF8(dst, r)
}

// Cursor returns the cursor position on the visible screen and its look.
func (t *Terminal) Cursor() Cursor {
	x := t.cur.x
	if x >= t.cols {
		x = t.cols - 1
	}
	return Cursor{Col: x, Row: t.cur.y, Visible: t.modes&ModeCursorVisible != 0, Shape: t.shape}
}

// Modes returns the current modes.
func (t *Terminal) Modes() Modes { return t.modes }

// Title is the window title set by OSC 0 or OSC 2.
func (t *Terminal) Title() string { return t.title }

// SetTitle sets the title as OSC 2 would, for select-pane -T: the text is
// not parsed, so control characters in it cannot end the sequence early.
func (t *Terminal) SetTitle(title string) { t.title = title }

// Cwd is the path part of the last OSC 7 URL.
func (t *Terminal) Cwd() string { return t.cwd }

// Link returns the URL of OSC 8 hyperlink id, or "" if unknown.
func (t *Terminal) Link(id uint32) string { return t.links.get(id) }

// LineVersion identifies the content of screen row y (0 <= y < rows): it
// changes whenever the row may have changed (written, erased, scrolled,
// another screen shown, a resize), so a caller that keeps a copy of a row
// need only copy it again when its version differs. Rows that were never
// written have version 0 and are blank. Compare cells across a change of
// TableEpoch as well.
func (t *Terminal) LineVersion(y int) uint64 {
	if y < 0 || y >= t.rows {
		return 0
	}
	return t.scr.lines[y].ver
}

// TableEpoch changes whenever the style or cluster table is compacted,
// which renumbers the StyleIDs and cluster runes in cells: cells copied
// before it changed may not be compared with cells read after.
func (t *Terminal) TableEpoch() uint64 { return t.tableEpoch }

// Generation increases whenever anything visible changes.
func (t *Terminal) Generation() uint64 { return t.gen }

// HistoryLen is the number of lines in the history.
func (t *Terminal) HistoryLen() int { return t.hist.len() }

// SetHistoryLimit changes how many lines the history keeps, trimming the
// oldest lines if needed. A negative n keeps none.
func (t *Terminal) SetHistoryLimit(n int) {
	if n < 0 {
		n = 0
	}
	t.histLim = n
	t.hist.setLimit(n)
}

// ClearHistory drops all history lines.
func (t *Terminal) ClearHistory() {
	t.hist.clear()
	t.changed()
}

// LineCells appends the cells of line row (history when negative, else the
// visible screen) to dst, padded or cropped to exactly cols cells, and
// reports whether the line wraps into the next. StyleIDs returned for
// history lines stay valid until the next call that changes the terminal.
func (t *Terminal) LineCells(row int, dst []Cell) ([]Cell, bool) {
	if row >= 0 {
		if row >= t.rows {
			return dst, false
		}
		l := &t.scr.lines[row]
		if l.cells == nil {
			for range t.cols {
				dst = append(dst, blankCell)
			}
			return dst, l.wrapped
		}
		return append(dst, l.cells...), l.wrapped
	}
	idx := t.hist.len() + row
	if idx < 0 {
		return dst, false
	}
	start := len(dst)
	dst, wrapped := t.unpackLine(t.hist.get(idx), dst)
	dst = fitCells(dst, start, t.cols)
	return dst, wrapped
}

// fitCells pads or crops dst[start:] to exactly n cells, never leaving half
// of a wide character at the end.
func fitCells(dst []Cell, start, n int) []Cell {
	have := len(dst) - start
	if have > n {
		dst = dst[:start+n]
		if n > 0 && dst[start+n-1].Width == 2 {
			dst[start+n-1] = blankCell
		}
		return dst
	}
	for ; have < n; have++ {
		dst = append(dst, blankCell)
	}
	return dst
}

// setStyle changes the current drawing style.
func (t *Terminal) setStyle(s Style) { t.setStylep(&s) }

// setStylep is setStyle copying field by field: s has usually just been
// built field by field, and copying it whole would stall the CPU (see
// styleTable.hash).
func (t *Terminal) setStylep(s *Style) {
	c := &t.cur.style
	c.Fg, c.Bg, c.UnderlineColor = s.Fg, s.Bg, s.UnderlineColor
	c.Attrs, c.Underline, c.Link = s.Attrs, s.Underline, s.Link
	t.cur.stale = true
}

// curSID returns the StyleID of the current drawing style, interning it if
// it changed. Like intern, it may compact the style table.
func (t *Terminal) curSID() StyleID {
	if t.cur.stale {
		t.cur.sid = t.internp(&t.cur.style)
		t.cur.stale = false
	}
	return t.cur.sid
}

// intern interns s, compacting the table first if it is full. Only call it
// where no StyleIDs are held outside the screens and the cursors.
func (t *Terminal) intern(s Style) StyleID { return t.internp(&s) }

func (t *Terminal) internp(s *Style) StyleID {
	if styleEq(s, &Style{}) {
		return 0
	}
	if id, ok := t.styles.lookup(s); ok {
		return id
	}
	if t.styles.full() {
		t.compactStyles()
	}
	return t.styles.add(s)
}

// internKeep interns s without compacting, for callers that hold StyleIDs
// in buffers of their own (unpacking history). The table may pass its
// limit; the next Write compacts it.
func (t *Terminal) internKeep(s Style) StyleID {
	if s == (Style{}) {
		return 0
	}
	if id, ok := t.styles.lookup(&s); ok {
		return id
	}
	return t.styles.add(&s)
}

// compactIfNeeded compacts tables that grew past their limits through
// internKeep. It runs at the start of Write.
func (t *Terminal) compactIfNeeded() {
	if t.styles.full() {
		t.compactStyles()
	}
	if len(t.clusters.list) > t.clusters.limit {
		t.compactClusters()
	}
}

// eraseStyle is the style used for erased cells: the current background only
// (BCE), as tmux does.
func (t *Terminal) eraseStyle() StyleID {
	if t.cur.style.Bg == 0 {
		return 0
	}
	return t.intern(Style{Bg: t.cur.style.Bg})
}
