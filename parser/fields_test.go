package parser

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

// misencode turns UTF-8 text into what a Windows-1252 round trip makes of
// it: every byte read as a Windows-1252 character and saved again as UTF-8,
// the bytes Windows-1252 lacks (0x81, 0x8D, 0x8F, 0x90, 0x9D) dropped.
func misencode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D:
		default:
			b.WriteRune(charmap.Windows1252.DecodeByte(c))
		}
	}
	return b.String()
}

func TestMisencodeHelperMatchesTheSeed(t *testing.T) {
	// The forms the seed template shows.
	assert.Equal(t, "ðŸš§", misencode("🚧"))
	assert.Equal(t, "ðŸ—ï¸", misencode("🏗️"))
	assert.Equal(t, "âœ…", misencode("✅"))
	assert.Equal(t, "âŒ", misencode("❌"))
}

// parseHeader parses a packet whose header holds the given lines, from line 3 on.
func parseHeader(t *testing.T, lines ...string) (*Packet, []Problem) {
	t.Helper()
	src := "# TST-001: Test\n\n" + strings.Join(lines, "\n") + "\n\n## Overview\n\nText.\n"
	p, probs := Parse("t.md", []byte(src))
	require.NotNil(t, p)
	return p, probs
}

// codes lists the problems as "line:code" for compact assertions.
func codes(probs []Problem) []string {
	var out []string
	for _, p := range probs {
		out = append(out, fmt.Sprintf("%d:%s", p.Line, p.Code))
	}
	return out
}

const (
	okStatus = "**Status**: ✅ Complete"
	okEffort = "**Estimated Effort**: 1 day"
	okPrio   = "**Priority**: P1"
)

