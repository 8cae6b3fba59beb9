package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHeaderDependencyDialects reads testdata/dialects/header-deps, where
// every way of writing a dependency outside a table appears once, and
// checks what each packet ends up requiring.
func TestHeaderDependencyDialects(t *testing.T) {
	set, errs := Load([]string{"../testdata/dialects/header-deps"}, Options{})
	require.Empty(t, errs)
	require.Equal(t, []string{"WP-010", "WP-011", "WP-012", "WP-013", "WP-014", "WP-015"}, ids(set))
	byID := map[string]*Packet{}
	for _, p := range set.Packets {
		byID[p.ID] = p
	}
	tests := []struct {
		id                 string
		requires, optional []string
		why                string
	}{
		// Requires wraps onto the next line; Soft-deps is optional;
		// Related is no dependency; WP-015's Blocking bullets add WP-015.
		{"WP-010", []string{"WP-011", "WP-012", "WP-015"}, []string{"WP-013"}, "wrapped Requires, Soft-deps, reverse Blocking"},
		// "None. Independent of WP-012" and a struck-through ID name nothing.
		{"WP-011", []string{}, []string{}, "None and ~~struck~~"},
		{"WP-012", []string{"WP-011"}, []string{"WP-013"}, "empty Dependencies line with Hard/Soft bullets"},
		{"WP-013", []string{"WP-011"}, []string{"WP-012"}, "bullets under Required/Optional sub-headings, a link"},
		{"WP-014", []string{"WP-010", "WP-011"}, []string{"WP-012"}, "Hard-deps, Optional, reverse Blocks"},
		{"WP-015", []string{}, []string{}, "a Blocking line names what requires it"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := byID[tt.id]
			assert.Equal(t, tt.requires, refIDs(p.Requires), tt.why)
			assert.Equal(t, tt.optional, refIDs(p.Optional), tt.why)
		})
	}
	assert.Equal(t, []string{"A Grafana account"}, externalNames(byID["WP-013"]))
	// The reverse edge says where it was written, for plan explain.
	rev := byID["WP-014"].Requires[1] // after the packet's own Hard-deps
	assert.Equal(t, ViaBlocks, rev.Via)
	assert.Equal(t, "../testdata/dialects/header-deps/WP-010-api.md", rev.BlocksFile)
	assert.Equal(t, 9, rev.BlocksLine)
	assert.Equal(t, ViaLink, byID["WP-013"].Optional[0].Via)
	assert.Equal(t, ViaBullet, byID["WP-012"].Requires[0].Via)
	assert.Equal(t, ViaHeader, byID["WP-010"].Requires[0].Via)
	assert.Empty(t, set.Problems, "no dangling reference: WP-099 is struck through, WP-012 follows None")
}

func externalNames(p *Packet) []string {
	var out []string
	for _, x := range p.Externals {
		out = append(out, x.Name)
	}
	return out
}
