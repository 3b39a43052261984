package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
	"golang.org/x/sys/unix"

	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/vt"
)

// composeStatus draws the status line on row y: status-left, the window
// list, and status-right; or a message when one is showing.
func (s *Server) composeStatus(c *Client, st *renderState, y int) {
	sess := c.session
	base := parseStyle(s.sessionOption(sess, "status-style"))
	row := st.next[y*st.cols : (y+1)*st.cols]
	for i := range row {
		row[i] = screenCell{st: base}
	}
	if c.message != "" {
		msgStyle := proto.Style{Fg: proto.Color(vt.IndexedColor(0)), Bg: proto.Color(vt.IndexedColor(3))}
		putText(row, 0, c.message, msgStyle)
		return
	}
	f := formatCtx{s: s, sess: sess, win: sess.current, client: c}
	if sess.current != nil {
		f.pane = sess.current.active
	}
	now := time.Now()
	left := truncateCells(strftime(f.expand(s.sessionOption(sess, "status-left")), now), 10)
	x := putText(row, 0, left, base)
	for _, w := range sess.windows {
		wf := formatCtx{s: s, sess: sess, win: w, pane: w.active, client: c}
		flags := windowFlags(w)
		if flags == "" {
			flags = " " // tmux pads an unflagged window to the same width
		}
		name := strconv.Itoa(w.index) + ":" + wf.value("window_name") + flags
		x = putText(row, x, name, base)
		x = putText(row, x, " ", base)
	}
	right := truncateCells(strftime(f.expand(s.sessionOption(sess, "status-right")), now), 40)
	if rw := runewidth.StringWidth(right); rw < len(row)-x {
		putText(row, len(row)-rw, right, base)
	}
}

// putText writes text into row from x and returns the column after it.
func putText(row []screenCell, x int, text string, style proto.Style) int {
	for _, r := range text {
		w := runewidth.RuneWidth(r)
		if w == 0 {
			continue
		}
		if x+w > len(row) {
			break
		}
		row[x] = screenCell{r: r, w: uint8(w), st: style}
		if w == 2 {
			row[x+1] = screenCell{w: 0, st: style}
		}
		x += w
	}
	return x
}

func truncateCells(s string, n int) string {
	if runewidth.StringWidth(s) <= n {
		return s
	}
	return runewidth.Truncate(s, n, "")
}

// parseStyle reads tmux style syntax: "bg=green,fg=colour231,bold".
func parseStyle(spec string) proto.Style {
	var st proto.Style
	for _, part := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == ' ' }) {
		k, v, ok := strings.Cut(part, "=")
		switch {
		case ok && k == "fg":
			st.Fg = parseColor(v)
		case ok && k == "bg":
			st.Bg = parseColor(v)
		case part == "bold" || part == "bright":
			st.Attrs |= uint16(vt.AttrBold)
		case part == "dim":
			st.Attrs |= uint16(vt.AttrDim)
		case part == "italics":
			st.Attrs |= uint16(vt.AttrItalic)
		case part == "underscore":
			st.UnderlineStyle = uint8(vt.UnderlineSingle)
		case part == "blink":
			st.Attrs |= uint16(vt.AttrBlink)
		case part == "reverse":
			st.Attrs |= uint16(vt.AttrReverse)
		case part == "default" || part == "none":
			st = proto.Style{}
		}
	}
	return st
}

var colorNames = []string{"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}

func parseColor(v string) proto.Color {
	v = strings.ToLower(v)
	for i, n := range colorNames {
		if v == n {
			return proto.Color(vt.IndexedColor(uint8(i)))
		}
		if v == "bright"+n {
			return proto.Color(vt.IndexedColor(uint8(i + 8)))
		}
	}
	for _, pre := range []string{"colour", "color"} {
		if strings.HasPrefix(v, pre) {
			if n, err := strconv.Atoi(v[len(pre):]); err == nil && n >= 0 && n < 256 {
				return proto.Color(vt.IndexedColor(uint8(n)))
			}
		}
	}
	if strings.HasPrefix(v, "#") && len(v) == 7 {
		if n, err := strconv.ParseUint(v[1:], 16, 32); err == nil {
			return proto.Color(vt.RGBColor(uint8(n>>16), uint8(n>>8), uint8(n)))
		}
	}
	return 0
}

// ptsName is the pane's terminal device, pane_tty.
func ptsName(p *Pane) (string, error) {
	rc, err := p.ptmx.SyscallConn()
	if err != nil {
		return "", err
	}
	var n int
	var ioErr error
	if err := rc.Control(func(fd uintptr) {
		n, ioErr = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
	}); err != nil {
		return "", err
	}
	if ioErr != nil {
		return "", ioErr
	}
	return "/dev/pts/" + strconv.Itoa(n), nil
}
