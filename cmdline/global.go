package cmdline

import (
	"errors"
	"fmt"
)

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

// ParseGlobal reads the global flags up to the first command word and
// returns them with the rest of argv.
func ParseGlobal(argv []string) (Global, []string, error) {
	var g Global
	i := 0
	for ; i < len(argv); i++ {
		a := argv[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		for j := 1; j < len(a); j++ {
			switch f := a[j]; f {
			case '2', 'u', 'l', 'C', 'D', 'N':
				// Accepted for tmux compatibility: gmux always assumes
				// UTF-8 and 256 colours, and has no control mode yet.
			case 'v':
				g.Verbose = true
			case 'V':
				g.Version = true
			case 'f', 'L', 'S', 'c', 'T':
				val := a[j+1:]
				if val == "" {
					if i+1 >= len(argv) {
						return g, nil, fmt.Errorf("-%c expects an argument\n%s", f, Usage)
					}
					i++
					val = argv[i]
				}
				switch f {
				case 'f':
					g.ConfigFile = val
				case 'L':
					g.Label = val
				case 'S':
					g.SocketPath = val
				case 'c':
					return g, nil, errors.New("-c is not supported yet")
				}
				j = len(a)
			default:
				return g, nil, fmt.Errorf("unknown option -- %c\n%s", f, Usage)
			}
		}
	}
	return g, argv[i:], nil
}
