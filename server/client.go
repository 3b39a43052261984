package server

import (
	"io"
	"runtime/debug"
	"sync"
	"time"

	"github.com/gmux/gmux/proto"
)

// Client is an attached client: a terminal showing one session.
type Client struct {
	s    *Server
	conn clientConn
	id   int

	// Guarded by Server.mu.
	session    *Session
	cols, rows int
	keyTable   string
	repeatEnd  time.Time // a repeatable binding keeps the table until then
	term       string
	env        []string
	attachedAt time.Time
	message    string
	messageEnd time.Time
	lastSess   *Session // for switch-client -l
	modes      uint8    // proto.Mode* last sent

	// wmu guards the writer's inbox.
	wmu     sync.Mutex
	pending []byte // whole frames waiting to be written
	dirty   bool   // the view changed since the last frame
	full    bool   // next frame redraws everything
	// statusStale: something other than pane output changed, which the
	// status line may show.
	statusStale bool
	// bell: a bell is due; however many rang since the last frame, the
	// terminal rings once.
	bell bool
	// clipboard: the latest OSC 52 store not yet written; a program that
	// stores in a loop to a client that stopped reading must not grow
	// the queue.
	clipboard []byte
	closing   bool // an Exit frame is queued; nothing follows it
	wake      chan struct{}
	ack       chan struct{}
	done      chan struct{}

	// Owned by the writer goroutine.
	view renderState
}

// clientConn is an attached client's connection, whose writes its writer
// owns: a socket to the client process, or a pipe to the terminal host
// inside this process.
type clientConn interface {
	io.Writer
	Close() error
	CloseWrite() error
	SetWriteDeadline(time.Time) error
}

// attachClient turns a connection into an attached client of ctx.attach.
// Called with s.mu held.
func (s *Server) attachClient(conn clientConn, ctx *cmdCtx, term string) *Client {
	sess := ctx.attach
	if ctx.detachPrev {
		s.detachAll(sess)
	}
	c := &Client{
		s:          s,
		conn:       conn,
		session:    sess,
		cols:       max(ctx.cols, 1),
		rows:       max(ctx.rows, 1),
		keyTable:   "root",
		term:       term,
		env:        ctx.env,
		attachedAt: time.Now(),
		wake:       make(chan struct{}, 1),
		ack:        make(chan struct{}, 1),
		done:       make(chan struct{}),
	}
	s.nextID.client++
	c.id = s.nextID.client
	s.clients[c] = struct{}{}
	sess.activity = time.Now()
	c.pending = proto.AppendFrame(c.pending, proto.TypeAttached, nil)
	if len(s.startupMessages) > 0 {
		c.message = s.startupMessages[0]
		c.messageEnd = time.Now().Add(5 * time.Second)
		s.startupMessages = nil
	}
	s.resizeSession(sess)
	s.updateModes(c)
	c.redrawAll() // the first frame draws everything
	return c
}

// run serves an attached client until it leaves: the caller's goroutine
// reads its input while a second goroutine writes its frames.
func (c *Client) run(fr *proto.Reader) {
	go c.writeLoop()
	c.readLoop(fr)
	c.leave()
}

// runHosted serves an attached client whose terminal the server drives:
// its host hands input to handleInput itself, so there is no reader; the
// client leaves when the host closes its connection (done).
func (c *Client) runHosted(done <-chan struct{}) {
	go c.writeLoop()
	<-done
	c.leave()
}

// leave forgets a client whose connection ended and stops its writer.
func (c *Client) leave() {
	c.s.locked(func() {
		if _, ok := c.s.clients[c]; ok {
			// The client went away without detaching (hang-up, kill).
			c.s.removeClient(c)
		}
	})
	c.closeWrite()
	<-c.done
}

func (c *Client) readLoop(fr *proto.Reader) {
	for {
		typ, p, err := fr.Next()
		if err != nil {
			c.s.debugf("client %d: %v", c.id, err)
			return
		}
		if !c.s.handleInput(c, typ, p) {
			return
		}
	}
}

// markDirty asks the writer for a new frame. Safe from any goroutine.
// Only the first change since the last frame wakes the writer: it was
// woken for that one and re-checks dirty whenever it may render again,
// and a pane streaming output would otherwise wake it on every read.
func (c *Client) markDirty() { c.mark(true) }

// markOutput asks for a new frame for pane output, which leaves the
// status line as it is unless it retitles the pane or renames a window
// (compose checks those). Safe from any goroutine.
func (c *Client) markOutput() { c.mark(false) }

func (c *Client) mark(statusStale bool) {
	c.wmu.Lock()
	was := c.dirty
	c.dirty = true
	c.statusStale = c.statusStale || statusStale
	c.wmu.Unlock()
	if !was {
		c.poke()
	}
}

// ringBell rings the client's terminal with its next write. Safe from any
// goroutine.
func (c *Client) ringBell() {
	c.wmu.Lock()
	c.bell = true
	c.wmu.Unlock()
	c.poke()
}

// setClipboard sets the client's terminal's clipboard with its next
// write. Safe from any goroutine.
func (c *Client) setClipboard(data []byte) {
	c.wmu.Lock()
	c.clipboard = data
	c.wmu.Unlock()
	c.poke()
}

// redrawAll asks for a frame that redraws the whole screen.
func (c *Client) redrawAll() {
	c.wmu.Lock()
	c.dirty = true
	c.full = true
	c.statusStale = true
	c.wmu.Unlock()
	c.poke()
}

