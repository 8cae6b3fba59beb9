package parser

import "regexp"

// idPattern matches an ID-shaped token: groups of capital letters and digits
// joined by "-", ending in a group of digits that may carry one letter
// ("WP-005A", "WP-053a"). IsID adds the rule that an ID
// has at least one letter, so that dates (2024-01-15) are not IDs.
var idPattern = regexp.MustCompile(`[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]+[A-Za-z]?`)

// IsID reports whether s is a packet ID: groups of capital letters and
// digits joined by "-", ending in a group of digits, with at least one
// letter ("P1-ACCESS-001", "GEN-00042"); the last group of digits may
// carry one letter ("WP-005A", "WP-053a").
func IsID(s string) bool {
	start, end := nextIDMatch(s, 0) // idPattern.FindStringIndex(s)
	return start == 0 && end == len(s) && hasLetter(s)
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// findIDs returns the ID-shaped tokens in s, in order, each once. A token
// must stand on its own: "P1-A-001" counts in "Service (P1-A-001)" and
// "P1-A-001, P1-B-002" (and "P1-A-001b", a lettered ID), but not inside
// "xP1-A-001", "P1-A-001bc" or the file name "P1-A-001-service".
func findIDs(s string) []string {
	if !hasDashDigit(s) {
		return nil // every ID ends in "-" and a digit: no regexp needed
	}
	var ids []string
	var seen idSet
	for start, end := nextIDMatch(s, 0); start >= 0; start, end = nextIDMatch(s, end) {
		if start > 0 && isWordByte(s[start-1]) {
			continue
		}
		if end < len(s) && (isWordByte(s[end]) || s[end] == '-' && end+1 < len(s) && isAlnum(s[end+1])) {
			continue
		}
		id := s[start:end]
		if !hasLetter(id) || !seen.add(&ids, id) {
			continue
		}
	}
	return ids
}

// nextIDMatch returns the next match of idPattern in s at or after from,
// as FindAllStringIndex finds them one after the other, or -1, -1. It
// runs on every cell that may name a packet, so it follows the
// expression by hand (FuzzNextIDMatch holds it to the expression): from a
// start, the groups of [A-Z0-9] joined by "-" run as far as they go, and
// the expression takes the last group that starts with a digit, its
// digits and a letter after them if there is one. A start with no such
// group fails, and so does every start up to the end of its groups.
func nextIDMatch(s string, from int) (start, end int) {
	for st := from; st < len(s); {
		if !isIDByte(s[st]) {
			st++
			continue
		}
		i := st
		for i < len(s) && isIDByte(s[i]) {
			i++
		}
		last := -1 // where the last group that starts with a digit starts
		for i+1 < len(s) && s[i] == '-' && isIDByte(s[i+1]) {
			if s[i+1] >= '0' && s[i+1] <= '9' {
				last = i + 1
			}
			i++
			for i < len(s) && isIDByte(s[i]) {
				i++
			}
		}
		if last < 0 {
			st = i
			continue
		}
		e := last
		for e < len(s) && s[e] >= '0' && s[e] <= '9' {
			e++
		}
		if e < len(s) && (s[e] >= 'A' && s[e] <= 'Z' || s[e] >= 'a' && s[e] <= 'z') {
			e++
		}
		return st, e
	}
	return -1, -1
}

// isIDByte reports whether c is in [A-Z0-9].
func isIDByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }

// hasDashDigit reports whether s has a "-" followed by a digit.
func hasDashDigit[T string | []byte](s T) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '-' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

// idSet deduplicates a list of IDs as it grows: a scan of the list while
// it is short, a map once it is long, so that a cell of 80,000 IDs is read
// in linear time.
type idSet struct{ m map[string]bool }

// add appends id to *list unless it is already there, and reports whether
// it did.
func (s *idSet) add(list *[]string, id string) bool {
	if s.m == nil {
		if len(*list) < 16 {
			if contains(*list, id) {
				return false
			}
			*list = append(*list, id)
			return true
		}
		s.m = make(map[string]bool, 2*len(*list))
		for _, x := range *list {
			s.m[x] = true
		}
	}
	if s.m[id] {
		return false
	}
	s.m[id] = true
	*list = append(*list, id)
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
