package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"testing"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/parser"
)

// maxFuzzPackets bounds the packet sets FuzzPlan builds, so the brute-force
// checks stay cheap and the fuzzer explores shapes rather than sizes.
const maxFuzzPackets = 32

// fuzzPackets decodes a packet set from fuzz bytes: the first byte is the
// number of packets, then one byte per packet (status, priority, effort),
// then pairs of bytes, each a row: from, to, and whether it is required,
// optional or a blocking external.
func fuzzPackets(data []byte) []*parser.Packet {
	if len(data) == 0 {
		return nil
	}
	n := 1 + int(data[0])%maxFuzzPackets
	data = data[1:]
	ps := make([]*parser.Packet, n)
	for i := range ps {
		ps[i] = &parser.Packet{ID: fmt.Sprintf("FZ-%02d", i), Title: "t", File: fmt.Sprintf("f/%02d.md", i), Line: 1, Priority: parser.NoPriority}
		if len(data) == 0 {
			continue
		}
		c := data[0]
		data = data[1:]
		ps[i].Status = parser.Status(c % 3)
		if pr := int(c/3) % 5; pr < 4 {
			ps[i].Priority = parser.Priority(pr)
		}
		if c&0x80 == 0 {
			low := float64(c>>4&7) / 2
			ps[i].Effort = &parser.Effort{Low: low, High: low + float64(c>>2&3)}
		}
		if ps[i].Status == parser.InProgress && c&0x40 != 0 {
			pct := int(c) % 100
			ps[i].Progress = &pct
		}
	}
	for line := 10; len(data) >= 2; line++ {
		a, b := data[0], data[1]
		data = data[2:]
		to, from := ps[int(a&0x7f)%n], ps[int(b&0x7f)%n]
		switch {
		case a&0x80 != 0 && b&0x80 != 0:
			to.Externals = append(to.Externals, parser.External{Name: "ext", Class: parser.Blocking, Required: true, Line: line})
		case b&0x80 != 0:
			to.Optional = append(to.Optional, parser.Ref{ID: from.ID, Line: line})
		default:
			to.Requires = append(to.Requires, parser.Ref{ID: from.ID, Line: line})
		}
	}
	return ps
}

// fuzzBytes is the inverse of fuzzPackets for the seeds: it encodes a
// parsed folder (its first maxFuzzPackets packets) as fuzz bytes.
func fuzzBytes(ps []*parser.Packet) []byte {
	ps = ps[:min(len(ps), maxFuzzPackets)]
	index := map[string]int{}
	for i, p := range ps {
		index[p.ID] = i
	}
	out := []byte{byte(len(ps) - 1)}
	for _, p := range ps {
		c := byte(p.Status)
		if p.Priority != parser.NoPriority {
			c += 3 * byte(p.Priority)
		} else {
			c += 12
		}
		if p.Effort == nil {
			c |= 0x80
		}
		out = append(out, c)
	}
	for i, p := range ps {
		for _, r := range p.Requires {
			if j, ok := index[r.ID]; ok {
				out = append(out, byte(i), byte(j))
			}
		}
		for _, r := range p.Optional {
			if j, ok := index[r.ID]; ok {
				out = append(out, byte(i), byte(j)|0x80)
			}
		}
		for _, x := range p.Externals {
			if x.Blocking() {
				out = append(out, byte(i)|0x80, 0x80)
			}
		}
	}
	return out
}

// FuzzPlan plans random packet sets and checks what the planner promises:
// the order lists every unfinished packet once and respects every required
// row that is not the cut of a cycle; the cycles are exactly the strongly
// connected components (with self rows); the critical path method never
// gives negative slack and every kept row finishes before its dependent
// starts; the waves partition the unfinished packets; and the set with one
// packet removed plans without a panic too. Seeded from the folders in
// testdata; `go test` runs the seeds only.
func FuzzPlan(f *testing.F) {
	for _, dir := range []string{"example", "cycles", "duplicates", "dangling", "crlf", "misencoded"} {
		set, _ := parser.Load([]string{filepath.Join("..", "..", "testdata", dir)}, parser.Options{})
		if len(set.Packets) > 0 {
			f.Add(fuzzBytes(set.Packets))
		}
	}
	f.Add([]byte{4, 0, 1, 2, 0, 0, 1, 1, 2, 2, 0, 3, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		ps := fuzzPackets(data)
		if len(ps) == 0 {
			return
		}
		checkPlan(t, ps)
		drop := int(data[len(data)-1]) % len(ps)
		rest := slices.Delete(slices.Clone(ps), drop, drop+1)
		planAll(t, rest)
	})
}

