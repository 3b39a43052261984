package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A throughput run: the pane (or bare PTY) prints READY, waits on a fifo,
// cats the corpus, stamps the time it finished into a file, clears the
// screen and prints a unique marker in colours the corpus never uses (so a
// differential renderer must redraw every marker cell), then idles.

type tputMode int

const (
	modeBare tputMode = iota
	modeAttached
	modeDetached
	modeSlow
)

func (m tputMode) String() string {
	return [...]string{"bare", "attached", "detached", "slow client"}[m]
}

type tputResult struct {
	mbps        float64       // corpus MB / time until the marker was visible
	paneMBps    float64       // corpus MB / time the pane's cat took
	srvCPU      float64       // server CPU seconds during the run
	cliCPU      float64       // client CPU seconds during the run
	clientBytes int64         // bytes the client wrote to its terminal
	maxGap      time.Duration // longest stall of client output while the pane produced
	lag         time.Duration // marker visible minus pane finished
}

const slowRate = 2 << 20 // bytes/s for the slow client

type tputRun struct {
	nonceA, nonceB string
	fifo, done     string
	script         string
}

var runSeq int

func newTputRun(corpus string) *tputRun {
	runSeq++
	r := &tputRun{
		nonceA: nonce(8, 0),
		fifo:   dataPath(fmt.Sprintf("go-%d.fifo", runSeq)),
		done:   dataPath(fmt.Sprintf("done-%d", runSeq)),
	}
	r.nonceB = nonce(8, r.nonceA[7])
	os.Remove(r.fifo)
	os.Remove(r.done)
	syscall.Mkfifo(r.fifo, 0o600)
	// The nonce is split in the command line so that only the pane's
	// output, never its command line (window names, titles), contains it.
	r.script = fmt.Sprintf(`printf 'READY-%%s%%s\n' %s %s; read x < %s; cat %s; date +%%s%%N > %s; `+
		`printf '\033[0m\033[2J\033[H\033[38;2;1;2;3;48;2;3;2;1mDONE-%%s%%s\033[0m' %s %s; exec cat`,
		r.nonceA, r.nonceB, shq(r.fifo), shq(corpus), shq(r.done), r.nonceA, r.nonceB)
	return r
}

// nonce returns n random hex digits, no two neighbours equal (nor the first
// equal to prev), so that no renderer can draw it with a repeat sequence.
func nonce(n int, prev byte) string {
	const hex = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		for {
			c := hex[rand.IntN(16)]
			if c != prev {
				b[i], prev = c, c
				break
			}
		}
	}
	return string(b)
}

func (r *tputRun) ready() string  { return "READY-" + r.nonceA + r.nonceB }
func (r *tputRun) marker() string { return "DONE-" + r.nonceA + r.nonceB }

func (r *tputRun) cleanup() { os.Remove(r.fifo); os.Remove(r.done) }