func TestPriority(t *testing.T) {
	tests := []struct {
		line string
		want Priority
		prob string // "line:code" of the one expected problem, or ""
	}{
		{"**Priority**: P0", 0, ""},
		{"**Priority**: P1", 1, ""},
		{"**Priority:** P2", 2, ""},
		{"Priority: P3", 3, ""},
		{"__Priority__: P1", 1, ""},
		{"- **Priority**: P2", 2, ""},
		{"**Priority**: P0 (Critical - revenue)", 0, ""},
		{"**Priority**: **P1** (High - enables streaming)", 1, ""},
		{"**Priority**: p2", 2, ""},
		{"**Priority**: Critical", 0, ""},
		{"**Priority**: High", 1, ""},
		{"**Priority**: medium", 2, ""},
		{"**Priority**: Low (nice to have)", 3, ""},
		{"**priority**: P1", 1, ""},
		{"**Priority**: TBD", NoPriority, "3:missing-priority"},
		{"**Priority**:", NoPriority, "3:missing-priority"},
		{"**Priority**: P4", NoPriority, "3:parse"},
		{"**Priority**: P10", NoPriority, "3:parse"},
		{"**Priority**: P0/P1/P2", NoPriority, "3:parse"},
		{"**Priority**: Urgent", NoPriority, "3:parse"},
		{"Some prose without a field", NoPriority, "1:missing-priority"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			p, probs := parseHeader(t, tt.line, okStatus, okEffort)
			assert.Equal(t, tt.want, p.Priority)
			if tt.prob == "" {
				assert.Empty(t, probs)
			} else {
				assert.Equal(t, []string{tt.prob}, codes(probs))
			}
		})
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		value    string
		want     Status
		progress int // 0 means none
		prob     string
	}{
		{"🚧 Not Started", NotStarted, 0, ""},
		{"🏗️ In Progress", InProgress, 0, ""},
		{"🏗 In Progress", InProgress, 0, ""},
		{"✅ Complete", Complete, 0, ""},
		{"✅ **COMPLETE**", Complete, 0, ""},
		{"✅", Complete, 0, ""},
		{"🏗️", InProgress, 0, ""},
		{"🚧", NotStarted, 0, ""},
		{"Complete", Complete, 0, ""},
		{"completed", Complete, 0, ""},
		{"Done", Complete, 0, ""},
		{"Implemented", Complete, 0, ""},
		{"Shipped", Complete, 0, ""},
		{"In progress", InProgress, 0, ""},
		{"WIP", InProgress, 0, ""},
		{"Started", InProgress, 0, ""},
		{"🏗️ 50% Complete (Infrastructure ready, handlers needed)", InProgress, 50, ""},
		{"40% complete", InProgress, 40, ""},
		{"100% complete", Complete, 0, ""},
		{"Not started", NotStarted, 0, ""},
		{"TODO", NotStarted, 0, ""},
		{"Planned", NotStarted, 0, ""},
		{"🚧 Not Implemented", NotStarted, 0, ""},
		{"Not implemented", NotStarted, 0, ""},
		{"🚧 E2E Tests Pending", NotStarted, 0, ""},
		{"✅ Complete (All Phases 1-8 Done)", Complete, 0, ""},
		{"✅ Complete (not implemented: the admin view)", Complete, 0, ""},
		// Other teams' words, any case, "_" or "-" for spaces, in code.
		{"Backlog", NotStarted, 0, ""},
		{"To Do", NotStarted, 0, ""},
		{"open", NotStarted, 0, ""},
		{"Draft", NotStarted, 0, ""},
		{"Proposed", NotStarted, 0, ""},
		{"Ready", NotStarted, 0, ""},
		{"READY_FOR_IMPLEMENTATION", NotStarted, 0, ""},
		{"`ready-for-implementation`", NotStarted, 0, ""},
		{"Approved", NotStarted, 0, ""},
		{"In Review", InProgress, 0, ""},
		{"IN_REVIEW", InProgress, 0, ""},
		{"Review", InProgress, 0, ""},
		{"Testing", InProgress, 0, ""},
		{"QA", InProgress, 0, ""},
		{"Doing", InProgress, 0, ""},
		{"**Active**", InProgress, 0, ""},
		{"in-progress", InProgress, 0, ""},
		{"Done (merged in #42)", Complete, 0, ""},
		{"DONE", Complete, 0, ""},
		{"Closed", Complete, 0, ""},
		{"Merged", Complete, 0, ""},
		{"Released", Complete, 0, ""},
		{"Resolved", Complete, 0, ""},
		{"Verified", Complete, 0, ""},
		{"Cancelled", Cancelled, 0, ""},
		{"Canceled", Cancelled, 0, ""},
		{"Won't Do", Cancelled, 0, ""},
		{"WONT_DO", Cancelled, 0, ""},
		{"Obsolete", Cancelled, 0, ""},
		{"Superseded by WP-031", Cancelled, 0, ""},
		{"Abandoned", Cancelled, 0, ""},
		{"❌ Cancelled", Cancelled, 0, ""},
		{"Blocked", NotStarted, 0, ""},
		// Mis-encoded forms.
		{"ðŸš§ Not Started", NotStarted, 0, ""},
		{"ðŸ—ï¸ In Progress", InProgress, 0, ""},
		{"ðŸ—ï¸ 50% Complete", InProgress, 50, ""},
		{"âœ… Complete", Complete, 0, ""},
		{"âœ…", Complete, 0, ""},
		{"ðŸ—ï¸", InProgress, 0, ""},
		{"ðŸš§", NotStarted, 0, ""},
		// Missing and malformed.
		{"TBD", NotStarted, 0, "3:missing-status"},
		{"", NotStarted, 0, "3:missing-status"},
		{"🚧 Not Started | 🏗️ In Progress | ✅ Complete", NotStarted, 0, "3:parse"},
		{"ðŸš§ Not Started | ðŸ—ï¸ In Progress | âœ… Complete", NotStarted, 0, "3:parse"},
		{"Sleeping", NotStarted, 0, "3:parse"},
		{"150% complete", NotStarted, 0, "3:parse"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			p, probs := parseHeader(t, "**Status**: "+tt.value, okPrio, okEffort)
			assert.Equal(t, tt.want, p.Status)
			if tt.progress == 0 {
				assert.Nil(t, p.Progress)
			} else if assert.NotNil(t, p.Progress) {
				assert.Equal(t, tt.progress, *p.Progress)
			}
			if tt.prob == "" {
				assert.Empty(t, probs)
			} else {
				assert.Equal(t, []string{tt.prob}, codes(probs))
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		p, probs := parseHeader(t, okPrio, okEffort)
		assert.Equal(t, NotStarted, p.Status)
		assert.Equal(t, []string{"1:missing-status"}, codes(probs))
	})
}

