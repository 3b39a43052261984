package server

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gmux/gmux/vt"
)

var cmdSplitWindow = command{
	name: "split-window", alias: "splitw",
	flags: "bdfhIvPZc:e:F:l:p:t:", maxArgs: -1,
	usage: "[-bdefhIPvZ] [-c start-directory] [-e environment] [-F format] [-l size] [-t target-pane] [shell-command]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		target, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		w := target.window
		kind := topBottom
		if a.has('h') {
			kind = leftRight
		}
		if extent(target, kind) < minSplit {
			return errNoSpace
		}
		dir := a.get('c')
		if dir == "" {
			dir = target.currentPath()
		}
		p, err := s.newPane(paneSpec{argv: a.pos, dir: dir, env: s.envFor(ctx, w.session), cols: target.cols, rows: target.rows, sessionID: w.session.id})
		if err != nil {
			return err
		}
		if err := w.splitPane(target, p, kind, a.has('b')); err != nil {
			p.kill()
			return err
		}
		if !a.has('d') {
			w.active = p
		}
		if a.has('P') {
			format := a.get('F')
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
	name: "select-pane", alias: "selectp",
	flags: "DdegLlMmRUZt:T:", maxArgs: 0,
	usage: "[-DdeLlRUZ] [-T title] [-t target-pane]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		w := p.window
		switch {
		case a.has('L'), a.has('R'), a.has('U'), a.has('D'):
			var dx, dy int
			switch {
			case a.has('L'):
				dx = -1
			case a.has('R'):
				dx = 1
			case a.has('U'):
				dy = -1
			default:
				dy = 1
			}
			if n := neighbour(w, p, dx, dy); n != nil {
				p = n
			}
		case a.has('l'):
			return nil
		}
		if w.active != p {
			w.active = p
			w.zoomed = false
			w.relayout()
		}
		if t := a.get('T'); t != "" {
			p.mu.Lock()
			p.term.SetTitle(t)
			p.mu.Unlock()
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
	name: "kill-pane", alias: "killp",
	flags: "at:", maxArgs: 0,
	usage: "[-a] [-t target-pane]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		victims := []*Pane{p}
		if a.has('a') {
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
	name: "list-panes", alias: "lsp",
	flags: "asF:f:t:", maxArgs: 0,
	usage: "[-as] [-F format] [-f filter] [-t target-window]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		var windows []*Window
		switch {
		case a.has('a'):
			for _, sess := range s.sortedSessions() {
				windows = append(windows, sess.windows...)
			}
		case a.has('s'):
			sess, err := s.resolveSession(ctx, a.get('t'))
			if err != nil {
				return err
			}
			windows = sess.windows
		default:
			w, err := s.resolveWindow(ctx, a.get('t'))
			if err != nil {
				return err
			}
			windows = []*Window{w}
		}
		format := a.get('F')
		if format == "" {
			format = "#{pane_index}: [#{pane_width}x#{pane_height}] [history #{history_size}/#{history_limit}] #{pane_id}#{?pane_active, (active),}"
		}
		for _, w := range windows {
			for _, p := range w.panes {
				f := formatCtx{s: s, sess: w.session, win: w, pane: p, client: ctx.client}
				if filter := a.get('f'); filter != "" && !f.condition(filter) {
					continue
				}
				ctx.printf("%s\n", f.expand(format))
			}
		}
		return nil
	},
}

var cmdResizePane = command{
	name: "resize-pane", alias: "resizep",
	flags: "DLMRTUZx:y:t:", maxArgs: 1,
	usage: "[-DLMRTUZ] [-x width] [-y height] [-t target-pane] [adjustment]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		w := p.window
		if a.has('Z') {
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
	name: "capture-pane", alias: "capturep",
	flags: "aCeJNpPqTb:E:S:t:", maxArgs: 0,
	usage: "[-aCeJNpPqT] [-b buffer-name] [-E end-line] [-S start-line] [-t target-pane]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		if !a.has('p') {
			return errors.New("capture-pane: paste buffers are not supported yet, use -p")
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		_, rows := p.term.Size()
		hist := p.term.HistoryLen()
		start, err := captureLine(a.flags, 'S', 0, -hist)
		if err != nil {
			return err
		}
		end, err := captureLine(a.flags, 'E', rows-1, rows-1)
		if err != nil {
			return err
		}
		out := p.term.Capture(nil, vt.CaptureOptions{
			Start: start, End: end,
			Escapes: a.has('e'), Join: a.has('J'), KeepTrailing: a.has('N'),
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
	name: "clear-history", alias: "clearhist",
	flags: "Ht:", maxArgs: 0,
	usage: "[-H] [-t target-pane]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		p.mu.Lock()
		p.term.ClearHistory()
		p.mu.Unlock()
		return nil
	},
}

var cmdDisplayMessage = command{
	name: "display-message", alias: "display",
	flags: "aIlNpvc:d:F:t:", maxArgs: 1,
	usage: "[-aIlNpv] [-c target-client] [-d delay] [-F format] [-t target-pane] [message]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		var p *Pane
		if len(s.sessions) > 0 {
			var err error
			if p, err = s.resolvePane(ctx, a.get('t')); err != nil {
				return err
			}
		} else if a.get('t') != "" {
			return fmt.Errorf("can't find pane: %s", a.get('t'))
		}
		format := a.get('F')
		if len(a.pos) > 0 {
			format = a.pos[0]
		}
		if a.has('a') {
			return errors.New("display-message -a is not supported yet")
		}
		if format == "" {
			format = "[#{session_name}] #{window_index}:#{window_name}, current pane #{pane_index} - (%H:%M %d-%b-%y)"
		}
		f := s.formatFor(ctx, p)
		text := f.expand(format)
		if !a.has('l') {
			text = strftime(text, time.Now())
		}
		if a.has('p') || ctx.client == nil {
			ctx.printf("%s\n", text)
			return nil
		}
		s.showMessage(ctx.client, strings.TrimRight(text, "\n"))
		return nil
	},
}
