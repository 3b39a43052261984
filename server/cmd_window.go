package server

import (
	"errors"

	"github.com/gmux/gmux/cmdline"
)

type windowSpec struct {
	name string
	argv []string
	dir  string
	env  []string
}

// newWindowIn creates a window with one pane in sess at the first free
// index from `from`. Called with s.mu held.
func (s *Server) newWindowIn(sess *Session, spec windowSpec, from int) (*Window, error) {
	s.nextID.window++
	w := &Window{
		id:       s.nextID.window,
		name:     spec.name,
		autoName: spec.name == "",
		cols:     sess.cols,
		rows:     sess.rows,
		session:  sess,
	}
	p, err := s.newPane(paneSpec{argv: spec.argv, dir: spec.dir, env: spec.env, cols: w.cols, rows: w.rows, sessionID: sess.id})
	if err != nil {
		s.nextID.window--
		return nil, err
	}
	p.window = w
	w.panes = []*Pane{p}
	w.active = p
	w.layoutState.split(nil, p, leftRight, false)
	if w.name == "" {
		w.name = "sh"
		if len(spec.argv) > 0 {
			w.name = spec.argv[0]
		}
	}
	sess.insertWindow(w, from)
	return w, nil
}

var cmdNewWindow = command{
	Spec: &cmdline.NewWindow,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		sess, err := s.resolveSession(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		from := s.sessionOptionInt(sess, "base-index", 0)
		if t := a.Get('t'); t != "" {
			if w, err := s.resolveWindow(ctx, t); err == nil && !a.Has('k') {
				from = w.index + 1
			}
		}
		dir := a.Get('c')
		if dir == "" {
			dir = sess.cwd
			if sess.current != nil && sess.current.active != nil {
				if p := sess.current.active.currentPath(); p != "" {
					dir = p
				}
			}
		}
		w, err := s.newWindowIn(sess, windowSpec{name: a.Get('n'), argv: a.Pos, dir: dir, env: s.envFor(ctx, sess)}, from)
		if err != nil {
			return err
		}
		if !a.Has('d') {
			sess.selectWindow(w)
		}
		if a.Has('P') {
			format := a.Get('F')
			if format == "" {
				format = "#{session_name}:#{window_index}.#{pane_index}"
			}
			ctx.printf("%s\n", formatCtx{s: s, sess: sess, win: w, pane: w.active}.expand(format))
		}
		s.redrawSession(sess)
		return nil
	},
}

// envFor is the environment for a new pane: the session's, or the
// attached client's.
func (s *Server) envFor(ctx *cmdCtx, sess *Session) []string {
	if sess.env != nil {
		return sess.env
	}
	return ctx.env
}

var cmdKillWindow = command{
	Spec: &cmdline.KillWindow,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		w, err := s.resolveWindow(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		victims := []*Window{w}
		if a.Has('a') {
			victims = nil
			for _, o := range w.session.windows {
				if o != w {
					victims = append(victims, o)
				}
			}
		}
		for _, v := range victims {
			s.killWindow(v)
		}
		return nil
	},
}

// killWindow hangs up every pane of w and removes it at once.
func (s *Server) killWindow(w *Window) {
	for _, p := range append([]*Pane(nil), w.panes...) {
		p.kill()
		s.paneExited(p)
	}
}

func selectAndRedraw(s *Server, sess *Session, w *Window) error {
	if w == nil {
		return errors.New("can't find window")
	}
	sess.selectWindow(w)
	for c := range s.clients {
		if c.session == sess {
			s.updateModes(c)
		}
	}
	s.redrawSession(sess)
	return nil
}

var cmdSelectWindow = command{
	Spec: &cmdline.SelectWindow,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		switch {
		case a.Has('l'):
			return cmdLastWindow.exec(s, ctx, a)
		case a.Has('n'):
			return cmdNextWindow.exec(s, ctx, a)
		case a.Has('p'):
			return cmdPreviousWindow.exec(s, ctx, a)
		}
		w, err := s.resolveWindow(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		if a.Has('T') && w.session.current == w && w.session.last != nil {
			w = w.session.last
		}
		return selectAndRedraw(s, w.session, w)
	},
}

func stepWindow(d int) func(s *Server, ctx *cmdCtx, a *args) error {
	return func(s *Server, ctx *cmdCtx, a *args) error {
		sess, err := s.resolveSession(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		return selectAndRedraw(s, sess, sess.windowAtOffset(d))
	}
}

var cmdNextWindow = command{
	Spec: &cmdline.NextWindow,
	exec: stepWindow(1),
}

var cmdPreviousWindow = command{
	Spec: &cmdline.PreviousWindow,
	exec: stepWindow(-1),
}

var cmdLastWindow = command{
	Spec: &cmdline.LastWindow,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		sess, err := s.resolveSession(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		if sess.last == nil {
			return errors.New("no last window")
		}
		return selectAndRedraw(s, sess, sess.last)
	},
}

var cmdRenameWindow = command{
	Spec: &cmdline.RenameWindow,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		w, err := s.resolveWindow(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		w.name = a.Pos[0]
		w.autoName = false
		s.redrawSession(w.session)
		return nil
	},
}

var cmdListWindows = command{
	Spec: &cmdline.ListWindows,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		format := a.Get('F')
		var sessions []*Session
		if a.Has('a') {
			sessions = s.sortedSessions()
			if format == "" {
				format = "#{session_name}:#{window_index}: #{window_name}#{window_flags} (#{window_panes} panes) [#{window_width}x#{window_height}]"
			}
		} else {
			sess, err := s.resolveSession(ctx, a.Get('t'))
			if err != nil {
				return err
			}
			sessions = []*Session{sess}
		}
		if format == "" {
			format = "#{window_index}: #{window_name}#{window_flags} (#{window_panes} panes) [#{window_width}x#{window_height}] #{?window_active,(active),}"
		}
		for _, sess := range sessions {
			for _, w := range sess.windows {
				f := formatCtx{s: s, sess: sess, win: w, pane: w.active, client: ctx.client}
				if filter := a.Get('f'); filter != "" && !f.condition(filter) {
					continue
				}
				ctx.printf("%s\n", trimRight(f.expand(format)))
			}
		}
		return nil
	},
}

func trimRight(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
