package parser

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// scratchCases leave state in goldmark's context that the next document
// must not see: link reference definitions, the list parser's
// thematic-break cache far into a long document, escaped pipes in a
// table's code spans, a table the setext parser saw first.
var scratchCases = []string{
	"# A-1: a\n## Dependencies\n[r]: ../b/A-2.md\n\n| Dependency |\n|---|\n| [A-2][r] |\n",
	"# A-1: a\n\n## Dependencies\n- A-2\n- - -\n- A-3\n* * *\n- A-4\n",
	"# A-1: a\n## Dependencies\n| Dependency | Status |\n|---|---|\n| `A-2 \\| x` | ✅ |\n| A-3 \\| y | ❌ |\n",
	"# A-1: a\n## Dependencies\n| Dependency |\n|---|\n- A-2\n---\n- A-3\n",
}

// TestScratchReuse reads the seeds one after the other with one scratch,
// as a Load worker reads file after file, each of scratchCases also right
// after the longest seed, and each small seed after each of scratchCases,
// fast and whole,
// and compares each with a reading with a new scratch: nothing one
// document leaves in the buffers or in goldmark's context changes what
// the next one gives.
func TestScratchReuse(t *testing.T) {
	seeds := rawSeeds(t)
	for i, s := range scratchCases {
		seeds["scratch case "+string(rune('a'+i))] = []byte(s)
	}
	var names, small []string
	long := ""
	for name, src := range seeds {
		names = append(names, name)
		if len(src) > len(seeds[long]) {
			long = name
		}
		if strings.HasPrefix(name, "scratch ") || strings.HasPrefix(name, "case ") || strings.HasPrefix(name, "trap ") {
			small = append(small, name)
		}
	}
	sort.Strings(names)
	sort.Strings(small)
	sc := new(scratch)
	check := func(first, name string) {
		t.Helper()
		if first != "" {
			readDocumentIn(sc, first, seeds[first], nil)
		}
		p, rows, probs, whole, tmpl, why := readDocumentIn(sc, name, seeds[name], nil)
		wp, wrows, wprobs, wwhole, wtmpl, wwhy := readDocumentIn(new(scratch), name, seeds[name], nil)
		if got, want := docJSON(p, rows, probs), docJSON(wp, wrows, wprobs); got != want || whole != wwhole || tmpl != wtmpl || why != wwhy || !reflect.DeepEqual(rows, wrows) {
			t.Fatalf("%s read after %s differs from %s read alone\nafter: %s\nalone: %s", name, first, name, got, want)
		}
		if first != "" {
			parseWholeIn(sc, first, seeds[first], nil)
		}
		p, rows, probs, tmpl, why = parseWholeIn(sc, name, seeds[name], nil)
		wp, wrows, wprobs, wtmpl, wwhy = parseWholeIn(new(scratch), name, seeds[name], nil)
		if got, want := docJSON(p, rows, probs), docJSON(wp, wrows, wprobs); got != want || tmpl != wtmpl || why != wwhy || !reflect.DeepEqual(rows, wrows) {
			t.Fatalf("%s read whole after %s differs from %s read alone\nafter: %s\nalone: %s", name, first, name, got, want)
		}
	}
	for _, name := range names {
		check("", name)
	}
	for i := range scratchCases {
		check(long, "scratch case "+string(rune('a'+i)))
	}
	for _, first := range []string{"scratch case a", "scratch case b", "scratch case c", "scratch case d"} {
		for _, name := range small {
			check(first, name)
		}
	}
}

// TestScratchStatuses reads the same Status values with one scratch: the
// remembered reading is the reading, each packet has its own progress,
// and a plan.yaml's words are read afresh each time.
func TestScratchStatuses(t *testing.T) {
	sc := new(scratch)
	for _, v := range []string{"🏗️ 40% Complete", "✅ Done", "Shipped", "🏗️ 40% Complete", "", "TBD", "Parked"} {
		r, missing, msg := sc.readStatus(v, nil)
		wr, wmissing, wmsg := readStatus(v, nil)
		if !reflect.DeepEqual(r, wr) || missing != wmissing || msg != wmsg {
			t.Errorf("readStatus(%q) with a scratch = %+v %v %q, without %+v %v %q", v, r, missing, msg, wr, wmissing, wmsg)
		}
	}
	a, _, _ := sc.readStatus("🏗️ 40% Complete", nil)
	b, _, _ := sc.readStatus("🏗️ 40% Complete", nil)
	if a.progress == nil || b.progress == nil || a.progress == b.progress || *a.progress != 40 {
		t.Errorf("two readings share or lose their progress: %v %v", a.progress, b.progress)
	}
	cfg := &Config{Statuses: map[string]Status{}}
	if r, _, _ := sc.readStatus("Parked", cfg); r.status != NotStarted {
		t.Fatalf("Parked without a word for it: %v", r.status)
	}
	cfg.Statuses["parked"] = Complete
	if r, _, _ := sc.readStatus("Parked", cfg); r.status != Complete {
		t.Errorf("Parked after plan.yaml says complete: %v", r.status)
	}
}

// TestScratchEstimates is TestScratchStatuses for Estimated Effort values.
func TestScratchEstimates(t *testing.T) {
	sc := new(scratch)
	values := []string{"2-3 weeks", "M", "3 days (actual: 4 days)", "TBD", "5 points", "soon", "2-3 weeks", "M", "3 days (actual: 4 days)"}
	for _, size := range []bool{false, true} {
		for _, v := range values {
			e, actual, missing, msgs := sc.readEstimate(v, nil, size)
			we, wactual, wmissing, wmsgs := readEstimate(v, nil, size)
			if !reflect.DeepEqual(e, we) || !reflect.DeepEqual(actual, wactual) || missing != wmissing || !reflect.DeepEqual(msgs, wmsgs) {
				t.Errorf("readEstimate(%q, %v) with a scratch = %v %v %v %q, without %v %v %v %q", v, size, e, actual, missing, msgs, we, wactual, wmissing, wmsgs)
			}
		}
	}
	a, aa, _, _ := sc.readEstimate("3 days (actual: 4 days)", nil, false)
	b, ba, _, _ := sc.readEstimate("3 days (actual: 4 days)", nil, false)
	if a == nil || a == b || aa != nil && aa == ba {
		t.Errorf("two readings share their effort: %p %p, %p %p", a, b, aa, ba)
	}
}
