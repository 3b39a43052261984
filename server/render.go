package server

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/vt"
)

// screenCell is one cell of a client's view.
type screenCell struct {
	r    rune // 0 blank; above unicode.MaxRune: a cluster, text in clusters
	w    uint8
	st   proto.Style
	link uint32 // OSC 8 hyperlink: an index into renderState.links, 0 none
}

// renderState is what a client's screen shows, kept by its writer so each
// frame sends only what changed.
//
// next is composed in place and kept between frames: a pane row is
// recomposed only when its vt line version differs from the one seen last
// time (shadows), borders only when the layout changes, and only the rows
// recomposed (dirty) are compared with prev, what the client has. For a
// keystroke's echo that is one pane row and the status line, not the
// whole screen.
type renderState struct {
	cols, rows   int
	prev, next   []screenCell
	prevClusters map[int]string
	clusters     map[int]string
	cursor       proto.Cursor
	scratch      []byte
	owner        []int32 // which pane covers each window cell, for borders

	dirty  []bool // rows of next recomposed this frame
	layout viewLayout
	panes  []paneBox // the layout's panes
	rects  []paneBox // scratch for this frame's panes
	// shadows holds, per pane, the LineVersion of each row as last
	// composed: a row whose version is unchanged is not even read, so an
	// echo costs one row, not a scan of the whole pane (cold after an
	// idle spell). next holds resolved styles, so a compaction of the
	// pane's style table does not call for recomposing.
	shadows map[*Pane][]uint64
	rowBuf  []vt.Cell

	// links numbers the hyperlink URLs this client has been sent, so a
	// cell carries 4 bytes, not a string; links[0] is "". Pane link ids
	// are per terminal, so they are mapped by URL.
	links     []string
	linkIndex map[string]uint32

	// The status line is recomposed for a frame when statusStale (set by
	// the writer for any change but pane output), or when what pane
	// output changes on it, as tmux redraws it, differs from these: the
	// message, the active pane's title and path (OSC 2, OSC 7) and the
	// windows' names (automatic names follow the foreground program).
	// Other values a status format may show (the cursor, the history
	// size) refresh with status-interval, as in tmux. Formatting the
	// status was three quarters of an echo's render.
	statusStale   bool
	title         string // for the outer terminal (set-titles)
	sentTitle     string
	statusMessage string
	statusTitle   string
	statusCwd     string
	statusNames   []string
}

// linkLimit bounds renderState.links: past it the table starts afresh
// with a full redraw, so a program printing endless distinct URLs cannot
// grow a client's state without bound.
const linkLimit = 4096

// viewLayout is what decides where panes, borders and the status line
// are on the screen; any change in it recomposes the whole view.
type viewLayout struct {
	window       *Window
	active       *Pane
	zoomed       bool
	statusOn     bool
	paneRows     int
	wcols, wrows int
}

type paneBox struct {
	p                *Pane
	x, y, cols, rows int
}

const maxRune = 0x10FFFF

// renderClient composes c's view and appends a Draw frame with what
// changed to buf. It reports whether a frame was appended. Called with
// s.mu held, from c's writer goroutine.
func (s *Server) renderClient(c *Client, buf []byte, full bool) ([]byte, bool) {
	st := &c.view
	if st.cols != c.cols || st.rows != c.rows {
		st.cols, st.rows = c.cols, c.rows
		n := c.cols * c.rows
		st.prev = make([]screenCell, n)
		st.next = make([]screenCell, n)
		st.dirty = make([]bool, c.rows)
		full = true
	}
	if len(st.links) == 0 || len(st.links) > linkLimit {
		// Numbers in prev would now name other URLs: resend everything.
		st.links = append(st.links[:0], "")
		clear(st.linkIndex)
		full = true
	}
	cursor := s.compose(c, st, full)
	s.updateModes(c)
	if st.title != st.sentTitle {
		buf = proto.AppendFrame(buf, proto.TypeTitle, []byte(st.title))
		st.sentTitle = st.title
	}

	var flags uint8
	if full {
		flags = proto.DrawClear
	}
	buf, start := proto.BeginFrame(buf, proto.TypeDraw)
	buf = proto.AppendDrawHeader(buf, flags, cursor)
	header := len(buf)
	for y := 0; y < st.rows; y++ {
		if full || st.dirty[y] {
			buf = st.appendRowRuns(buf, y, full)
		}
		if st.dirty[y] {
			st.commitRow(y) // while the row is still in cache
		}
	}
	if !full && len(buf) == header && cursor == st.cursor {
		return buf[:start], false // nothing changed
	}
	buf = proto.EndFrame(buf, start)
	st.cursor = cursor
	return buf, true
}

