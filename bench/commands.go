package main

import (
	"context"
	"fmt"
	"path/filepath"
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
			for _, c := range []string{"version", "ls", "new-session", "send-keys", "capture-pane"} {
				errs[key{c, s.name}] = "start: " + err.Error()
			}
			continue
		}
		servers[s.name] = srv
		defer srv.kill()
	}
	goStart, err := buildGoStart()
	if err != nil {
		errs[key{"gostart", "gmux"}] = err.Error()
	}
	for i := 0; i < cfg.cmdReps; i++ {
		if goStart != "" {
			timeIt(key{"gostart", "gmux"}, func() (time.Duration, error) {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				return timedRun(ctx, benchCommand(ctx, goStart))
			})
		}
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

	// value is a command's median, or why it has none (v.ok says which).
	value := func(k key) val {
		if errs[k] != "" {
			return failed(errs[k])
		}
		if len(samples[k]) == 0 {
			return val{}
		}
		return num(median(samples[k]))
	}
	for _, c := range []struct {
		cmd, label string
		g          goal
	}{
		{"start", "first command (starts server)", atMost("tmux", 1)},
		{"ls", "ls", atMost("tmux", 1)},
		{"new-session", "new-session -d", atMost("tmux", 1)},
		{"send-keys", "send-keys", atMost("tmux", 1)},
		{"capture-pane", "capture-pane -p", atMost("tmux", 1)},
		// Process start, a floor under every command (a Go program
		// starts slower than a C one): -V asks no server anything.
		{"version", "-V (process start, no server asked)", noGoal()},
	} {
		vals := map[string]val{}
		for _, s := range muxes {
			if v := value(key{c.cmd, s.name}); v.measured() {
				vals[s.name] = v
			}
		}
		rep.add("cmd_"+c.cmd+"_ms", fmt.Sprintf("latency: %s (median of %d)", c.label, cfg.cmdReps), "ms", 2, vals, c.g)
	}
	// The floor under a Go client: an empty Go program, beside tmux's ls.
	floor := map[string]val{}
	for sys, k := range map[string]key{"gmux": {"gostart", "gmux"}, "tmux": {"ls", "tmux"}} {
		if v := value(k); v.measured() {
			floor[sys] = v
		}
	}
	rep.add("cmd_gostart_ms", fmt.Sprintf("latency: empty Go program (gmux column) beside tmux ls (median of %d)", cfg.cmdReps), "ms", 2, floor, noGoal())
	// What each command adds to process start: the multiplexer's own work.
	for _, c := range []struct{ cmd, label string }{
		{"ls", "ls"},
		{"send-keys", "send-keys"},
		{"capture-pane", "capture-pane -p"},
	} {
		vals := map[string]val{}
		for _, s := range muxes {
			cmd, start := value(key{c.cmd, s.name}), value(key{"version", s.name})
			switch {
			case cmd.ok && start.ok:
				vals[s.name] = num(cmd.v - start.v)
			case cmd.isFail():
				vals[s.name] = cmd
			case start.isFail():
				vals[s.name] = start
			}
		}
		rep.add("cmd_"+c.cmd+"_beyond_start_ms", "latency beyond process start: "+c.label, "ms", 2, vals, noGoal())
	}
}

// buildGoStart builds bench/gostart, an empty Go program, and returns its path.
func buildGoStart() (string, error) {
	bin := filepath.Join(benchRoot, "gostart")
	if err := goBuild("./bench/gostart", bin, "./bench/gostart"); err != nil {
		return "", err
	}
	return bin, nil
}
