package server

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/vt"
)

var cmdSplitWindow = command{
	Spec: &cmdline.SplitWindow,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		target, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		w := target.window
		kind := topBottom
		if a.Has('h') {
			kind = leftRight
		}
		if extent(target, kind) < minSplit {
			return errNoSpace
		}
		dir := a.Get('c')
		if dir == "" {
			dir = target.currentPath()
		}
		p, err := s.newPane(paneSpec{argv: a.Pos, dir: dir, env: s.envFor(ctx, w.session), cols: target.cols, rows: target.rows, sessionID: w.session.id})
		if err != nil {
			return err
		}
		if err := w.splitPane(target, p, kind, a.Has('b')); err != nil {
			p.kill()
			return err
		}
		if !a.Has('d') {
			w.active = p
		}
		if a.Has('P') {
			format := a.Get('F')
			if format == "" {
				format = "#{session_name}:#{window_index}.#{pane_index}"
			}
			ctx.printf("%s\n", formatCtx{s: s, sess: w.session, win: w, pane: p}.expand(format))
		}
		s.redrawSession(w.session)
		return nil
	},
}

var cmdSelectPane = command{
	Spec: &cmdline.SelectPane,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		w := p.window
		switch {
		case a.Has('L'), a.Has('R'), a.Has('U'), a.Has('D'):
			var dx, dy int
			switch {
			case a.Has('L'):
				dx = -1
			case a.Has('R'):
				dx = 1
			case a.Has('U'):
				dy = -1
			default:
				dy = 1
			}
			if n := neighbour(w, p, dx, dy); n != nil {
				p = n
			}
		case a.Has('l'):
			return nil
		}
		if w.active != p {
			w.active = p
			w.zoomed = false
			w.relayout()
		}
		if t := a.Get('T'); t != "" {
			p.withTerm(func(term *vt.Terminal) { term.SetTitle(t) })
		}
		s.redrawSession(w.session)
		return nil
	},
}

// neighbour finds the pane next to p in direction (dx, dy), wrapping
// around as tmux does.
func neighbour(w *Window, p *Pane, dx, dy int) *Pane {
	var best *Pane
	bestDist := 1 << 30
	for _, o := range w.panes {
		if o == p {
			continue
		}
		var dist int
		overlap := false
		switch {
		case dx != 0:
			overlap = o.y < p.y+p.rows && p.y < o.y+o.rows
			dist = (o.x - p.x) * dx
		default:
			overlap = o.x < p.x+p.cols && p.x < o.x+o.cols
			dist = (o.y - p.y) * dy
		}
		if !overlap {
			continue
		}
		if dist <= 0 {
			dist += 1 << 20 // wrap around: only if nothing lies that way
		}
		if dist < bestDist {
			best, bestDist = o, dist
		}
	}
	return best
}

var cmdKillPane = command{
	Spec: &cmdline.KillPane,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		victims := []*Pane{p}
		if a.Has('a') {
			victims = nil
			for _, o := range p.window.panes {
				if o != p {
					victims = append(victims, o)
				}
			}
		}
		for _, v := range victims {
			v.kill()
			s.paneExited(v)
		}
		return nil
	},
}

var cmdListPanes = command{
	Spec: &cmdline.ListPanes,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		var windows []*Window
		switch {
		case a.Has('a'):
			for _, sess := range s.sortedSessions() {
				windows = append(windows, sess.windows...)
			}
		case a.Has('s'):
			sess, err := s.resolveSession(ctx, a.Get('t'))
			if err != nil {
				return err
			}
			windows = sess.windows
		default:
			w, err := s.resolveWindow(ctx, a.Get('t'))
			if err != nil {
				return err
			}
			windows = []*Window{w}
		}
		format := a.Get('F')
		if format == "" {
			format = "#{pane_index}: [#{pane_width}x#{pane_height}] [history #{history_size}/#{history_limit}] #{pane_id}#{?pane_active, (active),}"
		}
		for _, w := range windows {
			for _, p := range w.panes {
				f := formatCtx{s: s, sess: w.session, win: w, pane: p, client: ctx.client}
				if filter := a.Get('f'); filter != "" && !f.condition(filter) {
					continue
				}
				ctx.printf("%s\n", f.expand(format))
			}
		}
		return nil
	},
}

var cmdResizePane = command{
	Spec: &cmdline.ResizePane,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		w := p.window
		if a.Has('Z') {
			if len(w.panes) > 1 {
				w.active = p
				w.zoomed = !w.zoomed
				w.relayout()
			}
			s.redrawSession(w.session)
			return nil
		}
		return errors.New("resize-pane: only -Z is supported yet")
	},
}

var cmdCapturePane = command{
	Spec: &cmdline.CapturePane,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		if !a.Has('p') {
			return errors.New("capture-pane: paste buffers are not supported yet, use -p")
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		_, rows := p.term.Size()
		hist := p.term.HistoryLen()
		start, err := captureLine(a.Flags, 'S', 0, -hist)
		if err != nil {
			return err
		}
		end, err := captureLine(a.Flags, 'E', rows-1, rows-1)
		if err != nil {
			return err
		}
		out := p.term.Capture(nil, vt.CaptureOptions{
			Start: start, End: end,
			Escapes: a.Has('e'), Join: a.Has('J'), KeepTrailing: a.Has('N'),
		})
		ctx.out.Write(out)
		return nil
	},
}

// captureLine reads -S or -E: a line number, or "-" for the start of the
// history (-S) or the end of the screen (-E).
func captureLine(flags map[byte]string, f byte, def, dash int) (int, error) {
	v, ok := flags[f]
	if !ok || v == "" {
		return def, nil
	}
	if v == "-" {
		return dash, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		name := "start"
		if f == 'E' {
			name = "end"
		}
		return 0, fmt.Errorf("%s line invalid: %s", name, v)
	}
	return n, nil
}

var cmdClearHistory = command{
	Spec: &cmdline.ClearHistory,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		p.withTerm((*vt.Terminal).ClearHistory)
		return nil
	},
}

var cmdDisplayMessage = command{
	Spec: &cmdline.DisplayMessage,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		var p *Pane
		if len(s.sessions) > 0 {
			var err error
			if p, err = s.resolvePane(ctx, a.Get('t')); err != nil {
				return err
			}
		} else if a.Get('t') != "" {
			return fmt.Errorf("can't find pane: %s", a.Get('t'))
		}
		format := a.Get('F')
		if len(a.Pos) > 0 {
			format = a.Pos[0]
		}
		if a.Has('a') {
			return errors.New("display-message -a is not supported yet")
		}
		if format == "" {
			format = "[#{session_name}] #{window_index}:#{window_name}, current pane #{pane_index} - (%H:%M %d-%b-%y)"
		}
		f := s.formatFor(ctx, p)
		text := f.expand(format)
		if !a.Has('l') {
			text = strftime(text, time.Now())
		}
		if a.Has('p') || ctx.client == nil {
			ctx.printf("%s\n", text)
			return nil
		}
		s.showMessage(ctx.client, strings.TrimRight(text, "\n"))
		return nil
	},
}
