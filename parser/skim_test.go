package parser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readBoth reads src with the fast reader and whole, and fails the test
// when they differ in anything: packet, rows or problems. It returns
// whether the fast reader fell back to the whole document.
func readBoth(t testing.TB, file string, src []byte) (whole bool) {
	t.Helper()
	p, rows, probs, whole, tmpl := readDocument(file, src)
	wp, wrows, wprobs, wtmpl := parseWhole(file, src)
	if tmpl != wtmpl {
		t.Fatalf("fast and whole readers differ on %s: template %v and %v\n--- document ---\n%s", file, tmpl, wtmpl, src)
	}
	if got, want := docJSON(p, rows, probs), docJSON(wp, wrows, wprobs); got != want {
		t.Fatalf("fast and whole readers differ on %s (fell back: %v)\nfast:  %s\nwhole: %s\n--- document ---\n%s", file, whole, got, want, src)
	}
	if !reflect.DeepEqual(rows, wrows) {
		t.Fatalf("fast and whole readers give different rows on %s\nfast:  %+v\nwhole: %+v", file, rows, wrows)
	}
	return whole
}

// docJSON is what one document gave, as JSON: the packet, its dependency
// rows and its problems.
func docJSON(p *Packet, rows []depRow, probs []Problem) string {
	type row struct {
		Line     int
		Required bool
		Header   bool
		Name     string
		Status   string
		Items    []string
		DescIDs  []string
	}
	var rs []row
	for _, r := range rows {
		var items []string
		for _, it := range r.items {
			items = append(items, fmt.Sprintf("%s%v", it.link, it.ids))
		}
		rs = append(rs, row{r.line, r.required, r.header, r.name, r.status, items, r.descIDs})
	}
	b, err := json.Marshal(struct {
		Packet   *Packet
		Rows     []row
		Problems []Problem
	}{p, rs, probs})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// setJSON is a Set as JSON, without the count of documents read whole.
func setJSON(t *testing.T, set *Set) string {
	t.Helper()
	c := *set
	c.ReadWhole = 0
	b, err := json.Marshal(c)
	require.NoError(t, err)
	return string(b)
}

// loadBoth loads paths with the fast reader and whole and requires the same
// Set. It returns the fast Set.
func loadBoth(t *testing.T, paths ...string) *Set {
	t.Helper()
	fast, errs := Load(paths, Options{})
	require.Empty(t, errs)
	whole, errs := Load(paths, Options{Whole: true})
	require.Empty(t, errs)
	require.Equal(t, setJSON(t, whole), setJSON(t, fast))
	assert.Equal(t, len(whole.Files), whole.ReadWhole, "Options.Whole reads every document whole")
	return fast
}

// TestFastEqualsWholeFolders loads every folder of testdata, the example
// and the real folder (when present) both ways.
func TestFastEqualsWholeFolders(t *testing.T) {
	var dirs []string
	require.NoError(t, filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return fs.SkipDir
		}
		if d.IsDir() {
			dirs = append(dirs, path)
		}
		return nil
	}))
	for _, dir := range dirs {
		t.Run(filepath.ToSlash(dir), func(t *testing.T) {
			set := loadBoth(t, dir)
			if dir == "../testdata/example" {
				assert.Equal(t, 0, set.ReadWhole, "the example is read by the fast reader")
			}
		})
	}
	t.Run("codex-work-packets", func(t *testing.T) {
		dir := shared(t, "corpora/codex-work-packets")
		set := loadBoth(t, dir)
		assert.Len(t, set.Packets, 18)
		t.Logf("%d of %d files read whole", set.ReadWhole, len(set.Files))
	})
}

// TestFastEqualsWholeFiles reads every markdown file of testdata (the fuzz
// seeds) and the real folder one by one, both ways.
func TestFastEqualsWholeFiles(t *testing.T) {
	roots := []string{"../testdata"}
	if dir := filepath.Join("..", "..", "shared", "corpora", "codex-work-packets"); isDir(dir) {
		roots = append(roots, dir)
	}
	n := 0
	for _, root := range roots {
		require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isMarkdown(path) {
				return err
			}
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			readBoth(t, path, src)
			n++
			return nil
		}))
	}
	assert.Greater(t, n, 30)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// traps are documents built to mislead a line scanner. Each is read both
