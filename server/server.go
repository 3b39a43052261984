// Package server is the gmux server: it owns the sessions, their windows
// and panes (each a PTY and a vt.Terminal), runs commands for clients, and
// renders each attached client's view into draw frames.
//
// Concurrency: the session tree, the clients and the options are guarded by
// Server.mu, and every command runs holding it, so commands never race each
// other. A pane's terminal is guarded by its own mutex, taken after
// Server.mu when both are needed, so PTY readers never wait on commands.
// Nothing writes to a socket while holding Server.mu: attached clients have
// a writer goroutine that owns their connection's write side.
package server

import (
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gmux/gmux/internal/sock"
	"github.com/gmux/gmux/keys"
	"github.com/gmux/gmux/proto"
)

// Config says where the server listens and what it reads at start.
type Config struct {
	SocketPath string
	// ConfigFile, if set, replaces the default config search.
	ConfigFile string
	Logger     *log.Logger
	Verbose    bool
	// Host, if set, lets the server drive the terminals clients pass it.
	Host TerminalHost
}

// Server is the state of one gmux server.
type Server struct {
	cfg      Config
	log      *log.Logger
	listener *sock.Listener
	started  time.Time

	mu       sync.Mutex
	sessions []*Session // in creation order
	clients  map[*Client]struct{}
	tables   *keys.Tables
	cmdTable []*command
	options  *Options
	nextID   struct{ session, window, pane, client int }
	exiting  bool
	// startupMessages are config errors, shown to the first attached client.
	startupMessages []string

	hostOnce sync.Once
	// readBufs holds the panes' PTY read buffers, taken only while a read
	// is being handled.
	readBufs sync.Pool
	// cmdReaders holds frame readers for connections, taken back when a
	// connection is done unless it attached a client: a fresh
	// 16 KiB buffer for each was most of the server's page faults per
	// command (about 1.3 of 1.4-2).
	cmdReaders sync.Pool
	host       string

	// memory gives back what bursts of commands leave behind;
	// outputReads counts the panes' PTY reads, which it waits out.
	memory      *memoryReleaser
	outputReads atomic.Uint64

	// conns counts live connections, so shutdown can let each one flush
	// its last frame (an attached client's "[exited]") before exiting.
	conns sync.WaitGroup

	done chan struct{}
}

// ErrServerRunning is returned by Run when another live server already
// owns the socket.
var ErrServerRunning = errors.New("server already running")

// Run starts a server on cfg.SocketPath and serves until the last session
// ends or kill-server. It is called in the daemon process.
func Run(cfg Config) error {
	s := newServer(cfg)
	// The daemon outlives the terminal that started it, so SIGHUP is
	// caught into a channel nobody reads (signal.Notify drops what does
	// not fit). Not ignored: an ignored signal stays ignored in every
	// program a pane execs, and kill-session's SIGHUP would then leave
	// them running. (SIGPIPE needs nothing: Go turns it into EPIPE on
	// every descriptor but stdout and stderr, which are /dev/null.)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	unlock, err := lockSocket(cfg.SocketPath)
	if err != nil {
		return err
	}
	defer unlock()
	l, err := listen(cfg.SocketPath)
	if err != nil {
		return err
	}
	s.listener = l
	s.log.Printf("server %d listening on %s", os.Getpid(), cfg.SocketPath)

	s.mu.Lock()
	s.loadDefaults()
	s.mu.Unlock()

	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		select {
		case <-term:
			s.mu.Lock()
			s.shutdownLocked("[server exited]")
			s.mu.Unlock()
		case <-s.done:
		}
	}()
	// A server started for a client that then never spoke exits rather
	// than lingering with no sessions.
	go func() {
		select {
		case <-time.After(10 * time.Second):
			s.mu.Lock()
			s.exitIfEmptyLocked()
			s.mu.Unlock()
		case <-s.done:
		}
	}()

	for {
		c, err := l.Accept()
		if err != nil {
			select {
			case <-s.done:
				_ = os.Remove(cfg.SocketPath) // best effort
				// Give writer goroutines a moment to flush exit messages.
				s.waitClients(2 * time.Second)
				s.memory.stop()
				return nil
			default:
			}
			s.log.Printf("accept: %v", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		s.conns.Add(1)
		go func() {
			defer s.conns.Done()
			s.serveConn(c)
			s.memory.connectionDone()
		}()
	}
}

// newServer makes a server with no sessions that does not listen yet.
func newServer(cfg Config) *Server {
	s := &Server{
		cfg:     cfg,
		log:     cfg.Logger,
		started: time.Now(),
		clients: make(map[*Client]struct{}),
		tables:  keys.NewTables(),
		options: newOptions(),
		done:    make(chan struct{}),
	}
	s.memory = newMemoryReleaser(s.outputReads.Load)
	s.readBufs.New = func() any {
		b := make([]byte, 16<<10)
		return &b
	}
	s.cmdReaders.New = func() any {
		// Commands and keystrokes are small: no 64 KiB buffer per
		// connection.
		return proto.NewReaderSize(nil, 16<<10)
	}
	s.cmdTable = commandTable()
	if s.log == nil {
		s.log = log.New(os.Stderr, "gmux: ", log.LstdFlags)
	}
	return s
}

// lockSocket takes an exclusive lock beside the socket so two servers
// started at once never both listen; the loser finds the winner live.
func lockSocket(path string) (func(), error) {
	f, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		_ = f.Close() // best effort
		return nil, ErrServerRunning
	}
	return func() {
		_ = os.Remove(path + ".lock") // best effort
		_ = f.Close()                 // best effort
	}, nil
}