func (c *Client) poke() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// send queues a frame for the client.
func (c *Client) send(t proto.Type, payload []byte) {
	c.wmu.Lock()
	if !c.closing {
		c.pending = proto.AppendFrame(c.pending, t, payload)
	}
	c.wmu.Unlock()
	c.poke()
}

// exit makes the client leave with message and status. Called with
// Server.mu held.
func (c *Client) exit(status uint8, message string) {
	c.wmu.Lock()
	if !c.closing {
		c.pending = appendExit(c.pending, status, message)
		c.closing = true
	}
	c.wmu.Unlock()
	c.poke()
	c.s.removeClient(c)
	// A client that stopped reading must not hold its writer forever.
	_ = c.conn.SetWriteDeadline(time.Now().Add(exitWriteTimeout))
}

// closeWrite stops the writer once its queue is flushed.
func (c *Client) closeWrite() {
	c.wmu.Lock()
	c.closing = true
	c.wmu.Unlock()
	_ = c.conn.SetWriteDeadline(time.Now().Add(time.Second))
	c.poke()
}

// removeClient forgets c. Called with Server.mu held.
func (s *Server) removeClient(c *Client) {
	if _, ok := s.clients[c]; !ok {
		return
	}
	delete(s.clients, c)
	sess := c.session
	c.session = nil
	if sess != nil {
		s.resizeSession(sess)
		s.redrawSession(sess)
	}
}

// minFrameInterval spaces frames while output streams (about 120 a
// second); the first change after a quiet spell, such as a keystroke's
// echo, is drawn at once.
const minFrameInterval = 8 * time.Millisecond

// writeLoop owns the connection's write side. It sends queued frames at
// once and renders a new view whenever something changed and the client
// has acknowledged the previous frame, so a slow client gets fewer, larger
// updates instead of a growing backlog.
func (c *Client) writeLoop() {
	defer close(c.done)
	defer func() {
		// A bug in rendering must cost this client its connection, not
		// every session the server holds.
		if r := recover(); r != nil {
			c.s.log.Printf("client %d: writer panic: %v\n%s", c.id, r, debug.Stack())
			_ = c.conn.Close() // unblocks the reader, which removes the client
		}
	}()
	inFlight := false
	var lastFrame time.Time
	var frameDue <-chan time.Time // set while a rate-limited frame waits
	var buf []byte
	tick := time.NewTimer(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-c.wake:
		case <-c.ack:
			inFlight = false
		case <-tick.C:
			c.s.locked(func() { c.s.tickClient(c) })
		case <-frameDue:
			frameDue = nil
		}
		c.wmu.Lock()
		buf = append(buf[:0], c.pending...)
		c.pending = c.pending[:0]
		if c.bell && !c.closing {
			buf = proto.AppendFrame(buf, proto.TypeBell, nil)
			c.bell = false
		}
		if c.clipboard != nil && !c.closing {
			buf = proto.AppendFrame(buf, proto.TypeClipboard, c.clipboard)
			c.clipboard = nil
		}
		closing := c.closing
		dirty := c.dirty && !inFlight && !closing && frameDue == nil
		if wait := minFrameInterval - time.Since(lastFrame); dirty && wait > 0 {
			// Output is streaming: merge it into the next frame.
			frameDue = time.After(wait)
			dirty = false
		}
		full := c.full
		if dirty {
			c.dirty = false
			c.full = false
			if c.statusStale {
				c.view.statusStale = true
				c.statusStale = false
			}
		}
		c.wmu.Unlock()

		if dirty {
			var sent bool
			var next time.Duration
			c.s.locked(func() {
				buf, sent = c.s.renderClient(c, buf, full)
				next = c.s.nextTick(c)
			})
			inFlight = sent
			if sent {
				lastFrame = time.Now()
			}
			resetTimer(tick, next)
		}
		if len(buf) > 0 {
			if _, err := c.conn.Write(buf); err != nil {
				c.s.debugf("client %d: write: %v", c.id, err)
				_ = c.conn.Close() // unblocks the reader
				return
			}
		}
		if closing {
			_ = c.conn.CloseWrite() // best effort: the client sees EOF after Exit
			return
		}
	}
}

func resetTimer(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(d)
}

// redrawSession wakes every client of sess.
func (s *Server) redrawSession(sess *Session) {
	for c := range s.clients {
		if c.session == sess {
			c.markDirty()
		}
	}
}

// showMessage puts text on the client's status line for display-time.
func (s *Server) showMessage(c *Client, text string) {
	c.message = text
	d := time.Duration(s.options.int("display-time", 750)) * time.Millisecond
	if d < 750*time.Millisecond {
		d = 750 * time.Millisecond
	}
	c.messageEnd = time.Now().Add(d)
	c.markDirty()
}

// tickClient expires messages and the repeat table, and refreshes the
// status line. Called with s.mu held.
func (s *Server) tickClient(c *Client) {
	now := time.Now()
	if c.message != "" && !now.Before(c.messageEnd) {
		c.message = ""
	}
	if c.keyTable != "root" && !c.repeatEnd.IsZero() && !now.Before(c.repeatEnd) {
		c.keyTable = "root"
		c.repeatEnd = time.Time{}
	}
	c.markDirty()
}

// nextTick is when the client's status line next needs a redraw.
func (s *Server) nextTick(c *Client) time.Duration {
	d := time.Duration(s.sessionOptionInt(c.session, "status-interval", 15)) * time.Second
	if d <= 0 {
		d = time.Hour
	}
	now := time.Now()
	if c.message != "" {
		d = min(d, c.messageEnd.Sub(now))
	}
	if !c.repeatEnd.IsZero() {
		d = min(d, c.repeatEnd.Sub(now))
	}
	return max(d, 10*time.Millisecond)
}
