package main

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/workpackets/plan/cmd/internal/corpus"
	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// BenchmarkPipeline is what `plan` does before it prints: Load (walk, read,
// parse, resolve) and the analysis (graph, critical path, order, waves,
// blocked, ready) on generated corpora of 1,000 and 10,000 packets of
// ~15 KB. Each corpus is written once, into the benchmark's temporary
// folder, and read from the page cache.
func BenchmarkPipeline(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("packets=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := corpus.Write(dir, corpus.Options{Packets: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				set, errs := parser.Load([]string{dir}, parser.Options{})
				if len(errs) > 0 || len(set.Packets) != n {
					b.Fatalf("%d packets, errors %v", len(set.Packets), errs)
				}
				a, err := report.Analyze(set)
				if err != nil {
					b.Fatal(err)
				}
				a.Order(false)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/packet")
		})
	}
}

// BenchmarkReportJSON is `plan --json` on 10,000 generated packets, output
// discarded.
func BenchmarkReportJSON(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Packets: 10_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if code := run([]string{"--json", dir}, nil, io.Discard, io.Discard); code > 1 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkSimulateCorpus is the Monte Carlo simulation of `plan estimate`
// (10,000 iterations, lognormal, no team) on the network of the generated
// 10,000-packet corpus: the graph the 2 ns per edge-iteration
// target is about. Run it with GOMAXPROCS=2 for two cores. The network
// has ~2 required edges per unfinished packet, fewer than the schedule
// package's synthetic benchmark, so the per-task work (drawing a
// duration) weighs more per edge here.
func BenchmarkSimulateCorpus(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Packets: 10_000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	set, errs := parser.Load([]string{dir}, parser.Options{})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	net := schedule.NetworkFromGraph(graph.New(set.Packets))
	edges := 0
	for _, t := range net.Tasks {
		edges += len(t.Preds)
	}
	const iterations = 10_000
	runtime.GC() // not the garbage of writing and reading the corpus
	b.ResetTimer()
	for b.Loop() {
		if _, err := net.Simulate(schedule.SimOptions{Iterations: iterations}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/iterations/float64(edges), "ns/edge-iter")
	b.ReportMetric(float64(len(net.Tasks)), "tasks")
	b.ReportMetric(float64(edges), "edges")
	b.ReportMetric(0, "ns/op")
}
