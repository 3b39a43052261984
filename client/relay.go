package client

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// gmux is two programs. gmux, this package's, runs every command, so it
// links only what a command needs; the second, gmux-server, links the
// server, the terminal emulator and tcell. Go runs every linked package's
// initialisation at start-up, and theirs (tcell's terminal database and
// character maps among it) cost a command like ls 120-150 page faults,
// 1.5-2 ms of 8-11 on the machines we measure.
// gmux-server runs the server daemon, and the attached client's drawing
// where the server cannot draw the terminal itself (Relay).

// serverProgram is the name of the second program.
const serverProgram = "gmux-server"

// ServerCommand is gmux-server's hidden command that runs the daemon;
// the protocol version follows it.
const ServerCommand = "__server"

// VersionArg is the protocol version as ServerCommand and RelayCommand
// take it, after their name.
func VersionArg() string { return strconv.Itoa(int(proto.Version)) }

// ExitVersionMismatch is gmux-server's exit status when the gmux that
// started it speaks another protocol version.
const ExitVersionMismatch = 3

// RelayCommand is gmux-server's hidden command that resumes a connection
// handed over by handOver.
const RelayCommand = "__relay"

// serverBinary finds gmux-server: beside this program, as go build -o
// DIR ./cmd/... and go install leave the two, else on $PATH.
func serverBinary() (string, error) {
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), serverProgram)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	if p, err := exec.LookPath(serverProgram); err == nil {
		return p, nil
	}
	return "", errors.New(serverProgram + " not found beside gmux or on $PATH: build both programs, with go build -o DIR ./cmd/... or go install ./cmd/...")
}

// handOver gives the attached client's connection to gmux-server, which
// replaces this process (same pid, same terminal) and draws the terminal
// in it (RelayCommand, Resume): the server relays, not drives, this
// client's terminal. It returns only if that fails.
func handOver(conn *sock.Conn, fr *proto.Reader, o Options) int {
	bin, err := serverBinary()
	if err != nil {
		fmt.Fprintf(o.Stderr, "attach: %v\n", err)
		return 1
	}
	connFD, err := conn.Inheritable()
	if err != nil {
		fmt.Fprintf(o.Stderr, "attach: %v\n", err)
		return 1
	}
	pendingFD, err := pendingFile(fr)
	if err != nil {
		fmt.Fprintf(o.Stderr, "attach: %v\n", err)
		return 1
	}
	// The protocol version goes first: a gmux-server from another build
	// (one found on $PATH) must refuse a connection it would misread.
	argv := []string{bin, RelayCommand, VersionArg(), strconv.Itoa(connFD), strconv.Itoa(pendingFD)}
	err = syscall.Exec(bin, argv, os.Environ())
	fmt.Fprintf(o.Stderr, "attach: run %s: %v\n", bin, err)
	return 1
}

// pendingFile returns a descriptor, kept across exec, of a file holding
// what fr has read from the connection but not returned: the frames the
// server sent right behind the Attached frame. The descriptor is never
// wrapped in an *os.File, whose finalizer could close it before the exec.
func pendingFile(fr *proto.Reader) (int, error) {
	br := fr.Buffered()
	b, err := br.Peek(br.Buffered())
	if err != nil {
		return -1, fmt.Errorf("pending frames: %w", err)
	}
	fd, err := unix.MemfdCreate("gmux-pending", 0)
	if err != nil {
		return -1, fmt.Errorf("pending frames: %w", os.NewSyscallError("memfd_create", err))
	}
	for len(b) > 0 {
		n, err := unix.Write(fd, b)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			_ = unix.Close(fd) // best effort
			return -1, fmt.Errorf("pending frames: %w", os.NewSyscallError("write", err))
		}
		b = b[n:]
	}
	if _, err := unix.Seek(fd, 0, io.SeekStart); err != nil {
		_ = unix.Close(fd) // best effort
		return -1, fmt.Errorf("pending frames: %w", os.NewSyscallError("lseek", err))
	}
	return fd, nil
}

// Resume takes over a connection handed over by handOver, given
// RelayCommand's arguments: it returns the connection's frame reader,
// starting with the frames the old program had read, and its writer.
func Resume(args []string) (*proto.Reader, *proto.Writer, error) {
	if len(args) != 3 {
		return nil, nil, fmt.Errorf("%s: want a protocol version, a connection and a pending-frames descriptor", RelayCommand)
	}
	if args[0] != VersionArg() {
		return nil, nil, fmt.Errorf("protocol version mismatch (gmux %s, %s %d): gmux and %s come from different builds", args[0], serverProgram, proto.Version, serverProgram)
	}
	connFD, err1 := strconv.Atoi(args[1])
	pendingFD, err2 := strconv.Atoi(args[2])
	if err1 != nil || err2 != nil || connFD < 3 || pendingFD < 3 {
		return nil, nil, fmt.Errorf("%s: bad descriptors %q", RelayCommand, args[1:])
	}
	pending := os.NewFile(uintptr(pendingFD), "gmux-pending")
	// A Reader buffers 64 KiB at most; the limit is for a bad descriptor.
	b, err := io.ReadAll(io.LimitReader(pending, 1<<20))
	_ = pending.Close() // read-only
	if err != nil {
		return nil, nil, fmt.Errorf("%s: pending frames: %w", RelayCommand, err)
	}
	conn, err := sock.Adopt(connFD, "gmux")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", RelayCommand, err)
	}
	return proto.NewReader(io.MultiReader(bytes.NewReader(b), conn)), proto.NewWriter(conn), nil
}
