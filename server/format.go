package server

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/vt"
)

// formatCtx is what #{...} variables refer to.
type formatCtx struct {
	s      *Server
	sess   *Session
	win    *Window
	pane   *Pane
	client *Client
}

func (s *Server) formatFor(ctx *cmdCtx, p *Pane) formatCtx {
	f := formatCtx{s: s, pane: p}
	if p != nil && p.window != nil {
		f.win = p.window
		f.sess = p.window.session
	}
	f.client = ctx.client
	return f
}

// shortAliases are tmux's one-letter format shorthands.
var shortAliases = map[byte]string{
	'D': "pane_id", 'F': "window_flags", 'H': "host", 'h': "host_short",
	'I': "window_index", 'P': "pane_index", 'S': "session_name",
	'T': "pane_title", 'W': "window_name",
}

// expand replaces #{...} and #X in text.
func (f formatCtx) expand(text string) string {
	if !strings.Contains(text, "#") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if ch != '#' || i+1 >= len(text) {
			b.WriteByte(ch)
			continue
		}
		next := text[i+1]
		switch {
		case next == '#' || next == ',' || next == '}':
			b.WriteByte(next) // ## #, #} are escapes
			i++
		case next == '{':
			end := matchBrace(text, i+1)
			if end < 0 {
				b.WriteString(text[i:])
				return b.String()
			}
			b.WriteString(f.expandExpr(text[i+2 : end]))
			i = end
		case shortAliases[next] != "":
			b.WriteString(f.value(shortAliases[next]))
			i++
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// matchBrace finds the } closing the { at open, allowing nesting.
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// splitTopLevel splits s on commas not inside #{...}.
func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '#':
			if i+1 < len(s) && s[i+1] != '{' {
				i++ // an escaped character, such as #,
			}
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

func (f formatCtx) expandExpr(e string) string {
	switch {
	case strings.HasPrefix(e, "?"):
		parts := splitTopLevel(e[1:])
		if len(parts) < 2 {
			return ""
		}
		cond := f.condition(parts[0])
		if cond {
			return f.expand(parts[1])
		}
		if len(parts) > 2 {
			return f.expand(parts[2])
		}
		return ""
	case strings.HasPrefix(e, "=="), strings.HasPrefix(e, "!="):
		parts := splitTopLevel(strings.TrimPrefix(e[2:], ":"))
		if len(parts) != 2 {
			return ""
		}
		eq := f.expand(parts[0]) == f.expand(parts[1])
		return boolStr(eq == (e[0] == '='))
	case strings.HasPrefix(e, "="):
		n, rest, ok := strings.Cut(e[1:], ":")
		width, err := strconv.Atoi(n)
		if !ok || err != nil {
			return ""
		}
		return truncateWidth(f.expand("#{"+rest+"}"), width)
	case strings.HasPrefix(e, "t:"):
		v, err := strconv.ParseInt(f.value(e[2:]), 10, 64)
		if err != nil {
			return ""
		}
		return time.Unix(v, 0).Format("Mon Jan _2 15:04:05 2006")
	}
	if strings.Contains(e, "#") {
		return f.expand(e)
	}
	return f.value(e)
}

func (f formatCtx) condition(c string) bool {
	v := f.expandExpr(c)
	if strings.Contains(c, "#") {
		v = f.expand(c)
	}
	return v != "" && v != "0"
}

func boolStr(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

// truncateWidth keeps the first n runes (the last -n when negative).
func truncateWidth(s string, n int) string {
	r := []rune(s)
	switch {
	case n >= 0 && len(r) > n:
		return string(r[:n])
	case n < 0 && len(r) > -n:
		return string(r[len(r)+n:])
	}
	return s
}

// value is one format variable, "" when unknown or not applicable.
func (f formatCtx) value(name string) string {
	s := f.s
	switch name {
	case "pid":
		return strconv.Itoa(os.Getpid())
	case "socket_path":
		return s.cfg.SocketPath
	case "version":
		return proto.Release
	case "host":
		return s.hostname()
	case "host_short":
		h, _, _ := strings.Cut(s.hostname(), ".")
		return h
	case "start_time":
		return strconv.FormatInt(s.started.Unix(), 10)
	}
	if c := f.client; c != nil {
		switch name {
		case "client_width":
			return strconv.Itoa(c.cols)
		case "client_height":
			return strconv.Itoa(c.rows)
		case "client_termname":
			return c.term
		case "client_key_table":
			return c.keyTable
		case "client_prefix":
			return boolStr(c.keyTable == "prefix")
		case "client_session":
			if c.session != nil {
				return c.session.name
			}
			return ""
		case "client_created":
			return strconv.FormatInt(c.attachedAt.Unix(), 10)
		case "client_name", "client_tty":
			return "client-" + strconv.Itoa(c.id)
		}
	}
	if sess := f.sess; sess != nil {
		switch name {
		case "session_name":
			return sess.name
		case "session_id":
			return "$" + strconv.Itoa(sess.id)
		case "session_windows":
			return strconv.Itoa(len(sess.windows))
		case "session_created":
			return strconv.FormatInt(sess.created.Unix(), 10)
		case "session_activity":
			return strconv.FormatInt(sess.activity.Unix(), 10)
		case "session_attached":
			return strconv.Itoa(s.attachedCount(sess))
		case "session_grouped", "session_many_attached":
			if name == "session_many_attached" {
				return boolStr(s.attachedCount(sess) > 1)
			}
			return "0"
		case "session_alerts":
			var alerts []string
			for _, w := range sess.windows {
				if w.bellFlag {
					alerts = append(alerts, strconv.Itoa(w.index)+"!")
				}
			}
			return strings.Join(alerts, ",")
		case "session_width":
			return strconv.Itoa(sess.cols)
		case "session_height":
			return strconv.Itoa(sess.rows)
		}
	}
	if w := f.win; w != nil {
		switch name {
		case "window_index":
			return strconv.Itoa(w.index)
		case "window_id":
			return "@" + strconv.Itoa(w.id)
		case "window_name":
			return w.displayName()
		case "window_active":
			return boolStr(w.session != nil && w.session.current == w)
		case "window_last_flag":
			return boolStr(w.session != nil && w.session.last == w)
		case "window_panes":
			return strconv.Itoa(len(w.panes))
		case "window_flags":
			return windowFlags(w)
		case "window_width":
			return strconv.Itoa(w.cols)
		case "window_height":
			return strconv.Itoa(w.rows)
		case "window_zoomed_flag":
			return boolStr(w.zoomed)
		case "window_bell_flag":
			return boolStr(w.bellFlag)
		}
	}
	if p := f.pane; p != nil {
		return f.paneValue(p, name)
	}
	return ""
}

func (f formatCtx) paneValue(p *Pane, name string) string {
	switch name {
	case "pane_id":
		return "%" + strconv.Itoa(p.id)
	case "pane_index":
		if p.window != nil {
			return strconv.Itoa(p.window.paneIndex(p))
		}
	case "pane_pid":
		return strconv.Itoa(p.pid)
	case "pane_tty":
		if p.ptmx != nil {
			if name, err := ptsName(p); err == nil {
				return name
			}
		}
	case "pane_current_command":
		return p.currentCommand()
	case "pane_current_path":
		return p.currentPath()
	case "pane_width":
		return strconv.Itoa(p.cols)
	case "pane_height":
		return strconv.Itoa(p.rows)
	case "pane_left":
		return strconv.Itoa(p.x)
	case "pane_top":
		return strconv.Itoa(p.y)
	case "pane_active":
		return boolStr(p.window != nil && p.window.active == p)
	case "pane_dead":
		return boolStr(p.dead)
	case "pane_in_mode":
		return "0"
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch name {
	case "pane_title":
		if t := p.term.Title(); t != "" {
			return t
		}
		return f.s.hostname()
	case "cursor_x":
		return strconv.Itoa(p.term.Cursor().Col)
	case "cursor_y":
		return strconv.Itoa(p.term.Cursor().Row)
	case "cursor_flag":
		return boolStr(p.term.Cursor().Visible)
	case "history_size":
		return strconv.Itoa(p.term.HistoryLen())
	case "history_limit":
		return strconv.Itoa(f.s.options.int("history-limit", 2000))
	case "alternate_on":
		return boolStr(p.term.Modes()&vt.ModeAltScreen != 0)
	case "insert_flag":
		return boolStr(p.term.Modes()&vt.ModeInsert != 0)
	case "keypad_cursor_flag":
		return boolStr(p.term.Modes()&vt.ModeCursorKeys != 0)
	case "keypad_flag":
		return boolStr(p.term.Modes()&vt.ModeKeypadApp != 0)
	case "mouse_any_flag":
		return boolStr(p.term.Modes()&vt.ModeMouseAny != 0)
	case "wrap_flag":
		return boolStr(p.term.Modes()&vt.ModeAutowrap != 0)
	}
	return ""
}

func windowFlags(w *Window) string {
	var b strings.Builder
	if w.session != nil && w.session.current == w {
		b.WriteByte('*')
	} else if w.session != nil && w.session.last == w {
		b.WriteByte('-')
	}
	if w.bellFlag {
		b.WriteByte('!')
	}
	if w.zoomed {
		b.WriteByte('Z')
	}
	return b.String()
}

func (s *Server) attachedCount(sess *Session) int {
	n := 0
	for c := range s.clients {
		if c.session == sess {
			n++
		}
	}
	return n
}

// strftime expands the % sequences tmux's status strings use.
func strftime(format string, t time.Time) string {
	if !strings.Contains(format, "%") {
		return format
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 >= len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		switch format[i] {
		case 'H':
			b.WriteString(t.Format("15"))
		case 'M':
			b.WriteString(t.Format("04"))
		case 'S':
			b.WriteString(t.Format("05"))
		case 'd':
			b.WriteString(t.Format("02"))
		case 'e':
			b.WriteString(t.Format("_2"))
		case 'm':
			b.WriteString(t.Format("01"))
		case 'b', 'h':
			b.WriteString(t.Format("Jan"))
		case 'B':
			b.WriteString(t.Format("January"))
		case 'a':
			b.WriteString(t.Format("Mon"))
		case 'A':
			b.WriteString(t.Format("Monday"))
		case 'y':
			b.WriteString(t.Format("06"))
		case 'Y':
			b.WriteString(t.Format("2006"))
		case 'I':
			b.WriteString(t.Format("03"))
		case 'l':
			b.WriteString(t.Format("3"))
		case 'p':
			b.WriteString(t.Format("PM"))
		case 'Z':
			b.WriteString(t.Format("MST"))
		case 'z':
			b.WriteString(t.Format("-0700"))
		case 's':
			b.WriteString(strconv.FormatInt(t.Unix(), 10))
		case '%':
			b.WriteByte('%')
		default:
			b.WriteByte('%')
			b.WriteByte(format[i])
		}
	}
	return b.String()
}

// hostname is the machine's name, read once: the status line asks for it
// on every frame.
func (s *Server) hostname() string {
	s.hostOnce.Do(func() { s.host, _ = os.Hostname() })
	return s.host
}
