// Package sock provides Unix stream sockets as pollable *os.File values.
//
// It exists so that gmux does not import package net. With cgo available
// (the default wherever gcc is installed), net links the cgo DNS resolver,
// which makes the binary dynamically linked and adds about 3.5 ms to every
// command's start-up on the machines we measure; a command such as
// `gmux ls` is mostly start-up. An *os.File made from a non-blocking socket
// still uses Go's poller, so Read, Write, deadlines and Close behave as
// they do on a net.Conn.
package sock

import (
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// Conn is a connected Unix stream socket.
type Conn struct {
	*os.File
}

// Listener accepts connections on a Unix socket path.
type Listener struct {
	f      *os.File
	raw    syscall.RawConn
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
	f := os.NewFile(uintptr(fd), path)
	raw, err := f.SyscallConn()
	if err != nil {
		_ = f.Close() // best effort
		return nil, err
	}
	return &Listener{f: f, raw: raw}, nil
}

// Accept waits for the next connection. After Close it returns an error
// wrapping os.ErrClosed.
func (l *Listener) Accept() (*Conn, error) {
	var nfd int
	var acceptErr error
	err := l.raw.Read(func(fd uintptr) bool {
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
	return &Conn{os.NewFile(uintptr(nfd), l.f.Name())}, nil
}

// Close stops listening; a blocked Accept returns. The socket file stays.
func (l *Listener) Close() error {
	l.closed.Store(true)
	return l.f.Close()
}

// Dial connects to the socket at path. A missing socket or one nobody
// listens on gives an error matching unix.ENOENT or unix.ECONNREFUSED.
func Dial(path string) (*Conn, error) {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, os.NewSyscallError("socket", err)
	}
	// Connect blocking: on a Unix socket it waits only while the
	// listener's backlog is full, and a non-blocking connect would then
	// fail with EAGAIN instead of waiting.
	for {
		err = unix.Connect(fd, &unix.SockaddrUnix{Name: path})
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		_ = unix.Close(fd) // best effort
		return nil, os.NewSyscallError("connect", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		_ = unix.Close(fd) // best effort
		return nil, os.NewSyscallError("setnonblock", err)
	}
	return &Conn{os.NewFile(uintptr(fd), path)}, nil
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
