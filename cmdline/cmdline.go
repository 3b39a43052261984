// Package cmdline is gmux's command-line grammar, as data: each command's
// names, flags and argument counts (tmux's cmd_entry without the code),
// how an argv list splits into commands, and how one command's arguments
// parse. The server runs commands by it; the client checks a command line
// by it before connecting, as tmux's client does, without linking the
// server.
package cmdline

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Spec describes one command. Flags is getopt style: a letter followed
// by ':' takes a value.
type Spec struct {
	Name    string
	Alias   string
	Flags   string
	MinArgs int
	MaxArgs int // -1: no limit
	Usage   string
}

// commands is every command gmux has; Commands returns it.
var commands = []*Spec{
	&AttachSession, &NewSession, &ListSessions, &HasSession,
	&KillSession, &KillServer, &RenameSession, &DetachClient,
	&StartServer, &ListClients, &SwitchClient,
	&SendKeys, &SendPrefix, &BindKey, &UnbindKey, &ListKeys,
	&CapturePane, &DisplayMessage, &ClearHistory,
	&SetOption, &ShowOptions, &SourceFile,
	&NewWindow, &KillWindow, &SelectWindow, &NextWindow,
	&PreviousWindow, &LastWindow, &RenameWindow, &ListWindows,
	&SplitWindow, &SelectPane, &KillPane, &ListPanes,
	&ResizePane, &RefreshClient, &ListCommands,
}

// Commands lists every command gmux has. The list is shared, not a copy
// (a command's client asks for it up to three times): callers must not
// change it.
func Commands() []*Spec { return commands }

// Args are a command's parsed flags and positional arguments.
type Args struct {
	Flags map[byte]string
	Pos   []string
}

// Has reports whether flag f was given.
func (a *Args) Has(f byte) bool { _, ok := a.Flags[f]; return ok }

// Get returns flag f's value, empty if it has none or was not given.
func (a *Args) Get(f byte) string { return a.Flags[f] }

// Parse splits argv, the arguments after the command's name, into flags
// and arguments per s.Flags.
func (s *Spec) Parse(argv []string) (*Args, error) {
	a := &Args{Flags: make(map[byte]string)}
	rest, err := getopt(s.Flags, argv, func(f byte, val string) error {
		a.Flags[f] = val
		return nil
	})
	if err != nil { // a *flagError: set never fails
		return nil, errors.New("command " + s.Name + ": " + err.Error())
	}
	a.Pos = rest
	if len(a.Pos) < s.MinArgs || (s.MaxArgs >= 0 && len(a.Pos) > s.MaxArgs) {
		return nil, errors.New("usage: " + s.Name + " " + s.Usage)
	}
	return a, nil
}

// flagError is getopt's complaint about one flag: unknown, or missing
// its value.
type flagError struct {
	flag    byte
	missing bool
}

func (e *flagError) Error() string {
	if e.missing {
		return "-" + string(rune(e.flag)) + " expects an argument"
	}
	return "unknown flag -" + string(rune(e.flag))
}

// getopt reads flags from argv as getopt(3) does, up to "--" or the first
// argument that is not a flag, per flags (a letter followed by ':' takes
// a value, attached or in the next argument). It calls set for each flag
// in order, stops at the first error set returns or the first flag it
// cannot read (a *flagError), and returns the arguments after the flags.
func getopt(flags string, argv []string, set func(f byte, val string) error) ([]string, error) {
	i := 0
	for ; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			i++
			break
		}
		if len(arg) < 2 || arg[0] != '-' {
			break
		}
		for j := 1; j < len(arg); j++ {
			f := arg[j]
			k := strings.IndexByte(flags, f)
			if k < 0 || f == ':' {
				return nil, &flagError{flag: f}
			}
			val := ""
			if k+1 < len(flags) && flags[k+1] == ':' {
				switch {
				case j+1 < len(arg):
					val = arg[j+1:]
				case i+1 < len(argv):
					i++
					val = argv[i]
				default:
					return nil, &flagError{flag: f, missing: true}
				}
				j = len(arg)
			}
			if err := set(f, val); err != nil {
				return nil, err
			}
		}
	}
	return argv[i:], nil
}

// Lookup resolves a name, alias or unique prefix of a name among specs.
func Lookup(specs []*Spec, name string) (*Spec, error) {
	return LookupIn(specs, self, name)
}

// self is the spec function of a table of Specs themselves.
func self(s *Spec) *Spec { return s }

// LookupIn is Lookup over any table whose items each have a Spec.
func LookupIn[T any](table []T, spec func(T) *Spec, name string) (T, error) {
	var zero T
	if name == "" {
		// Every name has the empty prefix, and a command without an
		// alias would otherwise match it exactly.
		return zero, errors.New("unknown command: " + strconv.Quote(name))
	}
	var matches []T
	for _, item := range table {
		s := spec(item)
		if s.Name == name || s.Alias != "" && s.Alias == name {
			return item, nil
		}
		if strings.HasPrefix(s.Name, name) {
			matches = append(matches, item)
		}
	}
	switch len(matches) {
	case 0:
		return zero, errors.New("unknown command: " + name)
	case 1:
		return matches[0], nil
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = spec(m).Name
	}
	slices.Sort(names)
	return zero, errors.New("ambiguous command: " + name + ", could be: " + strings.Join(names, ", "))
}

// Split splits an argv list on ";" arguments (and arguments ending in an
// unescaped ";"), as tmux's command line does.
func Split(argv []string) [][]string {
	var out [][]string
	var cur []string
	for _, a := range argv {
		switch {
		case a == ";":
			out = append(out, cur)
			cur = nil
		case strings.HasSuffix(a, "\\;"):
			cur = append(cur, a[:len(a)-2]+";")
		case len(a) > 1 && strings.HasSuffix(a, ";"):
			cur = append(cur, a[:len(a)-1])
			out = append(out, cur)
			cur = nil
		default:
			cur = append(cur, a)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// Check validates an argv list's command names, flags and argument
// counts, so a client rejects a typo before it connects.
func Check(argv []string) error {
	return ParseIn(Commands(), self, Split(argv), func(*Spec, *Args) {})
}

// ParseIn resolves each command of list in table (LookupIn) and parses its
// arguments (Spec.Parse), skipping empty commands, and passes each with
// its arguments to found. It stops at the first error and returns it.
func ParseIn[T any](table []T, spec func(T) *Spec, list [][]string, found func(T, *Args)) error {
	for _, argv := range list {
		if len(argv) == 0 {
			continue
		}
		item, err := LookupIn(table, spec, argv[0])
		if err != nil {
			return err
		}
		a, err := spec(item).Parse(argv[1:])
		if err != nil {
			return err
		}
		found(item, a)
	}
	return nil
}
