package vt

import (
	"fmt"
	"testing"
)

func TestSmoke(t *testing.T) {
	term := New(20, 5, Options{})
	term.Write([]byte("hello\r\nworld\x1b[31m red\x1b[0m\r\n\x1b[2;3Hxy"))
	for _, l := range screenLines(term) {
		fmt.Printf("%q\n", l)
	}
	fmt.Println(term.Cursor())
	checkInvariants(t, term)
	fmt.Printf("%q\n", term.Capture(nil, CaptureOptions{Start: 0, End: 4, Escapes: true}))
}
