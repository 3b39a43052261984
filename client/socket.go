package client

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// SocketPath resolves the server socket as tmux does: an explicit path
// (-S) as given, else the label (-L, default "default") inside the user's
// private directory gmux-UID under $GMUX_TMPDIR, $TMPDIR or /tmp. The
// directory is created mode 0700 and refused if it is a symlink, not the
// user's, or open to others.
func SocketPath(explicit, label string) (string, error) {
	if explicit != "" {
		return filepath.Abs(explicit)
	}
	if label == "" {
		label = "default"
	}
	if filepath.Base(label) != label || label == "." || label == ".." {
		return "", fmt.Errorf("invalid socket name: %s", label)
	}
	base := os.Getenv("GMUX_TMPDIR")
	if base == "" {
		base = os.Getenv("TMPDIR")
	}
	if base == "" {
		base = "/tmp"
	}
	dir := filepath.Join(base, "gmux-"+strconv.Itoa(os.Getuid()))
	if err := ensurePrivateDir(dir); err != nil {
		return "", err
	}
	return filepath.Join(dir, label), nil
}

// ensurePrivateDir creates dir 0700 or checks that the existing one is a
// real directory owned by this user and closed to everyone else.
func ensurePrivateDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("couldn't create directory %s: %w", dir, err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("socket directory %s: %w", dir, err)
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("unsafe socket directory %s: it is a symlink", dir)
	}
	if !fi.IsDir() {
		return fmt.Errorf("unsafe socket directory %s: not a directory", dir)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) != os.Getuid() {
		return fmt.Errorf("unsafe socket directory %s: not owned by uid %d", dir, os.Getuid())
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("unsafe socket directory %s: mode %04o, must be 0700", dir, fi.Mode().Perm())
	}
	return nil
}
