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
// of letting the heap grow to five times what is live (gcPercent). Below
// ~25 MB of live data (a folder of up to ~25,000 packets) it changes
// nothing. At 100,000 packets the live heap is ~75 MB when the last file
// is read and peaks at ~90 MB while the rows are resolved (it was 115-120
// MB before the parser's records were made smaller and kept in chunks):
// the collector then runs about 40 times, every 25-50 MB of goldmark's
// garbage. What it goes over each time holds few pointers (the rows
// waiting for every file hold none, see parser's keptText), so that
// costs ~5 % more time than GOMEMLIMIT=off in plan check (it was ~25 %
// on 2026-12-02 morning, 2 to 4 times before that), and the resident set
// is ~139 MB for plan check and plan --json, 400-550 MB with the limit
// off. A command whose analysis is live on top of the Set goes past it
// (plan estimate ~149 MB, the default view ~185 MB). See
// testdata/bench/README.md. GOMEMLIMIT=off restores the default pacing.
const softMemoryLimit = 130 << 20

// gcPercent is the garbage collector's GOGC that plan asks for unless
// GOGC is set. Reading a folder makes ~20 KB of short-lived garbage per
// packet (goldmark's nodes) and keeps a few KB, so with the default of
// 100 the collector runs every few hundred files; at 400 it runs a fourth
// as often, for ~15 % less CPU time at 10,000 packets and a resident set
// of 50-65 MB there (2026-12-02). The soft memory limit still
// bounds the heap of larger folders.
const gcPercent = 400

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
