package main

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Server memory (VmRSS): one idle session; then 50 more panes each holding
// 2,000 lines of history; then, in a server of its own, one pane with
// 1,000,000 lines of 80 columns of history.

const memPanes = 50

func settleRSS(pid int) (float64, error) {
	time.Sleep(time.Second)
	return rssMB(pid)
}

func measureMemory(cfg *config, systems []*system, rep *report) {
	marker := fmt.Sprintf("END-%08x", rand.Uint32())
	hist := dataPath("hist2000")
	if err := makeLinesFile(hist, 2000+40, 80, marker); err != nil {
		rep.fail("memory", err.Error())
		return
	}
	big := dataPath("histbig")
	if err := makeLinesFile(big, cfg.historyLine, 80, marker); err != nil {
		rep.fail("memory", err.Error())
		return
	}
	idle, full, per, bigRSS := map[string]val{}, map[string]val{}, map[string]val{}, map[string]val{}
	for _, s := range systems {
		if s.bin == "" {
			continue
		}
		i, f, p, err := memPanesRun(s, hist, marker)
		if i > 0 {
			idle[s.name] = num(i)
		}
		if err != nil {
			logf("memory %s: FAILED: %v", s.name, err)
			if i == 0 {
				idle[s.name] = failed(err.Error())
			}
			full[s.name], per[s.name] = failed(err.Error()), failed(err.Error())
		} else {
			full[s.name], per[s.name] = num(f), num(p)
			logf("memory %s: idle %.1f MB, with %d x 2000-line panes %.1f MB, per pane %.3f MB", s.name, i, memPanes, f, p)
		}
		b, err := memBigRun(s, big, marker, cfg.historyLine)
		if err != nil {
			logf("memory %s: big history FAILED: %v", s.name, err)
			bigRSS[s.name] = failed(err.Error())
		} else {
			bigRSS[s.name] = num(b)
			logf("memory %s: %d-line pane: %.1f MB", s.name, cfg.historyLine, b)
		}
	}
	rep.add("mem_idle_mb", "server RSS, one idle session", "MB", 1, idle, noGoal())
	rep.add("mem_50x2000_mb", fmt.Sprintf("server RSS, +%d panes x 2000 lines", memPanes), "MB", 1, full, noGoal())
	rep.add("mem_per_pane_mb", "RSS per 2000-line pane", "MB", 3, per, atMost("tmux", 0.5))
	g := below(200, "MB")
	if cfg.historyLine != 1000000 {
		g = noGoal()
	}
	rep.add("mem_big_history_mb", fmt.Sprintf("server RSS, one pane of %d lines", cfg.historyLine), "MB", 1, bigRSS, g)
}

// memPanesRun returns the idle RSS, the RSS with memPanes panes of history,
// and the cost per pane.
func memPanesRun(s *system, hist, marker string) (idle, full, per float64, err error) {
	srv, err := newServer(s, "mem", 2000)
	if err != nil {
		return 0, 0, 0, err
	}
	defer srv.kill()
	if err := srv.newSession("idle", "exec cat"); err != nil {
		return 0, 0, 0, err
	}
	if idle, err = settleRSS(srv.pid); err != nil {
		return 0, 0, 0, err
	}
	cmd := fmt.Sprintf("cat %s; exec cat", shq(hist))
	for i := 0; i < memPanes; i++ {
		if err := srv.newSession(fmt.Sprintf("h%d", i), cmd); err != nil {
			return idle, 0, 0, err
		}
	}
	for i := 0; i < memPanes; i++ {
		if _, err := srv.waitCapture(fmt.Sprintf("h%d", i), marker, 30*time.Second, 50*time.Millisecond); err != nil {
			return idle, 0, 0, fmt.Errorf("pane h%d: %v", i, err)
		}
	}
	if full, err = settleRSS(srv.pid); err != nil {
		return idle, 0, 0, err
	}
	return idle, full, (full - idle) / memPanes, nil
}

func memBigRun(s *system, big, marker string, lines int) (float64, error) {
	srv, err := newServer(s, "big", lines)
	if err != nil {
		return 0, err
	}
	defer srv.kill()
	if err := srv.newSession("big", fmt.Sprintf("cat %s; exec cat", shq(big))); err != nil {
		return 0, err
	}
	timeout := 30*time.Second + time.Duration(lines)*300*time.Microsecond
	if _, err := srv.waitCapture("big", marker, timeout, 250*time.Millisecond); err != nil {
		return 0, err
	}
	return settleRSS(srv.pid)
}
