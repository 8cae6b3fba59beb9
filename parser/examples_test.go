package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExampleFolders reads the small mis-encoded and CRLF folders the
// end-to-end tests use, and checks that they read like clean UTF-8.
func TestExampleFolders(t *testing.T) {
	set, errs := Load([]string{"../testdata/misencoded"}, Options{})
	require.Empty(t, errs)
	require.Equal(t, []string{"ENC-001", "ENC-002", "ENC-003"}, ids(set))
	checkout := set.Packets[0]
	assert.Equal(t, "Café Ordering — Checkout", checkout.Title)
	assert.Equal(t, InProgress, checkout.Status)
	require.NotNil(t, checkout.Progress)
	assert.Equal(t, 30, *checkout.Progress)
	assert.Equal(t, &Effort{Low: 3, High: 5}, checkout.Effort)
	assert.Equal(t, []string{"ENC-002"}, refIDs(checkout.Requires))
	assert.Equal(t, []string{"ENC-003"}, refIDs(checkout.Optional))
	require.Len(t, checkout.Externals, 2)
	assert.True(t, checkout.Externals[0].Blocking())
	assert.Equal(t, "❌ Not Provisioned", checkout.Externals[0].StatusText)
	assert.Equal(t, AtRisk, checkout.Externals[1].Class)
	assert.Equal(t, []string{"ENC-001"}, refIDs(set.Packets[2].Requires))
	assert.Empty(t, set.Problems)

	set, errs = Load([]string{"../testdata/crlf"}, Options{})
	require.Empty(t, errs)
	require.Equal(t, []string{"CRLF-001", "CRLF-002"}, ids(set))
	p := set.Packets[0]
	assert.Equal(t, "Windows Line Endings", p.Title)
	assert.Equal(t, []Ref{{ID: "CRLF-002", Line: 11, StatusText: "✅ Complete", Via: ViaTable, Source: "CRLF-002"}}, p.Requires)
	require.Len(t, p.Externals, 1)
	assert.Equal(t, 12, p.Externals[0].Line)
	assert.True(t, p.Externals[0].Blocking())
	assert.Equal(t, Complete, set.Packets[1].Status)
	assert.Empty(t, set.Problems)
}
