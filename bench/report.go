package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// --- statistics ---

func median(xs []float64) float64 { return percentile(xs, 50) }

// percentile returns the p-th percentile (0..100) of xs by linear
// interpolation between closest ranks; NaN for no samples.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if p <= 0 {
		return s[0]
	}
	if p >= 100 {
		return s[len(s)-1]
	}
	r := p / 100 * float64(len(s)-1)
	lo := int(math.Floor(r))
	hi := int(math.Ceil(r))
	return s[lo] + (s[hi]-s[lo])*(r-float64(lo))
}

// --- report ---

// val is one figure for one system: a number, or why there is none.
type val struct {
	v   float64
	ok  bool
	err string
}

func num(v float64) val    { return val{v: v, ok: true} }
func failed(e string) val  { return val{err: e} }
func (v val) has() bool    { return v.ok && !math.IsNaN(v.v) && !math.IsInf(v.v, 0) }
func (v val) isFail() bool { return !v.ok && v.err != "" }

// measured says whether v holds a figure or a failure, not nothing.
func (v val) measured() bool { return v.ok || v.isFail() }

// goal says what gmux should reach on a row; check returns whether it does
// and whether the check could be made at all.
type goal struct {
	text  string
	check func(r *row) (pass, ok bool)
}

type row struct {
	key  string // key in the final key=value line
	name string // what the table shows
	unit string
	prec int // decimals
	vals map[string]val
	goal goal
}

type report struct {
	rows   []*row
	errors []string // measurements that failed as a whole
	notes  []string
	extra  []string // key=value pairs put first on the figures line
}

func (rp *report) note(s string) { rp.notes = append(rp.notes, s) }

func (rp *report) add(key, name, unit string, prec int, vals map[string]val, g goal) *row {
	r := &row{key: key, name: name, unit: unit, prec: prec, vals: vals, goal: g}
	rp.rows = append(rp.rows, r)
	return r
}

func (rp *report) fail(what, why string) {
	rp.errors = append(rp.errors, what+": "+why)
}

// Goals. Each is judged for gmux.

func noGoal() goal { return goal{} }

// atLeast: gmux >= f * other system's figure.
func atLeast(other string, f float64) goal {
	return goal{fmt.Sprintf(">= %sx %s", trimFloat(f), other), func(r *row) (bool, bool) {
		g, o := r.vals["gmux"], r.vals[other]
		if !g.has() || !o.has() {
			return false, g.isFail()
		}
		return g.v >= f*o.v, true
	}}
}

// atMost: gmux <= f * other system's figure.
func atMost(other string, f float64) goal {
	t := fmt.Sprintf("<= %sx %s", trimFloat(f), other)
	if f == 1 {
		t = "<= " + other
	}
	return goal{t, func(r *row) (bool, bool) {
		g, o := r.vals["gmux"], r.vals[other]
		if !g.has() || !o.has() {
			return false, g.isFail()
		}
		return g.v <= f*o.v, true
	}}
}

func below(limit float64, unit string) goal {
	return goal{fmt.Sprintf("< %s %s", trimFloat(limit), unit), func(r *row) (bool, bool) {
		g := r.vals["gmux"]
		if !g.has() {
			return false, g.isFail()
		}
		return g.v < limit, true
	}}
}

func atLeastAbs(limit float64, unit string) goal {
	return goal{fmt.Sprintf(">= %s %s", trimFloat(limit), unit), func(r *row) (bool, bool) {
		g := r.vals["gmux"]
		if !g.has() {
			return false, g.isFail()
		}
		return g.v >= limit, true
	}}
}

// both combines two goals.
func both(a, b goal) goal {
	return goal{a.text + " and " + b.text, func(r *row) (bool, bool) {
		p1, ok1 := a.check(r)
		p2, ok2 := b.check(r)
		if !ok1 || !ok2 {
			return false, (ok1 && !p1) || (ok2 && !p2) || r.vals["gmux"].isFail()
		}
		return p1 && p2, true
	}}
}

