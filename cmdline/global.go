package cmdline

import "errors"

// Global are tmux's flags before the command.
type Global struct {
	SocketPath string // -S
	Label      string // -L
	ConfigFile string // -f
	Verbose    bool   // -v
	Version    bool   // -V
}

// Usage is gmux's synopsis.
const Usage = "usage: gmux [-2CDluvV] [-f file] [-L socket-name] [-S socket-path] [command [flags]]"

// globalFlags are the flags ParseGlobal reads, getopt style.
const globalFlags = "2ulCDNvVf:L:S:c:T:"

// ParseGlobal reads the global flags up to the first command word and
// returns them with the rest of argv.
func ParseGlobal(argv []string) (Global, []string, error) {
	var g Global
	rest, err := getopt(globalFlags, argv, func(f byte, val string) error {
		switch f {
		case 'v':
			g.Verbose = true
		case 'V':
			g.Version = true
		case 'f':
			g.ConfigFile = val
		case 'L':
			g.Label = val
		case 'S':
			g.SocketPath = val
		case 'c':
			return errors.New("-c is not supported yet")
		}
		// 2, u, l, C, D, N and T are accepted for tmux compatibility:
		// gmux always assumes UTF-8 and 256 colours, and has no control
		// mode yet.
		return nil
	})
	var fe *flagError
	if errors.As(err, &fe) {
		if fe.missing {
			return g, nil, errors.New(fe.Error() + "\n" + Usage)
		}
		return g, nil, errors.New("unknown option -- " + string(rune(fe.flag)) + "\n" + Usage)
	}
	if err != nil {
		return g, nil, err
	}
	return g, rest, nil
}
