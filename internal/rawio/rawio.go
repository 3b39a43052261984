// Package rawio reads and writes non-blocking descriptors with raw system
// calls, which do not tell Go's scheduler that a call may block.
//
// A read or write on a descriptor in non-blocking mode cannot block, and
// telling the scheduler costs more than the call on the paths this
// serves (a keystroke and its echo): the first system call after an idle
// spell wakes the runtime's monitor thread (sysmon) with a futex, which
// then runs on the other CPU beside the programs the echo waits for.
package rawio

import (
	"syscall"
	"unsafe"
)

// Read reads from non-blocking descriptor fd into b.
func Read(fd int, b []byte) (int, error) { return call(syscall.SYS_READ, fd, b) }

// Write writes b to non-blocking descriptor fd.
func Write(fd int, b []byte) (int, error) { return call(syscall.SYS_WRITE, fd, b) }

func call(trap uintptr, fd int, b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	n, _, errno := syscall.RawSyscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
