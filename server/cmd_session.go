package server

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gmux/gmux/cmdline"
)

// errNested is tmux's refusal to attach from inside one of its panes.
var errNested = errors.New("sessions should be nested with care, unset $GMUX to force")

var cmdNewSession = command{
	Spec: &cmdline.NewSession,
	exec: (*Server).newSession,
}

func (s *Server) newSession(ctx *cmdCtx, a *args) error {
	name := a.Get('s')
	if name != "" {
		name = sanitizeSessionName(name)
		if existing := s.findSessionByName(name); existing != nil {
			if a.Has('A') {
				return s.attachSession(ctx, existing, a.Has('D'))
			}
			return fmt.Errorf("duplicate session: %s", name)
		}
	} else {
		name = s.nextSessionName()
	}
	detached := a.Has('d')
	if !detached {
		if err := s.checkAttach(ctx); err != nil {
			return err
		}
	}
	cols, rows := 80, 24
	if ctx.cols > 0 && ctx.rows > 0 && !detached {
		cols, rows = ctx.cols, ctx.rows
		if s.options.flag("status") && rows > 1 {
			rows--
		}
	}
	if v := a.Get('x'); v != "" && v != "-" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return fmt.Errorf("width invalid: %s", v)
		}
		cols = n
	}
	if v := a.Get('y'); v != "" && v != "-" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return fmt.Errorf("height invalid: %s", v)
		}
		rows = n
	}
	s.nextID.session++
	sess := &Session{
		id:       s.nextID.session,
		name:     name,
		created:  time.Now(),
		activity: time.Now(),
		options:  map[string]string{},
		env:      ctx.env,
		cwd:      ctx.cwd,
		cols:     cols,
		rows:     rows,
	}
	if ctx.client != nil {
		sess.env = ctx.client.env
	}
	sess.env = s.sharedEnv(sess.env)
	if dir := a.Get('c'); dir != "" {
		sess.cwd = dir
	}
	env := sess.env
	if e := a.Get('e'); e != "" {
		env = append(append([]string(nil), sess.env...), e)
	}
	w, err := s.newWindowIn(sess, windowSpec{name: a.Get('n'), argv: a.Pos, dir: sess.cwd, env: env}, s.options.int("base-index", 0))
	if err != nil {
		return err
	}
	sess.current = w
	s.sessions = append(s.sessions, sess)
	if a.Has('P') {
		f := formatCtx{s: s, sess: sess, win: w, pane: w.active}
		format := a.Get('F')
		if format == "" {
			format = "#{session_name}:"
		}
		ctx.printf("%s\n", f.expand(format))
	}
	if detached {
		return nil
	}
	return s.attachSession(ctx, sess, false)
}

// checkAttach refuses an attach that cannot work: no terminal, or from
// inside a pane.
func (s *Server) checkAttach(ctx *cmdCtx) error {
	if ctx.client != nil {
		return nil
	}
	if ctx.nested {
		return errNested
	}
	if !ctx.tty {
		return errors.New("open terminal failed: not a terminal")
	}
	return nil
}

// attachSession attaches the requesting client to sess: a one-shot
// connection becomes an attached client; an attached client switches.
func (s *Server) attachSession(ctx *cmdCtx, sess *Session, detachOthers bool) error {
	if c := ctx.client; c != nil {
		s.switchClient(c, sess)
		return nil
	}
	if err := s.checkAttach(ctx); err != nil {
		return err
	}
	ctx.attach = sess
	ctx.detachPrev = detachOthers
	return nil
}

func (s *Server) switchClient(c *Client, sess *Session) {
	old := c.session
	if old == sess {
		return
	}
	c.lastSess = old
	c.session = sess
	sess.activity = time.Now()
	if old != nil {
		s.resizeSession(old)
	}
	s.resizeSession(sess)
	c.redrawAll()
}

var cmdAttachSession = command{
	Spec: &cmdline.AttachSession,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		if len(s.sessions) == 0 {
			return errNoSessions
		}
		sess, err := s.resolveSession(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		if dir := a.Get('c'); dir != "" {
			sess.cwd = dir
		}
		return s.attachSession(ctx, sess, a.Has('d'))
	},
}

var cmdListSessions = command{
	Spec: &cmdline.ListSessions,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		format := a.Get('F')
		if format == "" {
			format = "#{session_name}: #{session_windows} windows (created #{t:session_created})#{?session_attached, (attached),}"
		}
		for _, sess := range s.sortedSessions() {
			f := formatCtx{s: s, sess: sess, win: sess.current}
			if sess.current != nil {
				f.pane = sess.current.active
			}
			if filter := a.Get('f'); filter != "" && !f.condition(filter) {
				continue
			}
			ctx.printf("%s\n", f.expand(format))
		}
		return nil
	},
}

