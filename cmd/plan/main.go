// Command plan reads a folder of markdown work packets and answers what a
// planning session asks: what can start now, what is blocked and by what, in
// what order to build, the critical path and how long the remaining work
// takes. See the README for the commands, plan help json for the JSON
// documents and their schemas, and parser/doc.go (plan help format) for the
// packet format.
package main

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit is the memory limit plan asks of the Go runtime unless
// GOMEMLIMIT is set: past it the garbage collector runs more often instead
// of letting the heap grow to twice what is live. Below ~60 MB of live
// data (a folder of up to ~40,000 packets) it changes nothing; at 100,000
// packets it keeps the resident set under 150 MB for ~25 % more wall
// time (see testdata/bench/README.md). GOMEMLIMIT=off restores
// the default pacing.
const softMemoryLimit = 130 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
