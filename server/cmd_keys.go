package server

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gmux/gmux/cmdline"
	"github.com/gmux/gmux/keys"
	"github.com/gmux/gmux/vt"
)

var cmdSendKeys = command{
	Spec: &cmdline.SendKeys,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		repeat := 1
		if v := a.Get('N'); v != "" {
			if repeat, err = strconv.Atoi(v); err != nil || repeat < 1 || repeat > 100000 {
				return fmt.Errorf("repeat count invalid: %s", v)
			}
		}
		if a.Has('R') {
			p.withTerm((*vt.Terminal).Reset)
		}
		m := p.modes()
		km := keys.Modes{CursorKeys: m&vt.ModeCursorKeys != 0, KeypadApp: m&vt.ModeKeypadApp != 0}
		var out []byte
		for range repeat {
			for _, arg := range a.Pos {
				switch {
				case a.Has('H'):
					b, err := hex.DecodeString(arg)
					if err != nil || len(b) != 1 {
						return fmt.Errorf("invalid hex byte: %s", arg)
					}
					out = append(out, b...)
				case a.Has('l'):
					out = append(out, arg...)
				default:
					if k, err := keys.Parse(arg); err == nil {
						out = keys.Encode(out, k, km)
					} else {
						out = append(out, arg...)
					}
				}
			}
		}
		p.writeInput(out)
		return nil
	},
}

var cmdSendPrefix = command{
	Spec: &cmdline.SendPrefix,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.Get('t'))
		if err != nil {
			return err
		}
		opt := "prefix"
		if a.Has('2') {
			opt = "prefix2"
		}
		k, err := keys.Parse(s.sessionOption(p.window.session, opt))
		if err != nil {
			return nil // prefix2 None
		}
		s.sendKeyToPane(p, k)
		return nil
	},
}

var cmdBindKey = command{
	Spec: &cmdline.BindKey,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		k, err := keys.Parse(a.Pos[0])
		if err != nil {
			return fmt.Errorf("unknown key: %s", a.Pos[0])
		}
		table := bindTable(a)
		if len(a.Pos) < 2 {
			return errors.New("bind-key: missing command")
		}
		text := quoteArgs(a.Pos[1:])
		// Check the command parses, names real commands and gives them
		// flags they take now, so a config error shows at load time
		// rather than on the key press.
		cmds, err := parseCommandText(text)
		if err != nil {
			return err
		}
		if !ctx.lenientBind {
			if _, err := s.parseList(cmds); err != nil {
				return err
			}
		}
		s.tables.Bind(table, keys.Binding{Key: k, Command: text, Repeat: a.Has('r'), Note: a.Get('N')})
		return nil
	},
}

func bindTable(a *args) string {
	switch {
	case a.Has('T'):
		return a.Get('T')
	case a.Has('n'):
		return "root"
	}
	return "prefix"
}

var cmdUnbindKey = command{
	Spec: &cmdline.UnbindKey,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		table := bindTable(a)
		if a.Has('a') {
			s.tables.UnbindAll(table)
			return nil
		}
		if len(a.Pos) != 1 {
			return errors.New("missing key")
		}
		k, err := keys.Parse(a.Pos[0])
		if err != nil {
			return fmt.Errorf("unknown key: %s", a.Pos[0])
		}
		s.tables.Unbind(table, k) // an unbound key: tmux is silent too
		return nil
	},
}

var cmdListKeys = command{
	Spec: &cmdline.ListKeys,
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		tables := s.tables.Names()
		if t := a.Get('T'); t != "" {
			tables = []string{t}
		}
		type row struct {
			table string
			b     keys.Binding
		}
		var rows []row
		tableW, keyW := 0, 0
		for _, name := range tables {
			for _, b := range s.tables.List(name) {
				if len(a.Pos) == 1 && b.Key.String() != a.Pos[0] {
					continue
				}
				rows = append(rows, row{name, b})
				tableW = max(tableW, len(name))
				keyW = max(keyW, len(escapeKeyName(b.Key.String())))
			}
		}
		for _, r := range rows {
			if a.Has('N') {
				if r.b.Note != "" {
					ctx.printf("%-*s %s\n", keyW, escapeKeyName(r.b.Key.String()), r.b.Note)
				}
				continue
			}
			repeat := "  "
			if r.b.Repeat {
				repeat = "-r"
			}
			// tmux's layout: columns padded to the widest table and key.
			ctx.printf("bind-key %s -T %-*s %-*s %s\n", repeat, tableW, r.table, keyW, escapeKeyName(r.b.Key.String()), r.b.Command)
		}
		return nil
	},
}

func escapeKeyName(k string) string {
	if strings.ContainsAny(k, "\"'#;$~{}\\") {
		return "\\" + k
	}
	return k
}
