package parser

import (
	"reflect"
	"testing"
)

// FuzzNextIDMatch holds nextIDMatch, which follows idPattern by hand, to
// the regular expression: the same matches, one after the other, for any
// text.
func FuzzNextIDMatch(f *testing.F) {
	for _, s := range []string{
		"WP-001", "GEN-00099 (Secure Coupon Store)", "P1-ACCESS-001, P1-B-002", "WP-005A", "WP-053a", "A-1-B-2",
		"A-1B-C", "A-12BC", "xP1-A-001", "P1-A-001bc", "P1-A-001-service", "2024-01-15", "TKT-031..TKT-045",
		"A--1", "-1", "A-", "A-B-C", "AB-CD-1E2-3", "é-1 A-é1 A-1é", "[x](../a/GEN-00001-x.md)", "A-1-",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := idPattern.FindAllStringIndex(s, -1)
		var got [][]int
		for start, end := nextIDMatch(s, 0); start >= 0; start, end = nextIDMatch(s, end) {
			got = append(got, []int{start, end})
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("nextIDMatch on %q gives %v, the expression %v", s, got, want)
		}
	})
}
