package hiddentext

import "strings"

// LocationSafe escapes a file name for a line that names it as FILE:LINE
// or FILE: message: every colon followed (after any spaces or tabs) by a
// digit is written \x3a, so that no compiler-style parser (an editor's
// error list, a CI problem matcher) reads a name such as
// "README.md:7: error: cycle: x.md" as the location README.md line 7. A
// colon elsewhere (notes:draft.md, C:\) stays, since no parser reads a
// line number after it.
func LocationSafe(name string) string {
	if !strings.Contains(name, ":") {
		return name
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if name[i] == ':' && digitFollows(name[i+1:]) {
			b.WriteString(`\x3a`)
			continue
		}
		b.WriteByte(name[i])
	}
	return b.String()
}

// digitFollows reports whether s starts with an ASCII digit after any
// spaces and tabs.
func digitFollows(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}
