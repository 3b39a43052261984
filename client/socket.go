package client

import (
	"errors"
	"path"
	"strconv"
	"syscall"

	"github.com/gmux/gmux/internal/wrap"
)

// SocketPath resolves the server socket as tmux does: an explicit path
// (-S) as given, else the label (-L, default "default") inside the user's
// private directory gmux-UID under $GMUX_TMPDIR, $TMPDIR or /tmp, taken
// from env. The directory is created mode 0700 and refused if it is a
// symlink, not the user's, or open to others.
func SocketPath(explicit, label string, env []string) (string, error) {
	if explicit != "" {
		return absPath(explicit, env)
	}
	if label == "" {
		label = "default"
	}
	if path.Base(label) != label || label == "." || label == ".." {
		return "", errors.New("invalid socket name: " + label)
	}
	base := Getenv(env, "GMUX_TMPDIR")
	if base == "" {
		base = Getenv(env, "TMPDIR")
	}
	if base == "" {
		base = "/tmp"
	}
	uid := syscall.Getuid()
	dir := path.Join(base, "gmux-"+strconv.Itoa(uid))
	if err := ensurePrivateDir(dir, uid); err != nil {
		return "", err
	}
	return path.Join(dir, label), nil
}

// ensurePrivateDir creates dir 0700 or checks that the existing one is a
// real directory owned by uid, this process's, and closed to everyone
// else.
func ensurePrivateDir(dir string, uid int) error {
	if err := syscall.Mkdir(dir, 0o700); err != nil && err != syscall.EEXIST {
		return wrap.Error("couldn't create directory "+dir, err)
	}
	var st syscall.Stat_t
	if err := syscall.Lstat(dir, &st); err != nil {
		return wrap.Error("socket directory "+dir, err)
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
	case syscall.S_IFLNK:
		return errors.New("unsafe socket directory " + dir + ": it is a symlink")
	default:
		return errors.New("unsafe socket directory " + dir + ": not a directory")
	}
	if int(st.Uid) != uid {
		return errors.New("unsafe socket directory " + dir + ": not owned by uid " + strconv.Itoa(uid))
	}
	if perm := st.Mode & 0o777; perm&0o077 != 0 {
		return errors.New("unsafe socket directory " + dir + ": mode " + octal4(perm) + ", must be 0700")
	}
	return nil
}

// octal4 formats a permission as %04o does.
func octal4(perm uint32) string {
	s := strconv.FormatUint(uint64(perm), 8)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
