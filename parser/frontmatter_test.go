package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFrontMatter reads a Backlog.md task: every field from front matter,
// each at its line in the file, and the dependency keys as rows.
func TestFrontMatter(t *testing.T) {
	src := "---\n" + // 1
		"id: task-14\n" + // 2
		"title: Two-factor login\n" + // 3
		"status: In Review\n" + // 4
		"priority: high\n" + // 5
		"effort: 30 min\n" + // 6
		"dependencies:\n" + // 7
		"  - task-12\n" + // 8
		"  - task-13\n" + // 9
		"optional: TASK-15, task-16\n" + // 10
		"blocks: [task-20]\n" + // 11
		"labels: [auth]\n" + // 12
		"---\n" + // 13
		"\n" + // 14
		"## Description\n" + // 15
		"\n" +
		"TOTP as a second factor.\n"
	p, probs := Parse("task-14.md", []byte(src))
	require.NotNil(t, p)
	assert.Equal(t, "task-14", p.ID)
	assert.True(t, p.CaseInsensitiveID)
	assert.Equal(t, "Two-factor login", p.Title)
	assert.Equal(t, 2, p.Line)
	assert.Equal(t, InProgress, p.Status)
	assert.Equal(t, Priority(1), p.Priority)
	require.NotNil(t, p.Effort)
	assert.InDelta(t, 30.0/480, p.Effort.High, 1e-9)
	var req, opt, blocks []string
	var reqLines []int
	for _, r := range p.Requires {
		req, reqLines = append(req, r.ID), append(reqLines, r.Line)
	}
	for _, r := range p.Optional {
		opt = append(opt, r.ID)
	}
	for _, r := range p.Blocks {
		blocks = append(blocks, r.ID)
	}
	assert.Equal(t, []string{"task-12", "task-13"}, req)
	assert.Equal(t, []int{8, 9}, reqLines)
	assert.Equal(t, []string{"TASK-15", "task-16"}, opt)
	assert.Equal(t, []string{"task-20"}, blocks)
	for _, pr := range probs {
		assert.NotEqual(t, CodeMissingStatus, pr.Code)
		assert.NotEqual(t, CodeMissingPriority, pr.Code)
		assert.NotEqual(t, CodeMissingEffort, pr.Code)
	}

	ex := Explain("task-14.md", []byte(src))
	require.NotNil(t, ex.Packet)
	var lines []int
	for _, f := range ex.Fields {
		lines = append(lines, f.Line)
	}
	assert.Equal(t, []int{2, 3, 4, 5, 6, 7, 10, 11}, lines, "each front-matter field at its line")
}

// TestFrontMatterProblems: bad YAML is one warning at its line and the
// document is then read from its headings; front matter's status wins over
// a header line; a problem in a front-matter value is at that value's line.
func TestFrontMatterProblems(t *testing.T) {
	p, probs := Parse("bad.md", []byte("---\nid: [unclosed\n---\n# B-001: Heading title\n\n**Status**: Done\n"))
	require.NotNil(t, p)
	assert.Equal(t, "B-001", p.ID)
	assert.Contains(t, codes(probs), "2:parse", "at the bad line of the YAML")

	p, probs = Parse("both.md", []byte("---\nstatus: Done\neffort: 5-3 days\n---\n# B-002: Both\n\n**Status**: Todo\n**Priority**: P1\n"))
	require.NotNil(t, p)
	assert.Equal(t, Complete, p.Status)
	assert.Contains(t, codes(probs), "3:parse", "the reversed effort is reported at its front-matter line")
}