// commitRow records recomposed row y as what the client has.
func (st *renderState) commitRow(y int) {
	st.dirty[y] = false
	lo, hi := y*st.cols, (y+1)*st.cols
	copy(st.prev[lo:hi], st.next[lo:hi])
	for i := lo; i < hi; i++ {
		if st.next[i].r > maxRune {
			if st.prevClusters == nil {
				st.prevClusters = make(map[int]string)
			}
			st.prevClusters[i] = st.clusters[i]
		}
	}
}

// appendRowRuns encodes the changed cells of row y as runs of one style.
// A run always takes its first cell, so every run advances x.
func (st *renderState) appendRowRuns(buf []byte, y int, full bool) []byte {
	row := st.next[y*st.cols : (y+1)*st.cols]
	base := y * st.cols
	x := 0
	for x < st.cols {
		if !full && !st.changed(base+x) {
			x++
			continue
		}
		// A changed right half is sent with its left half.
		if row[x].w == 0 && x > 0 && row[x-1].w == 2 {
			x--
		}
		style, link := row[x].st, row[x].link
		var at int
		buf, at = proto.BeginRun(buf, uint16(y), uint16(x), style, st.linkURL(link))
		n := 0
		for x < st.cols && row[x].st == style && row[x].link == link && (n == 0 || full || st.changed(base+x) || row[x].w == 0) {
			cell := row[x]
			if cell.w == 0 {
				// An orphan right half (its left half was cropped away).
				buf = proto.AppendCell(buf, nil, 1)
				x++
			} else {
				buf = proto.AppendCell(buf, st.cellText(base+x, cell), cell.w)
				x += int(cell.w)
			}
			n++
		}
		proto.EndRun(buf, at, n)
	}
	return buf
}

func (st *renderState) changed(i int) bool {
	if st.next[i] != st.prev[i] {
		return true
	}
	if st.next[i].r > maxRune {
		return st.clusters[i] != st.prevClusters[i]
	}
	return false
}

func (st *renderState) cellText(i int, c screenCell) []byte {
	switch {
	case c.r == 0:
		return nil
	case c.r > maxRune:
		return append(st.scratch[:0], st.clusters[i]...)
	case c.r < 0x80:
		st.scratch = append(st.scratch[:0], byte(c.r))
	default:
		st.scratch = appendRune(st.scratch[:0], c.r)
	}
	return st.scratch
}

func appendRune(b []byte, r rune) []byte {
	return append(b, string(r)...)
}

// compose brings st.next up to date with c's view, marking the rows it
// recomposed in st.dirty, and returns where the cursor goes. With all
// set, or when the layout changed, it recomposes everything.
func (s *Server) compose(c *Client, st *renderState, all bool) proto.Cursor {
	sess := c.session
	cursor := proto.Cursor{}
	var w *Window
	if sess != nil {
		w = sess.current
	}
	statusOn := w != nil && s.sessionOption(sess, "status") == "on" && st.rows > 1
	paneRows := st.rows
	if statusOn {
		paneRows--
	}
	all = st.layoutChanged(w, statusOn, paneRows) || all
	if all {
		clear(st.next)
		clear(st.clusters)
		clear(st.shadows)
		for y := range st.dirty {
			st.dirty[y] = true
		}
		if w != nil && !w.zoomed && len(w.panes) > 1 {
			s.composeBorders(st, w, paneRows)
		}
	}
	if w == nil {
		return cursor
	}
	for _, p := range w.panes {
		if w.zoomed && p != w.active {
			continue
		}
		s.composePane(st, p, paneRows)
	}
	// One look at the active pane's terminal for the status line's inputs
	// and the cursor.
	var cur vt.Cursor
	var title, cwd string
	if p := w.active; p != nil {
		p.withTerm(func(t *vt.Terminal) { cur, title, cwd = t.Cursor(), t.Title(), t.Cwd() })
	}
	if statusInputsChanged(c, st, title, cwd) || st.statusStale || all {
		st.statusStale = false
		if statusOn {
			s.composeStatus(c, st, st.rows-1)
			st.dirty[st.rows-1] = true
		}
		// The outer terminal's title follows the same inputs.
		if s.sessionOption(sess, "set-titles") == "on" {
			f := formatCtx{s: s, sess: sess, win: w, pane: w.active, client: c}
			st.title = safeTitle(strftime(f.expand(s.sessionOption(sess, "set-titles-string")), time.Now()))
		}
	}
	if p := w.active; p != nil {
		x, y := p.x+cur.Col, p.y+cur.Row
		cursor = proto.Cursor{Col: uint16(x), Row: uint16(y), Visible: cur.Visible && x < st.cols && y < paneRows, Shape: uint8(cur.Shape)}
		if c.message != "" {
			cursor.Visible = false // the cursor is not on the pane while a message shows
		}
	}
	return cursor
}

