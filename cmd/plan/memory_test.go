package main

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/internal/corpus"
	"github.com/workpackets/plan/parser"
)

// maxBytesPerPacket is what a read packet may keep in memory: its record,
// strings, references and externals. At 100,000 packets this is what
// stays live while the plan is analyzed; plan's soft memory limit
// (softMemoryLimit) leaves the collector room only while it stays small.
// It was ~855 bytes a packet of this corpus when the test was written,
// 816 before the Packet (208 bytes), Ref (64) and External (48) were made
// smaller, 702 after, and 711 once the parser kept them in chunks (their
// ends unused, at most a few KB a worker; 2026-12-02). A string cut from
// a file's buffer, which keeps the whole ~15 KB buffer alive, would take
// it far past the bound, and so would a Packet or Ref grown back by a
// word.
const maxBytesPerPacket = 760

// TestLoadKeepsLittlePerPacket: the Set of 2,000 generated packets holds
// less than maxBytesPerPacket for each, measured as the live heap after a
// collection with and without it (no test of this package runs in
// parallel with another, so the heap is this test's).
func TestLoadKeepsLittlePerPacket(t *testing.T) {
	const n = 2_000
	dir := t.TempDir()
	_, err := corpus.Write(dir, corpus.Options{Packets: n, Seed: 1})
	require.NoError(t, err)
	live := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := live()
	set, errs := parser.Load([]string{dir}, parser.Options{})
	require.Empty(t, errs)
	require.Len(t, set.Packets, n)
	after := live()
	runtime.KeepAlive(set)
	per := (int64(after) - int64(before)) / n
	t.Logf("%d bytes a packet", per)
	require.Less(t, per, int64(maxBytesPerPacket), "the Set keeps %d bytes a packet", per)
}
