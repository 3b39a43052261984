// Package unixdial connects to a Unix stream socket with package syscall
// alone: gmux's command client links neither os nor golang.org/x/sys/unix
// (see package client), and internal/sock, which does, dials the same way.
package unixdial

import (
	"syscall"

	"github.com/gmux/gmux/internal/wrap"
)

// Dial connects a blocking, close-on-exec socket to path and returns its
// descriptor. A missing socket or one nobody listens on gives an error
// matching syscall.ENOENT or syscall.ECONNREFUSED.
func Dial(path string) (int, error) {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, wrap.Error("socket", err)
	}
	// Connect blocking: on a Unix socket it waits only while the
	// listener's backlog is full, where a non-blocking connect would fail
	// with EAGAIN instead of waiting.
	for {
		err = syscall.Connect(fd, &syscall.SockaddrUnix{Name: path})
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		_ = syscall.Close(fd) // best effort
		return -1, wrap.Error("connect", err)
	}
	return fd, nil
}
