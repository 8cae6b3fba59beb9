package change

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/gitrev"
	"github.com/workpackets/plan/parser"
)

// loadPackets writes the packet texts into a folder of their own and reads
// it as plan does, without git.
func loadPackets(t *testing.T, texts ...string) *parser.Set {
	t.Helper()
	dir := t.TempDir()
	for i, text := range texts {
		name := filepath.Join(dir, string(rune('a'+i))+".md")
		require.NoError(t, os.WriteFile(name, []byte(text), 0o644))
	}
	set, errs := parser.Load([]string{dir}, parser.Options{})
	require.Empty(t, errs)
	require.Len(t, set.Packets, len(texts))
	return set
}

// TestDaysRoundedOnce: a critical path of 5.249 days reads 5.2 in the
// diff and the history, as in every other format, not 5.3 (5.249 rounded
// to 5.25 first, then to one decimal); the change 1 → 5.249 reads +4.2d,
// not +4.3d. JSON keeps its two decimals (plan help json).
func TestDaysRoundedOnce(t *testing.T) {
	old := loadPackets(t, packet("A-001", "Alpha", notStarted, "1 day"))
	cur := loadPackets(t, packet("A-001", "Alpha", notStarted, "5.249 days"))
	before, err := Analyze(old, false, sim)
	require.NoError(t, err)
	after, err := Analyze(cur, false, sim)
	require.NoError(t, err)
	require.InDelta(t, 5.249, after.Critical.Expected, 1e-9, "the fixture's critical path")
	d := Compare("main", "", before, "working tree", "", after)

	var text, md, js bytes.Buffer
	require.NoError(t, WriteDiff(&text, d, "text"))
	require.NoError(t, WriteDiff(&md, d, "markdown"))
	require.NoError(t, WriteDiff(&js, d, "json"))
	assert.Contains(t, text.String(), "Critical path: 1d → 5.2d (+4.2d)")
	assert.Contains(t, text.String(), "           5.2d\n", "the remaining effort")
	assert.Contains(t, md.String(), "| Critical path | 1d | 5.2d | +4.2d |")
	assert.Contains(t, md.String(), "| Remaining (expected) | 1d | 5.2d | +4.2d |")
	assert.Contains(t, js.String(), `"critical_path_days": 5.25,`, "JSON keeps two decimals")
	assert.Contains(t, js.String(), `"expected": 5.25,`)
	assert.InDelta(t, 5.249, d.New.Expected, 1e-9, "writing JSON leaves the diff's own values alone")

	v := &Versions{
		Commits: []gitrev.Commit{{Hash: "0123456789abcdef0123456789abcdef01234567", Time: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Subject: "A"}},
		Sets:    []*parser.Set{cur},
	}
	points, err := History(v, HistoryOptions{})
	require.NoError(t, err)
	var htext, hcsv, hjs bytes.Buffer
	require.NoError(t, WriteHistory(&htext, points, "text", false))
	require.NoError(t, WriteHistory(&hcsv, points, "csv", false))
	require.NoError(t, WriteHistory(&hjs, points, "json", false))
	assert.Contains(t, htext.String(), "5.2-5.2     5.2\n")
	assert.Contains(t, hcsv.String(), ",5.2,5.2,5.2,5.2,0,0,0,0\n")
	assert.Contains(t, hjs.String(), `"critical_path_days": 5.25,`, "JSON keeps two decimals")
	assert.InDelta(t, 5.249, points[0].Critical, 1e-9, "writing JSON leaves the points alone")
}

// TestDiffTextSaysStatusesInWords: the text and Markdown diffs name a
// status as people write it ("in progress", "not started"), not as the
// JSON word ("in_progress", which Markdown printed as "in\_progress"); the
// JSON keeps its words.
func TestDiffTextSaysStatusesInWords(t *testing.T) {
	old := loadPackets(t, packet("A-001", "Alpha", inProgress, "1 day"))
	cur := loadPackets(t, packet("A-001", "Alpha", notStarted, "1 day"), packet("B-002", "Beta", notStarted, "1 day"))
	before, err := Analyze(old, false, sim)
	require.NoError(t, err)
	after, err := Analyze(cur, false, sim)
	require.NoError(t, err)
	d := Compare("main", "", before, "working tree", "", after)
	var text, md, js bytes.Buffer
	require.NoError(t, WriteDiff(&text, d, "text"))
	require.NoError(t, WriteDiff(&md, d, "markdown"))
	require.NoError(t, WriteDiff(&js, d, "json"))
	for _, out := range []string{text.String(), md.String()} {
		assert.Contains(t, out, "A-001  in progress → not started")
		assert.Contains(t, out, "B-002  not started  Beta")
		assert.NotContains(t, out, "_started")
		assert.NotContains(t, out, "_progress")
	}
	assert.Contains(t, js.String(), `"from": "in_progress"`)
}