// ways; whole says whether the fast reader must give up on it (true) or
// must read it without falling back (false).
var traps = []struct {
	name  string
	src   string
	whole bool
}{
	{"level-2 title", "## T-001 · Two\n\n**Status**: Done\n\n## Dependencies\n\n| Dependency |\n|---|\n| T-002 |\n", false},
	{"setext level 2 before a level-2 title", "Intro\n---\n\n## T-001: x\n\n## Dependencies\n\n- T-002\n", true},
	{"indented level 2 before a level-2 title", "  ## T-009: indented\n\n## T-001: x\n", true},
	{"setext level 1 after a level-2 title", "## T-001: x\n\nTitle\n===\n", true},
	{"front matter id and a Dependencies list", "---\nid: t-1\ndependencies: [T-2]\nblocks: T-4, T-5\n---\n\n## Dependencies\n\n- T-3\n", false},
	{"front matter without id, then a title", "---\nstatus: Done\neffort: 30 min\n---\n# T-001: x\n\n## Dependencies\n\n| Dependency |\n|---|\n| T-002 |\n", false},
	{"unclosed front matter", "---\nid: t-1\n\n# T-001: x\n", false},
	{"plain", "# T-001: Plain\n\n**Status**: ✅ Done\n\n## Notes\n\ntext\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n| T-002 | ✅ |\n\n## After\n\n| Dependency | Status |\n|---|---|\n| T-009 | ✅ |\n", false},
	{"heading in a fence", "# T-001: F\n\n```md\n## Dependencies\n| a |\n|---|\n| T-002 |\n```\n\n## Dependencies\n\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"tilde fence with info and backticks", "# T-001: F\n\n~~~ js `x`\n# T-009: not a title\n## Dependencies\n~~~\n\n## Dependencies\n\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"longer closing fence", "# T-001: F\n\n````\n```\n## Dependencies\n| T-009 |\n````\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"backtick info with backtick is no fence", "# T-001: F\n\n``` a`b\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"unclosed fence", "# T-001: F\n\n## Dependencies\n\n```\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"indented fence", "# T-001: F\n\n  ```\n  ## Dependencies\n  ```\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"fence in list item ended early", "# T-001: F\n\n- step\n  ```sh\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n  ```\n", true},
	{"fence after list marker", "# T-001: F\n\n- ```sh\n  # comment\n  ```\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", true},
	{"html comment", "# T-001: F\n\n<!--\n## Dependencies\n| Dependency |\n|---|\n| T-009 |\n-->\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"one-line html comment", "# T-001: F\n<!-- x -->\n**Status**: Done\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"html block hides a heading", "# T-001: F\n\n<div>\n## Dependencies\n| Dependency |\n|---|\n| T-009 |\n</div>\n\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", true},
	{"inline html then heading", "# T-001: F\n\ntext\n<span>\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", true},
	{"html block without headings", "# T-001: F\n\n<details>\n<summary>x</summary>\ntext\n</details>\n\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"setext dependencies", "# T-001: F\n\nDependencies\n------------\n\n| Dependency |\n|---|\n| T-003 |\n", true},
	{"setext title", "T-001: F\n=======\n\n**Status**: Done\n", true},
	{"setext ends the header", "# T-001: F\n**Status**: Done\n**Estimated Effort**: 2 days\n---\n**Priority**: P1\n\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"setext heading elsewhere", "# T-001: F\n\n## Notes\n\nSome notes\n----------\n\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"setext ends the section", "# T-001: F\n\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n\nMore\n---\n\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"table under a setext bar", "# T-001: F\n\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n---\n| Dependency |\n|---|\n| T-004 |\n", true},
	{"thematic break", "# T-001: F\n\n**Status**: Done\n\n---\n\n## Dependencies\n\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"heading in a list item", "# T-001: F\n\n- item\n  ## Dependencies\n  | Dependency |\n  |---|\n  | T-003 |\n", true},
	{"heading in a block quote", "# T-001: F\n\n> ## Dependencies\n> | Dependency |\n> |---|\n> | T-003 |\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"heading in a list marker line", "# T-001: F\n\n- ## Dependencies\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"indented title", "  # T-001: F\n\n**Status**: Done\n", true},
	{"indented other heading", "# T-001: F\n\n  ## Notes\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"indented code heading", "# T-001: F\n\n    ## Dependencies\n    | T-009 |\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"tab-indented heading", "# T-001: F\n\n\t## Dependencies\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"header dependencies line", "# T-001: F\n\n**Dependencies**: T-002, [x](T-003.md)\n**Status**: Done\n\n## Body\n\n**Dependencies**: T-009\n", false},
	{"header dependencies line as setext", "# T-001: F\n\n**Status**: Done\n**Dependencies**: T-002\n---\n", true},
	{"reference link defined elsewhere", "# T-001: F\n\n## Dependencies\n| Dependency |\n|---|\n| [Svc][s] |\n\n## Links\n\n[s]: ../svc/T-002.md\n", true},
	{"reference definition not used", "# T-001: F\n\n## Dependencies\n| Dependency |\n|---|\n| T-003 |\n\n## Links\n\n[s]: ../svc/T-002.md\n", false},
	{"reference title defined elsewhere", "# [T-001][x]: F\n\n## Links\n[T-001][x]\n\n[x]: /y\n", true},
	{"reference definition inside", "# T-001: F\n\n## Dependencies\n| Dependency |\n|---|\n| [Svc][s] |\n\n[s]: ../svc/T-002.md\n", false},
	{"entity in heading", "# T-001: F\n\n## &#68;ependencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"link in heading", "# T-001: F\n\n## [Dep](x)endencies\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"emphasis in heading", "# T-001: F\n\n## **Dep**endencies & Prerequisites\n| Dependency |\n|---|\n| T-003 |\n", false},
	{"level-1 dependencies", "# T-001: F\n\n# Dependencies\n\n## Required\n| Dependency |\n|---|\n| T-003 |\n## Optional\n| Dependency |\n|---|\n| T-004 |\n# Next\n| Dependency |\n|---|\n| T-005 |\n", false},
	{"nested dependencies headings", "# T-001: F\n\n## 6. Dependencies\n\n### Dependencies (Optional)\n| Dependency |\n|---|\n| T-004 |\n\n## Dependencies\n| Dependency |\n|---|\n| T-005 |\n", false},
	{"dependencies in the header", "# T-001: F\n**Status**: Done\n### Dependencies\n| Dependency |\n|---|\n| T-004 |\n**Priority**: P2\n## Next\n", false},
	{"not a packet", "# Implementation Plan: x\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"no title", "## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"dependencies before the title", "## Dependencies\n| Dependency |\n|---|\n| T-004 |\n# T-001: F\n", false},
	{"no final newline", "# T-001: F\n## Dependencies\n| Dependency |\n|---|\n| T-004 |", false},
	{"crlf and bom", "\xEF\xBB\xBF# T-001: F\r\n\r\n**Status**: ✅ Done\r\n\r\n## Dependencies\r\n\r\n| Dependency | Status |\r\n|---|---|\r\n| T-002 | ❌ |\r\n", false},
	{"empty heading", "# T-001: F\n#\n## \n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"closing hashes", "# T-001: F #\n## Dependencies ##\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"seven hashes", "# T-001: F\n####### Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"deep nesting outside the parts", "# T-001: F\n\n## Notes\n\n" + strings.Repeat("> ", 40) + "deep\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", true},
	{"nesting within the limit", "# T-001: F\n\n## Notes\n\n" + strings.Repeat("> ", 30) + "deep\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"long document", "# T-001: F\n\n## Notes\n\n" + strings.Repeat("text\n", MaxWeight) + "## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", true},
	{"front matter", "---\ntitle: x\ntags: [a, b]\n---\n# T-001: F\n**Status**: Done\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"title in a comment", "<!--\n# T-009: not this\n-->\n# T-001: F\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"dependencies in details", "# T-001: F\n\n## Dependencies\n\n<details>\n<summary>rows</summary>\n\n| Dependency |\n|---|\n| T-004 |\n\n</details>\n\n## Next\n", false},
	{"setext in the prose", "# T-001: F\n\n## Notes\n\nWhy this matters\n================\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"html block interrupts a paragraph", "# T-001: F\n\n<span>x</span>\n<pre>\n## Dependencies\n| Dependency |\n|---|\n| T-009 |\n", true},
	{"depends on under related tasks", "# T-001: F\n\n**Status**: Todo\n\n## Related Tasks\n\nDepends on: T-002\nParent: T-009\n\n## Overview\n\ntext\n", false},
	{"blocks line in a later section", "# T-001: F\n\n## Overview\n\ntext\n\n### Links\n\n**Blocks**: T-003\n\n## End\n", false},
	{"dependency line before the title", "Depends on: T-009\n\n# T-001: F\n\n## Notes\n", false},
	{"front matter and a dependency line before any heading", "---\nid: t-1\n---\nDepends on: T-2\n\n## Notes\n\nBlocks: T-3\n", false},
	{"empty dependency line, then a heading and a list", "# T-001: F\n\n## A\n\nDepends on:\n\n## B\n\n- T-002\n", false},
	{"empty dependency line and its list", "# T-001: F\n\n## A\n\n**Blocked By**:\n- T-002\n- T-003\n\n## B\n", false},
	{"dependency line in a list item", "# T-001: F\n\n## Notes\n\n- Blocked by: T-004\n  and T-005\n", false},
	{"dependency line in a code block", "# T-001: F\n\n## Notes\n\n```\nDepends on: T-009\n```\n", false},
	{"labelled lists in the Dependencies section", "# T-001: F\n\n## Dependencies\n\n**Blocked By**:\n- T-002\n\n**Blocks**:\n- T-003\n- None\n\n**Related**:\n- T-004\n\n**Depends On**: T-005\n", false},
	{"section left out", "# T-001: F\n\n## Dependencies\n\n### Required\n| Dependency |\n|---|\n| T-003 |\n\n### Infrastructure Ready\n\n| Dependency |\n|---|\n| T-009 |\n\n- T-008\n\n### Critical Blocker\n\n**T-003** must be done first.\n\n---\n\n## Checklist\n\n- [ ] T-007\n", false},
	{"label before a section left out", "# T-001: F\n\n## Dependencies\n\n**Blocks**:\n\n### Notes\n\n- T-009\n\n## End\n", false},
	{"sub-heading inherits from a section", "# T-001: F\n\n## Dependencies\n\n### Notes\n\n- T-009\n\n#### Details\n\n| Dependency |\n|---|\n| T-004 |\n\n### Required\n\n#### More\n\n- T-005\n", false},
	{"sub-heading of its own in a section", "# T-001: F\n\n## Dependencies\n\n### Notes\n\n#### Required\n\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"field line in a section", "# T-001: F\n\n## Dependencies\n\n### Notes\n\nDepends on: T-006\n\n**Related**:\n- T-009\n\n**Blocks**:\n- T-010\n\n## End\n", false},
	{"setext sub-heading in a section", "# T-001: F\n\n# Dependencies\n\n## Notes\n\nRequired\n---\n\n| Dependency |\n|---|\n| T-007 |\n\n## Other\n", false},
	{"indented sub-heading in a section", "# T-001: F\n\n# Dependencies\n\n## Notes\n\n  ## Required\n\n| Dependency |\n|---|\n| T-008 |\n\n## Other\n", false},
	{"section in the header", "# T-001: F\n### Dependencies\n| Dependency |\n|---|\n| T-004 |\n### Notes\n**Status**: Done\n**Priority**: P1\n## Next\n", false},
	{"section with markup", "# T-001: F\n\n## Dependencies\n\n### *Required*\n\n| Dependency |\n|---|\n| T-004 |\n\n### Notes &amp; more\n\n- T-005\n\n## End\n", false},
	{"reference definition in a section", "# T-001: F\n\n## Dependencies\n\n| Dependency |\n|---|\n| [Svc][s] |\n\n### Notes\n\n[s]: ../svc/T-002.md\n\n## End\n", false},
	{"many marks beyond the parts", "# T-001: F\n\n## Notes\n\n" + strings.Repeat("[a](", 200) + "\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", true},
	{"many marks over lines beyond the parts", "# T-001: F\n\n## Notes\n\n" + strings.Repeat("    [a](*x*\n", 50) + "\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", true},
	{"many marks in a fence", "# T-001: F\n\n## Notes\n\n```\n" + strings.Repeat("[a](*x*\n", 50) + "```\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"many marks in blocks of their own", "# T-001: F\n\n## Notes\n\n" + strings.Repeat("[a](*x*\n\n", 50) + "## Dependencies\n| Dependency |\n|---|\n| T-004 |\n", false},
	{"many marks in the parts", "# T-001: F\n\n## Dependencies\n| Dependency |\n|---|\n| T-004 " + strings.Repeat("*a", 200) + " |\n", true},
	{"problem beyond the parts", "# T-001: F\n**Estimated Effort**: 5-3 days\n## A\n" + strings.Repeat("text\n", 50) + "## Dependencies\n| Dependency | Status |\n|---|---|\n| T-004 | ✅ |\n", false},
}

// TestFastEqualsWholeTraps reads each trap both ways and checks when the
// fast reader gives up.
func TestFastEqualsWholeTraps(t *testing.T) {
	for _, tt := range traps {
		t.Run(tt.name, func(t *testing.T) {
			whole := readBoth(t, "trap.md", []byte(tt.src))
			assert.Equal(t, tt.whole, whole, "falls back to the whole document")
		})
	}
}

// TestFastEqualsWholeMixed reads seeded random documents made of the traps'
// pieces and of ordinary markdown both ways: for any document, fast ==
// whole.
func TestFastEqualsWholeMixed(t *testing.T) {
	pieces := []string{
		"# T-001: Title\n", "# T-002: Other\n", "# Plan: x\n", "T-003: Setext\n===\n",
		"## Dependencies\n", "### Dependencies\n", "# Dependencies\n", "## 6. Dependencies & Prerequisites\n",
		"### Required (Blocking)\n", "### Optional\n", "#### Nice to Have\n", "## Notes\n", "### Infrastructure Ready\n",
		"| Dependency | Status | Notes |\n|---|---|---|\n| T-010 (svc) | ✅ Complete | x |\n| Stripe | ❌ Missing | T-011 |\n",
		"| Dependency |\n|---|\n| [Svc](T-012.md) |\n| [Ref][r] |\n",
		"**Priority**: P1\n", "**Status**: 🏗️ 40% complete\n", "**Estimated Effort**: 3-5 days\n", "**Dependencies**: T-013\n",
		"- **Status**: Done\n", "Status: Todo\n", "Effort: 2d (likely 3)\n",
		"```\n## Dependencies\n| T-020 |\n```\n", "~~~go\n# T-021: x\n~~~\n", "```\n", "  ```\n", "~~~\n", "    ## Dependencies\n",
		"<!--\n## Dependencies\n-->\n", "<!-- c -->\n", "<div>\n", "</div>\n", "<span>x</span>\n", "<pre>\n", "</pre>\n",
		"---\n", "===\n", "***\n", "- - -\n", "Dependencies\n", "text with Dependencies\n", "plain text\n",
		"- item\n", "  - nested\n", "  ## Dependencies\n", "1. step\n", "   ```sh\n", "   # comment\n", "   ```\n",
		"> quote\n", "> ## Dependencies\n", "> | Dependency |\n", "[r]: T-030.md\n", "[r]:\n", "[Dep]: x\n",
		"Depends on: T-040\n", "**Blocks**: T-041\n", "Blocked by:\n", "**Related**:\n", "- Depends On: T-042\n",
		"## &#68;ependencies\n", "## [Dep](x)endencies\n", "\t## Dependencies\n", "\n", "\n", "\n", "\r\n", "\xEF\xBB\xBF", "âœ… Complete\n",
	}
	r := rand.New(rand.NewSource(5))
	fellBack := 0
	const docs = 3000
	for i := range docs {
		var b strings.Builder
		if r.Intn(2) == 0 {
			b.WriteString("# T-100: Mixed\n\n")
		}
		for range 2 + r.Intn(25) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		if readBoth(t, fmt.Sprintf("mixed-%d.md", i), []byte(b.String())) {
			fellBack++
		}
	}
	t.Logf("%d of %d documents read whole", fellBack, docs)
	assert.Less(t, fellBack, docs*9/10, "the fast reader handles most documents")
}

// FuzzFastEqualsWhole: for any document, the fast reader gives what the
// whole parse gives. Seeded from testdata and the traps.
func FuzzFastEqualsWhole(f *testing.F) {
	_ = filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isMarkdown(path) {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
		return nil
	})
	for _, tt := range traps {
		f.Add([]byte(tt.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		readBoth(t, "fuzz.md", src)
	})
}

// TestDropUnread checks which lines of a Dependencies section goldmark is
// not handed: a sub-heading that says its tables and lists hold no
// dependencies, up to the next heading of its level, unless a line there
// may be read.
func TestDropUnread(t *testing.T) {
	src := []byte("# A-1: a\n## Dependencies\n### Required\n| Dependency |\n|---|\n| A-2 |\n" +
		"### Infrastructure Ready\n| Dependency |\n|---|\n| Postgres |\n### Notes\ntext\n" +
		"### Blocker\nDepends on: A-3\n### Later\n#### Required\n- A-4\n## After\nx\n")
	parts, lines, ok := skim(src, false)
	require.True(t, ok)
	buf, li := joinParts(src, parts, lines)
	assert.Equal(t, "# A-1: a\n## Dependencies\n### Required\n| Dependency |\n|---|\n| A-2 |\n"+
		"### Blocker\nDepends on: A-3\n### Later\n#### Required\n- A-4\n## After\n", string(buf))
	var got []int
	for off := range buf {
		if off == 0 || buf[off-1] == '\n' {
			got = append(got, li.line(off))
		}
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 13, 14, 15, 16, 17, 18}, got)
	readBoth(t, "drop.md", src)
}

// TestJoinPartsLines checks the line numbers of parts laid end to end.
func TestJoinPartsLines(t *testing.T) {
	src := []byte("# A-1: a\nx\n## B\ny\n## Dependencies\nz\n## C\nw")
	parts, lines, ok := skim(src, false)
	require.True(t, ok)
	assert.Equal(t, 8, lines)
	buf, li := joinParts(src, parts, lines)
	assert.Equal(t, "# A-1: a\nx\n## B\n## Dependencies\nz\n## C\n", string(buf))
	var got []int
	for off := range buf {
		if off == 0 || buf[off-1] == '\n' {
			got = append(got, li.line(off))
		}
	}
	assert.Equal(t, []int{1, 2, 3, 5, 6, 7}, got)
	assert.Equal(t, 8, li.count())
}

// TestLineNesting: the scanner's shortcut for a line's nesting gives what
// nesting gives, and its test for a possible thematic break lets every
// break through, on every line of up to six bytes from the bytes that
// matter to them (bullets, digits, ">", spaces, tabs, "_", a letter, a
// 0 byte), with and without a newline.
func TestLineNesting(t *testing.T) {
	alphabet := []byte{' ', '\t', '-', '*', '+', '_', '>', '1', '.', ')', 'x', 0, '\n'}
	lines := 0
	var walk func(b []byte)
	walk = func(b []byte) {
		for _, end := range []string{"", "\n"} {
			line := append(bytes.Clone(b), end...)
			w, pos := indentWidth(b)
			if got, want := lineNesting(line, w, pos), nesting(line); got != want {
				t.Fatalf("lineNesting(%q) = %d, nesting %d", line, got, want)
			}
			if pos < len(b) && !mayBeBreak(b[pos]) && isThematicBreak(b[pos:]) {
				t.Fatalf("%q is a thematic break that mayBeBreak lets go", b[pos:])
			}
			lines++
		}
		if len(b) == 6 {
			return
		}
		for _, c := range alphabet {
			walk(append(b, c))
		}
	}
	walk(nil)
	assert.Greater(t, lines, 1_000_000)
}

// TestCountRunMarks: counting a run's openers with bytes.Count gives what
// countMarks gives, on either side of the length where it switches, for
// every byte value.
func TestCountRunMarks(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	src := bytes.Repeat(all, 4)
	for _, n := range []int{0, 1, 128, 129, 255, 256, 257, 511, 1000, len(src)} {
		for _, from := range []int{0, 1, 7} {
			b := src[from : from+min(n, len(src)-from)]
			assert.Equal(t, countMarks(b), countRunMarks(b), "%d bytes from %d", len(b), from)
		}
	}
	assert.Equal(t, 4*8, countRunMarks(src), "the eight openers, four times")
}

// TestSkimFewMarks: the scanner says a document's blocks hold few marks
// exactly when no run of lines without a blank line between them (fenced
// code apart) holds more than MaxMarks openers, however they are spread
// over its lines; a document with more reads the same as whole, with the
// warning.
func TestSkimFewMarks(t *testing.T) {
	line := strings.Repeat("(", 16) + strings.Repeat("x", 40) + "\n" // 16 openers
	head := "# T-1: Marks\n\n## Dependencies\n\n"
	tests := []struct {
		name string
		body string
		few  bool
	}{
		{"8 lines of 16 in one run", strings.Repeat(line, 8), true},
		{"9 lines of 16 in one run", strings.Repeat(line, 9), false},
		{"9 lines split by a blank line", strings.Repeat(line, 5) + "\n" + strings.Repeat(line, 4), true},
		{"9 lines split by a fence", strings.Repeat(line, 5) + "```\n(((\n```\n" + strings.Repeat(line, 4), true},
		{"a fence's lines are not counted", "```\n" + strings.Repeat(line, 20) + "```\n", true},
		{"the last run, without a newline", strings.Repeat(line, 8) + "((((", false},
		{"a short run of openers only", strings.Repeat("(", 128) + "\n", true},
		{"a short run of one too many", strings.Repeat("(", 129) + "\n", false},
		{"indented lines", strings.Repeat("    "+line, 9), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(head + tt.body)
			_, _, ok, few := skimMarks(src, false)
			assert.Equal(t, tt.few, ok && few, "read fast, with few marks")
			assert.Equal(t, tt.few, !tooManyMarksInRuns(src), "the runs as the test counts them")
			readBoth(t, "marks.md", src)
		})
	}
}

// tooManyMarksInRuns is what skim's manyMarks says, counted plainly: a
// run of lines, between blank lines and the lines of "```" or "~~~"
// fences, that holds more than MaxMarks openers.
func tooManyMarksInRuns(src []byte) bool {
	marks := 0
	var fence byte
	for _, l := range strings.SplitAfter(string(src), "\n") {
		body := strings.TrimLeft(l, " \t>")
		switch {
		case fence != 0:
			if strings.HasPrefix(body, strings.Repeat(string(fence), 3)) {
				fence = 0
			}
		case strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~"):
			fence, marks = body[0], 0
		case strings.TrimSpace(l) == "":
			marks = 0
		default:
			if marks += countMarks([]byte(l)); marks > MaxMarks {
				return true
			}
		}
	}
	return false
}

// TestMayBeDependencies: text may read as a Dependencies heading when its
// letters spell "depend" in any case, across markup, or when it has a
// link or an entity; not when only some of the letters are there, or all
// of them in another order.
func TestMayBeDependencies(t *testing.T) {
	for text, want := range map[string]bool{
		"Dependencies":            true,
		"UPSTREAM DEPENDENCIES":   true,
		"De*pend*encies":          true,
		"de-pend":                 true,
		"[Deps](#x)":              true,
		"&#68;ependencies":        true,
		"Data &amp; more":         true,
		"Database Schema":         false,
		"Depth and pending":       false, // d, e, p, n all there
		"pend ed":                 false,
		"Dépendances":             false, // the é is not an e
		"Data & more":             false, // no entity
		"Implementation Strategy": false,
		"":                        false,
	} {
		assert.Equal(t, want, mayBeDependencies([]byte(text)), "%q", text)
	}
}

// TestMayBeDepLine: a line may be a dependency line when the words come
// before its first ':' and within its first 80 bytes.
func TestMayBeDepLine(t *testing.T) {
	pad := strings.Repeat("x", 80)
	for line, want := range map[string]bool{
		"Depends on: A-1":            true,
		"**Blocked by**: A-1":        true,
		"deps: A-1":                  true,
		"Depends on A-1":             false, // no ':'
		"Notes: depends on A-1":      false, // after the ':'
		"Depends" + pad + ": A-1":    true,  // the word within 80 bytes, the ':' after
		pad + "Depends on: A-1":      false, // the word after 80 bytes
		pad + "Depends on A-1":       false,
		"Blocking" + pad + pad:       false,
		"Blocking" + pad + pad + ":": true,
	} {
		assert.Equal(t, want, mayBeDepLine([]byte(line)), "%q", line)
	}
}
