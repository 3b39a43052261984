package main

import (
	"fmt"
	"strings"
	"time"
)

// Scale: cfg.scaleN sessions in one server: time per new-session, ls time,
// server RSS and idle CPU.

func measureScale(cfg *config, systems []*system, rep *report) {
	create, ls, rss, cpu := map[string]val{}, map[string]val{}, map[string]val{}, map[string]val{}
	idleFor := 5 * time.Second
	if cfg.quick {
		idleFor = 2 * time.Second
	}
	for _, s := range systems {
		if s.bin == "" {
			continue
		}
		c, l, r, u, err := scaleRun(s, cfg.scaleN, idleFor)
		if err != nil {
			logf("scale %s: FAILED: %v", s.name, err)
			for _, m := range []map[string]val{create, ls, rss, cpu} {
				m[s.name] = failed(err.Error())
			}
			continue
		}
		logf("scale %s: %d sessions: %.2f ms/new-session, ls %.2f ms, RSS %.1f MB, idle CPU %.2f%%", s.name, cfg.scaleN, c, l, r, u)
		create[s.name], ls[s.name], rss[s.name], cpu[s.name] = num(c), num(l), num(r), num(u)
	}
	n := cfg.scaleN
	rep.add("scale_create_ms", fmt.Sprintf("%d sessions: wall time per new-session (%d clients at once)", n, scaleWorkers), "ms", 2, create, noGoal())
	rep.add("scale_ls_ms", fmt.Sprintf("%d sessions: ls (median of 5)", n), "ms", 2, ls, atMost("tmux", 1))
	rep.add("scale_rss_mb", fmt.Sprintf("%d sessions: server RSS", n), "MB", 1, rss, noGoal())
	rep.add("scale_idle_cpu_pct", fmt.Sprintf("%d sessions: idle server CPU over %v", n, idleFor), "%", 2, cpu, below(1, "%"))
}

const scaleWorkers = 4

func scaleRun(s *system, n int, idleFor time.Duration) (createMS, lsMS, rss, cpuPct float64, err error) {
	srv, err := newServer(s, "scale", 2000)
	if err != nil {
		return
	}
	defer srv.kill()
	// The first session starts the server; the rest are created by
	// scaleWorkers clients at a time.
	t := time.Now()
	if err = srv.newSession("s0", "exec cat"); err != nil {
		err = fmt.Errorf("session 0: %v", err)
		return
	}
	next := make(chan int)
	errc := make(chan error, scaleWorkers)
	for w := 0; w < scaleWorkers; w++ {
		go func() {
			var first error
			for i := range next {
				if first != nil {
					continue
				}
				if e := srv.newSession(fmt.Sprintf("s%d", i), "exec cat"); e != nil {
					first = fmt.Errorf("session %d: %v", i, e)
				}
			}
			errc <- first
		}()
	}
	for i := 1; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < scaleWorkers; w++ {
		if e := <-errc; e != nil && err == nil {
			err = e
		}
	}
	if err != nil {
		return
	}
	createMS = float64(time.Since(t)) / 1e6 / float64(n)
	time.Sleep(2 * time.Second)
	out, err := srv.run(30*time.Second, "ls")
	if err != nil {
		return
	}
	if got := strings.Count(strings.TrimSpace(out), "\n") + 1; got != n {
		err = fmt.Errorf("ls lists %d sessions, want %d", got, n)
		return
	}
	var ds []float64
	for i := 0; i < 5; i++ {
		d, e := srv.timed(30*time.Second, "ls")
		if e != nil {
			err = e
			return
		}
		ds = append(ds, float64(d)/1e6)
	}
	lsMS = median(ds)
	time.Sleep(time.Second)
	if rss, err = rssMB(srv.pid); err != nil {
		return
	}
	c0, err := cpuSeconds(srv.pid)
	if err != nil {
		return
	}
	t0 := time.Now()
	time.Sleep(idleFor)
	c1, err := cpuSeconds(srv.pid)
	if err != nil {
		return
	}
	cpuPct = (c1 - c0) / time.Since(t0).Seconds() * 100
	return
}
