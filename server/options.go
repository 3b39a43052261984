package server

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// optionKind says how an option's value is checked.
type optionKind uint8

const (
	optString optionKind = iota
	optNumber
	optFlag
	optChoice
	optKey
)

type optionDef struct {
	kind    optionKind
	def     string
	min     int
	max     int
	choices []string
}

// optionDefs are the options gmux knows, with tmux's names and defaults.
// All live in one global table (tmux's server, session and window scopes
// are accepted and share it); sessions may override with set without -g.
var optionDefs = map[string]optionDef{
	"history-limit":      {kind: optNumber, def: "2000", min: 0, max: 100_000_000},
	"prefix":             {kind: optKey, def: "C-b"},
	"prefix2":            {kind: optKey, def: "None"},
	"status":             {kind: optFlag, def: "on"},
	"status-style":       {kind: optString, def: "bg=green,fg=black"},
	"status-left":        {kind: optString, def: "[#{session_name}] "},
	"status-right":       {kind: optString, def: "\"#{=21:pane_title}\" %H:%M %d-%b-%y"},
	"status-interval":    {kind: optNumber, def: "15", min: 0, max: 86400},
	"default-terminal":   {kind: optString, def: "tmux-256color"},
	"default-shell":      {kind: optString, def: ""},
	"default-command":    {kind: optString, def: ""},
	"window-size":        {kind: optChoice, def: "latest", choices: []string{"largest", "smallest", "manual", "latest"}},
	"escape-time":        {kind: optNumber, def: "500", min: 0, max: 100000},
	"base-index":         {kind: optNumber, def: "0", min: 0, max: 100000},
	"pane-base-index":    {kind: optNumber, def: "0", min: 0, max: 100000},
	"mouse":              {kind: optFlag, def: "off"},
	"set-titles":         {kind: optFlag, def: "off"},
	"set-titles-string":  {kind: optString, def: "#S:#I:#W - \"#T\" #{session_alerts}"},
	"automatic-rename":   {kind: optFlag, def: "on"},
	"repeat-time":        {kind: optNumber, def: "500", min: 0, max: 2_000_000},
	"display-time":       {kind: optNumber, def: "750", min: 0, max: 2_000_000},
	"detach-on-destroy":  {kind: optFlag, def: "on"},
	"remain-on-exit":     {kind: optFlag, def: "off"},
	"focus-events":       {kind: optFlag, def: "off"},
	"mode-keys":          {kind: optChoice, def: "emacs", choices: []string{"emacs", "vi"}},
	"status-keys":        {kind: optChoice, def: "emacs", choices: []string{"emacs", "vi"}},
	"set-clipboard":      {kind: optChoice, def: "external", choices: []string{"off", "external", "on"}},
	"aggressive-resize":  {kind: optFlag, def: "off"},
	"renumber-windows":   {kind: optFlag, def: "off"},
	"terminal-overrides": {kind: optString, def: ""},
	"update-environment": {kind: optString, def: ""},
	"visual-bell":        {kind: optFlag, def: "off"},
	"monitor-bell":       {kind: optFlag, def: "on"},
	"bell-action":        {kind: optChoice, def: "any", choices: []string{"any", "none", "current", "other"}},
}

// Options holds the global option values.
type Options struct {
	values map[string]string
}

func newOptions() *Options {
	o := &Options{values: make(map[string]string, len(optionDefs))}
	for name, d := range optionDefs {
		o.values[name] = d.def
	}
	return o
}

func (o *Options) str(name, def string) string {
	if v, ok := o.values[name]; ok {
		return v
	}
	return def
}

func (o *Options) int(name string, def int) int {
	n, err := strconv.Atoi(o.str(name, ""))
	if err != nil {
		return def
	}
	return n
}

func (o *Options) flag(name string) bool { return o.str(name, "off") == "on" }

// checkOption validates value for name and returns its canonical form.
// toggle says no value was given: a flag option flips.
func checkOption(name, value string, toggle bool, current string) (string, error) {
	d, ok := optionDefs[name]
	if !ok {
		if strings.HasPrefix(name, "@") { // user options, as tmux
			return value, nil
		}
		return "", fmt.Errorf("invalid option: %s", name)
	}
	switch d.kind {
	case optNumber:
		n, err := strconv.Atoi(value)
		if err != nil || n < d.min || n > d.max {
			return "", fmt.Errorf("value is invalid: %s", value)
		}
		return strconv.Itoa(n), nil
	case optFlag:
		switch strings.ToLower(value) {
		case "", "toggle":
			if toggle || value == "toggle" || value == "" {
				if current == "on" {
					return "off", nil
				}
				return "on", nil
			}
		case "on", "yes", "1":
			return "on", nil
		case "off", "no", "0":
			return "off", nil
		}
		return "", fmt.Errorf("bad value: %s", value)
	case optChoice:
		for _, c := range d.choices {
			if c == value {
				return value, nil
			}
		}
		return "", fmt.Errorf("unknown value: %s", value)
	case optKey:
		if value == "None" {
			return value, nil
		}
		if _, err := parseKey(value); err != nil {
			return "", fmt.Errorf("bad key: %s", value)
		}
	}
	return value, nil
}

// sessionOption reads name for sess: its own value, else the global one.
func (s *Server) sessionOption(sess *Session, name string) string {
	if sess != nil {
		if v, ok := sess.options[name]; ok {
			return v
		}
	}
	return s.options.str(name, "")
}

func (s *Server) sessionOptionInt(sess *Session, name string, def int) int {
	n, err := strconv.Atoi(s.sessionOption(sess, name))
	if err != nil {
		return def
	}
	return n
}

func sortedOptionNames(m map[string]string) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// quoteOptionValue quotes v so that parseCommandText reads it back as v.
func quoteOptionValue(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n\r\"'#;{}$~\\\x1b") {
		return v
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range v {
		switch r {
		case '"', '\\', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case 0x1b:
			b.WriteString(`\e`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
