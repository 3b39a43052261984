// Package sock provides Unix stream sockets as *os.File values.
//
// It exists so that gmux does not import package net. With cgo available
// (the default wherever gcc is installed), net links the cgo DNS resolver,
// which makes the binary dynamically linked and adds about 3.5 ms to every
// command's start-up on the machines we measure; a command such as
// `gmux ls` is mostly start-up. The server's sockets (Accept) and an
// adopted one (Adopt) are non-blocking and use Go's poller, so Read,
// Write, deadlines and Close behave as they do on a net.Conn. A Dial'd
// socket, the server's check for another server and its tests' client,
// is blocking: SetTimeout, where a user sets it, bounds its reads and
// writes. (gmux's own client
// has its own connection, client.Conn, on package syscall alone.)
package sock

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gmux/gmux/internal/unixdial"
)

// Conn is a connected Unix stream socket.
type Conn struct {
	*os.File
}

// Listener accepts connections on a Unix socket path.
type Listener struct {
	f      *os.File
	closed atomic.Bool
}

// Listen creates a socket at path and listens on it. The caller controls
// the socket file's mode through the umask.
func Listen(path string) (*Listener, error) {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrUnix{Name: path}); err != nil {
		_ = unix.Close(fd) // best effort
		return nil, os.NewSyscallError("bind", err)
	}
	if err := unix.Listen(fd, unix.SOMAXCONN); err != nil {
		_ = unix.Close(fd) // best effort
		return nil, os.NewSyscallError("listen", err)
	}
	return &Listener{f: os.NewFile(uintptr(fd), path)}, nil
}

// Accept waits for the next connection. After Close it returns an error
// wrapping os.ErrClosed.
func (l *Listener) Accept() (*Conn, error) {
	// SyscallConn is taken per call, not kept: called on the *os.File
	// it inlines, and the callback and what it sets stay on the stack.
	raw, err := l.f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var nfd int
	var acceptErr error
	err = raw.Read(func(fd uintptr) bool {
		nfd, _, acceptErr = unix.Accept4(int(fd), unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
		return acceptErr != unix.EAGAIN
	})
	if err != nil {
		if l.closed.Load() {
			// The poller says "use of closed file", which is not
			// os.ErrClosed; callers test for the latter.
			err = os.ErrClosed
		}
		return nil, fmt.Errorf("accept: %w", err)
	}
	if acceptErr != nil {
		return nil, os.NewSyscallError("accept", acceptErr)
	}
	return &Conn{File: os.NewFile(uintptr(nfd), l.f.Name())}, nil
}

// Close stops listening; a blocked Accept returns. The socket file stays.
func (l *Listener) Close() error {
	l.closed.Store(true)
	return l.f.Close()
}

// Dial connects to the socket at path, blocking. A missing socket or one
// nobody listens on gives an error matching unix.ENOENT or
// unix.ECONNREFUSED.
func Dial(path string) (*Conn, error) {
	fd, err := unixdial.Dial(path)
	if err != nil {
		return nil, err
	}
	// The descriptor stays blocking: its users (the server's check for
	// another server, tests) dial once and need no poller; SetTimeout
	// bounds reads and writes instead of deadlines.
	return &Conn{File: os.NewFile(uintptr(fd), path)}, nil
}

// SetTimeout bounds each blocking read and write on a Dial'd connection
// (SO_RCVTIMEO, SO_SNDTIMEO); zero means none. A read or write that
// times out fails with EAGAIN.
func (c *Conn) SetTimeout(d time.Duration) error {
	if err := c.setTimeout(unix.SO_RCVTIMEO, d); err != nil {
		return err
	}
	return c.setTimeout(unix.SO_SNDTIMEO, d)
}

func (c *Conn) setTimeout(opt int, d time.Duration) error {
	tv := unix.NsecToTimeval(d.Nanoseconds())
	return c.control(func(fd int) error {
		return os.NewSyscallError("setsockopt", unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, opt, &tv))
	})
}

// Adopt returns the connection on descriptor fd, which this process
// inherited from the one that exec'd it (client.Conn.Inheritable).
func Adopt(fd int, name string) (*Conn, error) {
	typ, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE)
	if err != nil || typ != unix.SOCK_STREAM {
		return nil, fmt.Errorf("descriptor %d is not a stream socket", fd)
	}
	unix.CloseOnExec(fd)
	if err := unix.SetNonblock(fd, true); err != nil {
		return nil, os.NewSyscallError("setnonblock", err)
	}
	return &Conn{File: os.NewFile(uintptr(fd), name)}, nil
}

// CloseWrite shuts down the sending side; the peer reads EOF.
func (c *Conn) CloseWrite() error {
	return c.control(func(fd int) error { return unix.Shutdown(fd, unix.SHUT_WR) })
}

// PeerCred returns the credentials of the process at the other end, as
// the kernel recorded them at connect time.
func (c *Conn) PeerCred() (*unix.Ucred, error) {
	var cred *unix.Ucred
	err := c.control(func(fd int) error {
		var err error
		cred, err = unix.GetsockoptUcred(fd, unix.SOL_SOCKET, unix.SO_PEERCRED)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("peer credentials: %w", err)
	}
	return cred, nil
}

func (c *Conn) control(f func(fd int) error) error {
	raw, err := c.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := raw.Control(func(fd uintptr) { ferr = f(int(fd)) }); err != nil {
		return err
	}
	return ferr
}

// maxPassedFDs bounds the descriptors FDReader takes from one message;
// the kernel closes any beyond the space given for them.
const maxPassedFDs = 4

// FDReader reads a Conn and keeps the descriptors (SCM_RIGHTS) passed
// with the bytes it reads, close-on-exec, in FDs; their owner is whoever
// takes them from there. (A plain Read would make the kernel discard
// them.) Only the first message's are kept, so a peer cannot fill the
// process's descriptor table; later ones are closed.
type FDReader struct {
	Conn *Conn
	FDs  []int
	// Refuse closes descriptors as they arrive instead of keeping them;
	// Read sets it once it has kept a message's.
	Refuse bool
	oob    []byte
}

func (r *FDReader) Read(b []byte) (int, error) {
	if r.Refuse {
		// A plain read: the kernel closes whatever a peer passes.
		return r.Conn.Read(b)
	}
	if r.oob == nil {
		r.oob = make([]byte, unix.CmsgSpace(maxPassedFDs*4))
	}
	// SyscallConn per call, as in Accept: no allocation per read.
	raw, err := r.Conn.SyscallConn()
	if err != nil {
		return 0, err
	}
	var n, oobn int
	var recvErr error
	err = raw.Read(func(fd uintptr) bool {
		n, oobn, _, _, recvErr = unix.Recvmsg(int(fd), b, r.oob, unix.MSG_CMSG_CLOEXEC)
		return recvErr != unix.EAGAIN
	})
	if err == nil {
		err = recvErr
	}
	if err != nil {
		return 0, os.NewSyscallError("recvmsg", err)
	}
	if oobn > 0 {
		if msgs, err := unix.ParseSocketControlMessage(r.oob[:oobn]); err == nil {
			for _, m := range msgs {
				fds, err := unix.ParseUnixRights(&m)
				if err != nil {
					continue
				}
				if r.Refuse {
					CloseFDs(fds)
					continue
				}
				r.FDs = append(r.FDs, fds...)
				r.Refuse = true
			}
		}
	}
	if n == 0 && len(b) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// CloseFDs closes passed descriptors nobody took.
func CloseFDs(fds []int) {
	for _, fd := range fds {
		_ = unix.Close(fd) // best effort
	}
}
