package keys

import (
	"fmt"
	"sort"
	"strings"
)

// Binding is one key binding: the key, the command it runs (tmux command
// language, unparsed), whether it may repeat without the prefix (bind -r)
// and its note (bind -N).
type Binding struct {
	Key     Key
	Command string
	Repeat  bool
	Note    string
}

// Tables holds the key tables by name: root, prefix, copy-mode,
// copy-mode-vi and any other named by bind-key -T. A table exists while it
// has a binding. The zero value is not usable; call NewTables. Tables is not
// safe for concurrent use.
type Tables struct {
	tables map[string]map[Key]Binding
}

// NewTables returns an empty set of tables.
func NewTables() *Tables {
	return &Tables{tables: make(map[string]map[Key]Binding)}
}

// Bind adds b to table, replacing any binding of the same key.
func (t *Tables) Bind(table string, b Binding) {
	b.Key = b.Key.Canonical()
	m := t.tables[table]
	if m == nil {
		m = make(map[Key]Binding)
		t.tables[table] = m
	}
	m[b.Key] = b
}

// Unbind removes k from table and reports whether it was bound.
func (t *Tables) Unbind(table string, k Key) bool {
	k = k.Canonical()
	m := t.tables[table]
	if _, ok := m[k]; !ok {
		return false
	}
	delete(m, k)
	if len(m) == 0 {
		delete(t.tables, table)
	}
	return true
}

// UnbindAll removes every binding in table (unbind-key -a).
func (t *Tables) UnbindAll(table string) {
	delete(t.tables, table)
}

// Lookup returns the binding of k in table. If k is not bound but Any is,
// it returns the Any binding.
func (t *Tables) Lookup(table string, k Key) (Binding, bool) {
	m := t.tables[table]
	if m == nil {
		return Binding{}, false
	}
	if b, ok := m[k.Canonical()]; ok {
		return b, true
	}
	if !k.IsMouse() {
		if b, ok := m[Key{Code: KeyAny}]; ok {
			return b, true
		}
	}
	return Binding{}, false
}

// List returns the bindings of table sorted as tmux list-keys sorts them:
// by tmux's key code, so control characters, then code points, then
// special keys, each group first without modifiers, then with M-, C-, S-
// and their combinations.
func (t *Tables) List(table string) []Binding {
	m := t.tables[table]
	out := make([]Binding, 0, len(m))
	for _, b := range m {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return Less(out[i].Key, out[j].Key) })
	return out
}

