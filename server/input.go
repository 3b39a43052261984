package server

import (
	"time"

	"github.com/gmux/gmux/keys"
	"github.com/gmux/gmux/proto"
	"github.com/gmux/gmux/vt"
)

// handleInput applies one frame from an attached client. It returns false
// when the connection should be dropped (a malformed or unexpected frame).
func (s *Server) handleInput(c *Client, typ proto.Type, p []byte) bool {
	switch typ {
	case proto.TypeFrameAck:
		select {
		case c.ack <- struct{}{}:
		default:
		}
		return true
	case proto.TypeKey:
		var k proto.Key
		if k.Decode(p) != nil {
			return false
		}
		s.locked(func() { s.handleKey(c, keys.Key{Code: rune(k.Code), Mod: keys.Mod(k.Mod)}) })
	case proto.TypePaste:
		s.locked(func() {
			if pane := s.clientPane(c); pane != nil {
				bracketed := pane.modes()&vt.ModeBracketedPaste != 0
				pane.writeInput(keys.EncodePaste(nil, p, bracketed))
			}
		})
	case proto.TypeMouse:
		var m proto.Mouse
		if m.Decode(p) != nil {
			return false
		}
		s.locked(func() { s.handleMouse(c, m) })
	case proto.TypeFocus:
		if len(p) != 1 {
			return false
		}
		s.locked(func() {
			if pane := s.clientPane(c); pane != nil && pane.modes()&vt.ModeFocus != 0 {
				if p[0] != 0 {
					pane.writeInput([]byte("\x1b[I"))
				} else {
					pane.writeInput([]byte("\x1b[O"))
				}
			}
		})
	case proto.TypeResize:
		var sz proto.Size
		if sz.Decode(p) != nil {
			return false
		}
		s.locked(func() {
			c.cols, c.rows = max(int(sz.Cols), 1), max(int(sz.Rows), 1)
			if c.session != nil {
				c.session.activity = time.Now()
				s.resizeSession(c.session)
			}
			c.redrawAll()
		})
	default:
		return false
	}
	return true
}

// clientPane is the active pane of the client's current window.
func (s *Server) clientPane(c *Client) *Pane {
	if c.session == nil || c.session.current == nil {
		return nil
	}
	return c.session.current.active
}

func (p *Pane) modes() vt.Modes {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.term.Modes()
}

func parseKey(name string) (keys.Key, error) { return keys.Parse(name) }

// handleKey runs a key through the client's key table: the prefix switches
// to the prefix table, a bound key runs its command, anything else goes
// to the active pane.
func (s *Server) handleKey(c *Client, k keys.Key) {
	if c.session == nil {
		return
	}
	c.session.activity = time.Now()
	k = k.Canonical()
	table := c.keyTable
	repeating := !c.repeatEnd.IsZero()
	if repeating && time.Now().After(c.repeatEnd) {
		table, repeating = "root", false
	}
	c.keyTable = "root"
	c.repeatEnd = time.Time{}

	if table == "root" {
		if s.isPrefix(c.session, k) {
			c.keyTable = "prefix"
			c.markDirty()
			return
		}
		if b, ok := s.tables.Lookup("root", k); ok {
			s.runBinding(c, b)
			return
		}
		if pane := s.clientPane(c); pane != nil {
			s.sendKeyToPane(pane, k)
		}
		return
	}
	b, ok := s.tables.Lookup(table, k)
	if !ok {
		// An unbound key after the prefix is dropped, as tmux does; a
		// repeat chain ending in an unbound key starts over from root.
		if repeating {
			s.handleKey(c, k)
		}
		c.markDirty()
		return
	}
	if b.Repeat {
		c.keyTable = table
		c.repeatEnd = time.Now().Add(time.Duration(s.options.int("repeat-time", 500)) * time.Millisecond)
	}
	s.runBinding(c, b)
	c.markDirty()
}

