package server

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// handshakeTimeout bounds how long a connection may take to say hello and
// send its command; a peer that stalls is dropped.
const handshakeTimeout = 5 * time.Second

// serveConn runs one client connection: hello, one command frame, then
// either the command's output and exit status or, for attach, the
// attached-client loop. Any protocol error closes this connection only.
func (s *Server) serveConn(conn *sock.Conn) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("connection: panic: %v\n%s", r, debug.Stack())
		}
		_ = conn.Close() // best effort
	}()
	if err := checkPeer(conn); err != nil {
		s.log.Printf("connection refused: %v", err)
		b := appendExit(proto.AppendHello(nil, proto.Version), 1, "access not allowed")
		_ = conn.SetWriteDeadline(time.Now().Add(time.Second))
		_, _ = conn.Write(b) // best effort
		return
	}
	_ = conn.SetDeadline(time.Now().Add(handshakeTimeout))
	fdr := &sock.FDReader{Conn: conn}
	fr := s.cmdReaders.Get().(*proto.Reader)
	fr.Reset(fdr)
	// The reader goes back to the pool when the connection is done, on
	// every way out, unless a client attached: it keeps reading (a
	// hosted one's goroutine, even after this returns).
	var client *Client
	defer func() {
		if client == nil {
			fr.Reset(nil)
			s.cmdReaders.Put(fr)
		}
	}()
	defer func() { sock.CloseFDs(fdr.FDs) }()
	v, err := proto.ReadHello(fr.Buffered())
	if err != nil {
		s.debugf("connection: %v", err)
		return
	}
	// The server's hello goes out with the command's answer, in one
	// write: a client woken for the hello alone would only sleep again.
	hello := proto.AppendHello(nil, proto.Version)
	if v != proto.Version {
		s.log.Printf("connection: client speaks protocol %d, server %d", v, proto.Version)
		_, _ = conn.Write(hello) // the client says what is wrong
		return
	}
	req, err := readCommand(fr)
	if err != nil {
		s.debugf("connection: %v", err)
		return
	}
	_ = conn.SetDeadline(time.Time{})
	fdr.Refuse = true // only a command may pass a terminal

	ctx := &cmdCtx{env: req.Env, cwd: req.Cwd, cols: int(req.Cols), rows: int(req.Rows), tty: req.TTY}
	status := 0
	var hosted *hostedTerminal
	s.locked(func() {
		ctx.curPane = s.paneFromEnv(req.Env)
		ctx.nested = lookupEnv(req.Env, "GMUX") != ""
		argv := req.Argv
		if len(argv) == 0 {
			argv = []string{"new-session"}
		}
		if s.exiting {
			err = errors.New("server exiting")
		} else {
			err = s.runArgv(ctx, argv)
		}
		if err == nil && ctx.attach != nil {
			var clientConn clientConn = conn
			hosted = s.takeTerminal(fdr.FDs, req.Env)
			fdr.FDs = nil // takeTerminal closed them
			if hosted != nil {
				clientConn = hosted.client
			}
			client = s.attachClient(clientConn, ctx, req.Term)
		}
		if err != nil {
			status = 1
			fmt.Fprintln(&ctx.errOut, err)
		}
		if client == nil {
			s.exitIfEmptyLocked()
		}
	})

	if hosted != nil {
		s.serveHosted(conn, fr, client, hosted, req.Term, hello)
		return
	}
	if client != nil {
		// Before the attached client's first frame: its writer starts
		// in run.
		_, _ = conn.Write(hello) // a client gone shows in its loop
		client.run(fr)
		return
	}
	// Room for the three frames, so that the answer is built in one
	// allocation (an exit frame's payload is a few bytes).
	b := slices.Grow(hello, 3*proto.FrameHeaderSize+ctx.out.Len()+ctx.errOut.Len()+16)
	if ctx.out.Len() > 0 {
		b = proto.AppendFrame(b, proto.TypeOutput, ctx.out.Bytes())
	}
	if ctx.errOut.Len() > 0 {
		b = proto.AppendFrame(b, proto.TypeError, ctx.errOut.Bytes())
	}
	b = appendExit(b, uint8(status), "")
	_ = conn.SetWriteDeadline(time.Now().Add(exitWriteTimeout))
	// The answer is queued whole once Write returns, and a Unix socket's
	// reader gets what is queued even after the writer closes, so the
	// connection closes now, without waiting for the client to close
	// first (which cost the server three more waits in epoll and four
	// context switches per command). The client stops reading at the
	// exit frame; had it sent more than the command, its next read would
	// fail with ECONNRESET after the answer, not end with EOF.
	_, _ = conn.Write(b) // the client may be gone
}

