// Package vt is a terminal emulator as a pure library: bytes go in through
// Terminal.Write, a grid of cells, a cursor, modes, a title and a bounded
// scrollback history come out. It has no goroutines, no I/O and no locks;
// a caller that shares a Terminal between goroutines adds its own lock.
//
// # Model
//
// The visible screen is rows lines of exactly cols cells, row 0 at the top.
// The main screen has a history: lines that scroll off its top (when the
// scroll region starts at the top of the screen) are packed and kept,
// oldest first, up to the history limit. History lines are addressed with negative
// row numbers, -1 being the newest, so history and screen read as one
// sequence of lines from -HistoryLen() to rows-1. The alternate screen has
// no history.
//
// Cells are small: a rune (or, above utf8.MaxRune, an index into a bounded
// table of multi-rune grapheme clusters), a StyleID into a bounded,
// deduplicated style table, and a width (1, 2, or 0 for the right half of a
// wide character). A blank cell has Rune 0 and Width 1. History lines are
// stored packed (UTF-8 text with inline style changes) in shared chunks, so
// a line of 80 ASCII characters costs about 95 bytes.
//
// # Files
//
// parser.go is the DEC/ANSI state machine (Paul Williams' VT500 model) and
// knows nothing of meaning; the handlers are grouped by family: c0.go,
// esc.go, csi.go (dispatch), csi_cursor.go, csi_erase.go, csi_mode.go,
// sgr.go, osc.go and replies.go. print.go places characters, screen.go and
// history.go hold the grid, style.go the tables, resize.go reflows, and
// capture.go gives tmux's capture-pane output.
package vt
