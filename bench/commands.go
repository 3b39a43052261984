package main

import (
	"fmt"
	"strings"
	"time"
)

// Command latency: wall time of the whole client process, median of
// cfg.cmdReps, systems interleaved.

var newSessionArgs = []string{"new-session", "-d", "-x", "120", "-y", "40"}

func measureCommands(cfg *config, systems []*system, rep *report) {
	var muxes []*system
	for _, s := range systems {
		if s.bin != "" {
			muxes = append(muxes, s)
		}
	}
	type key struct{ cmd, sys string }
	samples := map[key][]float64{}
	errs := map[key]string{}
	timeIt := func(k key, f func() (time.Duration, error)) {
		if errs[k] != "" {
			return
		}
		d, err := f()
		if err != nil {
			errs[k] = err.Error()
			logf("commands %s %s: FAILED: %v", k.sys, k.cmd, err)
			return
		}
		samples[k] = append(samples[k], float64(d)/1e6)
	}

	// The first command, which starts the server: a fresh socket each time.
	for i := 0; i < cfg.cmdReps; i++ {
		for _, s := range rotate(muxes, i) {
			timeIt(key{"start", s.name}, func() (time.Duration, error) {
				srv, err := newServer(s, "first", 2000)
				if err != nil {
					return 0, err
				}
				defer srv.kill()
				d, err := srv.timed(10*time.Second, append(newSessionArgs, "-s", "main", "exec cat")...)
				if err == nil {
					err = srv.resolvePid()
				}
				return d, err
			})
		}
	}

	// The rest on one running server per system.
	servers := map[string]*server{}
	for _, s := range muxes {
		srv, err := newServer(s, "cmd", 2000)
		if err == nil {
			err = srv.newSession("main", "exec cat >/dev/null")
		}
		if err != nil {
			for _, c := range []string{"ls", "new-session", "send-keys", "capture-pane"} {
				errs[key{c, s.name}] = "start: " + err.Error()
			}
			continue
		}
		servers[s.name] = srv
		defer srv.kill()
	}
	for i := 0; i < cfg.cmdReps; i++ {
		for _, s := range rotate(muxes, i) {
			srv := servers[s.name]
			if srv == nil {
				continue
			}
			// The process on its own, which asks the server nothing: what
			// the commands cost beyond it is the multiplexer's own work.
			timeIt(key{"version", s.name}, func() (time.Duration, error) { return srv.timed(10*time.Second, "-V") })
			timeIt(key{"ls", s.name}, func() (time.Duration, error) { return srv.timed(10*time.Second, "ls") })
			name := fmt.Sprintf("n%d", i)
			timeIt(key{"new-session", s.name}, func() (time.Duration, error) {
				d, err := srv.timed(10*time.Second, append(newSessionArgs, "-s", name, "exec cat")...)
				if err == nil {
					// The session's program goes on starting after the
					// command returns; on two cores that start-up would
					// be charged to the next command timed, and the
					// sooner new-session returns, the more of it.
					err = srv.waitExec(name, "cat", 5*time.Second)
				}
				return d, err
			})
			timeIt(key{"send-keys", s.name}, func() (time.Duration, error) {
				return srv.timed(10*time.Second, "send-keys", "-t", "main", "hello", "Enter")
			})
			timeIt(key{"capture-pane", s.name}, func() (time.Duration, error) {
				return srv.timed(10*time.Second, "capture-pane", "-p", "-t", "main")
			})
		}
	}
	// capture-pane must also be right, not only fast.
	for name, srv := range servers {
		k := key{"capture-pane", name}
		if out, err := srv.capture("main"); err == nil && errs[k] == "" && !strings.Contains(out, "hello") {
			errs[k] = fmt.Sprintf("capture-pane -p does not show the keys sent (got %q)", firstLines(out, 3))
		}
	}

	for _, c := range []struct{ cmd, label string }{
		{"start", "first command (starts server)"},
		{"ls", "ls"},
		{"new-session", "new-session -d"},
		{"send-keys", "send-keys"},
		{"capture-pane", "capture-pane -p"},
	} {
		vals := map[string]val{}
		for _, s := range muxes {
			k := key{c.cmd, s.name}
			if errs[k] != "" {
				vals[s.name] = failed(errs[k])
			} else if len(samples[k]) > 0 {
				vals[s.name] = num(median(samples[k]))
			}
		}
		rep.add("cmd_"+c.cmd+"_ms", fmt.Sprintf("latency: %s (median of %d)", c.label, cfg.cmdReps), "ms", 2, vals, atMost("tmux", 1))
	}

	// Process start sets a floor under every command: a Go program starts
	// slower than a C one. Shown apart, with what each command adds to it.
	start := map[string]val{}
	for _, s := range muxes {
		if v := samples[key{"version", s.name}]; len(v) > 0 && errs[key{"version", s.name}] == "" {
			start[s.name] = num(median(v))
		}
	}
	rep.add("cmd_version_ms", fmt.Sprintf("process start: -V, no server (median of %d)", cfg.cmdReps), "ms", 2, start, noGoal())
	for _, c := range []struct{ cmd, label string }{
		{"ls", "ls"},
		{"send-keys", "send-keys"},
		{"capture-pane", "capture-pane -p"},
	} {
		vals := map[string]val{}
		for _, s := range muxes {
			k, v := key{c.cmd, s.name}, key{"version", s.name}
			if errs[k] == "" && errs[v] == "" && len(samples[k]) > 0 && len(samples[v]) > 0 {
				vals[s.name] = num(median(samples[k]) - median(samples[v]))
			}
		}
		rep.add("cmd_"+c.cmd+"_beyond_start_ms", "latency beyond process start: "+c.label, "ms", 2, vals, noGoal())
	}
}
