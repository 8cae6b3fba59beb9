package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/parser"
)

// useSet makes every command read set instead of the files it is given,
// for the rest of the test.
func useSet(t *testing.T, set *parser.Set) {
	t.Helper()
	old := loadPackets
	loadPackets = func([]string, parser.Options) (*parser.Set, []error) { return set, nil }
	t.Cleanup(func() { loadPackets = old })
}

// loadOnce reads the folder for real the first time a command asks, and
// hands the same Set to every later command of the test.
func loadOnce(t *testing.T) {
	t.Helper()
	old := loadPackets
	var set *parser.Set
	var errs []error
	loadPackets = func(paths []string, opts parser.Options) (*parser.Set, []error) {
		if set == nil {
			set, errs = old(paths, opts)
		}
		return set, errs
	}
	t.Cleanup(func() { loadPackets = old })
}

func genID(i int) string { return fmt.Sprintf("GEN-%06d", i) }

// genPacket is packet i of a generated corpus, as the parser would read it
// from genSource(i, requires).
func genPacket(i int, requires ...int) *parser.Packet {
	p := &parser.Packet{
		ID: genID(i), Title: "Packet " + genID(i), File: "big/" + genID(i) + ".md", Line: 1,
		Priority: 1, Effort: &parser.Effort{Low: 1, High: 2},
	}
	for k, r := range requires {
		p.Requires = append(p.Requires, parser.Ref{ID: genID(r), Line: 11 + k})
	}
	return p
}

// genSource is the markdown of packet i requiring the given packets.
func genSource(i int, requires ...int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: Packet %s\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1-2 days\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n", genID(i), genID(i))
	for _, r := range requires {
		fmt.Fprintf(&b, "| %s | 🚧 |\n", genID(r))
	}
	return b.String()
}

func setOf(packets []*parser.Packet) *parser.Set {
	set := &parser.Set{Packets: packets}
	for _, p := range packets {
		set.Files = append(set.Files, p.File)
	}
	return set
}

// everyCommand is each planning command with the flags that make it do
// its work; the path is appended.
var everyCommand = [][]string{
	{},
	{"--json"},
	{"check"},
	{"order"},
	{"critical"},
	{"estimate", "--iterations", "100"},
	{"schedule", "--team", "3"},
}

// TestLargeCorpora runs every command over a chain of 100,000 packets, a
// cycle through 50,000 and 10,000 packets all waiting on one: each must
// finish (in about a second each on a laptop; no algorithm may be
// quadratic), exit as documented, and print valid JSON (except the chain's
// JSON, see below). The chain and the
// cycle are built as parsed packets (reading 100,000 files is the
// parser's business and costs more than the planning); the 10,000 are
// written as files and read once.
func TestLargeCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("about 12 s of CPU: run without -short")
	}
	t.Run("chain of 100000", func(t *testing.T) {
		const n = 100_000
		ps := make([]*parser.Packet, n)
		ps[0] = genPacket(0)
		for i := 1; i < n; i++ {
			ps[i] = genPacket(i, i-1)
		}
		useSet(t, setOf(ps))
		// Its JSON, a 110 MB document, is written the same way as the
		// cycle's (60 MB) below; it alone would take longer than the rest of
		// this test, so only the cycle's is written here.
		outs := runEvery(t, "big", 0, "--json")
		order := strings.Split(strings.TrimSpace(outs["order"]), "\n")
		require.Len(t, order, n)
		assert.Equal(t, genID(0), order[0])
		assert.Equal(t, genID(n-1), order[n-1])
		assert.Contains(t, outs["critical"], fmt.Sprintf("%d days expected", n*3/2))
	})
	t.Run("cycle of 50000", func(t *testing.T) {
		const n = 50_000
		ps := make([]*parser.Packet, n)
		for i := range n {
			ps[i] = genPacket(i, (i+n-1)%n)
		}
		useSet(t, setOf(ps))
		outs := runEvery(t, "big", 1)
		assert.Equal(t, 1, strings.Count(outs["check"], ": error: cycle: "), "one cycle, one error")
		assert.Less(t, len(outs["check"]), 10_000, "the cycle message spells out only its first steps")
	})
	t.Run("10000 on one", func(t *testing.T) {
		const n = 10_000
		dir := filepath.Join(t.TempDir(), "big")
		require.NoError(t, os.Mkdir(dir, 0o755))
		write := func(i int, requires ...int) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, genID(i)+".md"), []byte(genSource(i, requires...)), 0o644))
		}
		write(0)
		for i := 1; i <= n; i++ {
			write(i, 0)
		}
		loadOnce(t)
		outs := runEvery(t, dir, 0)
		assert.Contains(t, outs[""], fmt.Sprintf("%d packets: 0 complete, 0 in progress, %d not started", n+1, n+1))
		assert.Contains(t, outs[""], "Ready now (1)")
		var doc report.ReportJSON
		require.NoError(t, json.Unmarshal([]byte(outs["--json"]), &doc))
		require.Len(t, doc.Blocked, n)
		assert.Equal(t, []string{genID(0)}, doc.Blocked[0].WaitsOn)
		assert.Equal(t, []string{genID(0)}, doc.Ready)
	})
}

// runEvery runs everyCommand on path, checks that each exits wantCode (1
// for a cycle: every command still answers, then fails, as tsort does)
// and that JSON is valid, and returns standard output by command name.
func runEvery(t *testing.T, path string, wantCode int, skip ...string) map[string]string {
	t.Helper()
	outs := map[string]string{}
	for _, args := range everyCommand {
		name := strings.Join(args, " ")
		if slices.Contains(skip, name) {
			continue
		}
		var stdout, stderr bytes.Buffer
		code := run(append(append([]string{}, args...), path), nil, &stdout, &stderr)
		require.Equal(t, wantCode, code, "plan %s: %s", name, stderr.String())
		require.NotZero(t, stdout.Len()+stderr.Len(), "plan %s printed nothing", name)
		if strings.Contains(name, "json") {
			require.True(t, json.Valid(stdout.Bytes()), "plan %s: invalid JSON", name)
		}
		key := name
		if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
			key = args[0]
		}
		outs[key] = stdout.String()
	}
	return outs
}
