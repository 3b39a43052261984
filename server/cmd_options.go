package server

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gmux/gmux/cmdline"
)

var cmdSetOption = command{
	Spec: &cmdline.SetOption,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		name := a.Pos[0]
		value := ""
		if len(a.Pos) > 1 {
			value = a.Pos[1]
		}
		// Without -g, a session option is set on the target session; window
		// and server options are global in gmux.
		var sess *Session
		if !a.Has('g') && !a.Has('s') && !a.Has('w') && len(s.sessions) > 0 {
			var err error
			if sess, err = s.resolveSession(ctx, a.Get('t')); err != nil {
				return err
			}
		}
		if a.Has('u') || a.Has('U') {
			if sess != nil {
				delete(sess.options, name)
			} else if d, ok := optionDefs[name]; ok {
				s.options.values[name] = d.def
			} else {
				delete(s.options.values, name)
			}
			return s.optionChanged(name)
		}
		current := s.options.str(name, "")
		if sess != nil {
			current = s.sessionOption(sess, name)
		}
		if a.Has('o') && current != "" && (sess == nil || sess.options[name] != "") {
			return nil
		}
		if a.Has('a') {
			value = current + value
		}
		if len(a.Pos) < 2 {
			if d, ok := optionDefs[name]; !ok || d.kind != optFlag {
				if !a.Has('a') {
					return fmt.Errorf("value is required: %s", name)
				}
			}
		}
		v, err := checkOption(name, value, len(a.Pos) < 2, current)
		if err != nil {
			if a.Has('q') {
				return nil
			}
			return err
		}
		if sess != nil {
			sess.options[name] = v
		} else {
			s.options.values[name] = v
		}
		return s.optionChanged(name)
	},
}

// optionChanged applies an option whose effect is not read on demand.
func (s *Server) optionChanged(name string) error {
	switch name {
	case "history-limit":
		// tmux applies history-limit to new panes only; gmux does too, so
		// a script that sets it before new-session sees the same result.
	case "status", "status-style", "status-left", "status-right", "window-size", "mouse":
		for _, sess := range s.sessions {
			s.resizeSession(sess)
		}
		for c := range s.clients {
			s.updateModes(c)
			c.redrawAll()
		}
	}
	return nil
}

var cmdShowOptions = command{
	Spec: &cmdline.ShowOptions,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		values := s.options.values
		if !a.Has('g') && !a.Has('s') && !a.Has('w') && len(s.sessions) > 0 {
			sess, err := s.resolveSession(ctx, a.Get('t'))
			if err != nil {
				return err
			}
			values = sess.options
		}
		if len(a.Pos) == 1 {
			name := a.Pos[0]
			v, ok := values[name]
			if !ok {
				if _, known := optionDefs[name]; !known && !strings.HasPrefix(name, "@") {
					return fmt.Errorf("invalid option: %s", name)
				}
				return nil
			}
			if a.Has('v') {
				ctx.printf("%s\n", v)
			} else {
				ctx.printf("%s %s\n", name, quoteOptionValue(v))
			}
			return nil
		}
		for _, name := range sortedOptionNames(values) {
			if a.Has('v') {
				ctx.printf("%s\n", values[name])
			} else {
				ctx.printf("%s %s\n", name, quoteOptionValue(values[name]))
			}
		}
		return nil
	},
}

var cmdSourceFile = command{
	Spec: &cmdline.SourceFile,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		var errs []string
		for _, pattern := range a.Pos {
			if !filepath.IsAbs(pattern) && ctx.cwd != "" {
				pattern = filepath.Join(ctx.cwd, pattern)
			}
			paths, _ := filepath.Glob(pattern)
			if len(paths) == 0 {
				if a.Has('q') {
					continue
				}
				errs = append(errs, fmt.Sprintf("%s: No such file or directory", pattern))
				continue
			}
			sort.Strings(paths)
			for _, path := range paths {
				data, err := os.ReadFile(path)
				if err != nil {
					errs = append(errs, err.Error())
					continue
				}
				if a.Has('n') {
					for _, ln := range logicalLines(string(data)) {
						if _, err := parseCommandText(ln.text); err != nil {
							errs = append(errs, fmt.Sprintf("%s:%d: %v", path, ln.number, err))
						}
					}
					continue
				}
				errs = append(errs, s.sourceText(path, string(data))...)
			}
		}
		if len(errs) > 0 {
			return errors.New(strings.Join(errs, "\n"))
		}
		return nil
	},
}

var cmdRefreshClient = command{
	Spec: &cmdline.RefreshClient,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		if ctx.client != nil {
			ctx.client.redrawAll()
		}
		return nil
	},
}

var cmdListCommands = command{
	Spec: &cmdline.ListCommands,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		for _, c := range s.commands() {
			if len(a.Pos) == 1 && c.Name != a.Pos[0] && c.Alias != a.Pos[0] {
				continue
			}
			name := c.Name
			if c.Alias != "" {
				name += " (" + c.Alias + ")"
			}
			ctx.printf("%s %s\n", name, c.Usage)
		}
		return nil
	},
}
