package attach

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/gmux/gmux/client"
	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/proto"
)

// Resume takes over a connection that gmux handed over by exec, given
// client.RelayCommand's arguments (gmux does that when the server
// attaches a command it did not expect to attach): it returns the
// connection's frame reader, starting with the frames the old program
// had read, and its writer.
func Resume(args []string) (*proto.Reader, *proto.Writer, error) {
	if len(args) != 3 {
		return nil, nil, fmt.Errorf("%s: want a protocol version, a connection and a pending-frames descriptor", client.RelayCommand)
	}
	if args[0] != client.VersionArg() {
		return nil, nil, fmt.Errorf("protocol version mismatch (gmux %s, gmux-server %d): gmux and gmux-server come from different builds", args[0], proto.Version)
	}
	connFD, err1 := strconv.Atoi(args[1])
	pendingFD, err2 := strconv.Atoi(args[2])
	if err1 != nil || err2 != nil || connFD < 3 || pendingFD < 3 {
		return nil, nil, fmt.Errorf("%s: bad descriptors %q", client.RelayCommand, args[1:])
	}
	pending := os.NewFile(uintptr(pendingFD), "gmux-pending")
	// A Reader buffers 64 KiB at most; the limit is for a bad descriptor.
	b, err := io.ReadAll(io.LimitReader(pending, 1<<20))
	_ = pending.Close() // read-only
	if err != nil {
		return nil, nil, fmt.Errorf("%s: pending frames: %w", client.RelayCommand, err)
	}
	conn, err := sock.Adopt(connFD, "gmux")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", client.RelayCommand, err)
	}
	return proto.NewReader(io.MultiReader(bytes.NewReader(b), conn)), proto.NewWriter(conn), nil
}
