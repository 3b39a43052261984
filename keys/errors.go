package keys

import "errors"

// Sentinel errors; the errors returned wrap them with the offending text.
var (
	// ErrUnknownKey is returned by Parse (and ParseBindLine) for a name
	// that is not a key: "unknown key: NAME".
	ErrUnknownKey = errors.New("unknown key")

	// ErrBadBinding is returned by ParseBindLine and ParseBindings for a
	// line that is not a well-formed bind-key.
	ErrBadBinding = errors.New("bad bind-key line")
)
