// Package screen draws an attached client's terminal with tcell: it reads
// input into Key, Mouse and Paste frames and paints the server's draw
// frames as escape sequences. It runs in gmux-server, either in the server
// itself for a terminal the client passed (Host) or in the client's
// process (Relay): in gmux-server's attach client when the server relays,
// or after gmux handed its connection over.
package screen

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/gmux/gmux/proto"
)

// Relay draws an attached client's terminal in the client's own process:
// it forwards input events to the server and applies the server's draws
// until an Exit frame or a lost server. fr and w are the connection, from
// the Attached frame on; messages go to stdout and stderr.
func Relay(fr *proto.Reader, w *proto.Writer, stdout, stderr io.Writer) int {
	tty, err := tcell.NewDevTty()
	if err != nil {
		fmt.Fprintf(stderr, "open terminal failed: %v\n", err)
		return 1
	}
	// A hang-up or kill closes the connection; the server keeps the session.
	// Closing the connection ends applyFrames, so the process exits
	// through its deferred clean-up (profiles among it), silently.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM)
	var hungUp atomic.Bool
	go func() {
		<-sigs
		hungUp.Store(true)
		// A second signal, or a terminal write that never returns,
		// must still end the client.
		signal.Reset(syscall.SIGHUP, syscall.SIGTERM)
		time.AfterFunc(2*time.Second, func() { os.Exit(1) })
		_ = w.Close() // best effort
	}()
	status, message, err := drive(tty, os.Getenv("TERM"), fr, w)
	if err != nil {
		fmt.Fprintf(stderr, "open terminal failed: %v\n", err)
		return 1
	}
	if hungUp.Load() {
		return 1
	}
	if message != "" {
		fmt.Fprintln(stdout, message)
	}
	return status
}

// drive runs an attached client on tty, a terminal of type termName, in
// whichever process holds it: the client's own, or the server's when the
// client passed it its terminal (Host). It returns the status and message
// of the server's Exit frame, or of the lost connection, once the
// terminal is restored.
func drive(tty tcell.Tty, termName string, fr *proto.Reader, w *proto.Writer) (int, string, error) {
	var pasting atomic.Bool
	ti, err := tcell.LookupTerminfo(termName)
	if err != nil {
		return 1, "", err
	}
	screen, err := tcell.NewTerminfoScreenFromTtyTerminfo(&fastKeysTty{Tty: tty, w: w, pasting: &pasting}, ti)
	if err == nil {
		err = screen.Init()
	}
	if err != nil {
		return 1, "", err
	}
	// Deferred, so that a panic (in the server, for a hosted terminal)
	// still puts the terminal back.
	defer screen.Fini()
	screen.EnablePaste()
	screen.Clear()
	cols, rows := screen.Size()
	sz := proto.Size{Cols: uint16(cols), Rows: uint16(rows)}
	_ = w.Send(proto.TypeResize, sz.Append(nil)) // a dead server shows below

	go forwardEvents(screen, w, &pasting)

	colors := screen.Colors()
	var paint *painter
	// tcell's terminfo screen is a sync.Locker; any other screen keeps
	// tcell's drawing.
	if lock, ok := screen.(sync.Locker); ok && usePainter(colors) {
		paint = newPainter(tty, lock, colors, termName)
		defer paint.restore()
	}
	status, message := applyFrames(fr, w, screen, paint, colors)
	return status, message, nil
}

// applyFrames reads server frames until the session ends for this client.
// Draw frames go to paint if there is one, else through tcell, for a
// terminal with colors colours.
func applyFrames(fr *proto.Reader, w *proto.Writer, screen tcell.Screen, paint *painter, colors int) (int, string) {
	var modes uint8
	for {
		typ, p, err := fr.Next()
		if err != nil {
			return 1, "[lost server]"
		}
		switch typ {
		case proto.TypeDraw:
			if paint != nil {
				err = paint.frame(p)
			} else if err = draw(screen, p, colors); err == nil {
				screen.Show()
			}
			if err != nil {
				return 1, "[lost server: " + err.Error() + "]"
			}
			if err := w.Send(proto.TypeFrameAck, nil); err != nil {
				return 1, "[lost server]"
			}
		case proto.TypeExit:
			var e proto.Exit
			if err := e.Decode(p); err != nil {
				return 1, "[lost server]"
			}
			return int(e.Status), e.Message
		case proto.TypeBell:
			_ = screen.Beep() // best effort
		case proto.TypeTitle:
			screen.SetTitle(string(p))
		case proto.TypeClipboard:
			screen.SetClipboard(p)
		case proto.TypeModes:
			if len(p) == 1 {
				modes = setModes(screen, modes, p[0])
			}
		case proto.TypeOutput, proto.TypeError:
			// Output for a command run by a key binding has nowhere to go
			// while the screen is ours; the server shows it as a message.
		}
	}
}

