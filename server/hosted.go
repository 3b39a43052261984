package server

import (
	"io"
	"os"
	"time"

	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// TerminalHost drives a client's terminal inside the server process, as
// tmux's server does: tty is the terminal the client passed with its
// command; conn speaks the protocol with the server as a client process
// would, from the Attached frame on; resized has a value whenever the
// client process reports a new terminal size. It returns the status and
// message for the client process to exit with, once the terminal is put
// back. cmd/gmux supplies client.Host; the server does not import the
// client package.
type TerminalHost func(tty *os.File, conn io.ReadWriteCloser, term string, resized <-chan struct{}) (int, string)

// hostedTerminal is a passed terminal the server is about to drive.
type hostedTerminal struct {
	tty *os.File
	// host is the TerminalHost's end of a pair of pipes, client the
	// attached Client's. In-process pipes, not a socket pair: a frame or
	// a key then passes between goroutines without a system call or a
	// trip through the poller.
	host, client *pipeConn
}

// pipeConn is one end of two io.Pipes, a connection within the process.
type pipeConn struct {
	r *io.PipeReader
	w *io.PipeWriter
}

func pipePair() (*pipeConn, *pipeConn) {
	ar, bw := io.Pipe()
	br, aw := io.Pipe()
	return &pipeConn{ar, aw}, &pipeConn{br, bw}
}

func (p *pipeConn) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p *pipeConn) Write(b []byte) (int, error) { return p.w.Write(b) }

// CloseWrite makes the other end read EOF.
func (p *pipeConn) CloseWrite() error { return p.w.Close() }

// Close ends both directions: writes from either end then fail.
func (p *pipeConn) Close() error {
	_ = p.r.Close()
	return p.w.Close()
}

// SetWriteDeadline does nothing: a pipe write waits for the host's read,
// and the host's own writes to the terminal have a deadline.
func (p *pipeConn) SetWriteDeadline(time.Time) error { return nil }

// takeTerminal takes the descriptors passed with a command that attaches:
// one terminal, which the server will drive if it has a TerminalHost.
// Descriptors it does not take are closed.
func (s *Server) takeTerminal(fds []int) *hostedTerminal {
	if s.cfg.Host == nil || len(fds) != 1 {
		closeFDs(fds)
		return nil
	}
	host, client := pipePair()
	return &hostedTerminal{tty: os.NewFile(uintptr(fds[0]), "tty"), host: host, client: client}
}

func closeFDs(fds []int) {
	for _, fd := range fds {
		_ = os.NewFile(uintptr(fd), "").Close() // best effort
	}
}

// hostedExitWait bounds the wait for a client process to read its Exit.
const hostedExitWait = time.Second

// serveHosted runs attached client c, whose terminal the server drives
// through h, until it leaves; conn is the client process's connection,
// which from now on only reports resizes and, by closing, that the
// process is gone. The client process then gets the Exit the terminal
// host returned.
func (s *Server) serveHosted(conn *sock.Conn, fr *proto.Reader, c *Client, ctx *cmdCtx, h *hostedTerminal, term string) {
	defer h.client.Close()
	resized := make(chan struct{}, 1)
	type exit struct {
		status  int
		message string
	}
	hostDone := make(chan exit, 1)
	go func() {
		status, message := s.cfg.Host(h.tty, h.host, term, resized)
		hostDone <- exit{status, message}
	}()
	gone := make(chan struct{})
	go func() {
		defer close(gone)
		for {
			typ, _, err := fr.Next()
			if err != nil {
				// The client process is gone (hang-up, kill): let the
				// terminal go, as a closed connection does otherwise.
				_ = h.client.Close()
				return
			}
			if typ == proto.TypeResize {
				select {
				case resized <- struct{}{}:
				default:
				}
			}
		}
	}()
	if _, err := conn.Write(proto.AppendFrame(nil, proto.TypeHosted, nil)); err != nil {
		_ = h.client.Close()
	}
	c.run(proto.NewReader(h.client), ctx)
	r := <-hostDone
	e := proto.Exit{Status: uint8(r.status), Message: r.message}
	_ = conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	_, _ = conn.Write(proto.AppendFrame(nil, proto.TypeExit, e.Append(nil))) // the client may be gone
	_ = conn.CloseWrite()
	select {
	case <-gone:
	case <-time.After(hostedExitWait):
	}
}