func TestEffort(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		value     string
		low, high float64
		likely    *float64
		actual    *float64
		prob      string // when set, the effort is expected to be missing unless low/high are set
	}{
		{"3-4 days", 3, 4, nil, nil, ""},
		{"3–5 days", 3, 5, nil, nil, ""},
		{"3 — 5 days", 3, 5, nil, nil, ""},
		{"3 to 5 days", 3, 5, nil, nil, ""},
		{"5 days", 5, 5, nil, nil, ""},
		{"1 day", 1, 1, nil, nil, ""},
		{"~3 days", 3, 3, nil, nil, ""},
		{"2-3d", 2, 3, nil, nil, ""},
		{"2d-3d", 2, 3, nil, nil, ""},
		{"1-2 weeks", 5, 10, nil, nil, ""},
		{"2 weeks", 10, 10, nil, nil, ""},
		{"16-24 hours", 2, 3, nil, nil, ""},
		{"4h", 0.5, 0.5, nil, nil, ""},
		{"2.5 days", 2.5, 2.5, nil, nil, ""},
		{"3-5 working days", 3, 5, nil, nil, ""},
		{"**3-4 days**", 3, 4, nil, nil, ""},
		{"3-4", 3, 4, nil, nil, ""},
		{"5 days (Actual: 5 days)", 5, 5, nil, f(5), ""},
		{"4-5 days (actual: 4 days)", 4, 5, nil, f(4), ""},
		{"1-2 days (reduced from 2-3, skeleton exists)", 1, 2, nil, nil, ""},
		{"2-8 days (likely 3)", 2, 8, f(3), nil, ""},
		{"2-8 days (most likely 3)", 2, 8, f(3), nil, ""},
		{"1-3 weeks (most likely 2)", 5, 15, f(10), nil, ""},
		{"2-8 days (likely to slip)", 2, 8, nil, nil, ""},
		{"3 days per endpoint", 3, 3, nil, nil, ""},
		// Mis-encoded en dash.
		{misencode("3–5 days"), 3, 5, nil, nil, ""},
		// Missing.
		{"TBD", 0, 0, nil, nil, "3:missing-effort"},
		{"[X-Y days]", 0, 0, nil, nil, "3:missing-effort"},
		{"", 0, 0, nil, nil, "3:missing-effort"},
		// Malformed: a parse problem, and no number used.
		{"5-3 days", 0, 0, nil, nil, "3:parse"},
		{"-2 days", 0, 0, nil, nil, "3:parse"},
		{"1e309 days", 0, 0, nil, nil, "3:parse"},
		{"NaN days", 0, 0, nil, nil, "3:parse"},
		{"3-4 parsecs", 0, 0, nil, nil, "3:parse"},
		{"Inf days", 0, 0, nil, nil, "3:parse"},
		{"3,5 days", 0, 0, nil, nil, "3:parse"},
		{"99999999999999999999999 days", 0, 0, nil, nil, "3:parse"},
		{strings.Repeat("9", 400) + " days", 0, 0, nil, nil, "3:parse"},
		// A most-likely value outside the range is dropped with a problem;
		// the range itself is still good.
		{"2-4 days (likely 9)", 2, 4, nil, nil, "3:parse"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			p, probs := parseHeader(t, "**Estimated Effort**: "+tt.value, okPrio, okStatus)
			if tt.low == 0 && tt.high == 0 {
				assert.Nil(t, p.Effort)
			} else if assert.NotNil(t, p.Effort) {
				assert.Equal(t, tt.low, p.Effort.Low, "low")
				assert.Equal(t, tt.high, p.Effort.High, "high")
				assert.Equal(t, tt.likely != nil, p.Effort.HasLikely, "has likely")
				if tt.likely != nil {
					assert.Equal(t, *tt.likely, p.Effort.Likely, "likely")
				}
			}
			assert.Equal(t, tt.actual, p.Actual, "actual")
			if tt.prob == "" {
				assert.Empty(t, probs)
			} else {
				assert.Equal(t, []string{tt.prob}, codes(probs))
			}
		})
	}
}