func (s *Server) isPrefix(sess *Session, k keys.Key) bool {
	for _, opt := range []string{"prefix", "prefix2"} {
		name := s.sessionOption(sess, opt)
		if name == "" || name == "None" {
			continue
		}
		if pk, err := keys.Parse(name); err == nil && pk.Canonical() == k.Canonical() {
			return true
		}
	}
	return false
}

// runBinding runs a key binding's command for c; an error shows on its
// status line.
func (s *Server) runBinding(c *Client, b keys.Binding) {
	ctx := &cmdCtx{client: c, env: c.env}
	if err := s.runText(ctx, b.Command); err != nil {
		s.showMessage(c, err.Error())
		return
	}
	if out := ctx.out.String(); out != "" {
		s.showMessage(c, firstLine(out))
	}
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}

// sendKeyToPane encodes k for the pane's current modes and queues it.
func (s *Server) sendKeyToPane(p *Pane, k keys.Key) {
	m := p.modes()
	p.writeInput(keys.Encode(nil, k, keys.Modes{
		CursorKeys: m&vt.ModeCursorKeys != 0,
		KeypadApp:  m&vt.ModeKeypadApp != 0,
	}))
}

// handleMouse forwards a mouse event to the pane under it when that pane
// asked for mouse reports; with the mouse option on, a click also selects
// the pane.
func (s *Server) handleMouse(c *Client, m proto.Mouse) {
	if c.session == nil || c.session.current == nil {
		return
	}
	w := c.session.current
	col, row := int(m.Col), int(m.Row)
	var target *Pane
	for _, p := range w.panes {
		if w.zoomed && p != w.active {
			continue
		}
		if col >= p.x && col < p.x+p.cols && row >= p.y && row < p.y+p.rows {
			target = p
		}
	}
	if target == nil {
		return
	}
	ev := keys.MouseEvent{
		Col: col - target.x, Row: row - target.y,
		Button: keys.MouseButton(m.Button), Action: keys.MouseAction(m.Action), Mod: keys.Mod(m.Mod),
	}
	if ev.Action == keys.MousePress && target != w.active && s.options.flag("mouse") {
		w.active = target
		s.redrawSession(c.session)
	}
	mode, enc := mouseModes(target.modes())
	if mode == keys.MouseOff {
		return
	}
	if b, ok := keys.EncodeMouse(nil, ev, mode, enc); ok {
		target.writeInput(b)
	}
}

func mouseModes(m vt.Modes) (keys.MouseMode, keys.MouseEncoding) {
	mode := keys.MouseOff
	switch {
	case m&vt.ModeMouseAny != 0:
		mode = keys.MouseAnyEvent
	case m&vt.ModeMouseButton != 0:
		mode = keys.MouseButtonEvent
	case m&vt.ModeMouseNormal != 0:
		mode = keys.MouseNormal
	case m&vt.ModeMouseX10 != 0:
		mode = keys.MouseX10
	}
	enc := keys.MouseEncDefault
	switch {
	case m&vt.ModeMouseSGR != 0:
		enc = keys.MouseEncSGR
	case m&vt.ModeMouseURXVT != 0:
		enc = keys.MouseEncURXVT
	case m&vt.ModeMouseUTF8 != 0:
		enc = keys.MouseEncUTF8
	}
	return mode, enc
}

// updateModes tells the client which terminal features to turn on: the
// mouse when the mouse option is on or a pane wants mouse reports.
func (s *Server) updateModes(c *Client) {
	var want uint8
	if s.options.flag("mouse") {
		want |= proto.ModeMouse
	}
	if p := s.clientPane(c); p != nil {
		m := p.modes()
		if m&(vt.ModeMouseX10|vt.ModeMouseNormal|vt.ModeMouseButton|vt.ModeMouseAny) != 0 {
			want |= proto.ModeMouse
		}
		if m&vt.ModeFocus != 0 {
			want |= proto.ModeFocus
		}
	}
	if want != c.modes {
		c.modes = want
		c.send(proto.TypeModes, []byte{want})
	}
}
