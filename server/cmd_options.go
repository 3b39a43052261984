package server

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

var cmdSetOption = command{
	name: "set-option", alias: "set",
	flags: "aFgopqsuUwt:", minArgs: 1, maxArgs: 2,
	usage: "[-aFgopqsuUw] [-t target-pane] option [value]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		name := a.pos[0]
		value := ""
		if len(a.pos) > 1 {
			value = a.pos[1]
		}
		// Without -g, a session option is set on the target session; window
		// and server options are global in gmux.
		var sess *Session
		if !a.has('g') && !a.has('s') && !a.has('w') && len(s.sessions) > 0 {
			var err error
			if sess, err = s.resolveSession(ctx, a.get('t')); err != nil {
				return err
			}
		}
		if a.has('u') || a.has('U') {
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
		if a.has('o') && current != "" && (sess == nil || sess.options[name] != "") {
			return nil
		}
		if a.has('a') {
			value = current + value
		}
		if len(a.pos) < 2 {
			if d, ok := optionDefs[name]; !ok || d.kind != optFlag {
				if !a.has('a') {
					return fmt.Errorf("value is required: %s", name)
				}
			}
		}
		v, err := checkOption(name, value, len(a.pos) < 2, current)
		if err != nil {
			if a.has('q') {
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
	name: "show-options", alias: "show",
	flags: "AgHpqsvwt:", maxArgs: 1,
	usage: "[-AgHpqsvw] [-t target-pane] [option]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		values := s.options.values
		if !a.has('g') && !a.has('s') && !a.has('w') && len(s.sessions) > 0 {
			sess, err := s.resolveSession(ctx, a.get('t'))
			if err != nil {
				return err
			}
			values = sess.options
		}
		if len(a.pos) == 1 {
			name := a.pos[0]
			v, ok := values[name]
			if !ok {
				if _, known := optionDefs[name]; !known && !strings.HasPrefix(name, "@") {
					return fmt.Errorf("invalid option: %s", name)
				}
				return nil
			}
			if a.has('v') {
				ctx.printf("%s\n", v)
			} else {
				ctx.printf("%s %s\n", name, quoteOptionValue(v))
			}
			return nil
		}
		for _, name := range sortedOptionNames(values) {
			if a.has('v') {
				ctx.printf("%s\n", values[name])
			} else {
				ctx.printf("%s %s\n", name, quoteOptionValue(values[name]))
			}
		}
		return nil
	},
}

var cmdSourceFile = command{
	name: "source-file", alias: "source",
	flags: "Fnqv", minArgs: 1, maxArgs: -1,
	usage: "[-Fnqv] path ...",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		var errs []string
		for _, pattern := range a.pos {
			if !filepath.IsAbs(pattern) && ctx.cwd != "" {
				pattern = filepath.Join(ctx.cwd, pattern)
			}
			paths, _ := filepath.Glob(pattern)
			if len(paths) == 0 {
				if a.has('q') {
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
				if a.has('n') {
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
	name: "refresh-client", alias: "refresh",
	flags: "cDlLRSUt:", maxArgs: 1,
	usage: "[-cDlLRSU] [-t target-client] [adjustment]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		if ctx.client != nil {
			ctx.client.redrawAll()
		}
		return nil
	},
}

var cmdListCommands = command{
	name: "list-commands", alias: "lscm",
	flags: "F:", maxArgs: 1,
	usage: "[-F format] [command]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		for _, c := range s.commands() {
			if len(a.pos) == 1 && c.name != a.pos[0] && c.alias != a.pos[0] {
				continue
			}
			name := c.name
			if c.alias != "" {
				name += " (" + c.alias + ")"
			}
			ctx.printf("%s %s\n", name, c.usage)
		}
		return nil
	},
}
