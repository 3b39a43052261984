package cmdline

import (
	"reflect"
	"testing"
)

func TestParseGlobal(t *testing.T) {
	tests := []struct {
		argv []string
		g    Global
		rest []string
		err  string
	}{
		{nil, Global{}, []string{}, ""},
		{[]string{"ls"}, Global{}, []string{"ls"}, ""},
		{[]string{"-S", "/s", "-f", "c.conf", "new", "-d"}, Global{SocketPath: "/s", ConfigFile: "c.conf"}, []string{"new", "-d"}, ""},
		{[]string{"-Lname", "-v2u", "ls"}, Global{Label: "name", Verbose: true}, []string{"ls"}, ""},
		{[]string{"-vS/s", "ls"}, Global{Verbose: true, SocketPath: "/s"}, []string{"ls"}, ""},
		{[]string{"-V"}, Global{Version: true}, []string{}, ""},
		{[]string{"-T", "RGB", "--", "-x"}, Global{}, []string{"-x"}, ""},
		{[]string{"-", "ls"}, Global{}, []string{"-", "ls"}, ""},
		{[]string{"-Z"}, Global{}, nil, "unknown option -- Z\n" + Usage},
		{[]string{"-S"}, Global{}, nil, "-S expects an argument\n" + Usage},
		{[]string{"-c", "ls"}, Global{}, nil, "-c is not supported yet"},
	}
	for _, tt := range tests {
		g, rest, err := ParseGlobal(tt.argv)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseGlobal(%q) error %v, want %q", tt.argv, err, tt.err)
			}
			continue
		}
		if err != nil || g != tt.g || !reflect.DeepEqual(append([]string{}, rest...), tt.rest) {
			t.Errorf("ParseGlobal(%q) = %+v %q %v, want %+v %q", tt.argv, g, rest, err, tt.g, tt.rest)
		}
	}
}