var cmdHasSession = command{
	Spec: &cmdline.HasSession,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		_, err := s.resolveSession(ctx, a.Get('t'))
		return err
	},
}

var cmdKillSession = command{
	Spec: &cmdline.KillSession,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		sess, err := s.resolveSession(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		if a.Has('a') {
			for _, o := range append([]*Session(nil), s.sessions...) {
				if o != sess {
					s.destroySession(o, "[exited]")
				}
			}
			return nil
		}
		s.destroySession(sess, "[exited]")
		return nil
	},
}

var cmdKillServer = command{
	Spec: &cmdline.KillServer,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		s.shutdownLocked("[server exited]")
		return nil
	},
}

var cmdStartServer = command{
	Spec: &cmdline.StartServer,
	exec: func(s *Server, ctx *cmdCtx, a *args) error { return nil },
}

var cmdRenameSession = command{
	Spec: &cmdline.RenameSession,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		sess, err := s.resolveSession(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		name := sanitizeSessionName(a.Pos[0])
		if name == "" {
			return fmt.Errorf("invalid session: %s", a.Pos[0])
		}
		if o := s.findSessionByName(name); o != nil && o != sess {
			return fmt.Errorf("duplicate session: %s", name)
		}
		sess.name = name
		s.redrawSession(sess)
		return nil
	},
}

var cmdDetachClient = command{
	Spec: &cmdline.DetachClient,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		if t := a.Get('s'); t != "" {
			sess, err := s.resolveSession(ctx, t)
			if err != nil {
				return err
			}
			s.detachAll(sess)
			return nil
		}
		me := ctx.client
		if a.Has('a') {
			for c := range s.clients {
				if c != me {
					c.exit(0, detachMessage(c.session))
				}
			}
			return nil
		}
		if t := a.Get('t'); t != "" {
			c := s.findClient(t)
			if c == nil {
				return fmt.Errorf("can't find client: %s", t)
			}
			me = c
		}
		if me == nil {
			return errors.New("no current client")
		}
		me.exit(0, detachMessage(me.session))
		return nil
	},
}

// detachAll detaches every client of sess.
func (s *Server) detachAll(sess *Session) {
	for c := range s.clients {
		if c.session == sess {
			c.exit(0, detachMessage(sess))
		}
	}
}

func detachMessage(sess *Session) string {
	if sess == nil {
		return "[detached]"
	}
	return "[detached (from session " + sess.name + ")]"
}

func (s *Server) findClient(name string) *Client {
	for c := range s.clients {
		if "client-"+strconv.Itoa(c.id) == name {
			return c
		}
	}
	return nil
}

var cmdListClients = command{
	Spec: &cmdline.ListClients,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		format := a.Get('F')
		if format == "" {
			format = "#{client_name}: #{session_name} [#{client_width}x#{client_height} #{client_termname}]"
		}
		var only *Session
		if t := a.Get('t'); t != "" {
			sess, err := s.resolveSession(ctx, t)
			if err != nil {
				return err
			}
			only = sess
		}
		for c := range s.clients {
			if c.session == nil || (only != nil && c.session != only) {
				continue
			}
			f := formatCtx{s: s, sess: c.session, win: c.session.current, client: c}
			ctx.printf("%s\n", f.expand(format))
		}
		return nil
	},
}

var cmdSwitchClient = command{
	Spec: &cmdline.SwitchClient,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		c := ctx.client
		if c == nil {
			return errors.New("no current client")
		}
		var sess *Session
		switch {
		case a.Has('l'):
			sess = c.lastSess
			if sess == nil || !s.sessionExists(sess) {
				return errors.New("can't find last session")
			}
		case a.Has('n'), a.Has('p'):
			list := s.sortedSessions()
			for i, o := range list {
				if o == c.session {
					d := 1
					if a.Has('p') {
						d = -1
					}
					sess = list[((i+d)%len(list)+len(list))%len(list)]
				}
			}
		default:
			var err error
			if sess, err = s.resolveSession(ctx, a.Get('t')); err != nil {
				return err
			}
		}
		if sess != nil {
			s.switchClient(c, sess)
		}
		return nil
	},
}

func (s *Server) sessionExists(sess *Session) bool {
	for _, o := range s.sessions {
		if o == sess {
			return true
		}
	}
	return false
}
