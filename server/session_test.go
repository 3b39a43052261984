package server

import (
	"fmt"
	"testing"
)

func TestSharedEnv(t *testing.T) {
	env := func(pwd string) []string { return []string{"HOME=/home/u", "PWD=" + pwd, "SHELL=/bin/sh"} }
	tests := []struct {
		name     string
		sessions [][]string // oldest first
		env      []string
		shareIdx int // index into sessions whose slice is returned; -1 for env itself
	}{
		{"no sessions", nil, env("/a"), -1},
		{"equal to the newest", [][]string{env("/b"), env("/a")}, env("/a"), 1},
		{"equal to an older one", [][]string{env("/a"), env("/b")}, env("/a"), 0},
		{"differs", [][]string{env("/b")}, env("/a"), -1},
		{"longer", [][]string{env("/a")}, append(env("/a"), "X=1"), -1},
		{"nil and nil", [][]string{nil}, nil, 0},
		{"empty and empty", [][]string{{}}, []string{}, 0},
		{"empty is not nil", [][]string{nil}, []string{}, -1},
		{"nil is not empty", [][]string{{}}, nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{}
			for _, e := range tt.sessions {
				s.sessions = append(s.sessions, &Session{env: e})
			}
			got := s.sharedEnv(tt.env)
			want := tt.env
			if tt.shareIdx >= 0 {
				want = tt.sessions[tt.shareIdx]
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.env) || (got == nil) != (tt.env == nil) {
				t.Fatalf("sharedEnv = %#v, want the same contents as %#v", got, tt.env)
			}
			if len(want) > 0 && &got[0] != &want[0] {
				t.Errorf("sharedEnv returned another slice than session %d's", tt.shareIdx)
			}
		})
	}
}

func TestSharedEnvLooksBackOnlySoFar(t *testing.T) {
	s := &Server{}
	old := []string{"A=1"}
	s.sessions = append(s.sessions, &Session{env: old})
	for i := 0; i < envShareLookback; i++ {
		s.sessions = append(s.sessions, &Session{env: []string{fmt.Sprintf("B=%d", i)}})
	}
	if got := s.sharedEnv([]string{"A=1"}); &got[0] == &old[0] {
		t.Errorf("shared with a session %d back; the lookback is %d", envShareLookback+1, envShareLookback)
	}
}
