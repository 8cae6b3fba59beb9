// Package suggest finds what a user probably meant by a mistyped name:
// the flag or packet ID nearest to it, for a "did you mean" hint.
package suggest

import "strings"

// maxEdits is how far a suggestion may be from what was typed: two
// edits catch a swapped or missing letter without guessing wildly.
const maxEdits = 2

// Distance is the Levenshtein distance between a and b, in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// ID returns the ID among ids nearest to typed within two edits, compared
// in capital letters (IDs are written in capitals, typed in any case);
// of those equally near, the first in ids. "" when none is that near.
func ID(typed string, ids []string) string {
	typed = strings.ToUpper(typed)
	return nearest(ids, func(id string) int { return Distance(typed, id) })
}

// Flag returns the flag name among names nearest to typed (a name
// without its dashes): within two edits, or one that typed begins when
// typed has two letters or more; of those equally near, the first in
// alphabetical order. "" for a single letter, which is too short to
// guess from, and when none is near.
func Flag(typed string, names []string) string {
	if len(typed) == 1 {
		return ""
	}
	best := ""
	bestD := maxEdits + 1
	for _, name := range names {
		d := Distance(typed, name)
		if strings.HasPrefix(name, typed) && len(typed) >= 2 {
			d = min(d, 1)
		}
		if d < bestD || (d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	return best
}

// nearest is the first candidate with the smallest distance of at most
// maxEdits, or "".
func nearest(candidates []string, dist func(string) int) string {
	best, bestD := "", maxEdits+1
	for _, c := range candidates {
		if d := dist(c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
