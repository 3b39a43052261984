// Package attach is the client side of a command that may attach the
// terminal, and of an attached client the server relays. gmux-server runs
// it in the process gmux replaced by exec (client.AttachCommand,
// client.RelayCommand), so that gmux itself links no signal handling nor
// terminal package: a command that only asks the server something starts
// faster without them (see package client).
package attach

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/proto"
)

// Run runs a command that may attach the terminal on standard input, and
// returns the exit status. The terminal goes with the command: if the
// server attaches it, the server reads and draws it itself and this
// process only forwards resizes until the end (hosted), or, where the
// server cannot, the server relays and gmux-server's drawing code takes
// the connection over (client.HandOver).
func Run(o client.Options) int {
	o.Env = o.Environ() // one copy, for the command and the exec
	stdout, stderr := writerOr(o.Stdout, os.Stdout), writerOr(o.Stderr, os.Stderr)
	conn, err := client.Connect(o)
	if err != nil {
		client.Println(stderr, err.Error())
		return 1
	}
	defer conn.Close()

	req := client.NewCommand(o.Argv, o.Env)
	fd := int(os.Stdin.Fd())
	var passFDs []int
	var saved *term.State
	var sigs chan os.Signal
	if st, err := term.GetState(fd); err == nil { // a terminal
		req.TTY = true
		if !hostingDisabled() {
			saved, passFDs = st, []int{fd}
			sigs = hostedSignals()
			defer signal.Stop(sigs)
		}
		if cols, rows, err := term.GetSize(fd); err == nil {
			req.Cols, req.Rows = uint16(cols), uint16(rows)
		}
	}
	stopWatch := func() {}
	if sigs != nil {
		// hostedSignals caught SIGHUP and SIGTERM; until the server
		// answers, one must still end this client.
		stopWatch = leaveOnSignal(conn)
		defer stopWatch()
	}
	fr := client.NewReader(conn)
	if err := client.Handshake(conn, fr, o.SocketPath, client.Request(&req), passFDs); err != nil {
		if !leaveSignalled(sigs) {
			client.Println(stderr, err.Error())
		}
		return 1
	}
	for {
		typ, p, err := fr.Next()
		if err != nil {
			if !leaveSignalled(sigs) {
				client.Println(stderr, "server exited unexpectedly")
			}
			return 1
		}
		if status, end := client.Answer(typ, p, stdout, stderr); end {
			return status
		}
		switch typ {
		case proto.TypeAttached:
			stopWatch()
			signal.Stop(sigs) // the server relays: the relay handles signals
			if leaveSignalled(sigs) {
				return 1
			}
			return client.HandOver(conn, fr, stderr, o.Env)
		case proto.TypeHosted:
			stopWatch() // hosted leaves through the server on a signal
			if saved == nil {
				client.Println(stderr, "bad hosted frame from server")
				return 1
			}
			return hosted(conn, fr, proto.NewWriter(conn), fd, saved, sigs, stdout)
		}
	}
}

func writerOr(w io.Writer, f *os.File) io.Writer {
	if w == nil {
		return f
	}
	return w
}

// hostingDisabled lets a user keep the terminal in the client process
// (GMUX_HOSTED=0), for a terminal the server cannot open or a comparison.
func hostingDisabled() bool { return os.Getenv("GMUX_HOSTED") == "0" }

// hostedSignals is installed before the command is sent when the terminal
// goes with it, so that a resize while the server takes the terminal
// over is not lost.
func hostedSignals() chan os.Signal {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGWINCH, syscall.SIGHUP, syscall.SIGTERM)
	return sigs
}
