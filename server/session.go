package server

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Session is a named set of windows that clients attach to.
type Session struct {
	id       int
	name     string
	created  time.Time
	activity time.Time // last attach or input, for choosing "the most recent"
	windows  []*Window // sorted by index
	current  *Window
	last     *Window // previous current window, for last-window
	options  map[string]string
	// env is the environment new panes start with (the creating client's),
	// shared with other sessions that had an equal one (sharedEnv): never
	// changed in place.
	env []string
	cwd string
	// size is the size windows get when no client is attached (-x/-y).
	cols, rows int
}

// Window is a set of panes shown together, one of a session's tabs.
type Window struct {
	id          int
	index       int
	name        string
	autoName    bool // follow the active pane's command, as automatic-rename
	session     *Session
	panes       []*Pane
	active      *Pane
	cols, rows  int
	layoutState layout
	zoomed      bool
	// bellFlag: a bell rang in the window while it was not current
	// (monitor-bell); it shows as ! in the window list until selected.
	bellFlag bool

	// The automatic name as last looked up, for displayName.
	autoCmd     string
	autoCmdPane *Pane
	autoCmdAt   time.Time
}

// autoRenameInterval is how often an automatically named window looks up
// its active pane's command, as tmux's automatic-rename: the status line
// asks on every frame, and the ioctl and /proc read were most of an echoed
// keystroke's render (tens of microseconds on a cold cache).
const autoRenameInterval = 500 * time.Millisecond

func (s *Server) findSessionByName(name string) *Session {
	for _, sess := range s.sessions {
		if sess.name == name {
			return sess
		}
	}
	return nil
}

// sanitizeSessionName replaces the characters that would make a name
// ambiguous as a target, as tmux does.
func sanitizeSessionName(name string) string {
	return strings.NewReplacer(":", "_", ".", "_").Replace(name)
}

// nextSessionName is the lowest unused number, tmux's default name.
func (s *Server) nextSessionName() string {
	for n := 0; ; n++ {
		name := strconv.Itoa(n)
		if s.findSessionByName(name) == nil {
			return name
		}
	}
}

// mostRecentSession is the session a target-less attach takes: the one
// most recently attached to or created.
func (s *Server) mostRecentSession() *Session {
	var best *Session
	for _, sess := range s.sessions {
		if best == nil || !sess.activity.Before(best.activity) {
			best = sess
		}
	}
	return best
}

func (sess *Session) windowByIndex(i int) *Window {
	for _, w := range sess.windows {
		if w.index == i {
			return w
		}
	}
	return nil
}

// insertWindow adds w at the first free index at or after from.
func (sess *Session) insertWindow(w *Window, from int) {
	idx := from
	for sess.windowByIndex(idx) != nil {
		idx++
	}
	w.index = idx
	w.session = sess
	pos := len(sess.windows)
	for i, o := range sess.windows {
		if o.index > idx {
			pos = i
			break
		}
	}
	sess.windows = append(sess.windows, nil)
	copy(sess.windows[pos+1:], sess.windows[pos:])
	sess.windows[pos] = w
}

func (sess *Session) selectWindow(w *Window) {
	if sess.current != w {
		sess.last = sess.current
		sess.current = w
	}
	w.bellFlag = false
}

// removeWindow unlinks w and picks a new current window. It reports
// whether the session is now empty.
func (sess *Session) removeWindow(w *Window) bool {
	for i, o := range sess.windows {
		if o == w {
			sess.windows = append(sess.windows[:i], sess.windows[i+1:]...)
			break
		}
	}
	if sess.last == w {
		sess.last = nil
	}
	if sess.current == w {
		sess.current = sess.last
		sess.last = nil
		if sess.current == nil && len(sess.windows) > 0 {
			sess.current = sess.windows[0]
		}
		if sess.current != nil {
			sess.current.bellFlag = false
		}
	}
	return len(sess.windows) == 0
}

// displayName is the window's name as the status line and formats show it.
func (w *Window) displayName() string {
	if w.autoName && w.active != nil {
		if now := time.Now(); w.autoCmdPane != w.active || now.Sub(w.autoCmdAt) >= autoRenameInterval {
			w.autoCmd, w.autoCmdPane, w.autoCmdAt = w.active.currentCommand(), w.active, now
		}
		if w.autoCmd != "" {
			return w.autoCmd
		}
	}
	return w.name
}

// removePane unlinks p from its window and reports whether the window is
// now empty.
func (w *Window) removePane(p *Pane) bool {
	for i, o := range w.panes {
		if o == p {
			w.panes = append(w.panes[:i], w.panes[i+1:]...)
			if w.active == p {
				w.active = nil
				if len(w.panes) > 0 {
					w.active = w.panes[min(i, len(w.panes)-1)]
				}
			}
			break
		}
	}
	w.layoutState.remove(p)
	w.zoomed = false
	return len(w.panes) == 0
}

func (w *Window) paneIndex(p *Pane) int {
	for i, o := range w.panes {
		if o == p {
			return i
		}
	}
	return -1
}

func (sess *Session) String() string { return fmt.Sprintf("$%d(%s)", sess.id, sess.name) }

// envShareLookback is how many of the newest sessions sharedEnv compares.
const envShareLookback = 8

// sharedEnv returns env, or an equal environment that a recent session
// holds already: the sessions one script or shell creates carry the same
// 1.75 KB of environment (a sixth of an idle session's heap), and a
// thousand of them need hold it once.
func (s *Server) sharedEnv(env []string) []string {
	if len(env) == 0 {
		// Nothing to share; and nil (a session made by the config) and
		// empty (a client with no environment) differ: envFor falls back
		// to the client's for nil.
		return env
	}
	for i := len(s.sessions) - 1; i >= max(0, len(s.sessions)-envShareLookback); i-- {
		if o := s.sessions[i].env; slices.Equal(o, env) {
			return o
		}
	}
	return env
}
