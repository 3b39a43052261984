package client

import (
	"errors"
	"io"
	"path"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"unsafe"

	"github.com/gmux/gmux/internal/wrap"
	"github.com/gmux/gmux/proto"
)

// gmux is two programs. gmux, this package's, runs every command, so it
// links only what a command needs; the second, gmux-server, links the
// server, the terminal emulator and tcell, whose initialisation (tcell's
// terminal database and character maps among it) would cost a command
// like ls 120-150 page faults, 1.5-2 ms of 8-11 on the machines we
// measure. gmux-server runs the server daemon, the client side of a
// command that attaches a terminal (AttachCommand), and the attached
// client's drawing where the server cannot draw the terminal itself
// (RelayCommand).

// serverProgram is the name of the second program.
const serverProgram = "gmux-server"

// ServerCommand is gmux-server's hidden command that runs the daemon;
// the protocol version follows it.
const ServerCommand = "__server"

// AttachCommand is gmux-server's hidden command that runs a command that
// may attach the terminal, after the global flags (-S, -f, -v) and, as
// for ServerCommand, the protocol version: gmux execs it (execAttach).
const AttachCommand = "__attach"

// RelayCommand is gmux-server's hidden command that resumes a connection
// handed over by handOver: the protocol version, the connection's
// descriptor and the pending frames' follow it.
const RelayCommand = "__relay"

// VersionArg is the protocol version as gmux-server's hidden commands
// take it, after their name.
func VersionArg() string { return strconv.Itoa(int(proto.Version)) }

// ExitVersionMismatch is gmux-server's exit status when the gmux that
// started it speaks another protocol version.
const ExitVersionMismatch = 3

// serverBinary finds gmux-server: beside this program, as go build -o
// DIR ./cmd/... and go install leave the two, else on $PATH in env.
func serverBinary(env []string) (string, error) {
	if exe, err := readlink("/proc/self/exe"); err == nil {
		if p := path.Join(path.Dir(exe), serverProgram); isExecutable(p) {
			return p, nil
		}
	}
	// As exec.LookPath, but directories named relative to the working
	// directory are skipped, not refused.
	for _, dir := range strings.Split(Getenv(env, "PATH"), ":") {
		if !path.IsAbs(dir) {
			continue
		}
		if p := path.Join(dir, serverProgram); isExecutable(p) {
			return p, nil
		}
	}
	return "", errors.New(serverProgram + " not found beside gmux or on $PATH: build both programs, with go build -o DIR ./cmd/... or go install ./cmd/...")
}

func readlink(name string) (string, error) {
	for size := 256; ; size *= 2 {
		b := make([]byte, size)
		n, err := syscall.Readlink(name, b)
		if err != nil {
			return "", err
		}
		if n < size {
			return string(b[:n]), nil
		}
	}
}

// isExecutable reports whether p is a regular file someone may execute.
func isExecutable(p string) bool {
	var st syscall.Stat_t
	return syscall.Stat(p, &st) == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Mode&0o111 != 0
}

// execAttach runs o's command in gmux-server (AttachCommand), which
// replaces this process: same pid, same terminal, for the shell that waits
// for it. It returns only if that fails.
func execAttach(o Options) int {
	env := o.Environ()
	bin, err := serverBinary(env)
	if err != nil {
		Println(o.stderr(), err.Error())
		return 1
	}
	err = syscall.Exec(bin, append(o.serverArgv(bin, AttachCommand), o.Argv...), env)
	Println(o.stderr(), "run "+bin+": "+err.Error())
	return 1
}

// handOver gives an attached client's connection to gmux-server, which
// replaces this process (same pid, same terminal) and draws the terminal
// in it (RelayCommand): the server relays, not drives, this client's
// terminal. It runs gmux-server with environment env, as it is (nil is
// none). It returns only if that fails, having said why on stderr.
func handOver(conn *Conn, fr *proto.Reader, stderr io.Writer, env []string) int {
	bin, err := serverBinary(env)
	if err != nil {
		Println(stderr, "attach: "+err.Error())
		return 1
	}
	connFD, err := conn.Inheritable()
	if err != nil {
		Println(stderr, "attach: "+err.Error())
		return 1
	}
	pendingFD, err := pendingFile(fr)
	if err != nil {
		Println(stderr, "attach: "+err.Error())
		return 1
	}
	argv := []string{bin, RelayCommand, VersionArg(), strconv.Itoa(connFD), strconv.Itoa(pendingFD)}
	err = syscall.Exec(bin, argv, env)
	Println(stderr, "attach: run "+bin+": "+err.Error())
	return 1
}

// pendingFile returns a descriptor, kept across exec, that reads what fr
// has read from the connection but not returned: the frames the server
// sent right behind the Attached frame.
func pendingFile(fr *proto.Reader) (int, error) {
	br := fr.Buffered()
	b, err := br.Peek(br.Buffered())
	if err != nil {
		return -1, wrap.Error("pending frames", err)
	}
	fd, err := memfdCreate("gmux-pending")
	if err != nil {
		return pendingPipe(b)
	}
	if _, err := FDWriter(fd).Write(b); err != nil {
		_ = syscall.Close(fd) // best effort
		return -1, wrap.Error("pending frames: write", err)
	}
	if _, err := syscall.Seek(fd, 0, io.SeekStart); err != nil {
		_ = syscall.Close(fd) // best effort
		return -1, wrap.Error("pending frames: lseek", err)
	}
	return fd, nil
}

// memfdCreate makes an anonymous file, kept across exec.
func memfdCreate(name string) (int, error) {
	trap := memfdCreateTrap()
	if trap == 0 {
		return -1, syscall.ENOSYS
	}
	p, err := syscall.BytePtrFromString(name)
	if err != nil {
		return -1, err
	}
	fd, _, errno := syscall.Syscall(trap, uintptr(unsafe.Pointer(p)), 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}

// memfdCreateTrap is memfd_create's system call number, which package
// syscall, frozen before the call existed, does not name; 0 where this
// table does not know it.
func memfdCreateTrap() uintptr {
	switch runtime.GOARCH {
	case "amd64":
		return 319
	case "arm64", "riscv64", "loong64":
		return 279
	case "386":
		return 356
	case "arm":
		return 385
	case "ppc64", "ppc64le":
		return 360
	case "s390x":
		return 350
	}
	return 0
}

// pendingPipe is pendingFile where memfd_create is missing: a pipe holding
// b. A pipe holds 64 KiB, and a newReader buffers 16, unless the user's
// pipes use more than /proc/sys/fs/pipe-user-pages-soft, when new ones
// hold a page or two: then b may not fit, and the hand-over fails.
func pendingPipe(b []byte) (int, error) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC|syscall.O_NONBLOCK); err != nil {
		return -1, wrap.Error("pending frames: pipe", err)
	}
	defer syscall.Close(p[1])
	for len(b) > 0 {
		n, err := syscall.Write(p[1], b)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			_ = syscall.Close(p[0]) // best effort
			return -1, wrap.Error("pending frames: "+strconv.Itoa(len(b))+" bytes more than a pipe takes", err)
		}
		b = b[n:]
	}
	fd, err := syscall.Dup(p[0]) // dup(2) leaves close-on-exec off
	_ = syscall.Close(p[0])
	if err != nil {
		return -1, wrap.Error("pending frames: dup", err)
	}
	return fd, nil
}