func TestEffortFieldNamesAndActual(t *testing.T) {
	p, probs := parseHeader(t, okPrio, okStatus, "**Effort**: 2 days", "**Actual Effort**: ~5 days (Phase 1-3)")
	assert.Empty(t, probs)
	require.NotNil(t, p.Effort)
	assert.Equal(t, Effort{Low: 2, High: 2}, *p.Effort)
	require.NotNil(t, p.Actual)
	assert.Equal(t, 5.0, *p.Actual)

	// The Actual Effort line wins over "(Actual: ...)" in the estimate.
	p, _ = parseHeader(t, okPrio, okStatus, "**Estimated Effort**: 5 days (Actual: 3 days)", "**Actual Effort**: 6 days")
	require.NotNil(t, p.Actual)
	assert.Equal(t, 6.0, *p.Actual)

	// A malformed actual effort is reported at its own line.
	p, probs = parseHeader(t, okPrio, okStatus, okEffort, "**Actual Effort**: -4 days")
	assert.Nil(t, p.Actual)
	assert.Equal(t, []string{"6:parse"}, codes(probs))

	// The first line of a field counts.
	p, _ = parseHeader(t, okPrio, okStatus, "**Estimated Effort**: 2 days", "**Estimated Effort**: 9 days")
	assert.Equal(t, 2.0, p.Effort.High)

	// Fields below the first ## heading are not header fields.
	p, probs = Parse("t.md", []byte("# TST-001: T\n\n## Overview\n\n**Priority**: P0\n**Status**: ✅ Complete\n**Estimated Effort**: 1 day\n"))
	require.NotNil(t, p)
	assert.Equal(t, NoPriority, p.Priority)
	assert.Equal(t, []string{"1:missing-effort", "1:missing-priority", "1:missing-status"}, codes(probs))
}

func TestMalformedProblemsNameFileAndLine(t *testing.T) {
	src := "\uFEFF# BAD-001: Bad\r\n\r\n**Priority**: P1\r\n**Status**: ✅ Complete\r\n**Estimated Effort**: 3-4 parsecs\r\n"
	_, probs := Parse("docs/bad.md", []byte(src))
	require.Len(t, probs, 1)
	assert.Equal(t, "docs/bad.md:5: warning: parse: effort \"3-4 parsecs\" has an unknown unit \"parsecs\" (use days, hours or weeks); the packet is planned without an estimate", probs[0].String())
}

func TestTitle(t *testing.T) {
	tests := []struct {
		heading string
		id      string // "" when not a packet
		title   string
	}{
		{"# P1-ACCESS-001: Content Access & Playback", "P1-ACCESS-001", "Content Access & Playback"},
		{"# P1-FE-FOUNDATION-002: Design System", "P1-FE-FOUNDATION-002", "Design System"},
		{"# GEN-00042: Generated", "GEN-00042", "Generated"},
		{"# **P1-X-001**: Bold ID", "P1-X-001", "Bold ID"},
		{"# P1-X-001: The `plan` tool", "P1-X-001", "The plan tool"},
		{"P1-X-001: Setext\n===", "P1-X-001", "Setext"},
		{"# " + misencode("P1-X-001: Café — Überblick"), "P1-X-001", "Café — Überblick"},
		{"# " + misencode("P1-X-001: 🏗️ Build"), "P1-X-001", "🏗️ Build"},
		{"# P1-X-001: CAFÉ–BAR", "P1-X-001", "CAFÉ–BAR"}, // real text that looks like a mis-encoding is kept
		{"# [PACKET-ID]: [Feature Name]", "", ""},
		{"# Implementation Plan: Phase 1", "", ""},
		{"# p1-x-001: lower case", "", ""},
		{"# P1-X: no digit group", "", ""},
		{"# 2024-01-15: a date", "", ""},
		{"# P1-X-001 without a colon", "", ""},
		{"## P1-X-001: level two", "P1-X-001", "level two"}, // no level-1 heading: the first level-2 one
		{"# Board\n\n## P1-X-001: level two", "", ""},       // a level-1 heading is the title
		{"## Intro\n\n## P1-X-001: second", "", ""},         // only the first level-2 heading
		{"# WP-023 — Scoring Rules", "WP-023", "Scoring Rules"},
		{"# WP-023 – Scoring Rules", "WP-023", "Scoring Rules"},
		{"# WP-023 - Scoring Rules", "WP-023", "Scoring Rules"},
		{"## TKT-037 · Media Migration", "TKT-037", "Media Migration"},
		{"# TKT-037 | Media Migration", "TKT-037", "Media Migration"},
		{"# WP-005A: Tile set art", "WP-005A", "Tile set art"},
		{"# WP-053a — Lettered", "WP-053a", "Lettered"},
		{"# WP-053ab: two letters", "", ""},
		{"# WP-023-Scoring", "", ""},
		{"# WP-023 -Scoring", "", ""},
		{"---\nid: task-12\ntitle: Login rate limit\n---\n", "task-12", "Login rate limit"},
		{"---\nid: TASK-12\n---\n# Ignored heading", "TASK-12", ""},
		{"```\n# P1-X-001: in a code block\n```", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.heading, func(t *testing.T) {
			p, probs := Parse("t.md", []byte(tt.heading+"\n\n**Priority**: P1\n**Status**: ✅ Done\n**Estimated Effort**: 1d\n"))
			if tt.id == "" {
				assert.Nil(t, p)
				assert.Empty(t, probs)
				return
			}
			require.NotNil(t, p)
			assert.Equal(t, tt.id, p.ID)
			assert.Equal(t, tt.title, p.Title)
			assert.Equal(t, 1+strings.Count(tt.heading[:strings.Index(tt.heading, tt.id)], "\n"), p.Line)
		})
	}
}

