package server

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/gmux/gmux/cmdline"
)

// command is one gmux command: its grammar, from package cmdline, and
// what it does. One cmd_*.go file per family defines them.
type command struct {
	*cmdline.Spec
	exec func(s *Server, ctx *cmdCtx, a *args) error
}

// commandTable lists every command gmux has, one cmd_*.go file per family.
func commandTable() []*command {
	return []*command{
		&cmdAttachSession, &cmdNewSession, &cmdListSessions, &cmdHasSession,
		&cmdKillSession, &cmdKillServer, &cmdRenameSession, &cmdDetachClient,
		&cmdStartServer, &cmdListClients, &cmdSwitchClient,
		&cmdSendKeys, &cmdSendPrefix, &cmdBindKey, &cmdUnbindKey, &cmdListKeys,
		&cmdCapturePane, &cmdDisplayMessage, &cmdClearHistory,
		&cmdSetOption, &cmdShowOptions, &cmdSourceFile,
		&cmdNewWindow, &cmdKillWindow, &cmdSelectWindow, &cmdNextWindow,
		&cmdPreviousWindow, &cmdLastWindow, &cmdRenameWindow, &cmdListWindows,
		&cmdSplitWindow, &cmdSelectPane, &cmdKillPane, &cmdListPanes,
		&cmdResizePane, &cmdRefreshClient, &cmdListCommands,
	}
}

// cmdCtx is what a command runs for: a one-shot client connection or an
// attached client pressing a key.
type cmdCtx struct {
	client *Client // attached client, if any
	// request is the command frame of a one-shot connection.
	env  []string
	cwd  string
	cols int
	rows int
	tty  bool
	// curPane is the pane the command was run from (GMUX_PANE), if any.
	curPane *Pane
	nested  bool // the client runs inside a pane of some gmux

	out    bytes.Buffer
	errOut bytes.Buffer
	// attach, when set by attach-session or new-session, turns the
	// connection into an attached client of that session.
	attach     *Session
	detachPrev bool // attach -d: detach other clients
	// lenientBind lets bind-key bind commands gmux lacks (the default
	// bindings): pressing such a key then says "unknown command".
	lenientBind bool
}

func (ctx *cmdCtx) printf(format string, a ...any) { fmt.Fprintf(&ctx.out, format, a...) }

// args are a command's parsed flags and positional arguments.
type args = cmdline.Args

func commandSpec(c *command) *cmdline.Spec { return c.Spec }

func (s *Server) commands() []*command { return s.cmdTable }

// runArgv runs one or more commands from an argv list. It stops at the
// first error and returns it.
func (s *Server) runArgv(ctx *cmdCtx, argv []string) error {
	return s.runList(ctx, cmdline.Split(argv))
}

// runList runs a list of commands, each an argv. Every command parses
// before any runs, as in tmux: a typo in the last command must not leave
// the first ones done.
func (s *Server) runList(ctx *cmdCtx, list [][]string) error {
	cmds, err := s.parseList(list)
	if err != nil {
		return err
	}
	for _, p := range cmds {
		if err := p.c.exec(s, ctx, p.a); err != nil {
			return err
		}
	}
	return nil
}

// parsedCommand is a command with its parsed arguments.
type parsedCommand struct {
	c *command
	a *args
}

// parseList parses a list of commands, each an argv, skipping empty ones,
// and returns the first error.
func (s *Server) parseList(list [][]string) ([]parsedCommand, error) {
	var cmds []parsedCommand
	err := cmdline.ParseIn(s.commands(), commandSpec, list, func(c *command, a *args) {
		cmds = append(cmds, parsedCommand{c, a})
	})
	if err != nil {
		return nil, err
	}
	return cmds, nil
}

// runText parses and runs a command string (a key binding, a config line).
func (s *Server) runText(ctx *cmdCtx, text string) error {
	cmds, err := parseCommandText(text)
	if err != nil {
		return err
	}
	return s.runList(ctx, cmds)
}

// sourceText runs a config file's text; each bad line gives one error
// naming the file and line, and the rest still runs.
func (s *Server) sourceText(name, text string) []string {
	return s.sourceTextCtx(name, text, false)
}

func (s *Server) sourceTextCtx(name, text string, lenient bool) []string {
	var errs []string
	lines := logicalLines(text)
	for _, ln := range lines {
		cmds, err := parseCommandText(ln.text)
		if err == nil {
			err = s.runList(&cmdCtx{lenientBind: lenient}, cmds)
		}
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, ln.number, err))
		}
	}
	return errs
}

type logicalLine struct {
	number int
	text   string
}