// maxTitle bounds the outer terminal's title, in bytes.
const maxTitle = 512

// safeTitle drops control characters from a title for the outer terminal
// and bounds its length: it goes inside an OSC sequence, and a window
// name (a program's comm, which the program chooses) or an OSC 7 path
// could otherwise end that sequence and write others.
func safeTitle(title string) string {
	var b strings.Builder
	for _, r := range title {
		if r < 0x20 || r >= 0x7f && r < 0xa0 || r == utf8.RuneError {
			continue
		}
		if b.Len()+utf8.RuneLen(r) > maxTitle {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// statusInputsChanged reports whether what pane output can change on c's
// status line (the active pane's title and cwd among it) differs from the
// last frame's, and remembers it.
func statusInputsChanged(c *Client, st *renderState, title, cwd string) bool {
	changed := false
	if c.message != st.statusMessage {
		st.statusMessage = c.message
		changed = true
	}
	sess := c.session
	if title != st.statusTitle || cwd != st.statusCwd {
		st.statusTitle, st.statusCwd = title, cwd
		changed = true
	}
	if len(st.statusNames) != len(sess.windows) {
		st.statusNames = make([]string, len(sess.windows))
		changed = true
	}
	for i, w := range sess.windows {
		if name := w.displayName(); name != st.statusNames[i] {
			st.statusNames[i] = name
			changed = true
		}
	}
	return changed
}

// layoutChanged reports whether the layout differs from the last frame's,
// and remembers it.
func (st *renderState) layoutChanged(w *Window, statusOn bool, paneRows int) bool {
	l := viewLayout{window: w, statusOn: statusOn, paneRows: paneRows}
	st.rects = st.rects[:0]
	if w != nil {
		l.active, l.zoomed, l.wcols, l.wrows = w.active, w.zoomed, w.cols, w.rows
		for _, p := range w.panes {
			st.rects = append(st.rects, paneBox{p, p.x, p.y, p.cols, p.rows})
		}
	}
	if l == st.layout && slices.Equal(st.rects, st.panes) {
		return false
	}
	st.layout = l
	st.panes = append(st.panes[:0], st.rects...)
	return true
}

// composePane copies the rows of p that changed since the last frame into
// st.next.
func (s *Server) composePane(st *renderState, p *Pane, areaRows int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cols := min(p.cols, st.cols-p.x)
	rows := min(p.rows, areaRows-p.y)
	if cols <= 0 || rows <= 0 {
		return // the pane lies wholly outside this client's view
	}
	if st.shadows == nil {
		st.shadows = make(map[*Pane][]uint64)
	}
	versions := st.shadows[p]
	all := len(versions) != p.rows // a new layout, or a new pane
	if all {
		versions = make([]uint64, p.rows)
		st.shadows[p] = versions
	}
	var lastID vt.StyleID
	lastStyle := proto.Style{}
	var lastLink uint32
	for y := 0; y < rows; y++ {
		version := p.term.LineVersion(y)
		if !all && version == versions[y] {
			continue
		}
		versions[y] = version
		st.rowBuf, _ = p.term.LineCells(y, st.rowBuf[:0])
		line := st.rowBuf
		st.dirty[p.y+y] = true
		start := (p.y+y)*st.cols + p.x
		out := st.next[start : start+cols]
		for x := 0; x < cols; x++ {
			cell := line[x]
			if cell.Style != lastID {
				lastID = cell.Style
				vs := p.term.Style(cell.Style)
				lastStyle = wireStyle(vs)
				lastLink = 0
				if vs.Link != 0 {
					lastLink = st.linkNumber(p.term.Link(vs.Link))
				}
			}
			w := cell.Width
			if w == 2 && x == cols-1 {
				// A wide character cut by the pane's right edge.
				cell.Rune, w = 0, 1
			}
			out[x] = screenCell{r: cell.Rune, w: w, st: lastStyle, link: lastLink}
			if cell.Rune > maxRune {
				if st.clusters == nil {
					st.clusters = make(map[int]string)
				}
				i := (p.y+y)*st.cols + p.x + x
				st.scratch = p.term.AppendCellText(st.scratch[:0], cell)
				if old, ok := st.clusters[i]; !ok || old != string(st.scratch) {
					st.clusters[i] = string(st.scratch)
				}
			}
		}
	}
}

func (st *renderState) linkURL(n uint32) string {
	if n == 0 {
		return ""
	}
	return st.links[n]
}

// linkNumber returns url's index in st.links, adding it if new; "" is 0.
func (st *renderState) linkNumber(url string) uint32 {
	if url == "" {
		return 0
	}
	if n, ok := st.linkIndex[url]; ok {
		return n
	}
	if st.linkIndex == nil {
		st.linkIndex = make(map[string]uint32)
	}
	n := uint32(len(st.links))
	st.links = append(st.links, url)
	st.linkIndex[url] = n
	return n
}

func wireStyle(v vt.Style) proto.Style {
	return proto.Style{
		Fg:             proto.Color(v.Fg),
		Bg:             proto.Color(v.Bg),
		Underline:      proto.Color(v.UnderlineColor),
		Attrs:          uint16(v.Attrs),
		UnderlineStyle: uint8(v.Underline),
	}
}

// composeBorders draws the lines between panes: every cell of the window
// that no pane covers is border, and its glyph joins the border cells
// around it. Cells next to the active pane are green, as tmux's
// pane-active-border-style.
func (s *Server) composeBorders(st *renderState, w *Window, areaRows int) {
	cols, rows := min(w.cols, st.cols), min(w.rows, areaRows)
	owner := st.owner[:0]
	for range cols * rows {
		owner = append(owner, 0)
	}
	st.owner = owner
	for i, p := range w.panes {
		for y := p.y; y < p.y+p.rows && y < rows; y++ {
			for x := p.x; x < p.x+p.cols && x < cols; x++ {
				owner[y*cols+x] = int32(i + 1)
			}
		}
	}
	activeIdx := int32(w.paneIndex(w.active) + 1)
	isBorder := func(x, y int) bool {
		return x >= 0 && y >= 0 && x < cols && y < rows && owner[y*cols+x] == 0
	}
	nearActive := func(x, y int) bool {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if nx, ny := x+dx, y+dy; nx >= 0 && ny >= 0 && nx < cols && ny < rows && owner[ny*cols+nx] == activeIdx {
					return true
				}
			}
		}
		return false
	}
	active := proto.Style{Fg: proto.Color(vt.IndexedColor(2))}
	for y := 0; y < rows; y++ {
		for x := 0; x < cols; x++ {
			if !isBorder(x, y) {
				continue
			}
			var n uint8
			if isBorder(x, y-1) {
				n |= 1
			}
			if isBorder(x, y+1) {
				n |= 2
			}
			if isBorder(x-1, y) {
				n |= 4
			}
			if isBorder(x+1, y) {
				n |= 8
			}
			style := proto.Style{}
			if nearActive(x, y) {
				style = active
			}
			st.next[y*st.cols+x] = screenCell{r: borderGlyphs[n], w: 1, st: style}
		}
	}
}

// borderGlyphs is indexed by which neighbours are border: 1 up, 2 down,
// 4 left, 8 right.
var borderGlyphs = [16]rune{
	'·', '│', '│', '│',
	'─', '┘', '┐', '┤',
	'─', '└', '┌', '├',
	'─', '┴', '┬', '┼',
}

// resizeSession sizes every window of sess for its attached clients per
// the window-size option. Called with s.mu held.
func (s *Server) resizeSession(sess *Session) {
	cols, rows := sess.cols, sess.rows
	policy := s.sessionOption(sess, "window-size")
	var latest time.Time
	first := true
	for c := range s.clients {
		if c.session != sess {
			continue
		}
		cc, cr := c.cols, c.rows
		if s.sessionOption(sess, "status") == "on" && cr > 1 {
			cr--
		}
		switch policy {
		case "smallest":
			if first {
				cols, rows = cc, cr
			}
			cols, rows = min(cols, cc), min(rows, cr)
		case "largest":
			if first {
				cols, rows = cc, cr
			}
			cols, rows = max(cols, cc), max(rows, cr)
		case "latest":
			if first || c.attachedAt.After(latest) {
				cols, rows, latest = cc, cr, c.attachedAt
			}
		}
		first = false
	}
	cols, rows = max(cols, 1), max(rows, 1)
	sess.cols, sess.rows = cols, rows
	for _, w := range sess.windows {
		if w.cols != cols || w.rows != rows {
			w.cols, w.rows = cols, rows
			w.relayout()
		}
	}
	s.redrawSession(sess)
}