// TestStatusBlockedAndConfig: a Blocked status marks the packet as blocked
// by its own status line, a block-quote status line is read, and plan.yaml's
// statuses win over the built-in words.
func TestStatusBlockedAndConfig(t *testing.T) {
	p, _ := parseHeader(t, "**Status**: ❌ BLOCKED", okPrio, okEffort)
	assert.Equal(t, NotStarted, p.Status)
	assert.True(t, p.StatusBlocked)
	p, _ = parseHeader(t, "**Status**: To Do", okPrio, okEffort)
	assert.False(t, p.StatusBlocked)

	p, _ = Parse("q.md", []byte("# Q-001: Quoted\n\n> **Status: DONE**\n"))
	require.NotNil(t, p)
	assert.Equal(t, Complete, p.Status)

	cfg := &Config{Statuses: map[string]Status{"shipped to beta": InProgress, "sleeping": Cancelled, "done": InProgress}}
	for value, want := range map[string]Status{"Shipped_To_Beta": InProgress, "SLEEPING": Cancelled, "Done": InProgress, "Closed": Complete} {
		p, _, probs, _, _ := parseWholeWith("c.md", []byte("# C-001: Configured\n\n**Status**: "+value+"\n"), cfg)
		require.NotNil(t, p, value)
		assert.Equal(t, want, p.Status, value)
		for _, pr := range probs {
			assert.NotEqual(t, CodeParse, pr.Code, value)
		}
	}
}

// TestUnknownStatusOncePerFolder: an unknown word used by many files of a
// folder is one warning there, counting the files and naming the plan.yaml
// key; another folder gets its own.
func TestUnknownStatusOncePerFolder(t *testing.T) {
	doc := func(id, status string) []byte {
		return []byte("# " + id + ": x\n\n**Priority**: P1\n**Status**: " + status + "\n**Estimated Effort**: 1d\n")
	}
	set := LoadFiles([]File{
		{Name: "a/U-001.md", Data: doc("U-001", "Shelved")},
		{Name: "a/U-002.md", Data: doc("U-002", "shelved")},
		{Name: "a/U-003.md", Data: doc("U-003", "SHELVED")},
		{Name: "b/U-004.md", Data: doc("U-004", "Shelved")},
	}, Options{})
	var msgs []string
	for _, pr := range set.Problems {
		msgs = append(msgs, pr.String())
	}
	assert.Equal(t, []string{
		`a/U-001.md:4: warning: parse: status "Shelved" is not recognised (3 files in a use it); taken as not started; to say what it means, add to plan.yaml statuses: {"shelved": complete} (or not_started, in_progress, cancelled)`,
		`b/U-004.md:4: warning: parse: status "Shelved" is not recognised (1 file in b uses it); taken as not started; to say what it means, add to plan.yaml statuses: {"shelved": complete} (or not_started, in_progress, cancelled)`,
	}, msgs)
}

