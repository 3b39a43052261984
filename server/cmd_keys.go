package server

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gmux/gmux/keys"
	"github.com/gmux/gmux/vt"
)

var cmdSendKeys = command{
	name: "send-keys", alias: "send",
	flags: "FHKlMRXN:t:", maxArgs: -1,
	usage: "[-FHKlMRX] [-N repeat-count] [-t target-pane] key ...",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		repeat := 1
		if v := a.get('N'); v != "" {
			if repeat, err = strconv.Atoi(v); err != nil || repeat < 1 || repeat > 100000 {
				return fmt.Errorf("repeat count invalid: %s", v)
			}
		}
		if a.has('R') {
			p.mu.Lock()
			p.term.Reset()
			p.mu.Unlock()
		}
		m := p.modes()
		km := keys.Modes{CursorKeys: m&vt.ModeCursorKeys != 0, KeypadApp: m&vt.ModeKeypadApp != 0}
		var out []byte
		for range repeat {
			for _, arg := range a.pos {
				switch {
				case a.has('H'):
					b, err := hex.DecodeString(arg)
					if err != nil || len(b) != 1 {
						return fmt.Errorf("invalid hex byte: %s", arg)
					}
					out = append(out, b...)
				case a.has('l'):
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
	name: "send-prefix", flags: "2t:", maxArgs: 0,
	usage: "[-2] [-t target-pane]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		p, err := s.resolvePane(ctx, a.get('t'))
		if err != nil {
			return err
		}
		opt := "prefix"
		if a.has('2') {
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
	name: "bind-key", alias: "bind",
	flags: "nrN:T:", minArgs: 1, maxArgs: -1,
	usage: "[-nr] [-T key-table] [-N note] key [command [arguments]]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		k, err := keys.Parse(a.pos[0])
		if err != nil {
			return fmt.Errorf("unknown key: %s", a.pos[0])
		}
		table := bindTable(a)
		if len(a.pos) < 2 {
			return errors.New("bind-key: missing command")
		}
		text := quoteArgs(a.pos[1:])
		// Check the command parses and names real commands now, so a
		// config error shows at load time rather than on the key press.
		cmds, err := parseCommandText(text)
		if err != nil {
			return err
		}
		if !ctx.lenientBind {
			for _, argv := range cmds {
				if _, err := s.findCommand(argv[0]); err != nil {
					return err
				}
			}
		}
		s.tables.Bind(table, keys.Binding{Key: k, Command: text, Repeat: a.has('r'), Note: a.get('N')})
		return nil
	},
}

func bindTable(a *args) string {
	switch {
	case a.has('T'):
		return a.get('T')
	case a.has('n'):
		return "root"
	}
	return "prefix"
}

var cmdUnbindKey = command{
	name: "unbind-key", alias: "unbind",
	flags: "anqT:", maxArgs: 1,
	usage: "[-anq] [-T key-table] key",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		table := bindTable(a)
		if a.has('a') {
			s.tables.UnbindAll(table)
			return nil
		}
		if len(a.pos) != 1 {
			return errors.New("missing key")
		}
		k, err := keys.Parse(a.pos[0])
		if err != nil {
			return fmt.Errorf("unknown key: %s", a.pos[0])
		}
		if !s.tables.Unbind(table, k) && !a.has('q') {
			return nil // tmux is silent here too
		}
		return nil
	},
}

var cmdListKeys = command{
	name: "list-keys", alias: "lsk",
	flags: "1aNT:P:", maxArgs: 1,
	usage: "[-1aN] [-P prefix-string] [-T key-table] [key]",
	exec: func(s *Server, ctx *cmdCtx, a *args) error {
		tables := s.tables.Names()
		if t := a.get('T'); t != "" {
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
				if len(a.pos) == 1 && b.Key.String() != a.pos[0] {
					continue
				}
				rows = append(rows, row{name, b})
				tableW = max(tableW, len(name))
				keyW = max(keyW, len(escapeKeyName(b.Key.String())))
			}
		}
		for _, r := range rows {
			if a.has('N') {
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
