package vt

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestOracleBisect(t *testing.T) {
	seed, err := strconv.Atoi(os.Getenv("VT_BISECT"))
	if err != nil {
		t.Skip("set VT_BISECT=seed")
	}
	full := randomStream(int64(seed), 30, 8, 400)
	toks := append([]int(nil), lastTokens...)
	toks = append(toks, len(full))
	dir := t.TempDir()
	runs := 0
	tmuxCapture := func(in string) string {
		runs++
		sock := fmt.Sprintf("vtbisect%d-%d", os.Getpid(), runs)
		file := filepath.Join(dir, "in")
		os.WriteFile(file, []byte(in), 0o600)
		os.Remove(file + ".done")
		exec.Command("tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-x", "30", "-y", "8", "stty -opost; cat "+file+"; touch "+file+".done; sleep 100").Run()
		for i := 0; i < 200; i++ {
			if _, err := os.Stat(file + ".done"); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		out, _ := exec.Command("tmux", "-L", sock, "capture-pane", "-p", "-J", "-S", "-").Output()
		exec.Command("tmux", "-L", sock, "kill-server").Run()
		return string(out)
	}
	vtCapture := func(in string) string {
		term := New(30, 8, Options{})
		term.Write([]byte(in))
		return string(term.Capture(nil, CaptureOptions{Start: -term.HistoryLen(), End: 7, Join: true}))
	}
	lo, hi := 0, len(toks)-1 // prefix toks[lo] agrees, toks[hi] differs
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		in := full[:toks[mid]]
		if tmuxCapture(in) == vtCapture(in) {
			lo = mid
		} else {
			hi = mid
		}
	}
	in := full[:toks[hi]]
	fmt.Printf("first difference after token %d: %q\n", hi, full[toks[lo]:toks[hi]])
	fmt.Printf("context: %q\n", full[max(0, toks[lo]-200):toks[hi]])
	fmt.Printf("tmux %q\nvt   %q\n", tmuxCapture(in), vtCapture(in))
}