func TestStatusCells(t *testing.T) {
	tests := []struct {
		cell string
		want ExternalClass
	}{
		{"✅ Available", Available},
		{"✅", Available},
		{"Complete", Available},
		{"Done", Available},
		{"Ready", Available},
		{"Exists", Available},
		{"Installed", Available},
		{"Configured", Available},
		{"❌ Blocked", Blocking},
		{"❌", Blocking},
		{"❌ Not Installed", Blocking},
		{"Not Installed", Blocking},
		{"Not Provisioned", Blocking},
		{"Missing", Blocking},
		{"🚧 Not Started", Blocking},
		{"Unavailable", Blocking},
		{"⚠️ Required", AtRisk},
		{"⚠️", AtRisk},
		{"Partial", AtRisk},
		{"🏗️ Partial", AtRisk},
		{"Pending", AtRisk},
		{"In Progress", AtRisk},
		{"🚧 Future", Future},
		{"🚧 Parallel", Future},
		{"Planned", Future},
		{"", Unknown},
		{"see notes", Unknown},
		// Mis-encoded.
		{"âœ… Available", Available},
		{"âŒ Blocked", Blocking},
		{"âŒ", Blocking},
		{"âš ï¸ Required", AtRisk},
		{"âš\u00a0ï¸", AtRisk},
		{"ðŸš§ Future", Future},
		{"ðŸ—ï¸ Partial", AtRisk},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			src := "# TST-001: T\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n| Thing | " + tt.cell + " |\n"
			p, _ := Parse("t.md", []byte(src))
			require.NotNil(t, p)
			require.Len(t, p.Externals, 1)
			assert.Equal(t, tt.want, p.Externals[0].Class)
			assert.Equal(t, 7, p.Externals[0].Line)
			assert.Equal(t, tt.want == Blocking, p.Externals[0].Blocking())
		})
	}
}

