package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shared returns a path under ../shared next to the module root, skipping
// the test when it is not there (a fresh clone has no ../shared).
func shared(t *testing.T, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present: %v", p, err)
	}
	return p
}

func refIDs(refs []Ref) []string {
	ids := []string{}
	for _, r := range refs {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// TestCorpus checks what the real folder written by another team gives,
// against facts read from its files by hand.
func TestCorpus(t *testing.T) {
	dir := shared(t, "corpora/codex-work-packets")
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	require.Len(t, set.Packets, 18)
	assert.Len(t, set.Files, 19)
	require.Len(t, set.Skipped, 1)
	assert.Equal(t, "TEMPLATE.md", filepath.Base(set.Skipped[0]))
	assert.Equal(t, set.Skipped, set.Templates)

	byID := map[string]*Packet{}
	for _, p := range set.Packets {
		byID[p.ID] = p
	}
	get := func(id string) *Packet {
		t.Helper()
		p := byID[id]
		require.NotNil(t, p, id)
		return p
	}
	effort := func(id string, low, high float64) {
		t.Helper()
		p := get(id)
		if assert.NotNil(t, p.Effort, id) {
			assert.Equal(t, low, p.Effort.Low, id)
			assert.Equal(t, high, p.Effort.High, id)
		}
	}

	cache := get("P1-BE-CACHE-001")
	assert.Equal(t, NoPriority, cache.Priority)
	assert.Equal(t, NotStarted, cache.Status)
	assert.Nil(t, cache.Effort)

	access := get("P1-ACCESS-001")
	assert.Equal(t, Priority(0), access.Priority)
	assert.Equal(t, NotStarted, access.Status)
	effort("P1-ACCESS-001", 3, 4)

	content := get("P1-CONTENT-001")
	assert.Equal(t, Complete, content.Status)
	effort("P1-CONTENT-001", 5, 5)
	require.NotNil(t, content.Actual)
	assert.Equal(t, 5.0, *content.Actual)

	ecom1 := get("P1-ECOM-001")
	assert.Equal(t, Complete, ecom1.Status)
	effort("P1-ECOM-001", 4, 5)
	require.NotNil(t, ecom1.Actual)
	assert.Equal(t, 5.0, *ecom1.Actual)

	ecom2 := get("P1-ECOM-002")
	assert.Equal(t, Priority(0), ecom2.Priority)
	assert.Equal(t, InProgress, ecom2.Status)
	require.NotNil(t, ecom2.Progress)
	assert.Equal(t, 50, *ecom2.Progress)
	effort("P1-ECOM-002", 1, 2)

	img := get("P1-IMG-001")
	assert.Equal(t, Complete, img.Status)
	require.NotNil(t, img.Actual)
	assert.Equal(t, 5.0, *img.Actual)

	settings := get("P1-SETTINGS-001")
	assert.Equal(t, Priority(2), settings.Priority)
	assert.Equal(t, NotStarted, settings.Status)

	var blocking []string
	for _, e := range get("P1-NOTIFY-001").Externals {
		if e.Blocking() {
			blocking = append(blocking, e.Name)
		}
	}
	assert.Equal(t, []string{"Resend SDK", "Nodemailer"}, blocking)

	transcode := get("P1-TRANSCODE-001")
	assert.Equal(t, Priority(1), transcode.Priority)
	effort("P1-TRANSCODE-001", 5, 7)
	var atRisk []string
	for _, e := range transcode.Externals {
		if e.Class == AtRisk {
			atRisk = append(atRisk, e.Name)
		}
	}
	assert.Equal(t, []string{"RunPod Account"}, atRisk)

	// Only NOTIFY has blocking externals.
	for _, p := range set.Packets {
		for _, e := range p.Externals {
			if e.Blocking() {
				assert.Equal(t, "P1-NOTIFY-001", p.ID, "blocking external %q", e.Name)
			}
		}
	}

	f1, f2 := "P1-FE-FOUNDATION-001", "P1-FE-FOUNDATION-002"
	requires := map[string][]string{
		"P1-ACCESS-001":        {"P1-CONTENT-001", "P1-ECOM-001"},
		"P1-ADMIN-001":         {"P1-CONTENT-001", "P1-ECOM-001"},
		"P1-BE-CACHE-001":      {},
		"P1-CONTENT-001":       {},
		"P1-ECOM-001":          {"P1-CONTENT-001"},
		"P1-ECOM-002":          {"P1-ECOM-001"},
		"P1-IMG-001":           {"P1-CONTENT-001", "P1-SETTINGS-001"},
		"P1-NOTIFY-001":        {},
		"P1-SETTINGS-001":      {},
		"P1-TRANSCODE-001":     {"P1-CONTENT-001"},
		"P1-FE-ACCESS-001":     {f1, f2},
		"P1-FE-ADMIN-001":      {f1, f2},
		"P1-FE-ADMIN-002":      {"P1-FE-ADMIN-001"},
		"P1-FE-AUTH-001":       {f1, f2},
		"P1-FE-CONTENT-001":    {f1, f2},
		"P1-FE-ECOM-001":       {"P1-FE-CONTENT-001", f2},
		"P1-FE-FOUNDATION-001": {},
		"P1-FE-FOUNDATION-002": {f1},
	}
	optional := map[string][]string{
		"P1-ACCESS-001":    {"P1-TRANSCODE-001"},
		"P1-ADMIN-001":     {"P1-NOTIFY-001"},
		"P1-CONTENT-001":   {"P1-TRANSCODE-001"},
		"P1-ECOM-001":      {"P1-ECOM-002"},
		"P1-SETTINGS-001":  {"P1-ADMIN-001"},
		"P1-TRANSCODE-001": {"P1-ACCESS-001"},
	}
	for _, p := range set.Packets {
		want := requires[p.ID]
		require.NotNil(t, want, "unexpected packet %s", p.ID)
		assert.Equal(t, want, refIDs(p.Requires), "requires of %s", p.ID)
		wantOpt := optional[p.ID]
		if wantOpt == nil {
			wantOpt = []string{}
		}
		assert.Equal(t, wantOpt, refIDs(p.Optional), "optional of %s", p.ID)
	}

	// Problems: the three missing fields of the cache packet and the stale
	// status cells, nothing else, and no errors.
	count := map[string]int{}
	stale := map[string]int{}
	for _, pr := range set.Problems {
		assert.Equal(t, Warning, pr.Severity, pr.String())
		count[pr.Code]++
		if pr.Code == CodeStaleStatus {
			stale[filepath.Base(pr.File)]++
		}
	}
	assert.Equal(t, map[string]int{CodeMissingPriority: 1, CodeMissingStatus: 1, CodeMissingEffort: 1, CodeStaleStatus: 16}, count)
	assert.Equal(t, map[string]int{
		"P1-ACCESS-001-content-access.md":       1, // ECOM-001 "❌ BLOCKED"
		"P1-ADMIN-001-admin-dashboard.md":       1, // ECOM-001 "❌ Not Started"
		"P1-ECOM-002-stripe-webhooks.md":        1, // ECOM-001 "❌ BLOCKED"
		"P1-IMG-001-image-processing.md":        1, // SETTINGS-001 "✅ Complete"
		"P1-FE-ACCESS-001-library.md":           2,
		"P1-FE-ADMIN-001-dashboard.md":          2,
		"P1-FE-ADMIN-002-settings.md":           1,
		"P1-FE-AUTH-001-auth-pages.md":          2,
		"P1-FE-CONTENT-001-content-pages.md":    2,
		"P1-FE-ECOM-001-checkout.md":            2,
		"P1-FE-FOUNDATION-002-design-system.md": 1,
	}, stale)
}

// TestSeedTemplate parses the mis-encoded seed template: it is a template,
// not a packet, and not a problem.
func TestSeedTemplate(t *testing.T) {
	file := shared(t, "seed/work-packet-template.md")
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	p, probs := Parse(file, src)
	assert.Nil(t, p)
	assert.Empty(t, probs)

	set, errs := Load([]string{file}, Options{})
	assert.Empty(t, errs)
	assert.Empty(t, set.Packets)
	assert.Empty(t, set.Problems)
	assert.Equal(t, []string{filepath.Clean(file)}, set.Skipped)
	assert.Equal(t, set.Skipped, set.Templates, "the seed template is called a template")
}

// TestSeedTemplateAsPacket gives the seed template a real ID: its
// mis-encoded status cells are all recognised, and its header placeholders
// are reported rather than read as values.
func TestSeedTemplateAsPacket(t *testing.T) {
	file := shared(t, "seed/work-packet-template.md")
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	src = []byte(strings.Replace(string(src), "# [PACKET-ID]: [Feature Name]", "# TPL-001: [Feature Name]", 1))
	p, probs := Parse("template.md", src)
	require.NotNil(t, p)
	assert.Equal(t, "[Feature Name]", p.Title)
	assert.Equal(t, []string{"3:parse", "4:parse", "5:missing-effort"}, codes(probs))
	var got []string
	for _, e := range p.Externals {
		got = append(got, fmt.Sprintf("%s|%s|%s|%v", e.Name, e.StatusText, e.Class, e.Required))
	}
	assert.Equal(t, []string{
		"[Service/Package]|✅ Available|available|true",
		"[Another Service]|❌ Blocked|blocking|true",
		"[Infrastructure]|🏗️ Partial|at_risk|true",
		"[Service/Package]|🚧 Future|future|false",
	}, got)
	assert.Empty(t, p.Requires)
}
