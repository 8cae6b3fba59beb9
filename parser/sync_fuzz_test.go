package parser

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// syncStatuses are Status lines a fuzzed target packet may have: the
// template's, other dialects', ones plan cannot read, and none ("").
var syncStatuses = []string{"🚧 Not Started", "🏗️ In Progress", "✅ Complete", "🏗️ 40% Complete", "Done", "WIP", "Deployed", "", "❌ Cancelled"}

// syncCells are status cells a fuzzed row may have.
var syncCells = []string{"✅ Complete", "❌ Blocked", "🚧 Not Started", "🏗️ In Progress", "**✅ Done**", "✅", "Ready", "`✅ Complete`", "✅ Complete <!-- x -->", "[✅ Done](ci.md)", "✅[^1]", "🏗️ 50% Complete", "", "Missing", "âœ… Complete"}

// FuzzSync builds a folder from the fuzzed bytes (target packets with
// random statuses, one of them duplicated at times, and a packet whose
// Dependencies table names them with random status cells, prefixes,
// spacing, line endings and description text), syncs it and reads it
// again: no stale cell remains that sync did not report as left alone,
// every byte outside the rewritten cells is unchanged, no comment, link or
// footnote is dropped, and a second sync changes nothing.
func FuzzSync(f *testing.F) {
	f.Add([]byte{3, 0, 1, 2, 0, 1, 2, 3, 4, 5}, "deployed last week")
	f.Add([]byte{5, 6, 7, 2, 2, 8, 1, 9, 10, 11, 12, 0, 3, 1}, "a | b")
	f.Add([]byte{2, 255, 254, 1, 0, 7, 3, 200, 100}, "x\\|y `z|w`")
	f.Fuzz(func(t *testing.T, choices []byte, desc string) {
		next := func(n int) int {
			if len(choices) == 0 {
				return 0
			}
			c := int(choices[0])
			choices = choices[1:]
			return c % n
		}
		desc = strings.NewReplacer("\n", " ", "\r", " ").Replace(desc)
		targets := 1 + next(5)
		var files []File
		for i := range targets {
			status := syncStatuses[next(len(syncStatuses))]
			src := fmt.Sprintf("# FZS-%03d: Target %d\n\n**Priority**: P1\n", i+2, i)
			if status != "" {
				src += "**Status**: " + status + "\n"
			}
			src += "**Estimated Effort**: 1 day\n"
			files = append(files, File{Name: fmt.Sprintf("fz/t%d.md", i), Data: []byte(src)})
		}
		if next(4) == 0 { // a second file with the ID of the first target
			files = append(files, File{Name: "fz/u.md", Data: []byte("# FZS-002: Again\n\n**Priority**: P1\n**Status**: " + syncStatuses[next(len(syncStatuses))] + "\n**Estimated Effort**: 1 day\n")})
		}
		eol := []string{"\n", "\r\n"}[next(2)]
		prefix := []string{"", "> ", "    > ", "  "}[next(4)]
		var main strings.Builder
		main.WriteString("# FZS-001: Main\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 2 days\n\n## Dependencies\n\n")
		if prefix == "    > " {
			main.WriteString("- Required:\n\n")
		}
		lines := []string{"| Dependency | Status | Description |", "|---|---|---|"}
		rows := 1 + next(6)
		for range rows {
			id := fmt.Sprintf("FZS-%03d", 2+next(targets+1)) // at times one no file has
			if next(5) == 0 {
				id += ", " + fmt.Sprintf("FZS-%03d", 2+next(targets))
			}
			pad := strings.Repeat(" ", next(3))
			lead := []string{"| ", "|", ""}[next(3)]
			lines = append(lines, lead+id+" |"+pad+syncCells[next(len(syncCells))]+pad+" | "+desc+" |")
		}
		for _, l := range lines {
			main.WriteString(prefix + l + eol)
		}
		main.WriteString(eol + "## Notes" + eol + eol + desc + eol)
		src := []byte(main.String())
		files = append(files, File{Name: "fz/main.md", Data: src})

		set := LoadFiles(files, Options{})
		s := NewStatusSyncer(set)
		res := s.Sync("fz/main.md", src)
		if len(res.Changes) == 0 && !bytes.Equal(res.Src, src) {
			t.Fatalf("nothing changed but the bytes differ:\n%q\n%q", src, res.Src)
		}
		assertOnlyStatusCells(t, src, res.Src, res.Changes)
		for _, kept := range []string{"<!--", "](", "[^"} {
			if bytes.Count(res.Src, []byte(kept)) != bytes.Count(src, []byte(kept)) {
				t.Fatalf("sync dropped a %q:\n%s", kept, res.Src)
			}
		}

		again := s.Sync("fz/main.md", res.Src)
		if len(again.Changes) > 0 || !bytes.Equal(again.Src, res.Src) {
			t.Fatalf("a second sync changed %v:\n%s", again.Changes, res.Src)
		}

		files[len(files)-1].Data = res.Src
		after := LoadFiles(files, Options{})
		left := map[int]bool{}
		for _, k := range res.Skipped {
			left[k.Line] = true
		}
		for _, p := range after.Problems {
			if p.Code == CodeStaleStatus && p.File == "fz/main.md" && !left[p.Line] {
				t.Fatalf("stale cell neither fixed nor reported as left alone: %s\n%s", p, res.Src)
			}
		}
	})
}
