package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/gmux/gmux/bench/corpus"
)

func makeCorpusFile(path string, seed uint64, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := corpus.Write(f, seed, size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// makeLinesFile writes n lines of exactly cols printable ASCII columns, then
// a final line holding marker (with no newline after it).
func makeLinesFile(path string, n, cols int, marker string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	line := make([]byte, cols+1)
	for i := 0; i < n; i++ {
		copy(line, fmt.Sprintf("%09d ", i))
		for j := 10; j < cols; j++ {
			line[j] = byte('a' + (i+j)%26)
		}
		line[cols] = '\n'
		w.Write(line)
	}
	w.WriteString(marker)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
