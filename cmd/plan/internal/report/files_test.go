package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

func TestByteSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		text string
	}{
		{"512KB", 512 << 10, "512KB"},
		{"10mb", 10 << 20, "10MB"},
		{" 1 G ", 1 << 30, "1GB"},
		{"1000", 1000, "1000"},
		{"2048", 2048, "2KB"},
	} {
		n, err := ParseByteSize(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, n, tt.in)
		assert.Equal(t, tt.text, ByteSizeText(n), tt.in)
	}
	for _, bad := range []string{"", "0", "-1KB", "ten", "9223372036854775807GB"} {
		_, err := ParseByteSize(bad)
		assert.Error(t, err, bad)
	}
}

func TestParsePercentiles(t *testing.T) {
	ps, err := ParsePercentiles("50, 80,95.5")
	require.NoError(t, err)
	assert.Equal(t, []float64{50, 80, 95.5}, ps)
	_, err = ParsePercentiles("50,101")
	assert.EqualError(t, err, `--percentiles takes numbers from 0 to 100 separated by commas, not "101"`)
}

func TestPageTitle(t *testing.T) {
	assert.Equal(t, "Plan: shop", PageTitle(nil, "/home/me/shop"))
	assert.Equal(t, "Plan: shop, docs/packets", PageTitle([]string{"./", "docs/packets"}, "/home/me/shop"))
	assert.Equal(t, "Plan: .", PageTitle(nil, ""), "no current folder known")
}

func TestEmptyRoots(t *testing.T) {
	set := &parser.Set{
		Packets:  []*parser.Packet{{ID: "A-1", File: "/w/a/A-1.md"}},
		Problems: []parser.Problem{{Code: parser.CodeDuplicateID, File: "/w/dup/A-1.md", Packet: "A-1"}},
		Files:    []string{"/w/a/A-1.md", "/w/dup/A-1.md", "/w/notes/n.md", "/w/notes/m.md"},
		Hidden:   []string{"/w/notes/.plan"},
	}
	abs := func(p string) string { return p }
	roots := []Root{{"a", "/w/a"}, {"dup", "/w/dup"}, {"notes", "/w/notes"}, {"ab", "/w/ab"}}
	got := EmptyRoots(roots, set, abs)
	require.Len(t, got, 2, "a duplicate ID is a packet too; /w/ab is not inside /w/a")
	assert.Equal(t, Empty{Root: Root{"notes", "/w/notes"}, Files: 2, Hidden: []string{"/w/notes/.plan"}}, got[0])
	assert.Equal(t, "ab", got[1].Name())
	assert.Equal(t, "standard input", Empty{Root: Root{Arg: "-"}}.Name())
}

// TestPacketRuleWords checks that every place that says what a packet is
// says that a title may be a level-2 heading, as parser/doc.go does, and
// none says it must be the first level-1 heading.
func TestPacketRuleWords(t *testing.T) {
	set := &parser.Set{Files: []string{"notes.md"}, Skipped: []string{"notes.md"}}
	var list, summary bytes.Buffer
	require.NoError(t, WriteFileList(&list, set))
	a, err := Analyze(set)
	require.NoError(t, err)
	writeSummary(&summary, a)
	for name, text := range map[string]string{"hint": NoPacketsHint(1), "-v": list.String(), "summary": summary.String()} {
		assert.Contains(t, text, "level-2", name)
		assert.NotContains(t, text, "first level-1 heading is", name)
	}
}