// trigger releases the pane from its fifo read; it fails if nobody reads the
// fifo within timeout.
func (r *tputRun) trigger(timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		fd, err := syscall.Open(r.fifo, syscall.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			t0 := time.Now()
			syscall.Write(fd, []byte("go\n"))
			syscall.Close(fd)
			return t0, nil
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("%w: pane never opened its start fifo within %v", errTimeout, timeout)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// doneAt waits for the pane's finish stamp.
func (r *tputRun) doneAt(timeout time.Duration) (time.Time, error) {
	deadline := time.Now().Add(timeout)
	for {
		b, err := os.ReadFile(r.done)
		if err == nil {
			if ns, perr := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); perr == nil {
				return time.Unix(0, ns), nil
			}
		}
		if time.Now().After(deadline) {
			return time.Time{}, fmt.Errorf("%w: pane did not finish cat within %v", errTimeout, timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// whileBusy calls wait with the base timeout and, as long as the server
// keeps burning CPU (slow, not hung), again in 10 s steps, up to 4x base.
// A hung server times out at base; a busy but slow one gets its figure.
func whileBusy(pid int, base time.Duration, wait func(time.Duration) (time.Time, error)) (time.Time, error) {
	start := time.Now()
	last, _ := cpuSeconds(pid)
	step := base
	for {
		at, err := wait(step)
		if err == nil || !errors.Is(err, errTimeout) {
			return at, err
		}
		cpu, cerr := cpuSeconds(pid)
		if cerr != nil || cpu-last < 0.2 || time.Since(start) > 4*base {
			return at, fmt.Errorf("%w after %v (server used %.1fs CPU in the last %v): %v",
				errTimeout, time.Since(start).Round(time.Second), cpu-last, step, err)
		}
		logf("still waiting after %v: server busy (%.1fs CPU in %v)", time.Since(start).Round(time.Second), cpu-last, step)
		last, step = cpu, 10*time.Second
	}
}

func tputTimeout(size int64) time.Duration {
	return 10*time.Second + time.Duration(float64(size)/float64(2<<20)*float64(time.Second))
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

func runBareTput(corpus string, size int64) (res tputResult, err error) {
	r := newTputRun(corpus)
	defer r.cleanup()
	p, err := startInPTY([]string{"/bin/sh", "-c", r.script}, benchEnv, 40, 120, 0)
	if err != nil {
		return res, err
	}
	defer p.close()
	if _, err := p.r.await(p.r.expect(r.ready(), 0), 10*time.Second); err != nil {
		return res, err
	}
	w := p.r.expect(r.marker(), p.r.mark())
	t0, err := r.trigger(5 * time.Second)
	if err != nil {
		return res, err
	}
	at, err := p.r.await(w, tputTimeout(size))
	if err != nil {
		return res, err
	}
	res.mbps = mb(size) / at.Sub(t0).Seconds()
	if d, err := r.doneAt(time.Second); err == nil {
		res.paneMBps = mb(size) / d.Sub(t0).Seconds()
	}
	return res, nil
}

// runMuxTput runs one throughput measurement in a new session of srv.
func runMuxTput(srv *server, mode tputMode, corpus string, size int64) (res tputResult, err error) {
	r := newTputRun(corpus)
	defer r.cleanup()
	runSeq++
	name := fmt.Sprintf("tput%d", runSeq)
	if err := srv.newSession(name, r.script); err != nil {
		return res, err
	}
	defer srv.run(5*time.Second, "kill-session", "-t", name)

	var client *ptyProc
	if mode != modeDetached {
		rate := 0.0
		if mode == modeSlow {
			rate = slowRate
		}
		client, err = srv.attach(name, rate)
		if err != nil {
			return res, fmt.Errorf("attach: %v", err)
		}
		defer client.close()
		if _, err := client.r.await(client.r.expect(r.ready(), 0), 10*time.Second); err != nil {
			return res, fmt.Errorf("attached client never showed the pane: %v", err)
		}
		// let the attach redraw drain
		time.Sleep(100 * time.Millisecond)
	} else if _, err := srv.waitCapture(name, r.ready(), 10*time.Second, 20*time.Millisecond); err != nil {
		return res, err
	}

	srv0, err := cpuSeconds(srv.pid)
	if err != nil {
		return res, fmt.Errorf("server pid %d: %v", srv.pid, err)
	}
	var cli0 float64
	var w *waiter
	var bytes0 int64
	if client != nil {
		cli0, _ = cpuSeconds(client.pid)
		w = client.r.expect(r.marker(), client.r.mark())
		bytes0 = client.r.bytesRead()
		client.r.startRecording()
	}
	t0, err := r.trigger(5 * time.Second)
	if err != nil {
		return res, err
	}
	timeout := tputTimeout(size)
	var at time.Time
	if client != nil {
		at, err = whileBusy(srv.pid, timeout, func(d time.Duration) (time.Time, error) { return client.r.await(w, d) })
		if err != nil && mode == modeSlow && errors.Is(err, errTimeout) {
			err = fmt.Errorf("slow client never reached the final screen: %v", err)
		}
		if err != nil {
			// Tell apart a pane that never finished from a client that never
			// showed it.
			if out, cerr := srv.capture(name); cerr == nil && strings.Contains(out, r.marker()) {
				err = fmt.Errorf("%v (capture-pane shows the marker: the pane finished but the client never drew it)", err)
			} else if _, derr := r.doneAt(0); derr != nil {
				err = fmt.Errorf("%v (the pane's cat had not finished)", err)
			}
		}
	} else {
		if _, err = whileBusy(srv.pid, timeout, r.doneAt); err == nil {
			at, err = srv.waitCapture(name, r.marker(), 15*time.Second, 10*time.Millisecond)
		}
	}
	if err != nil {
		return res, err
	}
	srv1, _ := cpuSeconds(srv.pid)
	res.srvCPU = srv1 - srv0
	res.mbps = mb(size) / at.Sub(t0).Seconds()
	done, derr := r.doneAt(2 * time.Second)
	if derr == nil {
		res.paneMBps = mb(size) / done.Sub(t0).Seconds()
		res.lag = at.Sub(done)
	}
	if client != nil {
		chunks, total := client.r.stopRecording()
		cli1, _ := cpuSeconds(client.pid)
		res.cliCPU = cli1 - cli0
		res.clientBytes = total - bytes0
		if derr == nil {
			res.maxGap = maxGap(chunks, t0, done)
		}
	}
	return res, nil
}

// tputFigures collects the results of every repetition, by mode and system.
type tputFigures map[tputMode]map[string][]tputResult

func (f tputFigures) add(mode tputMode, sys string, r tputResult) {
	if f[mode] == nil {
		f[mode] = map[string][]tputResult{}
	}
	f[mode][sys] = append(f[mode][sys], r)
}

func (f tputFigures) median(mode tputMode, sys string, get func(tputResult) float64) (float64, bool) {
	rs := f[mode][sys]
	if len(rs) == 0 {
		return 0, false
	}
	xs := make([]float64, len(rs))
	for i, r := range rs {
		xs[i] = get(r)
	}
	return median(xs), true
}

// measureThroughput runs every mode for every system, reps times, rotating
// the order of the systems each repetition.
func measureThroughput(cfg *config, systems []*system, rep *report) {
	size := cfg.corpusSize
	corpus := dataPath("corpus")
	t := time.Now()
	if err := makeCorpusFile(corpus, 1, size); err != nil {
		rep.fail("throughput", "corpus: "+err.Error())
		return
	}
	logf("corpus: %.0f MiB in %v", mb(size), time.Since(t).Round(time.Millisecond))

	figs := tputFigures{}
	errs := map[string]string{} // "mode/sys" -> first error
	servers := map[string]*server{}
	for _, s := range systems {
		if s.bin == "" {
			continue
		}
		srv, err := newServer(s, "tput", 2000)
		if err == nil {
			err = srv.newSession("keep", "exec cat")
		}
		if err != nil {
			for _, m := range []tputMode{modeAttached, modeDetached, modeSlow} {
				errs[fmt.Sprintf("%d/%s", m, s.name)] = "start: " + err.Error()
			}
			continue
		}
		servers[s.name] = srv
		defer srv.kill()
	}
	for i := 0; i < cfg.reps; i++ {
		for _, s := range rotate(systems, i) {
			modes := []tputMode{modeAttached, modeDetached, modeSlow}
			if s.bin == "" {
				modes = []tputMode{modeBare}
			}
			for _, m := range modes {
				k := fmt.Sprintf("%d/%s", m, s.name)
				if errs[k] != "" {
					continue
				}
				var res tputResult
				var err error
				if m == modeBare {
					res, err = runBareTput(corpus, size)
				} else {
					res, err = runMuxTput(servers[s.name], m, corpus, size)
				}
				if err != nil {
					errs[k] = fmt.Sprintf("rep %d: %v", i+1, err)
					logf("throughput %s %s: FAILED: %v", m, s.name, err)
					continue
				}
				logf("throughput %-11s %-4s rep %d: %7.1f MB/s (pane %6.1f MB/s) srv %.2fs cli %.2fs to-client %.1f MB gap %v lag %v",
					m, s.name, i+1, res.mbps, res.paneMBps, res.srvCPU, res.cliCPU, mb(res.clientBytes),
					res.maxGap.Round(time.Millisecond), res.lag.Round(time.Millisecond))
				figs.add(m, s.name, res)
			}
		}
	}
	tputRows(figs, errs, systems, size, rep)
}

func rotate(s []*system, i int) []*system {
	out := make([]*system, 0, len(s))
	for j := range s {
		out = append(out, s[(i+j)%len(s)])
	}
	return out
}

func tputRows(f tputFigures, errs map[string]string, systems []*system, size int64, rep *report) {
	vals := func(mode tputMode, get func(tputResult) float64, withBare bool) map[string]val {
		out := map[string]val{}
		for _, s := range systems {
			m := mode
			if s.bin == "" {
				if !withBare {
					continue
				}
				m = modeBare
			}
			e := errs[fmt.Sprintf("%d/%s", m, s.name)]
			if v, ok := f.median(m, s.name, get); ok {
				// the reps that worked still give a figure, marked
				out[s.name] = val{v: v, ok: true, err: e}
			} else if e != "" {
				out[s.name] = failed(e)
			}
		}
		return out
	}
	mbps := func(r tputResult) float64 { return r.mbps }
	perMB := func(x func(tputResult) float64) func(tputResult) float64 {
		return func(r tputResult) float64 { return x(r) / mb(size) }
	}
	bare, bareOK := f.median(modeBare, "bare", mbps)
	ofBare := func(mode tputMode) map[string]val {
		v := vals(mode, mbps, false)
		for k, x := range v {
			if x.has() && bareOK {
				x.v /= bare
				v[k] = x
			}
		}
		return v
	}
	ms := func(d func(tputResult) time.Duration) func(tputResult) float64 {
		return func(r tputResult) float64 { return float64(d(r)) / 1e6 }
	}
	sz := fmt.Sprintf("%.0f MiB", mb(size))
	rep.add("tput_bare_mbps", "bare PTY cat "+sz, "MB/s", 1, vals(modeBare, mbps, true), noGoal())
	rep.add("tput_attached_mbps", "attached: cat until marker on client", "MB/s", 1, vals(modeAttached, mbps, true),
		both(atLeast("bare", 0.75), atLeast("tmux", 3)))
	rep.add("tput_attached_of_bare", "attached / bare PTY", "x", 2, ofBare(modeAttached), atLeastAbs(0.75, "x"))
	rep.add("tput_attached_srv_cpu_per_mb", "attached: server CPU per MB", "s/MB", 4,
		vals(modeAttached, perMB(func(r tputResult) float64 { return r.srvCPU }), false), atMost("tmux", 1.0/3))
	rep.note("client CPU: both servers read and write the client's terminal themselves (gmux relays through its client only with GMUX_HOSTED=0), so the client processes are nearly idle")
	rep.note("longest output gap/stall: longest time the client's reader waited in read() while the pane produced" +
		" (on a loaded machine this includes the harness's own scheduling delays)")
	rep.add("tput_attached_cli_cpu_per_mb", "attached: client CPU per MB", "s/MB", 4,
		vals(modeAttached, perMB(func(r tputResult) float64 { return r.cliCPU }), false), noGoal())
	rep.add("tput_attached_all_cpu_per_mb", "attached: server+client CPU per MB", "s/MB", 4,
		vals(modeAttached, perMB(func(r tputResult) float64 { return r.srvCPU + r.cliCPU }), false), noGoal())
	rep.add("tput_attached_client_mb", "attached: bytes to client", "MB", 1,
		vals(modeAttached, func(r tputResult) float64 { return mb(r.clientBytes) }, false), noGoal())
	rep.add("tput_attached_gap_ms", "attached: longest client output gap", "ms", 0,
		vals(modeAttached, ms(func(r tputResult) time.Duration { return r.maxGap }), false), noGoal())
	rep.add("tput_detached_mbps", "detached: cat until marker in capture-pane", "MB/s", 1, vals(modeDetached, mbps, true),
		atLeast("bare", 0.85))
	rep.add("tput_detached_of_bare", "detached / bare PTY", "x", 2, ofBare(modeDetached), atLeastAbs(0.85, "x"))
	rep.add("tput_detached_srv_cpu_per_mb", "detached: server CPU per MB", "s/MB", 4,
		vals(modeDetached, perMB(func(r tputResult) float64 { return r.srvCPU }), false), atMost("tmux", 1.0/3))

	// Slow client: the pane must keep its pace, the client must not freeze,
	// and it must end on the final screen.
	paneMBps := func(r tputResult) float64 { return r.paneMBps }
	rep.add("slow_pane_mbps", "slow client (2 MB/s): pane cat speed", "MB/s", 1, vals(modeSlow, paneMBps, false), noGoal())
	slowOfFast := vals(modeSlow, paneMBps, false)
	for k, x := range slowOfFast {
		fast, ok := f.median(modeAttached, k, paneMBps)
		if x.has() && ok && fast > 0 {
			x.v /= fast
			slowOfFast[k] = x
		} else if x.has() {
			slowOfFast[k] = failed("no fast attached run to compare with")
		}
	}
	rep.add("slow_pane_of_fast", "slow client: pane speed / fast client's", "x", 2, slowOfFast, atLeastAbs(0.8, "x"))
	rep.add("slow_freeze_ms", "slow client: longest output stall", "ms", 0,
		vals(modeSlow, ms(func(r tputResult) time.Duration { return r.maxGap }), false), below(100, "ms"))
	rep.add("slow_final_lag_ms", "slow client: final screen after pane end", "ms", 0,
		vals(modeSlow, ms(func(r tputResult) time.Duration { return r.lag }), false),
		goal{"shown", func(r *row) (bool, bool) { g := r.vals["gmux"]; return g.has(), g.has() || g.isFail() }})
	rep.add("slow_client_mb", "slow client: bytes to client", "MB", 1,
		vals(modeSlow, func(r tputResult) float64 { return mb(r.clientBytes) }, false), noGoal())
}
