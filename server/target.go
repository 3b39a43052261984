package server

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func getenv(k string) string { return os.Getenv(k) }

// errNoSessions is what a command that needs a session says when the
// server has none.
var errNoSessions = errors.New("no sessions")

// currentSession is the session a command without -t acts on: the
// attached client's, the pane it was run from, or the most recent.
func (s *Server) currentSession(ctx *cmdCtx) *Session {
	if ctx.client != nil && ctx.client.session != nil {
		return ctx.client.session
	}
	if ctx.curPane != nil && !ctx.curPane.dead && ctx.curPane.window != nil {
		return ctx.curPane.window.session
	}
	return s.mostRecentSession()
}

// lookupSession finds a session by $id, exact name, =exact name or unique
// prefix of a name.
func (s *Server) lookupSession(name string) *Session {
	if id, ok := parseID(name, '$'); ok {
		for _, sess := range s.sessions {
			if sess.id == id {
				return sess
			}
		}
		return nil
	}
	if strings.HasPrefix(name, "=") {
		return s.findSessionByName(name[1:])
	}
	if sess := s.findSessionByName(name); sess != nil {
		return sess
	}
	var found *Session
	for _, sess := range s.sessions {
		if strings.HasPrefix(sess.name, name) {
			if found != nil {
				return nil // ambiguous
			}
			found = sess
		}
	}
	return found
}

// resolveSession resolves a target-session.
func (s *Server) resolveSession(ctx *cmdCtx, target string) (*Session, error) {
	if target == "" {
		if sess := s.currentSession(ctx); sess != nil {
			return sess, nil
		}
		return nil, errNoSessions
	}
	if p := s.lookupPaneID(target); p != nil {
		return p.window.session, nil
	}
	if w := s.lookupWindowID(target); w != nil {
		return w.session, nil
	}
	name, _, _ := strings.Cut(target, ":")
	if name == "" {
		return s.resolveSession(ctx, "")
	}
	if sess := s.lookupSession(name); sess != nil {
		return sess, nil
	}
	return nil, fmt.Errorf("can't find session: %s", name)
}

// parseID reads a "%3" / "@2" / "$1" style id.
func parseID(t string, sigil byte) (int, bool) {
	if len(t) < 2 || t[0] != sigil {
		return 0, false
	}
	id, err := strconv.Atoi(t[1:])
	return id, err == nil
}

func (s *Server) lookupPaneID(t string) *Pane {
	id, ok := parseID(t, '%')
	if !ok {
		return nil
	}
	for _, sess := range s.sessions {
		for _, w := range sess.windows {
			for _, p := range w.panes {
				if p.id == id {
					return p
				}
			}
		}
	}
	return nil
}

func (s *Server) lookupWindowID(t string) *Window {
	id, ok := parseID(t, '@')
	if !ok {
		return nil
	}
	for _, sess := range s.sessions {
		for _, w := range sess.windows {
			if w.id == id {
				return w
			}
		}
	}
	return nil
}

// lookupWindow finds a window of sess by index, offset (+, -), special
// token (!, ^, $), exact name or unique name prefix.
func lookupWindow(sess *Session, spec string) *Window {
	if spec == "" {
		return sess.current
	}
	switch spec {
	case "!":
		return sess.last
	case "^":
		return sess.windows[0]
	case "$":
		return sess.windows[len(sess.windows)-1]
	}
	if spec[0] == '+' || spec[0] == '-' {
		n := 1
		if len(spec) > 1 {
			v, err := strconv.Atoi(spec[1:])
			if err != nil {
				return nil
			}
			n = v
		}
		if spec[0] == '-' {
			n = -n
		}
		return sess.windowAtOffset(n)
	}
	exact := strings.HasPrefix(spec, "=")
	spec = strings.TrimPrefix(spec, "=")
	if i, err := strconv.Atoi(spec); err == nil {
		return sess.windowByIndex(i)
	}
	var found *Window
	for _, w := range sess.windows {
		if w.displayName() == spec {
			return w
		}
		if !exact && strings.HasPrefix(w.displayName(), spec) {
			if found != nil {
				return nil
			}
			found = w
		}
	}
	return found
}

func (sess *Session) windowAtOffset(n int) *Window {
	cur := 0
	for i, w := range sess.windows {
		if w == sess.current {
			cur = i
		}
	}
	k := len(sess.windows)
	return sess.windows[((cur+n)%k+k)%k]
}

// resolveWindow resolves a target-window: session:window, a window of the
// current session, a session (its current window), or @id / %id.
func (s *Server) resolveWindow(ctx *cmdCtx, target string) (*Window, error) {
	if target == "" && ctx.client == nil && ctx.curPane != nil && !ctx.curPane.dead && ctx.curPane.window != nil {
		// A command run from a pane acts on that pane's window, even
		// when it is not the session's current one.
		return ctx.curPane.window, nil
	}
	if p := s.lookupPaneID(target); p != nil {
		return p.window, nil
	}
	if w := s.lookupWindowID(target); w != nil {
		return w, nil
	}
	sessPart, winPart, hasColon := strings.Cut(target, ":")
	if !hasColon {
		// A bare word: a window of the current session, else a session.
		if sess := s.currentSession(ctx); sess != nil && target != "" {
			if w := lookupWindow(sess, target); w != nil {
				return w, nil
			}
		}
		sessPart, winPart = target, ""
	}
	sess, err := s.resolveSession(ctx, sessPart)
	if err != nil {
		if !hasColon && target != "" {
			return nil, fmt.Errorf("can't find window: %s", target)
		}
		return nil, err
	}
	w := lookupWindow(sess, winPart)
	if w == nil {
		return nil, fmt.Errorf("can't find window: %s", winPart)
	}
	return w, nil
}

// resolvePane resolves a target-pane: [session:][window][.pane] or %id.
func (s *Server) resolvePane(ctx *cmdCtx, target string) (*Pane, error) {
	if target == "" {
		if ctx.client == nil && ctx.curPane != nil && !ctx.curPane.dead {
			return ctx.curPane, nil
		}
		w, err := s.resolveWindow(ctx, "")
		if err != nil {
			return nil, err
		}
		return w.active, nil
	}
	if p := s.lookupPaneID(target); p != nil {
		return p, nil
	}
	winTarget, panePart := target, ""
	colon := strings.LastIndexByte(target, ':')
	if dot := strings.LastIndexByte(target, '.'); dot > colon {
		winTarget, panePart = target[:dot], target[dot+1:]
	}
	w, err := s.resolveWindow(ctx, winTarget)
	if err != nil {
		return nil, err
	}
	if panePart == "" {
		return w.active, nil
	}
	p := lookupPane(w, panePart)
	if p == nil {
		return nil, fmt.Errorf("can't find pane: %s", panePart)
	}
	return p, nil
}

func lookupPane(w *Window, spec string) *Pane {
	cur := w.paneIndex(w.active)
	k := len(w.panes)
	switch {
	case spec == "+" || spec == "-" || strings.HasPrefix(spec, "+") || strings.HasPrefix(spec, "-"):
		n := 1
		if len(spec) > 1 {
			v, err := strconv.Atoi(spec[1:])
			if err != nil {
				return nil
			}
			n = v
		}
		if spec[0] == '-' {
			n = -n
		}
		return w.panes[((cur+n)%k+k)%k]
	}
	i, err := strconv.Atoi(spec)
	if err != nil || i < 0 || i >= k {
		return nil
	}
	return w.panes[i]
}
