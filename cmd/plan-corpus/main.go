// Command plan-corpus writes a seeded, realistic folder of work packets for
// benchmarking and testing plan: nested folders, ~15 KB documents of
// prose, code blocks and tables with the Dependencies section near the end,
// a layered random dependency graph and, with -cycles, dependency cycles.
//
// Usage:
//
//	plan-corpus -n 10000 -seed 1 -out DIR [-cycles 0] [-size 15000] [-layers 0]
//
// The same flags give the same bytes. It prints one line: the number of
// packets, required rows and bytes written.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/workpackets/plan/cmd/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("plan-corpus", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000, "number of packets")
	seed := fl.Uint64("seed", 1, "random seed")
	out := fl.String("out", "", "folder to write (created; must be empty or absent)")
	cycles := fl.Int("cycles", 0, "dependency cycles to add")
	size := fl.Int("size", 15000, "approximate bytes per document")
	layers := fl.Int("layers", 0, "layers of the dependency graph (0: about the square root of -n)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() > 0 || *n < 1 {
		fmt.Fprintln(stderr, "plan-corpus: error: usage: plan-corpus -n N -seed S -out DIR")
		return 2
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "plan-corpus: error: %s is not empty\nplan-corpus: hint: name a new folder, or remove this one first\n", *out)
		return 2
	}
	c, err := corpus.Write(*out, corpus.Options{Packets: *n, Seed: *seed, Cycles: *cycles, Size: *size, Layers: *layers})
	if err != nil {
		fmt.Fprintf(stderr, "plan-corpus: error: %v\n", err)
		return 1
	}
	var total int64
	_ = filepath.WalkDir(*out, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	fmt.Fprintf(stdout, "%d packets, %d required rows, %d bytes in %s\n", len(c.Packets), c.Edges, total, *out)
	return 0
}
