package client

import (
	"errors"
	"io"
	"sync"
	"syscall"

	"github.com/gmux/gmux/internal/unixdial"
	"github.com/gmux/gmux/internal/wrap"
)

// Conn is a client's connection to the server: a blocking Unix stream
// socket. Its reads and writes go straight to the kernel, without the
// runtime's poller (an epoll set, an eventfd, a thread to wait in it),
// which a command would set up only to use once. A write timeout
// (SetWriteTimeout) bounds writes. CloseRead ends a read that waits in
// another goroutine and keeps the descriptor; Close does the same, then
// closes it.
type Conn struct {
	// mu is held for reading by every call on fd and for writing by
	// Close, so that no call reaches a closed descriptor, nor one the
	// number was reused for.
	mu sync.RWMutex
	fd int
}

// use runs f on the descriptor unless the connection is closed.
func (c *Conn) use(f func(fd int) error) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.fd < 0 {
		return errClosed
	}
	return f(c.fd)
}

var errClosed = errors.New("use of closed connection")

// Dial connects to the socket at path. A missing socket or one nobody
// listens on gives an error matching syscall.ENOENT or
// syscall.ECONNREFUSED.
func Dial(path string) (*Conn, error) {
	fd, err := unixdial.Dial(path)
	if err != nil {
		return nil, err
	}
	return &Conn{fd: fd}, nil
}

// Read reads what the server sent; io.EOF once it has closed.
func (c *Conn) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	var n int
	err := c.use(func(fd int) error {
		for {
			var err error
			n, err = syscall.Read(fd, b)
			switch {
			case err == syscall.EINTR:
				continue
			case err != nil:
				return wrap.Error("read", err)
			case n == 0:
				return io.EOF
			}
			return nil
		}
	})
	return n, err
}

// Write writes all of b, or fails.
func (c *Conn) Write(b []byte) (int, error) {
	done := 0
	err := c.use(func(fd int) error {
		for done < len(b) {
			n, err := syscall.Write(fd, b[done:])
			if err == syscall.EINTR {
				continue
			}
			if err != nil {
				return wrap.Error("write", err)
			}
			done += n
		}
		return nil
	})
	return done, err
}

// WriteWithFDs writes b with descriptors fds attached to its first byte
// (SCM_RIGHTS), for the server to read with its FDReader.
func (c *Conn) WriteWithFDs(b []byte, fds []int) error {
	if len(fds) == 0 {
		_, err := c.Write(b)
		return err
	}
	var n int
	err := c.use(func(fd int) error {
		for {
			var err error
			n, err = syscall.SendmsgN(fd, b, syscall.UnixRights(fds...), nil, 0)
			if err != syscall.EINTR {
				return err
			}
		}
	})
	if err != nil {
		return wrap.Error("sendmsg", err)
	}
	if n < len(b) {
		_, err = c.Write(b[n:]) // the descriptors went with the first part
	}
	return err
}

// SetWriteTimeout bounds each write (SO_SNDTIMEO) to seconds; zero means
// none. A write that times out fails with EAGAIN.
func (c *Conn) SetWriteTimeout(seconds int) error {
	tv := syscall.Timeval{Sec: int64(seconds)}
	err := c.use(func(fd int) error {
		return syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_SNDTIMEO, &tv)
	})
	if err != nil {
		return wrap.Error("setsockopt", err)
	}
	return nil
}

// CloseRead shuts down the receiving side: a read waiting in another
// goroutine returns end of file.
func (c *Conn) CloseRead() error { return c.shutdown(syscall.SHUT_RD) }

// CloseWrite shuts down the sending side; the server reads end of file.
func (c *Conn) CloseWrite() error { return c.shutdown(syscall.SHUT_WR) }

func (c *Conn) shutdown(how int) error {
	if err := c.use(func(fd int) error { return syscall.Shutdown(fd, how) }); err != nil {
		return wrap.Error("shutdown", err)
	}
	return nil
}

// Inheritable returns a duplicate of the connection's descriptor that
// survives exec, to hand the connection to gmux-server.
func (c *Conn) Inheritable() (int, error) {
	dup := -1
	err := c.use(func(fd int) (err error) {
		dup, err = syscall.Dup(fd) // dup(2) leaves close-on-exec off
		return err
	})
	if err != nil {
		return -1, wrap.Error("dup connection", err)
	}
	return dup, nil
}

// Close closes the connection. A read or write blocked in another
// goroutine returns first: shutting the socket down wakes it, and until
// it has let go of the descriptor, Close waits.
func (c *Conn) Close() error {
	_ = c.shutdown(syscall.SHUT_RDWR) // best effort: a peer may be gone
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd < 0 {
		return errClosed
	}
	err := syscall.Close(c.fd)
	c.fd = -1
	return err
}
