// Command bench measures gmux side by side with tmux and a bare PTY.
//
//	go run ./bench [-quick] [-only tput,echo,commands,memory,scale] [-reps N]
//	               [-gmux PATH] [-tmux PATH]
//
// Every figure is taken for every system in the same run, the systems
// interleaved, and reported as medians with gmux/tmux ratios beside the
// goals of issue 3.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

type config struct {
	quick       bool
	reps        int
	corpusSize  int64
	echoSamples int
	cmdReps     int
	historyLine int // lines in the big-history pane
	scaleN      int
	only        map[string]bool
}

var measurements = []string{"tput", "echo", "commands", "memory", "scale"}

var start = time.Now()

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "[%6.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
}

func main() {
	quick := flag.Bool("quick", false, "short run: smaller corpus, fewer repetitions and samples")
	only := flag.String("only", "", "comma-separated measurements to run: "+strings.Join(measurements, ","))
	gmuxBin := flag.String("gmux", "/tmp/gmux-bench/gmux", "gmux binary, used as is with gmux-server beside it (default: ./cmd/... built into /tmp/gmux-bench); empty to skip")
	tmuxBin := flag.String("tmux", "tmux", "tmux binary (empty to skip)")
	reps := flag.Int("reps", 0, "repetitions of each throughput run (default 5, quick 3)")
	flag.Parse()
	flag.Visit(func(f *flag.Flag) { gmuxExplicit = gmuxExplicit || f.Name == "gmux" })

	cfg := &config{quick: *quick, reps: 5, corpusSize: 64 << 20, echoSamples: 500, cmdReps: 30,
		historyLine: 1000000, scaleN: 1000, only: map[string]bool{}}
	if cfg.quick {
		cfg.reps, cfg.corpusSize, cfg.echoSamples, cfg.cmdReps, cfg.historyLine, cfg.scaleN = 3, 8<<20, 100, 10, 100000, 200
	}
	if *reps > 0 {
		cfg.reps = *reps
	}
	for _, m := range strings.Split(*only, ",") {
		if m = strings.TrimSpace(m); m == "" {
			continue
		}
		ok := false
		for _, k := range measurements {
			ok = ok || k == m
		}
		if !ok {
			fmt.Fprintf(os.Stderr, "bench: unknown measurement %q (have %s)\n", m, strings.Join(measurements, ","))
			os.Exit(2)
		}
		cfg.only[m] = true
	}

	if err := setupEnv(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	raiseFileLimit()

	// Clean up on every way out: normal return, panic, SIGINT/SIGTERM.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sig
		logf("%v: cleaning up", s)
		stopping.Store(true)
		cleanupAll(false)
		time.Sleep(300 * time.Millisecond) // let commands in flight end
		cleanupAll(true)
		os.RemoveAll(benchRoot)
		os.Exit(130)
	}()
	code := 0
	func() {
		defer func() {
			if p := recover(); p != nil {
				fmt.Fprintf(os.Stderr, "bench: panic: %v\n%s", p, debug.Stack())
				code = 1
			}
			stopping.Store(true)
			cleanupAll(true)
			os.RemoveAll(benchRoot)
		}()
		run(cfg, *gmuxBin, *tmuxBin)
	}()
	os.Exit(code)
}

// gmuxExplicit is set when -gmux was given: that binary is used as it is.
var gmuxExplicit bool

func run(cfg *config, gmuxBin, tmuxBin string) {
	systems := []*system{{name: "bare"}}
	if tmuxBin != "" {
		systems = append(systems, findBinary("tmux", tmuxBin))
	}
	if gmuxBin != "" {
		systems = append(systems, findGmux(gmuxBin, !gmuxExplicit))
	}
	var live []*system
	for _, s := range systems {
		if s.err == "" {
			live = append(live, s)
		} else {
			logf("%s: not run: %s", s.name, s.err)
		}
	}
	logf("systems: %s; root %s; quick=%v reps=%d corpus=%d MiB", names(live), benchRoot, cfg.quick, cfg.reps, cfg.corpusSize>>20)

	rep := &report{}
	steps := []struct {
		name string
		fn   func(*config, []*system, *report)
	}{
		{"tput", measureThroughput},
		{"echo", measureEcho},
		{"commands", measureCommands},
		{"memory", measureMemory},
		{"scale", measureScale},
	}
	for _, st := range steps {
		if len(cfg.only) > 0 && !cfg.only[st.name] {
			continue
		}
		t := time.Now()
		logf("== %s", st.name)
		func() {
			defer func() {
				if p := recover(); p != nil {
					rep.fail(st.name, fmt.Sprintf("panic: %v\n%s", p, debug.Stack()))
				}
			}()
			st.fn(cfg, live, rep)
		}()
		cleanupAll(true) // nothing a step started outlives it
		logf("== %s done in %v", st.name, time.Since(t).Round(time.Second))
	}
	el := time.Since(start).Round(time.Second)
	fmt.Printf("\ntotal time %v (quick=%v, reps=%d, corpus %d MiB)\n\n", el, cfg.quick, cfg.reps, cfg.corpusSize>>20)
	rep.extra = append(rep.extra, fmt.Sprintf("elapsed_s=%.0f", el.Seconds()), fmt.Sprintf("quick=%v", cfg.quick))
	rep.write(os.Stdout, systems)
}

func names(ss []*system) string {
	var n []string
	for _, s := range ss {
		n = append(n, s.name)
	}
	return strings.Join(n, ",")
}

func findBinary(name, bin string) *system {
	s := &system{name: name}
	p, err := exec.LookPath(bin)
	if err != nil {
		s.err = err.Error()
		return s
	}
	s.bin, _ = filepath.Abs(p)
	return s
}

// findGmux uses bin, with gmux-server beside it; unless bin was given
// explicitly, both are (re)built from ./cmd/... first, so the run measures
// the tree it is run in.
func findGmux(bin string, build bool) *system {
	if !build {
		// gmux looks for gmux-server beside the file it runs from (links
		// followed), else on $PATH, maybe from another build: measure the
		// pair given or nothing.
		s := findBinary("gmux", bin)
		if s.err != "" {
			s.err = fmt.Sprintf("-gmux %s: %s", bin, s.err)
			return s
		}
		p, err := filepath.EvalSymlinks(s.bin)
		if err == nil {
			_, err = os.Stat(filepath.Join(filepath.Dir(p), "gmux-server"))
		}
		if err != nil {
			s.bin, s.err = "", fmt.Sprintf("-gmux %s: %v", bin, err)
		}
		return s
	}
	s := &system{name: "gmux"}
	dir := filepath.Dir(bin)
	logf("gmux: building ./cmd/gmux and ./cmd/gmux-server into %s", dir)
	os.MkdirAll(dir, 0o755)
	if err := goBuild("./cmd/...", dir+"/", "./cmd/gmux", "./cmd/gmux-server"); err != nil {
		s.err = err.Error()
		return s
	}
	return findBinary("gmux", bin)
}

// goBuild builds pkgs into out; its error names them as label.
func goBuild(label, out string, pkgs ...string) error {
	cmd := exec.Command("go", append([]string{"build", "-o", out}, pkgs...)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v: %s", label, err, firstLines(string(msg), 3))
	}
	return nil
}

func firstLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	if len(l) > n {
		l = l[:n]
	}
	return strings.Join(l, " | ")
}

// raiseFileLimit lifts the soft open-file limit to the hard one, explicitly,
// so that children (servers with 1,000 panes) inherit it too.
func raiseFileLimit() {
	var r syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r) == nil && r.Cur < r.Max {
		r.Cur = r.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &r)
	}
}
