package parser

import "regexp"

// idPattern matches an ID-shaped token: groups of capital letters and digits
// joined by "-", ending in a group of digits. IsID adds the rule that an ID
// has at least one letter, so that dates (2024-01-15) are not IDs.
var idPattern = regexp.MustCompile(`[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]+`)

// IsID reports whether s is a packet ID: groups of capital letters and
// digits joined by "-", ending in a group of digits, with at least one
// letter ("P1-ACCESS-001", "GEN-00042").
func IsID(s string) bool {
	loc := idPattern.FindStringIndex(s)
	return loc != nil && loc[0] == 0 && loc[1] == len(s) && hasLetter(s)
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
// "P1-A-001, P1-B-002", but not inside "xP1-A-001", "P1-A-001b" or the file
// name "P1-A-001-service".
func findIDs(s string) []string {
	if !hasDashDigit(s) {
		return nil // every ID ends in "-" and a digit: no regexp needed
	}
	var ids []string
	for _, loc := range idPattern.FindAllStringIndex(s, -1) {
		start, end := loc[0], loc[1]
		if start > 0 && isWordByte(s[start-1]) {
			continue
		}
		if end < len(s) && (isWordByte(s[end]) || s[end] == '-' && end+1 < len(s) && isAlnum(s[end+1])) {
			continue
		}
		id := s[start:end]
		if !hasLetter(id) || contains(ids, id) {
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// hasDashDigit reports whether s has a "-" followed by a digit.
func hasDashDigit(s string) bool {
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
