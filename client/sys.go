package client

import (
	"syscall"
	"unsafe"
)

// Getenv returns key's value in env, a list of "key=value" entries as
// syscall.Environ's, or "" if it has none. The first entry wins, as in
// package syscall. A search of the list, not syscall.Getenv: that builds
// a map of the whole environment first, which a command does not need.
func Getenv(env []string, key string) string {
	if key == "" {
		return ""
	}
	for _, kv := range env {
		if len(kv) > len(key) && kv[len(key)] == '=' && kv[:len(key)] == key {
			return kv[len(key)+1:]
		}
	}
	return ""
}

// System calls that package os would otherwise make (see the package
// comment for why this package does without it).

// getwd returns the working directory as os.Getwd does: $PWD in env when
// it names it (the path the user sees, through symbolic links), else the
// kernel's.
func getwd(env []string) (string, error) {
	var dot, pwd syscall.Stat_t
	if p := Getenv(env, "PWD"); len(p) > 0 && p[0] == '/' &&
		syscall.Stat(".", &dot) == nil && syscall.Stat(p, &pwd) == nil &&
		dot.Dev == pwd.Dev && dot.Ino == pwd.Ino {
		return p, nil
	}
	return syscall.Getwd()
}

// isTerminal reports whether fd is a terminal.
func isTerminal(fd int) bool {
	var t syscall.Termios
	return ioctl(fd, syscall.TCGETS, unsafe.Pointer(&t)) == nil
}

// windowSize returns terminal fd's size.
func windowSize(fd int) (cols, rows int, err error) {
	var ws struct{ rows, cols, xpixel, ypixel uint16 }
	if err := ioctl(fd, syscall.TIOCGWINSZ, unsafe.Pointer(&ws)); err != nil {
		return 0, 0, err
	}
	return int(ws.cols), int(ws.rows), nil
}

func ioctl(fd int, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}

// sleepMillis sleeps ms milliseconds.
func sleepMillis(ms int) {
	ts := syscall.NsecToTimespec(int64(ms) * 1e6)
	for syscall.Nanosleep(&ts, &ts) == syscall.EINTR {
	}
}

// FDWriter writes to descriptor FDWriter, all of each buffer or an error.
// It waits out a descriptor left non-blocking by another program.
type FDWriter int

func (w FDWriter) Write(b []byte) (int, error) {
	done := 0
	for done < len(b) {
		n, err := syscall.Write(int(w), b[done:])
		switch err {
		case nil:
			done += n
		case syscall.EINTR:
		case syscall.EAGAIN:
			sleepMillis(1)
		default:
			return done, err
		}
	}
	return done, nil
}