// planAll runs the analysis and renders the text and JSON reports.
func planAll(t *testing.T, ps []*parser.Packet) *report.Analysis {
	a, err := report.Analyze(setOf(ps))
	if err != nil {
		t.Fatalf("analyze: %v", err)
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, report.FullReport(a)); err != nil || !json.Valid(buf.Bytes()) {
		t.Fatalf("JSON report: %v", err)
	}
	if err := report.WriteReport(io.Discard, a, report.ViewOptions{}); err != nil {
		t.Fatalf("text report: %v", err)
	}
	return a
}

func checkPlan(t *testing.T, ps []*parser.Packet) {
	a := planAll(t, ps)
	g := a.Graph
	n := len(ps)
	id := func(i int) string { return ps[i].ID }
	unfinished := map[string]bool{}
	for _, p := range ps {
		if p.Status != parser.Complete {
			unfinished[p.ID] = true
		}
	}

	// The order: every unfinished packet once, every kept row respected.
	order := a.Order(false)
	pos := map[string]int{}
	for k, x := range order {
		if _, dup := pos[x]; dup || !unfinished[x] {
			t.Fatalf("order %v lists %s twice or finished", order, x)
		}
		pos[x] = k
	}
	if len(pos) != len(unfinished) {
		t.Fatalf("order %v misses unfinished packets", order)
	}
	for _, p := range ps {
		for _, d := range g.DAGRequires(p.ID) {
			if unfinished[d] && unfinished[p.ID] && pos[d] >= pos[p.ID] {
				t.Fatalf("order %v puts %s before its dependency %s", order, p.ID, d)
			}
		}
	}

	// Cycles are the strongly connected components, by brute force.
	reach := make([][]bool, n)
	index := map[string]int{}
	for i := range ps {
		index[id(i)] = i
		reach[i] = make([]bool, n)
	}
	for i, p := range ps {
		for _, r := range p.Requires {
			reach[index[r.ID]][i] = true
		}
	}
	for k := range n {
		for i := range n {
			if reach[i][k] {
				for j := range n {
					reach[i][j] = reach[i][j] || reach[k][j]
				}
			}
		}
	}
	var want [][]string
	inSCC := make([]bool, n)
	for i := range n {
		if inSCC[i] || !reach[i][i] {
			continue
		}
		var scc []string
		for j := range n {
			if reach[i][j] && reach[j][i] {
				inSCC[j] = true
				scc = append(scc, id(j))
			}
		}
		want = append(want, scc)
	}
	var got [][]string
	for _, c := range g.Cycles() {
		got = append(got, slices.Sorted(slices.Values(c.IDs)))
		if len(c.Cut) == 0 {
			t.Fatalf("cycle %v has no cut", c.IDs)
		}
	}
	slices.SortFunc(want, slices.Compare)
	slices.SortFunc(got, slices.Compare)
	if fmt.Sprint(want) != fmt.Sprint(got) {
		t.Fatalf("cycles %v, strongly connected components %v", got, want)
	}

	// Slack and the timings of the critical path method.
	for _, tm := range a.Timings {
		x := tm.ID
		if tm.Slack < 0 || tm.EarliestStart < 0 || tm.LatestStart < tm.EarliestStart-1e-9 {
			t.Fatalf("%s: %+v", x, tm)
		}
		for _, d := range g.DAGRequires(x) {
			if dt := a.Timing(d); dt.Scheduled && dt.EarliestFinish > tm.EarliestStart+1e-9 {
				t.Fatalf("%s starts at %v before %s finishes at %v", x, tm.EarliestStart, d, dt.EarliestFinish)
			}
		}
	}

	// The waves partition the unfinished packets.
	seen := map[string]bool{}
	for _, w := range a.Waves {
		for _, x := range w {
			if seen[x] || !unfinished[x] {
				t.Fatalf("waves %v: %s twice or finished", a.Waves, x)
			}
			seen[x] = true
		}
	}
	if len(seen) != len(unfinished) {
		t.Fatalf("waves %v miss unfinished packets", a.Waves)
	}
}
