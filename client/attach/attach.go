// Package attach is the client side of a command that may attach the
// terminal, and of an attached client the server relays. gmux-server runs
// it in the process gmux replaced by exec (client.AttachCommand,
// client.RelayCommand), so that gmux itself links no signal handling nor
// terminal package: a command that only asks the server something starts
// faster without them (see package client). The drawing code it relays
// to (relay, package screen) is gmux-server's too, passed in.
package attach

import (
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
// server cannot, the server relays and relay draws the terminal here,
// with the connection's frames. o.Stdout and o.Stderr must be set.
func Run(o client.Options, relay func(*proto.Reader, *proto.Writer) int) int {
	o.Env = o.Environ() // one copy, for the command and a server it may start
	stdout, stderr := o.Stdout, o.Stderr
	// The request is ready before the connection, as in client.Run, so
	// that the server, woken by it, finds the command there.
	req := client.NewCommand(o.Argv, o.Env)
	fd := int(os.Stdin.Fd())
	var passFDs []int
	var saved *term.State
	var sigs chan os.Signal
	if st, err := term.GetState(fd); err == nil { // a terminal
		req.TTY = true
		// GMUX_HOSTED=0 keeps the terminal in this process, for a
		// terminal the server cannot open, or a comparison.
		if client.Getenv(o.Env, "GMUX_HOSTED") != "0" {
			saved, passFDs = st, []int{fd}
			sigs = hostedSignals()
			defer signal.Stop(sigs)
		}
		if cols, rows, err := term.GetSize(fd); err == nil {
			req.Cols, req.Rows = uint16(cols), uint16(rows)
		}
	}
	msg := client.Request(&req)
	conn, err := client.Connect(o)
	if err != nil {
		client.Println(stderr, err.Error())
		return 1
	}
	defer conn.Close()
	stopWatch := func() {}
	if sigs != nil {
		// hostedSignals caught SIGHUP and SIGTERM; until the server
		// answers, one must still end this client.
		stopWatch = leaveOnSignal(conn)
		defer stopWatch()
	}
	// Frames of the size an attached client's are: it may be relayed.
	fr := proto.NewReader(conn)
	if err := client.Handshake(conn, fr, o.SocketPath, msg, passFDs); err != nil {
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
			return relay(fr, proto.NewWriter(conn))
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

// hostedSignals is installed before the command is sent when the terminal
// goes with it, so that a resize while the server takes the terminal
// over is not lost.
func hostedSignals() chan os.Signal {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGWINCH, syscall.SIGHUP, syscall.SIGTERM)
	return sigs
}