func TestSubheadings(t *testing.T) {
	tests := []struct {
		heading string
		want    string // "required", "optional" or "none"
	}{
		{"### Required", "required"},
		{"### Blocking", "required"},
		{"### Required (Blocking)", "required"},
		{"### Required Dependencies", "required"},
		{"### Optional", "optional"},
		{"### Nice to Have", "optional"},
		{"### Optional (Nice to Have)", "optional"},
		{"### Non-Blocking", "optional"},
		{"### Soft", "optional"},
		{"### 6.2 Soft Dependencies", "optional"},
		{"### Infrastructure Ready", "none"},
		{"### Package Dependencies", "none"},
		{"### Critical Blocker", "none"},
		{"### RunPod Setup Required", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.heading, func(t *testing.T) {
			src := "# TST-001: T\n\n## Dependencies\n\n" + tt.heading + "\n\n| Dependency | Status |\n|---|---|\n| TST-002 | 🚧 |\n"
			p, _ := Parse("t.md", []byte(src))
			require.NotNil(t, p)
			got := "none"
			switch {
			case len(p.Requires) == 1:
				got = "required"
			case len(p.Optional) == 1:
				got = "optional"
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDependenciesHeadings(t *testing.T) {
	for _, h := range []string{"## Dependencies", "# Dependencies", "### Dependencies", "## 6. Dependencies", "## Dependencies & Prerequisites", "## 🔗 Dependencies"} {
		t.Run(h, func(t *testing.T) {
			src := "# TST-001: T\n\n" + h + "\n\n| Dependency | Status |\n|---|---|\n| TST-002 | 🚧 |\n"
			p, _ := Parse("t.md", []byte(src))
			require.NotNil(t, p)
			assert.Len(t, p.Requires, 1)
		})
	}
	for _, h := range []string{"### Upstream Dependencies", "## Package Dependencies", "## Dependency Graph", "## Overview"} {
		t.Run(h, func(t *testing.T) {
			src := "# TST-001: T\n\n" + h + "\n\n| Dependency | Status |\n|---|---|\n| TST-002 | 🚧 |\n"
			p, _ := Parse("t.md", []byte(src))
			require.NotNil(t, p)
			assert.Empty(t, p.Requires)
			assert.Empty(t, p.Externals)
		})
	}
}

// FuzzMatchField holds matchField, which follows fieldLine by hand, to
// the regular expression: the same match and groups for any line.
func FuzzMatchField(f *testing.F) {
	for _, s := range []string{
		"**Priority**: P1", "**Status:** Done", "Status: Todo", "__Effort__ : 3d", "- **Depends on**: A-1",
		"* Blocks: A-2", "+ __Size__:M", "   Status: x", "    Status: x", "     - Status: x", " - Status: x",
		"Status: **Done**", "Status:  __x", "Status :\n**x", "\nStatus: x", "Status: x\n", "**Status**\n: x",
		"Estimated Effort: 3-5 days", "A very long field name that goes on and on: x", "Hard-deps: A-1",
		"**Dependencies**:", "- [ ] Status: x", "*Status*: x", "***Status***: x", "Status::x", ":", "a:",
		"\t-\t**Status**\t:\tx", "-**Status**: x", "**  Status  **  :  x", "Status **: x", "Status: ** x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := fieldLine.FindStringSubmatch(s)
		got := matchField(s)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("matchField(%q) = %q, the expression gives %q", s, got, want)
		}
		if isFieldLine(s) != fieldLine.MatchString(s) {
			t.Fatalf("isFieldLine(%q) = %v", s, !fieldLine.MatchString(s))
		}
	})
}

// FuzzPriorityPatterns holds isPriorityList and priorityDigits, which
// follow priorityList and priorityCode by hand, to the expressions.
func FuzzPriorityPatterns(f *testing.F) {
	for _, s := range []string{"P1", "p0", "P12", "P1a", "P1_", "P1 high", "P1-x", "P1/P2", "p1 | p2", "P1 ,\tP3", "P1/ Px", "P", "Px", "P1/", "P1/P", "P１", "P1\n/P2", "P1é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isPriorityList(s), priorityList.MatchString(s); got != want {
			t.Fatalf("isPriorityList(%q) = %v, the expression %v", s, got, want)
		}
		digits, ok := priorityDigits(s)
		m := priorityCode.FindStringSubmatch(s)
		if ok != (m != nil) || ok && digits != m[1] {
			t.Fatalf("priorityDigits(%q) = %q, %v; the expression %q", s, digits, ok, m)
		}
	})
}

// FuzzStripMarks holds stripMarks, which follows a strings.Replacer by
// hand, to the Replacer, and splitField's name to the words of the name
// the expression matches.
func FuzzStripMarks(f *testing.F) {
	for _, s := range []string{"", "**", "***", "****", "__x__", "_x_", "`a`", `\*`, `a\\b`, "*_*_", "__*", "✅ **COMPLETE**", "**Status**:  Done ", "x*", "*", "_", "`", `\`, "Estimated  Effort: 3d", " Status : x", "- **Depends  On**: A-1", "**PRIORITY**: P1", "HARD-DEPS: A-2"} {
		f.Add(s)
	}
	marks := strings.NewReplacer("**", "", "__", "", "`", "", `\`, "")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripMarks(s), marks.Replace(s); got != want {
			t.Fatalf("stripMarks(%q) = %q, the Replacer gives %q", s, got, want)
		}
		kind, name, value, ok := splitField(s)
		m := fieldLine.FindStringSubmatch(s)
		if m == nil {
			if ok {
				t.Fatalf("splitField(%q) reads a field the expression does not match", s)
			}
			return
		}
		wname := strings.Join(strings.Fields(m[1]), " ")
		wkind := fieldNames[strings.ToLower(wname)]
		if ok != (wkind != fieldNone) || ok && (kind != wkind || name != wname || value != strings.TrimSpace(m[2])) {
			t.Fatalf("splitField(%q) = %v %q %q %v; want %v %q %q", s, kind, name, value, ok, wkind, wname, strings.TrimSpace(m[2]))
		}
	})
}