// Names returns the names of the tables that have bindings, sorted.
func (t *Tables) Names() []string {
	out := make([]string, 0, len(t.tables))
	for n := range t.tables {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Less orders keys as tmux orders key codes (the order of list-keys).
func Less(a, b Key) bool {
	ma, ca := tmuxCode(a.Canonical())
	mb, cb := tmuxCode(b.Canonical())
	if ma != mb {
		return ma < mb
	}
	return ca < cb
}

// tmuxCode returns the modifier bits (tmux's order: meta, ctrl, shift) and
// the code tmux gives k: control characters folded to their byte, Enter,
// Tab and Escape to theirs, and special keys after all of Unicode with the
// mouse keys first.
func tmuxCode(k Key) (mods int, code int64) {
	if k.Mod&ModMeta != 0 {
		mods |= 1
	}
	if k.Mod&ModCtrl != 0 {
		mods |= 2
	}
	if k.Mod&ModShift != 0 {
		mods |= 4
	}
	c := k.Code
	switch {
	case c == KeyEnter:
		return mods, '\r'
	case c == KeyTab:
		return mods, '\t'
	case c == KeyEscape:
		return mods, 0x1b
	case c >= KeyMouse:
		return mods, int64(KeyBase) + int64(c-KeyMouse)
	case c >= KeyBase:
		return mods, int64(KeyBase) + 0x10000 + int64(c-KeyBase)
	}
	if k.Mod&ModCtrl != 0 && ctrlFolds(c) {
		mods &^= 2
		switch {
		case c == ' ':
			c = 0
		case c == '?':
			c = 0x7f
		case c >= 'a' && c <= 'z':
			c -= 0x60
		default:
			c -= 0x40
		}
	}
	return mods, int64(c)
}

// ParseBindLine parses one line of the form
//
//	bind-key [-nr] [-T table] [-N note] key command [arguments...]
//
// (also spelled bind) as tmux config files and list-keys write it. The
// table is "prefix" unless -n (root) or -T says otherwise. The command is
// the rest of the line after the key, unchanged: it is for the server's
// command parser. The key may be quoted or escaped with a backslash as in
// tmux config syntax (\" \# \; '"'). A binding without a command is an
// error.
func ParseBindLine(line string) (table string, b Binding, err error) {
	sc := scanner{s: strings.TrimSpace(line)}
	word, ok := sc.word()
	if !ok || (word != "bind-key" && word != "bind") {
		return "", Binding{}, fmt.Errorf("%w: not bind-key: %q", ErrBadBinding, line)
	}
	table = "prefix"
	for {
		sc.skipSpace()
		if !strings.HasPrefix(sc.s[sc.i:], "-") || strings.HasPrefix(sc.s[sc.i:], "- ") || sc.s[sc.i:] == "-" {
			break
		}
		flags, _ := sc.word()
		if flags == "--" {
			break
		}
		for j := 1; j < len(flags); j++ {
			switch flags[j] {
			case 'n':
				table = "root"
			case 'r':
				b.Repeat = true
			case 'T', 'N':
				arg := flags[j+1:]
				if arg == "" {
					if arg, ok = sc.word(); !ok {
						return "", Binding{}, fmt.Errorf("%w: -%c needs an argument: %q", ErrBadBinding, flags[j], line)
					}
				}
				if flags[j] == 'T' {
					table = arg
				} else {
					b.Note = arg
				}
				j = len(flags)
			default:
				return "", Binding{}, fmt.Errorf("%w: unknown flag -%c: %q", ErrBadBinding, flags[j], line)
			}
		}
	}
	name, ok := sc.word()
	if !ok {
		return "", Binding{}, fmt.Errorf("%w: no key: %q", ErrBadBinding, line)
	}
	if b.Key, err = Parse(name); err != nil {
		return "", Binding{}, err
	}
	sc.skipSpace()
	b.Command = strings.TrimSpace(sc.s[sc.i:])
	if b.Command == "" {
		return "", Binding{}, fmt.Errorf("%w: no command: %q", ErrBadBinding, line)
	}
	return table, b, nil
}

// ParseBindings parses text of bind-key lines (such as DefaultBindings)
// into t. Empty lines and lines starting with # are skipped. The error
// names the first bad line.
func ParseBindings(t *Tables, text string) error {
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		table, b, err := ParseBindLine(line)
		if err != nil {
			return fmt.Errorf("line %d: %w", n+1, err)
		}
		t.Bind(table, b)
	}
	return nil
}

// scanner splits words as tmux's config parser does for simple arguments:
// single quotes keep everything, double quotes and bare words take
// backslash escapes.
type scanner struct {
	s string
	i int
}

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t') {
		sc.i++
	}
}

func (sc *scanner) word() (string, bool) {
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		return "", false
	}
	var b strings.Builder
	var quote byte
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		switch {
		case quote == 0 && (c == ' ' || c == '\t'):
			return b.String(), true
		case quote == 0 && (c == '\'' || c == '"'):
			quote = c
		case c == quote:
			quote = 0
		case c == '\\' && quote != '\'' && sc.i+1 < len(sc.s):
			sc.i++
			b.WriteByte(sc.s[sc.i])
		default:
			b.WriteByte(c)
		}
		sc.i++
	}
	if quote != 0 {
		return "", false
	}
	return b.String(), true
}
