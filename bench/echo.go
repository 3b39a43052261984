package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"time"
)

// Keystroke echo: the pane runs `stty raw -echo; cat`; one byte is written
// into the client's PTY master and timed until it comes back on the client's
// output. A bare PTY running the same command is sampled in between as the
// floor. The bytes are punctuation that neither escape sequences' text nor a
// status line holds, and a carriage return after each sample keeps the echo
// on one cell. Samples are 20-40 ms apart.

const echoChars = "!%&+/=?@^_`{|}~"

type echoer struct {
	sys      string
	in       *os.File // where keystrokes are written
	r        *streamReader
	samples  []float64 // ms
	timeouts int
	err      string
}

func echoScript() (script, ready string) {
	a := nonce(8, 0)
	b := nonce(8, a[7])
	return fmt.Sprintf(`stty raw -echo; printf 'READY-%%s%%s' %s %s; exec cat`, a, b), "READY-" + a + b
}

func measureEcho(cfg *config, systems []*system, rep *report) {
	var es []*echoer
	for _, s := range systems {
		e := &echoer{sys: s.name}
		es = append(es, e)
		script, ready := echoScript()
		if s.bin == "" {
			p, err := startInPTY([]string{"/bin/sh", "-c", script}, benchEnv, 40, 120, 0)
			if err != nil {
				e.err = err.Error()
				continue
			}
			defer p.close()
			e.in, e.r = p.f, p.r
		} else {
			srv, err := newServer(s, "echo", 2000)
			if err == nil {
				err = srv.newSession("echo", script)
			}
			if err != nil {
				e.err = err.Error()
				continue
			}
			defer srv.kill()
			c, err := srv.attach("echo", 0)
			if err != nil {
				e.err = "attach: " + err.Error()
				continue
			}
			defer c.close()
			e.in, e.r = c.f, c.r
		}
		if _, err := e.r.await(e.r.expect(ready, 0), 10*time.Second); err != nil {
			e.err = err.Error()
			continue
		}
	}
	time.Sleep(200 * time.Millisecond)

	order := make([]*echoer, len(es))
	for i := 0; i < cfg.echoSamples; i++ {
		for j := range es {
			order[j] = es[(i+j)%len(es)]
		}
		c := echoChars[i%len(echoChars)]
		for _, e := range order {
			if e.err != "" {
				continue
			}
			w := e.r.expect(string(c), e.r.mark())
			t0 := time.Now()
			if _, err := e.in.Write([]byte{c}); err != nil {
				e.err = "write: " + err.Error()
				continue
			}
			at, err := e.r.await(w, 2*time.Second)
			if err != nil {
				e.timeouts++
				if e.timeouts >= 3 {
					e.err = fmt.Sprintf("%d samples timed out; last: %v", e.timeouts, err)
				}
				continue
			}
			e.samples = append(e.samples, float64(at.Sub(t0))/1e6)
			e.in.Write([]byte{'\r'})
		}
		// Keys come at a fast typist's pace (20-40 ms apart, jittered so
		// that samples do not lock to any timer), not as a burst: a
		// renderer may rightly pace frames while output streams.
		time.Sleep(time.Duration(20000+rand.IntN(20000)) * time.Microsecond)
	}

	rows := []struct {
		key, name string
		p         float64
		g         goal
	}{
		{"echo_p50_ms", "keystroke echo p50", 50, atMost("tmux", 1)},
		{"echo_p99_ms", "keystroke echo p99", 99, atMost("tmux", 1)},
		{"echo_max_ms", "keystroke echo max", 100, noGoal()},
	}
	for _, r := range rows {
		vals := map[string]val{}
		for _, e := range es {
			switch {
			case e.err != "":
				vals[e.sys] = failed(e.err)
			case len(e.samples) > 0:
				vals[e.sys] = num(percentile(e.samples, r.p))
			}
		}
		rep.add(r.key, fmt.Sprintf("%s (%d samples)", r.name, cfg.echoSamples), "ms", 3, vals, r.g)
	}
	for _, e := range es {
		if e.err == "" {
			logf("echo %s: %d samples, p50 %.3f p90 %.3f p95 %.3f p99 %.3f max %.3f ms, %d timeouts", e.sys, len(e.samples),
				percentile(e.samples, 50), percentile(e.samples, 90), percentile(e.samples, 95), percentile(e.samples, 99),
				percentile(e.samples, 100), e.timeouts)
		} else {
			logf("echo %s: FAILED: %s", e.sys, e.err)
		}
	}
}