func trimFloat(f float64) string {
	if s := strconv.FormatFloat(f, 'f', -1, 64); len(s) <= 5 {
		return s
	}
	for d := 2; d <= 9; d++ {
		if n := f * float64(d); math.Abs(n-math.Round(n)) < 1e-9 && f < 1 {
			return fmt.Sprintf("%d/%d", int(math.Round(n)), d)
		}
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func (r *row) cell(sys string) string {
	v, ok := r.vals[sys]
	switch {
	case !ok:
		return "-"
	case v.has() && v.err != "":
		return strconv.FormatFloat(v.v, 'f', r.prec, 64) + "!" // some reps failed
	case v.has():
		return strconv.FormatFloat(v.v, 'f', r.prec, 64)
	case v.err != "":
		if strings.Contains(v.err, "timeout") {
			return "timeout"
		}
		return "FAIL"
	}
	return "-"
}

func (r *row) ratio() string {
	g, t := r.vals["gmux"], r.vals["tmux"]
	if !g.has() || !t.has() || t.v == 0 {
		return "-"
	}
	return strconv.FormatFloat(g.v/t.v, 'f', 2, 64)
}

func (r *row) verdict() string {
	if r.goal.check == nil {
		return ""
	}
	pass, ok := r.goal.check(r)
	switch {
	case !ok:
		return "n/a"
	case pass:
		return "pass"
	}
	return "FAIL"
}

// write prints the table, the failures and the key=value line.
func (rp *report) write(w io.Writer, systems []*system) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "figure\tunit\tbare\ttmux\tgmux\tgmux/tmux\tgoal (gmux)\tverdict\t\n")
	for _, r := range rp.rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.name, r.unit,
			r.cell("bare"), r.cell("tmux"), r.cell("gmux"), r.ratio(), r.goal.text, r.verdict())
	}
	tw.Flush()

	var notes []string
	for _, s := range systems {
		if s.err != "" {
			notes = append(notes, fmt.Sprintf("%s not run: %s", s.name, s.err))
		}
	}
	// One line per distinct failure, naming the rows it cost.
	type fk struct{ sys, err string }
	var order []fk
	rowsOf := map[fk][]string{}
	for _, r := range rp.rows {
		for _, sys := range []string{"bare", "tmux", "gmux"} {
			if v, ok := r.vals[sys]; ok && v.err != "" {
				k := fk{sys, v.err}
				if rowsOf[k] == nil {
					order = append(order, k)
				}
				rowsOf[k] = append(rowsOf[k], r.name)
			}
		}
	}
	for _, k := range order {
		notes = append(notes, fmt.Sprintf("%s [%s]: %s", k.sys, strings.Join(rowsOf[k], "; "), k.err))
	}
	notes = append(notes, rp.errors...)
	if len(notes) > 0 {
		fmt.Fprintln(w, "\nfailures (a figure marked ! is the median of the repetitions that worked):")
		for _, n := range notes {
			fmt.Fprintln(w, "  "+n)
		}
	}
	if len(rp.notes) > 0 {
		fmt.Fprintln(w, "\nnotes:")
		for _, n := range rp.notes {
			fmt.Fprintln(w, "  "+n)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, rp.keyValues())
}

// keyValues renders every figure as key_system=value on one line.
func (rp *report) keyValues() string {
	parts := append([]string(nil), rp.extra...)
	for _, r := range rp.rows {
		for _, sys := range []string{"bare", "tmux", "gmux"} {
			v, ok := r.vals[sys]
			if !ok {
				continue
			}
			k := r.key + "_" + sys
			switch {
			case v.has():
				parts = append(parts, k+"="+strconv.FormatFloat(v.v, 'f', r.prec, 64))
			case v.err != "":
				if strings.Contains(v.err, "timeout") {
					parts = append(parts, k+"=timeout")
				} else {
					parts = append(parts, k+"=fail")
				}
			}
		}
		if vd := r.verdict(); vd == "pass" || vd == "FAIL" {
			parts = append(parts, r.key+"_verdict="+strings.ToLower(vd))
		}
	}
	return "figures: " + strings.Join(parts, " ")
}