func setModes(screen tcell.Screen, old, want uint8) uint8 {
	if changed := old ^ want; changed&proto.ModeMouse != 0 {
		if want&proto.ModeMouse != 0 {
			screen.EnableMouse()
		} else {
			screen.DisableMouse()
		}
	}
	if changed := old ^ want; changed&proto.ModeFocus != 0 {
		if want&proto.ModeFocus != 0 {
			screen.EnableFocus()
		} else {
			screen.DisableFocus()
		}
	}
	return want
}

// draw applies one Draw frame to the screen, which has colors colours.
func draw(screen tcell.Screen, p []byte, colors int) error {
	flags, cur, dd, err := proto.DecodeDraw(p)
	if err != nil {
		return err
	}
	if flags&proto.DrawClear != 0 {
		screen.Clear()
	}
	// tcell would find the nearest palette colour for each true colour by
	// a CIE Lab distance, which cost more than half the client's CPU on
	// colourful output; the 256-colour cube lookup is a few integer ops.
	styles := styleCache{to256: colors >= 256 && colors < 1<<24}
	for {
		run, ok := dd.NextRun()
		if !ok {
			break
		}
		style := styles.get(run.Style)
		if len(run.Link) > 0 {
			style = style.Url(string(run.Link))
		}
		x, y := int(run.Col), int(run.Row)
		for {
			text, width, ok := dd.NextCell()
			if !ok {
				break
			}
			switch {
			case len(text) == 0:
				screen.SetContent(x, y, ' ', nil, style)
			case len(text) == 1:
				screen.SetContent(x, y, rune(text[0]), nil, style)
			default:
				screen.Put(x, y, string(text), style)
			}
			x += max(int(width), 1)
		}
	}
	if err := dd.Err(); err != nil {
		return err
	}
	if cur.Visible {
		screen.ShowCursor(int(cur.Col), int(cur.Row))
		screen.SetCursorStyle(tcell.CursorStyle(cur.Shape))
	} else {
		screen.HideCursor()
	}
	return nil
}

// styleCache remembers the last conversion: runs in a frame mostly share
// few styles.
type styleCache struct {
	to256 bool // map true colours to the 256-colour palette
	ok    bool
	// key is the style as the server sent it: a style with a true colour
	// would never equal its mapped form, and so never hit.
	key proto.Style
	st  tcell.Style
}

func (c *styleCache) get(s proto.Style) tcell.Style {
	if c.ok && s == c.key {
		return c.st
	}
	key := s
	if c.to256 {
		s.Fg, s.Bg, s.Underline = to256(s.Fg), to256(s.Bg), to256(s.Underline)
	}
	c.ok, c.key, c.st = true, key, tcellStyle(s)
	return c.st
}

// Attribute bits, as package vt numbers them.
const (
	attrBold = 1 << iota
	attrDim
	attrItalic
	attrBlink
	attrReverse
	attrHidden
	attrStrike
	attrOverline
)

func tcellStyle(s proto.Style) tcell.Style {
	st := tcell.StyleDefault.Foreground(tcellColor(s.Fg)).Background(tcellColor(s.Bg))
	a := s.Attrs
	st = st.Bold(a&attrBold != 0).Dim(a&attrDim != 0).Italic(a&attrItalic != 0).
		Blink(a&attrBlink != 0).Reverse(a&attrReverse != 0).StrikeThrough(a&attrStrike != 0)
	if s.UnderlineStyle != 0 {
		st = st.Underline(tcell.UnderlineStyle(s.UnderlineStyle))
		if s.Underline != 0 {
			st = st.Underline(tcellColor(s.Underline))
		}
	}
	if a&attrHidden != 0 {
		st = st.Foreground(tcellColor(s.Bg))
	}
	return st
}

func tcellColor(c proto.Color) tcell.Color {
	switch c >> 24 {
	case 1:
		return tcell.PaletteColor(int(c & 0xff))
	case 2:
		return tcell.NewHexColor(int32(c & 0xffffff))
	}
	return tcell.ColorDefault
}
