package parser

import (
	"bytes"
	"fmt"
	"slices"
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

// FuzzSyncIndex builds a board from the fuzzed bytes (packets with random
// statuses and Status line forms, an index file whose task list ticks
// them off at random, with random markers, emphasis and line endings),
// syncs it both ways (the packets the truth, then status_source: index)
// and reads it again: only the boxes or the Status values change, no
// stale claim remains that sync did not report as left alone, and a
// second sync changes nothing.
func FuzzSyncIndex(f *testing.F) {
	f.Add([]byte{3, 0, 1, 2, 0, 1, 2, 3, 4, 5}, "board")
	f.Add([]byte{5, 6, 7, 2, 2, 8, 1, 9, 10, 11, 12, 0, 3, 1}, "x [ ] y")
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
		eol := []string{"\n", "\r\n"}[next(2)]
		forms := []string{"**Status**: %s", "**Status:** %s", "Status: %s", "> **Status: %s**", "- **Status**: **%s**"}
		n := 1 + next(5)
		var files []File
		var index strings.Builder
		index.WriteString("# Board" + eol + eol + desc + eol + eol)
		for i := range n {
			status := syncStatuses[next(len(syncStatuses))]
			src := fmt.Sprintf("# FZI-%03d: Target %d%s%s**Priority**: P1%s", i+1, i, eol, eol, eol)
			if status != "" {
				src += fmt.Sprintf(forms[next(len(forms))], status) + eol
			}
			src += "**Estimated Effort**: 1 day" + eol
			files = append(files, File{Name: fmt.Sprintf("fz/t%d.md", i), Data: []byte(src)})
			box := []string{"[ ]", "[x]", "[X]"}[next(3)]
			id := fmt.Sprintf("FZI-%03d", 1+next(n+1))
			id = []string{id, "**" + id + "**", "[" + id + "](t.md)"}[next(3)]
			index.WriteString([]string{"- ", "* ", "1. ", "  - "}[next(4)] + box + " " + id + " " + desc + eol)
		}
		files = append(files, File{Name: "fz/README.md", Data: []byte(index.String())})
		for _, truth := range []bool{false, true} {
			opts := Options{}
			if truth {
				opts.Config = &Config{StatusSource: StatusSourceIndex}
			}
			set := LoadFiles(files, opts)
			s := NewStatusSyncer(set)
			synced := slices.Clone(files)
			left := map[string]bool{}
			for i, fl := range files {
				res := s.Sync(fl.Name, fl.Data)
				for _, k := range res.Skipped {
					left[fmt.Sprintf("%s:%d", fl.Name, k.Line)] = true
				}
				if len(res.Changes) == 0 && !bytes.Equal(res.Src, fl.Data) {
					t.Fatalf("nothing changed but the bytes differ:\n%q\n%q", fl.Data, res.Src)
				}
				assertOnlyLinesChanged(t, fl.Data, res.Src, res.Changes)
				if again := s.Sync(fl.Name, res.Src); len(again.Changes) > 0 {
					t.Fatalf("a second sync of %s changed %v:\n%s", fl.Name, again.Changes, res.Src)
				}
				synced[i].Data = res.Src
			}
			after := LoadFiles(synced, opts)
			for _, p := range after.Problems {
				if p.Code == CodeStaleStatus && !left[fmt.Sprintf("%s:%d", p.File, p.Line)] {
					t.Fatalf("stale claim neither fixed nor left alone (index truth %v): %s", truth, p)
				}
			}
		}
	})
}

// assertOnlyLinesChanged fails unless after differs from before only in
// the lines of changes, and there only where the old text was.
func assertOnlyLinesChanged(t *testing.T, before, after []byte, changes []CellChange) {
	t.Helper()
	bl, al := bytes.SplitAfter(before, []byte("\n")), bytes.SplitAfter(after, []byte("\n"))
	if len(bl) != len(al) {
		t.Fatalf("the number of lines changed:\n%q\n%q", before, after)
	}
	changed := map[int]CellChange{}
	for _, c := range changes {
		changed[c.Line] = c
	}
	for i := range bl {
		c, ok := changed[i+1]
		if !ok {
			if !bytes.Equal(bl[i], al[i]) {
				t.Fatalf("line %d changed without a change reported:\n%q\n%q", i+1, bl[i], al[i])
			}
			continue
		}
		if !bytes.Equal(bytes.Replace(bl[i], []byte(c.Old), []byte(c.New), 1), al[i]) {
			t.Fatalf("line %d changed beyond %q -> %q:\n%q\n%q", i+1, c.Old, c.New, bl[i], al[i])
		}
	}
}