// readCommand reads the frame that follows the hello, a command, whose
// decoding copies what it keeps: fr may be reused once it returns.
func readCommand(fr *proto.Reader) (proto.Command, error) {
	var req proto.Command
	typ, payload, err := fr.Next()
	if err != nil {
		return req, err
	}
	if typ != proto.TypeCommand {
		return req, fmt.Errorf("expected a command, got frame type %d", typ)
	}
	if err := req.Decode(payload); err != nil {
		return req, fmt.Errorf("bad command frame: %w", err)
	}
	req.Env = uniqueEnv(req.Env)
	return req, nil
}

// uniqueEnv drops from env its empty entries and those whose name an
// earlier entry has (the first entry for a name wins, as in package
// syscall; an entry without '=' is all name): gmux sends its environment
// as the process got it (see cmd/gmux), duplicates and all, and a
// duplicate name must mean what it does to the client (the first) for
// every reader on the server, and to the programs started with it.
// Without any to drop, env comes back as it is.
func uniqueEnv(env []string) []string {
	// A long environment's names go in a map; a usual one (forty-odd
	// entries) is searched, which allocates nothing.
	var seen map[string]bool
	if len(env) > 64 {
		seen = make(map[string]bool, len(env))
	}
	// keep is called once for each entry, in order.
	keep := func(i int) bool {
		if env[i] == "" {
			return false
		}
		name, _, _ := strings.Cut(env[i], "=")
		if seen != nil {
			if seen[name] {
				return false
			}
			seen[name] = true
			return true
		}
		for _, e := range env[:i] {
			// e has the name if it starts with it and ends there or
			// at an "=": most entries fail on the length or that byte.
			if e != "" && len(e) >= len(name) && (len(e) == len(name) || e[len(name)] == '=') && e[:len(name)] == name {
				return false
			}
		}
		return true
	}
	for i := range env {
		if !keep(i) {
			out := slices.Clone(env[:i])
			for j := i + 1; j < len(env); j++ {
				if keep(j) {
					out = append(out, env[j])
				}
			}
			return out
		}
	}
	return env
}

// exitWriteTimeout bounds the write of a client's last frames, should it
// have stopped reading; exitCloseWait the wait for a hosted client to
// close once its terminal is let go.
const (
	exitWriteTimeout = 5 * time.Second
	exitCloseWait    = time.Second
)

// appendExit appends an Exit frame.
func appendExit(b []byte, status uint8, message string) []byte {
	e := proto.Exit{Status: status, Message: message}
	b, start := proto.BeginFrame(b, proto.TypeExit)
	return proto.EndFrame(e.Append(b), start)
}

// checkPeer refuses a peer whose uid is not the server's (root excepted
// only when the server itself runs as root).
func checkPeer(conn *sock.Conn) error {
	cred, err := conn.PeerCred()
	if err != nil {
		return err
	}
	if int(cred.Uid) != os.Getuid() {
		return fmt.Errorf("peer uid %d (pid %d) is not %d", cred.Uid, cred.Pid, os.Getuid())
	}
	return nil
}

// paneFromEnv finds the pane a client runs in, from GMUX and GMUX_PANE,
// when it is one of this server's.
func (s *Server) paneFromEnv(env []string) *Pane {
	g := lookupEnv(env, "GMUX")
	if g == "" {
		return nil
	}
	parts := strings.Split(g, ",")
	if len(parts) < 2 || parts[0] != s.cfg.SocketPath || parts[1] != strconv.Itoa(os.Getpid()) {
		return nil
	}
	return s.lookupPaneID(lookupEnv(env, "GMUX_PANE"))
}

func (s *Server) debugf(format string, a ...any) {
	if s.cfg.Verbose {
		s.log.Printf(format, a...)
	}
}
