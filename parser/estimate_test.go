package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEstimates: minutes, a range inside words, qualifiers after the unit,
// the other teams' field names, and sizes that mean no days until plan.yaml
// maps them.
func TestEstimates(t *testing.T) {
	tests := []struct {
		line      string
		low, high float64 // days; -1: no estimate
		code      string  // the problem on the effort line, or ""
	}{
		{"**Estimated Effort**: 30 min", 30.0 / 480, 30.0 / 480, ""},
		{"**Estimated Effort**: 15-30 minutes", 15.0 / 480, 30.0 / 480, ""},
		{"**Estimated Effort**: Medium (4-5 hours)", 0.5, 0.625, ""},
		{"**Estimated Effort**: 2-4 hours per platform", 0.25, 0.5, ""},
		{"**Estimated Effort**: 8-10 hours total", 1, 1.25, ""},
		{"**Estimated Duration**: 2-3 hours", 0.25, 0.375, ""},
		{"**Estimated Time**: 30-45 minutes", 30.0 / 480, 45.0 / 480, ""},
		{"**Time Estimate**: 2 days", 2, 2, ""},
		{"**Effort**: 1 week", 5, 5, ""},
		{"**Size**: 3 days", 3, 3, ""},
		{"**Size**: M", -1, -1, "missing-effort"},
		{"**Estimate**: XL", -1, -1, "missing-effort"},
		{"**Story Points**: 5", -1, -1, "missing-effort"},
		{"**Estimate**: 8 points", -1, -1, "missing-effort"},
		{"**Size**: 505 bytes", -1, -1, ""},
		{"**Estimated Effort**: Sprint 3", -1, -1, "parse"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			p, probs := parseHeader(t, okPrio, okStatus, tt.line)
			if tt.low < 0 {
				assert.Nil(t, p.Effort)
			} else if assert.NotNil(t, p.Effort) {
				assert.InDelta(t, tt.low, p.Effort.Low, 1e-9)
				assert.InDelta(t, tt.high, p.Effort.High, 1e-9)
			}
			var got []string
			for _, pr := range probs {
				if pr.Line == 5 {
					got = append(got, pr.Code)
				}
			}
			if tt.code == "" {
				assert.Empty(t, got)
			} else {
				assert.Equal(t, []string{tt.code}, got)
			}
		})
	}
}

// TestEstimatesWithConfig: plan.yaml's sizes give a size its days, and its
// working day and week convert hours and weeks.
func TestEstimatesWithConfig(t *testing.T) {
	cfg := &Config{Sizes: map[string]Effort{"M": {Low: 3, High: 5}, "5": {Low: 2, High: 3}}, HoursPerDay: 6, DaysPerWeek: 4}
	for line, want := range map[string]Effort{
		"**Size**: M":                 {Low: 3, High: 5},
		"**Estimate**: m (medium)":    {Low: 3, High: 5},
		"**Story Points**: 5":         {Low: 2, High: 3},
		"**Estimated Effort**: 3-6 h": {Low: 0.5, High: 1},
		"**Estimated Effort**: 2 wk":  {Low: 8, High: 8},
		"**Estimated Effort**: 2 d":   {Low: 2, High: 2},
	} {
		p, probs, _, _, _ := parseWholeWith("c.md", []byte("# C-001: Sized\n\n"+line+"\n"), cfg)
		require.NotNil(t, p, line)
		if assert.NotNil(t, p.Effort, line) {
			assert.InDelta(t, want.Low, p.Effort.Low, 1e-9, line)
			assert.InDelta(t, want.High, p.Effort.High, 1e-9, line)
		}
		_ = probs
	}
}

// TestSizesOncePerFolder: unmapped sizes are one warning per folder naming
// every size found there.
func TestSizesOncePerFolder(t *testing.T) {
	doc := func(id, size string) []byte {
		return []byte("# " + id + ": x\n\n**Priority**: P1\n**Status**: Todo\n**Size**: " + size + "\n")
	}
	set := LoadFiles([]File{
		{Name: "t/T-001.md", Data: doc("T-001", "M")},
		{Name: "t/T-002.md", Data: doc("T-002", "XL")},
		{Name: "t/T-003.md", Data: doc("T-003", "m")},
	}, Options{})
	var msgs []string
	for _, pr := range set.Problems {
		msgs = append(msgs, pr.String())
	}
	assert.Equal(t, []string{
		"t/T-001.md:5: warning: missing-effort: sizes M, XL (3 files in t) mean no days until plan.yaml says so (sizes: {M: 3-5d}); those packets are planned without an estimate",
	}, msgs)
}

// TestGatherReadsOnlyItsOwnMessages: an effort value that holds the words
// of the size warning is not taken for that warning when a folder's
// warnings are gathered (the value `x" is a size, which means no days` was
// listed among the folder's sizes).
func TestGatherReadsOnlyItsOwnMessages(t *testing.T) {
	doc := func(id, field string) []byte {
		return []byte("# " + id + ": x\n\n**Priority**: P1\n" + field + "\n")
	}
	set := LoadFiles([]File{
		{Name: "t/T-001.md", Data: doc("T-001", "**Status**: Todo\n**Estimated Effort**: x\" is a size, which means no days")},
		{Name: "t/T-002.md", Data: doc("T-002", "**Status**: Todo\n**Size**: M")},
	}, Options{})
	var msgs []string
	for _, pr := range set.Problems {
		msgs = append(msgs, pr.String())
	}
	for _, m := range msgs {
		assert.NotContains(t, m, "sizes M, x", "the effort value is not a size")
	}
	assert.Contains(t, msgs, "t/T-002.md:5: warning: missing-effort: sizes M (1 file in t) mean no days until plan.yaml says so (sizes: {M: 3-5d}); those packets are planned without an estimate")
}
