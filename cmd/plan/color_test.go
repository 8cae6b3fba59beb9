package main

import (
	"bytes"
	"os"
	"testing"
)

// TestColorAllowed follows no-color.org: NO_COLOR set to a value turns
// colour off, NO_COLOR set to "" does not; TERM=dumb turns it off too.
func TestColorAllowed(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"NO_COLOR": ""}, true},
		{map[string]string{"NO_COLOR": "1"}, false},
		{map[string]string{"NO_COLOR": "0"}, false},
		{map[string]string{"TERM": "dumb"}, false},
		{map[string]string{"TERM": "xterm-256color"}, true},
	} {
		if got := colorAllowed(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("colorAllowed(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}

// TestTerminalWidthNotATerminal: a buffer, a file and a pipe are laid out
// for 80 columns, whatever COLUMNS says.
func TestTerminalWidthNotATerminal(t *testing.T) {
	t.Setenv("COLUMNS", "200")
	if got := terminalWidth(new(bytes.Buffer)); got != 80 {
		t.Errorf("buffer: %d, want 80", got)
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := terminalWidth(f); got != 80 {
		t.Errorf("file: %d, want 80", got)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if got := terminalWidth(w); got != 80 {
		t.Errorf("pipe: %d, want 80", got)
	}
	if useColor(w) {
		t.Error("a pipe gets colour")
	}
}