func listen(path string) (*sock.Listener, error) {
	if c, err := sock.Dial(path); err == nil {
		_ = c.Close() // best effort
		return nil, ErrServerRunning
	}
	_ = os.Remove(path) // a stale socket from a dead server
	old := unix.Umask(0o177)
	l, err := sock.Listen(path)
	unix.Umask(old)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", path, err)
	}
	return l, nil
}

// loadDefaults installs the default key bindings and reads the config.
func (s *Server) loadDefaults() {
	for _, e := range s.sourceTextCtx("(default bindings)", keys.DefaultBindings, true) {
		s.debugf("default bindings: %v", e)
	}
	for _, path := range s.configFiles() {
		data, err := os.ReadFile(path)
		if err != nil {
			if !errors.Is(err, os.ErrNotExist) || path == s.cfg.ConfigFile {
				s.startupMessages = append(s.startupMessages, err.Error())
			}
			continue
		}
		s.startupMessages = append(s.startupMessages, s.sourceText(path, string(data))...)
	}
	for _, m := range s.startupMessages {
		s.log.Printf("config: %s", m)
	}
}

func (s *Server) configFiles() []string {
	if s.cfg.ConfigFile != "" {
		if s.cfg.ConfigFile == "/dev/null" {
			return nil
		}
		return []string{s.cfg.ConfigFile}
	}
	var files []string
	if home, err := os.UserHomeDir(); err == nil {
		files = append(files, filepath.Join(home, ".gmux.conf"))
	}
	cfgDir := os.Getenv("XDG_CONFIG_HOME")
	if cfgDir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			cfgDir = filepath.Join(home, ".config")
		}
	}
	if cfgDir != "" {
		files = append(files, filepath.Join(cfgDir, "gmux", "gmux.conf"))
	}
	return files
}

// exitIfEmptyLocked shuts the server down when no session is left.
func (s *Server) exitIfEmptyLocked() {
	if len(s.sessions) == 0 {
		s.shutdownLocked("[server exited]")
	}
}

// shutdownLocked kills every pane, tells every client why, and stops
// accepting connections.
func (s *Server) shutdownLocked(reason string) {
	if s.exiting {
		return
	}
	s.exiting = true
	for _, sess := range s.sessions {
		for _, w := range sess.windows {
			for _, p := range w.panes {
				p.kill()
			}
		}
	}
	s.sessions = nil
	for c := range s.clients {
		c.exit(0, reason)
	}
	close(s.done)
	_ = s.listener.Close() // best effort: Run returns on the accept error
}

func (s *Server) waitClients(d time.Duration) {
	finished := make(chan struct{})
	go func() {
		s.conns.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(d):
	}
}

// sortedSessions returns sessions sorted by name, as tmux lists them.
func (s *Server) sortedSessions() []*Session {
	out := append([]*Session(nil), s.sessions...)
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// locked runs f with s.mu held and lets the lock go even if f panics: the
// recover that stops a panic at a connection's edge must not leave every
// other client and command waiting on the lock.
func (s *Server) locked(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}
