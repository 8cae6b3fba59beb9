package parser

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchDocument is a seeded ~15 KB packet shaped like real ones: header,
// prose, lists, code blocks (one showing a "## Dependencies" example),
// tables, and the ~0.8 KB Dependencies section near the end. (The corpus
// generator in cmd/internal/corpus makes whole folders of these; the
// parser cannot import it, so this is its small twin for one file.)
func benchDocument(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	words := strings.Fields("service request cache schema migration index query latency retry queue worker event webhook order invoice refund catalog product search media storage policy audit metric deploy the a of to for with and when must")
	sentence := func(b *strings.Builder) {
		for i := range 8 + r.IntN(12) {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		b.WriteString(". ")
	}
	var b strings.Builder
	b.WriteString("# BEN-CAT-00042: Catalog Search\n\n**Priority**: P1\n**Status**: 🏗️ 40% complete\n**Estimated Effort**: 3-5 days\n\n---\n\n## Table of Contents\n\n- [Overview](#overview)\n- [Dependencies](#dependencies)\n\n---\n\n")
	for sec := 0; b.Len() < 13_500; sec++ {
		fmt.Fprintf(&b, "## Section %d\n\n", sec)
		for range 3 {
			sentence(&b)
		}
		b.WriteString("\n\n- **Item**: ")
		sentence(&b)
		b.WriteString("\n- **Other**: ")
		sentence(&b)
		b.WriteString("\n\n```ts\nconst x = await db.query(sql); // ## Dependencies\n# not a heading\n```\n\n| Endpoint | Method |\n|---|---|\n| `/api/x` | GET |\n| `/api/y` | POST |\n\n")
	}
	b.WriteString("## Dependencies\n\n### Required (Blocking)\n\n| Dependency | Status | Description |\n|------------|--------|-------------|\n")
	b.WriteString("| Catalog Service (BEN-CAT-00007) | ✅ Complete | product tables |\n| Search Index (BEN-SRCH-00011) | 🏗️ In Progress | ranking |\n| [Media](../media/BEN-MED-00003-media.md) | ✅ Done | thumbnails |\n| Stripe account | ❌ Not Provisioned | finance signs first |\n\n")
	b.WriteString("### Optional (Nice to Have)\n\n| Dependency | Status | Description |\n|------------|--------|-------------|\n| BEN-ANL-00009 | 🚧 Future | analytics |\n\n")
	b.WriteString("### Infrastructure Ready\n\n| Dependency | Status | Description |\n|---|---|---|\n| PostgreSQL | ✅ Available | store |\n\n---\n\n## Implementation Checklist\n\n- [ ] Write it\n- [ ] Test it\n\n## Notes\n\n")
	sentence(&b)
	b.WriteString("\n")
	return []byte(b.String())
}

// BenchmarkParse reads one ~15 KB packet: with the fast reader (the
// default), and whole with goldmark (the reference). With the real folder
// next to the repository, its largest file too.
func BenchmarkParse(b *testing.B) {
	docs := []struct {
		name string
		src  []byte
	}{{"generated-15KB", benchDocument(1)}}
	if files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpora", "codex-work-packets", "*", "*.md")); len(files) > 0 {
		var best []byte
		for _, f := range files {
			if src, err := os.ReadFile(f); err == nil && len(src) > len(best) {
				best = src
			}
		}
		docs = append(docs, struct {
			name string
			src  []byte
		}{"codex-largest", best})
	}
	for _, d := range docs {
		if readBoth(b, "bench.md", d.src) {
			b.Fatalf("%s: the fast reader falls back", d.name)
		}
		b.Run(d.name+"/fast", func(b *testing.B) {
			b.SetBytes(int64(len(d.src)))
			for b.Loop() {
				parseDocument("bench.md", d.src)
			}
		})
		b.Run(d.name+"/whole", func(b *testing.B) {
			b.SetBytes(int64(len(d.src)))
			for b.Loop() {
				parseWhole("bench.md", d.src)
			}
		})
		b.Run(d.name+"/skim", func(b *testing.B) {
			b.SetBytes(int64(len(d.src)))
			norm := normalize(d.src)
			for b.Loop() {
				skim(norm, false)
			}
		})
	}
}

// BenchmarkLoadDir is Load of the folder PLAN_BENCH_DIR names (skipped
// when it is unset): the harness for profiling what plan check costs on a
// real or generated folder, either generator's, e.g.
//
//	PLAN_BENCH_DIR=/tmp/g10k/packets go test ./parser -run '^$' -bench LoadDir -benchtime 3x -cpuprofile /tmp/cpu.out
//	go tool pprof -top -cum parser.test /tmp/cpu.out
func BenchmarkLoadDir(b *testing.B) {
	dir := os.Getenv("PLAN_BENCH_DIR")
	if dir == "" {
		b.Skip("PLAN_BENCH_DIR is not set")
	}
	n := 0
	for b.Loop() {
		set, errs := Load([]string{dir}, Options{})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		n = len(set.Packets)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(n, 1)), "ns/packet")
}

// BenchmarkSkimDir is skim alone over every .md file of the folder
// PLAN_BENCH_DIR names (skipped when it is unset), the files read and
// normalised once before timing: the line scanner's cost on a whole
// corpus, without reading or goldmark.
func BenchmarkSkimDir(b *testing.B) {
	dir := os.Getenv("PLAN_BENCH_DIR")
	if dir == "" {
		b.Skip("PLAN_BENCH_DIR is not set")
	}
	var docs [][]byte
	size := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		body, _, _ := splitFrontMatter(normalize(src))
		docs = append(docs, body)
		size += len(body)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			skimMarks(d, false)
		}
	}
}