// logicalLines joins lines ending in an odd number of backslashes with
// the next, and drops blank ones.
func logicalLines(text string) []logicalLine {
	var out []logicalLine
	var cur strings.Builder
	start := 0
	emit := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, logicalLine{number: start, text: t})
		}
		cur.Reset()
	}
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.TrimRight(raw, "\r")
		if cur.Len() == 0 {
			start = i + 1
		}
		n := len(raw) - len(strings.TrimRight(raw, "\\"))
		if n%2 == 1 {
			cur.WriteString(raw[:len(raw)-1])
			continue
		}
		cur.WriteString(raw)
		emit()
	}
	emit() // a last line that ended in a continuation
	return out
}

// parseCommandText tokenizes tmux command syntax: words split by blanks,
// 'single' and "double" quotes, backslash escapes, # comments, $VAR and ~
// expansion, and an unquoted ";" between commands ("\;" is a literal ";"
// argument, which bind-key uses to bind several commands).
func parseCommandText(text string) ([][]string, error) {
	var cmds [][]string
	var cur []string
	var word strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			cur = append(cur, word.String())
			word.Reset()
			inWord = false
		}
	}
	r := []rune(text)
	for i := 0; i < len(r); i++ {
		ch := r[i]
		switch {
		case ch == ' ' || ch == '\t' || ch == '\n':
			flush()
		case ch == '#' && !inWord:
			i = len(r)
		case ch == ';':
			flush()
			cmds = append(cmds, cur)
			cur = nil
		case ch == '\\':
			inWord = true
			if i+1 < len(r) {
				i++
				word.WriteRune(r[i])
			}
		case ch == '\'':
			inWord = true
			j := i + 1
			for j < len(r) && r[j] != '\'' {
				word.WriteRune(r[j])
				j++
			}
			if j >= len(r) {
				return nil, errors.New("missing closing '")
			}
			i = j
		case ch == '"':
			inWord = true
			j := i + 1
			for ; j < len(r) && r[j] != '"'; j++ {
				if r[j] == '\\' && j+1 < len(r) {
					j++
					switch r[j] {
					case 'n':
						word.WriteByte('\n')
					case 't':
						word.WriteByte('\t')
					case 'e':
						word.WriteByte(0x1b)
					default:
						word.WriteRune(r[j])
					}
					continue
				}
				if r[j] == '$' {
					name, n := envName(r[j+1:])
					if n > 0 {
						word.WriteString(getenv(name))
						j += n
						continue
					}
				}
				word.WriteRune(r[j])
			}
			if j >= len(r) {
				return nil, errors.New("missing closing \"")
			}
			i = j
		case ch == '$':
			name, n := envName(r[i+1:])
			inWord = true
			if n == 0 {
				word.WriteRune(ch)
				continue
			}
			word.WriteString(getenv(name))
			i += n
		case ch == '~' && !inWord:
			inWord = true
			if i+1 == len(r) || r[i+1] == '/' || r[i+1] == ' ' {
				word.WriteString(getenv("HOME"))
			} else {
				word.WriteRune(ch)
			}
		case (ch == '{' || ch == '}') && !inWord:
			return nil, errors.New("braces are not supported yet")
		default:
			inWord = true
			word.WriteRune(ch)
		}
	}
	flush()
	if len(cur) > 0 {
		cmds = append(cmds, cur)
	}
	out := cmds[:0]
	for _, c := range cmds {
		if len(c) > 0 {
			if strings.HasPrefix(c[0], "%") {
				return nil, fmt.Errorf("%s is not supported yet", c[0])
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// envName reads $NAME or ${NAME} at the start of r and returns the name
// and how many runes it took (0 if there is none).
func envName(r []rune) (string, int) {
	if len(r) > 0 && r[0] == '{' {
		for j := 1; j < len(r); j++ {
			if r[j] == '}' {
				return string(r[1:j]), j + 1
			}
		}
		return "", 0
	}
	j := 0
	for j < len(r) && (r[j] == '_' || r[j] >= 'a' && r[j] <= 'z' || r[j] >= 'A' && r[j] <= 'Z' || j > 0 && r[j] >= '0' && r[j] <= '9') {
		j++
	}
	return string(r[:j]), j
}

// quoteArgs joins argv back into command text that parseCommandText reads
// as the same words; a ";" argument becomes a command separator.
func quoteArgs(argv []string) string {
	var b strings.Builder
	for i, a := range argv {
		if i > 0 {
			b.WriteByte(' ')
		}
		if a == ";" {
			b.WriteByte(';')
			continue
		}
		if a != "" && !strings.ContainsAny(a, " \t\n'\"\\#;$~{}") {
			b.WriteString(a)
			continue
		}
		b.WriteByte('\'')
		b.WriteString(strings.ReplaceAll(a, "'", `'\''`))
		b.WriteByte('\'')
	}
	return b.String()
}
