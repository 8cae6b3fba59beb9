package parser

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the values of the header fields. Each function takes the
// value as written after "Field:" (already repaired for mis-encoding) and
// returns what it means, or a message saying why it cannot be used.

// fieldKind is a recognised header field.
type fieldKind int

const (
	fieldNone fieldKind = iota
	fieldPriority
	fieldStatus
	fieldEffort
	fieldActual
	fieldDependencies
	fieldSize // a T-shirt size or story points, or an effort
)

// fieldNames maps a field name, lower-cased with single spaces, to its kind.
var fieldNames = map[string]fieldKind{
	"priority":           fieldPriority,
	"status":             fieldStatus,
	"estimated effort":   fieldEffort,
	"effort":             fieldEffort,
	"estimate":           fieldEffort,
	"effort estimate":    fieldEffort,
	"estimated duration": fieldEffort,
	"estimated time":     fieldEffort,
	"time estimate":      fieldEffort,
	"size":               fieldSize,
	"story points":       fieldSize,
	"actual effort":      fieldActual,
	"actual":             fieldActual,
	"dependencies":       fieldDependencies,
	"dependency":         fieldDependencies,
	"depends on":         fieldDependencies,
	"depends":            fieldDependencies,
	"blocked by":         fieldDependencies,
	// The other dependency lines; deps.go says which are optional and
	// which are the reverse edge (depFieldKind).
	"requires":      fieldDependencies,
	"prerequisites": fieldDependencies,
	"prerequisite":  fieldDependencies,
	"hard-deps":     fieldDependencies,
	"hard deps":     fieldDependencies,
	"soft-deps":     fieldDependencies,
	"soft deps":     fieldDependencies,
	"optional":      fieldDependencies,
	"blocks":        fieldDependencies,
	"blocking":      fieldDependencies,
}

// fieldLine matches a header line in the forms "**Field**: value",
// "**Field:** value" and "Field: value" (also with "__", and after a list
// marker). Group 1 is the name, group 2 the value.
var fieldLine = regexp.MustCompile(`^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)?\s*([A-Za-z][A-Za-z -]{0,40}?)\s*(?:(?:\*\*|__)\s*:|:\s*(?:\*\*|__)|:)(.*)$`)

// matchField is fieldLine.FindStringSubmatch(line): nil, or the line, the
// field name and the value. It runs on every line of a header and of a
// Dependencies section, so it follows the expression's choices by hand
// (FuzzMatchField holds it to the expression) instead of running it.
func matchField(line string) []string {
	name, value, ok := splitFieldLine(line)
	if !ok {
		return nil
	}
	return []string{line, name, value}
}

// isFieldLine is fieldLine.MatchString(line).
func isFieldLine(line string) bool {
	_, _, ok := splitFieldLine(line)
	return ok
}

// isRegexpSpace is what \s matches in a Go regular expression.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// skipRegexpSpace returns the index of the first byte from i on that is
// not \s.
func skipRegexpSpace(s string, i int) int {
	for i < len(s) && isRegexpSpace(s[i]) {
		i++
	}
	return i
}

// splitFieldLine matches line against fieldLine, trying what the
// expression tries in the order it tries it, and returns its two groups.
//
// The expression's prefix \s{0,3}(?:[-*+]\s+)?(?:\*\*|__)?\s* can only
// place the name after all the leading spaces: after at most three, a
// list marker and its spaces, then "**" or "__" or neither, then spaces;
// after more than three, nowhere but after them all (a greedy \s that
// gives back a space leaves a space where a marker or a letter must be).
// For each place, in that order, the name is the shortest run of
// [A-Za-z][A-Za-z -]{0,40} after which spaces and a separator follow
// ("**:" or "__:" with spaces before the ':', then ":" with spaces and
// "**" or "__", then ":"), with no newline in the value after it.
func splitFieldLine(line string) (name, value string, ok bool) {
	if strings.IndexByte(line, ':') < 0 {
		return "", "", false // every field line has one: most lines are answered here
	}
	lead := skipRegexpSpace(line, 0)
	try := func(q int) bool {
		name, value, ok = fieldAfter(line, q)
		return ok
	}
	if lead > 3 {
		try(lead)
		return name, value, ok
	}
	emphasis := func(r int) bool {
		for _, m := range []string{"**", "__"} {
			if strings.HasPrefix(line[r:], m) && try(skipRegexpSpace(line, r+2)) {
				return true
			}
		}
		return try(r)
	}
	p := lead
	if p+1 < len(line) && (line[p] == '-' || line[p] == '*' || line[p] == '+') && isRegexpSpace(line[p+1]) {
		if emphasis(skipRegexpSpace(line, p+1)) {
			return name, value, true
		}
	}
	if emphasis(p) {
		return name, value, true
	}
	return "", "", false
}

// fieldAfter matches the rest of fieldLine with the name starting at q:
// the shortest name after which the separator and a value without a
// newline follow.
func fieldAfter(line string, q int) (name, value string, ok bool) {
	if q >= len(line) || !isASCIILetter(line[q]) {
		return "", "", false
	}
	for e := q + 1; e <= len(line) && e-q <= 41; e++ {
		if v, ok := fieldSeparator(line, e); ok {
			return line[q:e], v, true
		}
		if e == len(line) {
			break
		}
		if c := line[e]; !isASCIILetter(c) && c != ' ' && c != '-' {
			break
		}
	}
	return "", "", false
}

// fieldSeparator matches \s*(?:(?:\*\*|__)\s*:|:\s*(?:\*\*|__)|:)(.*)$ at
// e and returns the value.
func fieldSeparator(line string, e int) (string, bool) {
	t := skipRegexpSpace(line, e)
	rest := line[t:]
	if strings.HasPrefix(rest, "**") || strings.HasPrefix(rest, "__") {
		if c := skipRegexpSpace(line, t+2); c < len(line) && line[c] == ':' {
			if v := line[c+1:]; strings.IndexByte(v, '\n') < 0 {
				return v, true
			}
		}
		return "", false
	}
	if !strings.HasPrefix(rest, ":") {
		return "", false
	}
	if c := skipRegexpSpace(line, t+1); strings.HasPrefix(line[c:], "**") || strings.HasPrefix(line[c:], "__") {
		if v := line[c+2:]; strings.IndexByte(v, '\n') < 0 {
			return v, true
		}
	}
	if v := line[t+1:]; strings.IndexByte(v, '\n') < 0 {
		return v, true
	}
	return "", false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// splitField splits a header line into its field and value. ok is false for
// lines that are not "Field: value" lines of a recognised field.
func splitField(line string) (kind fieldKind, name, value string, ok bool) {
	n, v, ok := splitFieldLine(line)
	if !ok {
		return fieldNone, "", "", false
	}
	name = oneSpaced(n)
	var buf [48]byte
	kind = fieldNames[string(appendLowerASCII(buf[:0], name))]
	if kind == fieldNone {
		return fieldNone, "", "", false
	}
	return kind, name, strings.TrimSpace(v), true
}

// oneSpaced is strings.Join(strings.Fields(name), " ") for a field name
// (ASCII letters, spaces and '-'): name itself when it has no space at
// either end and no two in a row, as nearly every name has.
func oneSpaced(name string) string {
	if name == "" || name[0] == ' ' || name[len(name)-1] == ' ' || strings.Contains(name, "  ") {
		return strings.Join(strings.Fields(name), " ")
	}
	return name
}

// appendLowerASCII appends s to b with A-Z lowered: strings.ToLower for
// ASCII s, without a new string (a map index of string(b) copies
// nothing).
func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// plainValue removes markdown emphasis and code marks from a value and trims
// it: "✅ **COMPLETE**" becomes "✅ COMPLETE".
func plainValue(s string) string {
	s = stripMarks(s)
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_"))
}

// stripMarks removes "**", "__", "`" and "\" from s, reading left to
// right ("***" leaves "*"): strings.NewReplacer("**", "", "__", "", "`",
// "", `\`, "").Replace(s), by hand, as every header value runs it
// (FuzzStripMarks holds it to the Replacer). It copies s only when it has
// something to remove.
func stripMarks(s string) string {
	var b strings.Builder
	cut := false
	from := 0 // s[from:i] is still to be copied
	for i := 0; i < len(s); i++ {
		n := 0
		switch c := s[i]; c {
		case '`', '\\':
			n = 1
		case '*', '_':
			if i+1 < len(s) && s[i+1] == c {
				n = 2
			}
		}
		if n == 0 {
			continue
		}
		if !cut {
			b.Grow(len(s) - n)
			cut = true
		}
		b.WriteString(s[from:i])
		i += n - 1
		from = i + 1
	}
	if !cut {
		return s
	}
	b.WriteString(s[from:])
	return b.String()
}

// withoutParens removes the text in parentheses: "✅ Complete (Phase 3)"
// becomes "✅ Complete ". An unclosed parenthesis removes the rest.
func withoutParens(s string) string {
	if !strings.ContainsRune(s, '(') {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isMissing reports whether a value says that it is not known yet.
func isMissing(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	if l == "" || l == "-" || l == "?" || l == "n/a" || l == "none" || strings.HasPrefix(l, "[") {
		return true
	}
	for _, w := range []string{"tbd", "tbc", "unknown", "to be determined", "to be decided"} {
		if hasWordPrefix(l, w) {
			return true
		}
	}
	return false
}

// hasWordPrefix reports whether s starts with the word w.
func hasWordPrefix(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return len(s) == len(w) || !isLetterOrDigit(r)
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// --- Priority ---------------------------------------------------------------

var priorityCode = regexp.MustCompile(`^[Pp]([0-9]+)\b`)
var priorityList = regexp.MustCompile(`^[Pp][0-9]\s*[/|,]\s*[Pp][0-9]`)

// isPriorityList is priorityList.MatchString(s), by hand as every
// packet's Priority runs it (FuzzPriorityPatterns holds it to the
// expression).
func isPriorityList(s string) bool {
	if len(s) < 2 || s[0] != 'P' && s[0] != 'p' || !isDigit(s[1]) {
		return false
	}
	i := skipRegexpSpace(s, 2)
	if i >= len(s) || s[i] != '/' && s[i] != '|' && s[i] != ',' {
		return false
	}
	i = skipRegexpSpace(s, i+1)
	return i+1 < len(s) && (s[i] == 'P' || s[i] == 'p') && isDigit(s[i+1])
}

// priorityDigits is priorityCode.FindStringSubmatch(s)[1], by hand: the
// digits after a leading "P" or "p", ok only when no letter, digit or
// "_" follows them (\b).
func priorityDigits(s string) (digits string, ok bool) {
	if len(s) < 2 || s[0] != 'P' && s[0] != 'p' || !isDigit(s[1]) {
		return "", false
	}
	e := 2
	for e < len(s) && isDigit(s[e]) {
		e++
	}
	if e < len(s) && (isAlnum(s[e]) || s[e] == '_') {
		return "", false
	}
	return s[1:e], true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// priorityWords are the words accepted for P0..P3.
var priorityWords = []string{"critical", "high", "medium", "low"}

// parsePriority reads a Priority value: "P0".."P3" with anything after, or
// Critical/High/Medium/Low. missing is true when the value is empty or TBD;
// msg is set when the value is present but unusable.
func parsePriority(v string) (p Priority, missing bool, msg string) {
	s := plainValue(v)
	if isMissing(s) {
		return NoPriority, true, ""
	}
	if isPriorityList(s) {
		return NoPriority, false, fmt.Sprintf("priority %q lists several priorities; pick one of P0..P3", s)
	}
	if digits, ok := priorityDigits(s); ok {
		n, err := strconv.Atoi(digits)
		if err != nil || n > 3 || len(digits) > 1 {
			return NoPriority, false, fmt.Sprintf("priority %q is not one of P0..P3", firstWord(s))
		}
		return Priority(n), false, ""
	}
	l := strings.ToLower(s)
	for i, w := range priorityWords {
		if hasWordPrefix(l, w) {
			return Priority(i), false, ""
		}
	}
	return NoPriority, false, fmt.Sprintf("priority %q is not one of P0..P3 or Critical, High, Medium, Low", s)
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

// --- Status -----------------------------------------------------------------

// Status emoji (after mis-encoding repair).
const (
	emojiNotStarted = "🚧"
	emojiInProgress = "🏗"
	emojiComplete   = "✅"
	emojiBlocked    = "❌"
	emojiWarning    = "⚠"
)

// percentNumber is what a percentage may be: a whole number or a
// decimal with a point.
var percentNumber = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?$`)

// readPercent reads the first progress percentage of l: a "%" followed
// by the word complete, completed or done ("50% complete", "40 % done";
// "80% of tests pass" and a bare "50%" are none), and the word right
// before its "%" (spaces between allowed; a leading "~" or "(" is not
// part of it). found is false when l has no such "%". bad says why the
// percentage cannot be read ("-5", "0x32", "1,5", "NaN", over 100);
// otherwise n is the percentage rounded down, except that anything above
// 0 and below 100 is 1 to 99, so that "99.5%" is not complete and "0.5%"
// has started.
func readPercent(l string) (n int, found bool, bad string) {
	i := -1
	for from := 0; from < len(l); {
		j := strings.IndexByte(l[from:], '%')
		if j < 0 {
			break
		}
		j += from
		after := strings.TrimLeft(l[j+1:], " \t")
		if hasWordPrefix(after, "complete") || hasWordPrefix(after, "completed") || hasWordPrefix(after, "done") {
			i = j
			break
		}
		from = j + 1
	}
	if i < 0 {
		return 0, false, ""
	}
	end := i
	for end > 0 && (l[end-1] == ' ' || l[end-1] == '\t') {
		end--
	}
	start := end
	for start > 0 && l[start-1] != ' ' && l[start-1] != '\t' && l[start-1] != '(' && l[start-1] != '~' {
		start--
	}
	word := l[start:end]
	if !percentNumber.MatchString(word) {
		return 0, true, fmt.Sprintf("%q that is not a number from 0 to 100", word+"%")
	}
	f, err := strconv.ParseFloat(word, 64)
	if err != nil || f > 100 {
		return 0, true, fmt.Sprintf("%q over 100", word+"%")
	}
	switch {
	case f == 0:
		return 0, true, ""
	case f == 100:
		return 100, true, ""
	}
	return min(max(int(math.Floor(f)), 1), 99), true, ""
}

// statusPhrases are looked for in this order; the first found decides.
// Negations come first so that "not implemented" wins over "implemented"
// and "not started" over "started".
var statusPhrases = []struct {
	words  []string
	status Status
}{
	{[]string{"not started", "not implemented", "not yet started", "not begun", "not yet implemented"}, NotStarted},
	{[]string{"todo", "to do", "planned", "blocked"}, NotStarted},
	{[]string{"in progress", "wip", "started", "ongoing", "partially complete", "partial"}, InProgress},
	{[]string{"complete", "completed", "done", "implemented", "shipped", "finished", "released"}, Complete},
}

// statusWords are the whole status values read without a search, as
// normalised by StatusWord (lower case, "_" and "-" as spaces). The
// phrases search of statusPhrases and then laterPhrases reads the rest.
var statusWords = map[string]Status{
	"backlog": NotStarted, "todo": NotStarted, "to do": NotStarted, "open": NotStarted,
	"draft": NotStarted, "proposed": NotStarted, "planned": NotStarted, "ready": NotStarted,
	"ready for implementation": NotStarted, "approved": NotStarted, "blocked": NotStarted,
	"not started": NotStarted, "new": NotStarted,
	"in progress": InProgress, "in review": InProgress, "review": InProgress, "testing": InProgress,
	"qa": InProgress, "doing": InProgress, "active": InProgress, "wip": InProgress, "started": InProgress,
	"done": Complete, "closed": Complete, "merged": Complete, "released": Complete,
	"resolved": Complete, "verified": Complete, "complete": Complete, "completed": Complete,
	"cancelled": Cancelled, "canceled": Cancelled, "won't do": Cancelled, "wont do": Cancelled,
	"won’t do": Cancelled, "obsolete": Cancelled, "superseded": Cancelled, "abandoned": Cancelled,
}

// laterPhrases are searched after statusPhrases: words that the template's
// phrases would otherwise lose to, such as "Superseded by WP-2".
var laterPhrases = []struct {
	words  []string
	status Status
}{
	{[]string{"cancelled", "canceled", "won't do", "wont do", "won’t do", "obsolete", "superseded", "abandoned"}, Cancelled},
	{[]string{"in review", "review", "testing", "qa", "doing", "active"}, InProgress},
	{[]string{"closed", "merged", "resolved", "verified"}, Complete},
	{[]string{"backlog", "open", "draft", "proposed", "ready", "approved"}, NotStarted},
}

// statusRead is what a Status value says: the status, the percentage of an
// in-progress packet, and whether the packet says it is blocked.
type statusRead struct {
	status   Status
	progress *int
	blocked  bool
}

// parseStatus reads a Status value with the built-in words only; see
// readStatus.
func parseStatus(v string) (st Status, progress *int, missing bool, msg string) {
	r, missing, msg := readStatus(v, nil)
	return r.status, r.progress, missing, msg
}

// readStatus reads a Status value: a word of plan.yaml's statuses (which
// win), the built-in words in any case with "_" or "-" for spaces, the
// template's emoji and words, an "NN% complete" percentage, words in
// parentheses ignored. missing is true for an empty or TBD value; msg is
// set when the value is present but cannot be read (the packet is then
// taken to be not started); an unknown word's msg is unknownStatusMsg's.
func readStatus(v string, cfg *Config) (r statusRead, missing bool, msg string) {
	s := plainValue(v)
	if isMissing(s) {
		return r, true, ""
	}
	if alternatives(s) {
		return r, false, fmt.Sprintf("status %q lists several statuses; keep the one that applies", s)
	}
	core := withoutParens(s)
	word := StatusWord(strings.Trim(core, " .!*_`~:;,"+emojiNotStarted+emojiInProgress+emojiComplete+emojiBlocked+emojiWarning+"\ufe0f"))
	if st, ok := cfg.StatusOf(word); ok {
		return statusRead{status: st, blocked: word == "blocked"}, false, ""
	}
	if st, ok := statusWords[word]; ok {
		return statusRead{status: st, blocked: word == "blocked"}, false, ""
	}
	l := StatusWord(core)
	if phraseIn(l, statusPhrases[0].words) {
		return r, false, ""
	}
	if n, found, bad := readPercent(strings.ToLower(core)); bad != "" {
		return r, false, fmt.Sprintf("status %q has a percentage %s; taken as not started", s, bad)
	} else if found {
		switch n {
		case 0:
			return r, false, ""
		case 100:
			return statusRead{status: Complete}, false, ""
		}
		return statusRead{status: InProgress, progress: &n}, false, ""
	}
	for _, p := range statusPhrases[1:] {
		if phraseIn(l, p.words) {
			return statusRead{status: p.status, blocked: p.status == NotStarted && phraseIn(l, []string{"blocked"})}, false, ""
		}
	}
	for _, p := range laterPhrases {
		if phraseIn(l, p.words) {
			return statusRead{status: p.status}, false, ""
		}
	}
	switch {
	case strings.Contains(core, emojiInProgress):
		return statusRead{status: InProgress}, false, ""
	case strings.Contains(core, emojiComplete):
		return statusRead{status: Complete}, false, ""
	case strings.Contains(core, emojiNotStarted), strings.Contains(core, emojiBlocked):
		return r, false, ""
	}
	return r, false, unknownStatusMsg(s)
}

// unknownStatusMsg is the message of a status word that is not known.
// Load gathers these into one warning per word per folder
// (gatherUnknownStatuses), reading the word back with unknownStatusWord.
func unknownStatusMsg(s string) string {
	return fmt.Sprintf("status %q is not recognised (use 🚧 Not Started, 🏗️ In Progress or ✅ Complete, or map it under statuses: in plan.yaml); taken as not started", s)
}

// unknownStatusWord returns the word of an unknownStatusMsg message.
func unknownStatusWord(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "status ")
	if !ok || !strings.HasSuffix(msg, unknownStatusMsg("")[len(`status ""`):]) {
		return "", false
	}
	q, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "", false
	}
	w, err := strconv.Unquote(q)
	// Only a message unknownStatusMsg wrote: a quoted value may itself
	// hold the words that follow the quote.
	return w, err == nil && unknownStatusMsg(w) == msg
}

// alternatives reports whether a status value lists the template's choices
// ("🚧 Not Started | 🏗️ In Progress | ✅ Complete") instead of one status.
func alternatives(s string) bool {
	n := 0
	for _, e := range []string{emojiNotStarted, emojiInProgress, emojiComplete} {
		if strings.Contains(s, e) {
			n++
		}
	}
	return n > 1 || n == 1 && strings.Contains(s, "|")
}

// phraseIn reports whether one of the phrases occurs in l as whole words.
func phraseIn(l string, phrases []string) bool {
	for _, p := range phrases {
		for i := 0; ; {
			j := strings.Index(l[i:], p)
			if j < 0 {
				break
			}
			j += i
			before, _ := utf8.DecodeLastRuneInString(l[:j])
			after, _ := utf8.DecodeRuneInString(l[j+len(p):])
			if (j == 0 || !isLetterOrDigit(before)) && (j+len(p) == len(l) || !isLetterOrDigit(after)) {
				return true
			}
			i = j + 1
		}
	}
	return false
}

// --- Effort -----------------------------------------------------------------

// maxDays is the largest effort accepted; anything larger is taken to be a
// mistake rather than a plan.
const maxDays = 100000

// effortUnits maps unit words to days.
var effortUnits = map[string]float64{
	"d": 1, "day": 1, "days": 1, "dy": 1, "dys": 1,
	"h": 1.0 / 8, "hr": 1.0 / 8, "hrs": 1.0 / 8, "hour": 1.0 / 8, "hours": 1.0 / 8,
	"min": 1.0 / 480, "mins": 1.0 / 480, "minute": 1.0 / 480, "minutes": 1.0 / 480,
	"w": 5, "wk": 5, "wks": 5, "week": 5, "weeks": 5,
}

// effortRead is one estimate read from the start of a value: a range in
// days, the days per unit it was written in, and the text after it.
type effortRead struct {
	low, high float64
	unit      float64
	unitless  bool
	rest      string
}

// parseEffort reads an Estimated Effort value. It returns the estimate, the
// actual effort when the value carries "(Actual: N days)", and missing for
// TBD or empty values. msgs says what could not be used; when the estimate
// itself cannot be read, e is nil and msgs is not empty.
func parseEffort(v string) (e *Effort, actual *float64, missing bool, msgs []string) {
	s := plainValue(v)
	if isMissing(s) {
		return nil, nil, true, nil
	}
	ev, msg := readEffort(s)
	if msg != "" {
		return nil, nil, false, []string{msg}
	}
	e = &Effort{Low: ev.low, High: ev.high}
	rest := strings.ToLower(ev.rest)
	if v, ok := numberAfter(rest, "likely"); ok {
		lv, msg := readEffort(v)
		likely := lv.low
		if lv.unitless {
			likely = lv.low * ev.unit
		}
		switch {
		case msg != "":
			msgs = append(msgs, "most-likely value: "+msg)
		case lv.low != lv.high || likely < e.Low || likely > e.High:
			msgs = append(msgs, fmt.Sprintf("most-likely value %q is not a single value within %s; ignored", strings.TrimSpace(strings.TrimRight(v, ") ")), formatRange(e.Low, e.High)))
		default:
			e.Likely, e.HasLikely = likely, true
		}
	}
	if v, ok := numberAfter(rest, "actual"); ok {
		a, msg := parseActual(v)
		if msg != "" {
			msgs = append(msgs, "actual effort: "+msg)
		} else {
			actual = a
		}
	}
	return e, actual, false, msgs
}

// numberAfter finds word in rest and returns the text after it when that
// text starts with a number ("(likely 3)", "(most likely: 3 days)",
// "(Actual: 4 days)"). Prose such as "likely to slip" is not a value.
func numberAfter(rest, word string) (string, bool) {
	i := strings.Index(rest, word)
	if i < 0 {
		return "", false
	}
	t := strings.TrimSpace(rest[i+len(word):])
	t = strings.TrimPrefix(t, "effort")
	t = strings.TrimLeft(t, " :=~")
	if t == "" || t[0] < '0' || t[0] > '9' {
		return "", false
	}
	return t, true
}

// parseActual reads an actual effort: a single value or a range (whose
// midpoint is taken).
func parseActual(v string) (*float64, string) {
	s := plainValue(v)
	if isMissing(s) {
		return nil, ""
	}
	ev, msg := readEffort(s)
	if msg != "" {
		return nil, msg
	}
	a := (ev.low + ev.high) / 2
	return &a, ""
}

// unitQualifiers may stand between a number and its unit ("3 working days").
var unitQualifiers = map[string]bool{"working": true, "work": true, "business": true, "dev": true, "developer": true, "person": true, "engineering": true}

// readEffort reads "3-4 days", "3–5 days", "3 to 5 days", "~3 days",
// "2-3d", "1-2 weeks", "16-24 hours", "4h" and the like from the start of
// s; a number without a unit is in days. Whatever follows is returned in
// rest. msg says why s cannot be read.
func readEffort(s string) (ev effortRead, msg string) {
	t := strings.TrimSpace(s)
	for _, p := range []string{"~", "≈", "approximately ", "approx. ", "approx ", "about ", "around ", "roughly ", "circa ", "ca. "} {
		if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
			t = strings.TrimSpace(t[len(p):])
			break
		}
	}
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		return ev, fmt.Sprintf("effort %q is negative", s)
	}
	low, t, msg := readNumber(t, s)
	if msg != "" {
		return ev, msg
	}
	high := low
	// A unit right after the first number: "2d-3d", "3 days".
	perUnit, unitGiven := 1.0, false
	if u, rest := readUnit(t); u != "" {
		if f, ok := effortUnits[strings.ToLower(u)]; ok {
			perUnit, unitGiven, t = f, true, rest
		}
	}
	tt := strings.TrimLeft(t, " ")
	for _, sep := range []string{"-", "–", "—", "to "} {
		if len(tt) < len(sep) || !strings.EqualFold(tt[:len(sep)], sep) {
			continue
		}
		after := strings.TrimLeft(tt[len(sep):], " ~")
		switch {
		case after != "" && after[0] >= '0' && after[0] <= '9':
			h, rest, msg := readNumber(after, s)
			if msg != "" {
				return ev, msg
			}
			high, t = h, rest
		case strings.HasPrefix(after, "-") || strings.HasPrefix(after, "−"):
			return ev, fmt.Sprintf("effort %q is negative", s)
		}
		break
	}
	// The unit after the last number.
	if u, rest := readUnit(t); u != "" {
		lu := strings.ToLower(u)
		if unitQualifiers[lu] {
			u, rest = readUnit(rest)
			lu = strings.ToLower(u)
		}
		f, ok := effortUnits[lu]
		switch {
		case ok:
			perUnit, unitGiven, t = f, true, rest
		case u == "":
			return ev, fmt.Sprintf("effort %q has no unit (use days, hours or weeks)", s)
		case !unitGiven || high != low:
			return ev, fmt.Sprintf("effort %q has an unknown unit %q (use days, hours or weeks)", s, u)
		}
	}
	if low > high {
		return ev, fmt.Sprintf("effort range %q is reversed (the low end is larger than the high end)", s)
	}
	low, high = low*perUnit, high*perUnit
	if high > maxDays {
		return ev, fmt.Sprintf("effort %q is more than %d days", s, maxDays)
	}
	return effortRead{low: low, high: high, unit: perUnit, unitless: !unitGiven, rest: t}, ""
}

// readNumber reads a plain decimal number ("3", "2.5") at the start of t.
func readNumber(t, whole string) (float64, string, string) {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, t, fmt.Sprintf("effort %q does not start with a number of days", whole)
	}
	if i < len(t) && t[i] == '.' && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9' {
		i++
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') && i+1 < len(t) && (t[i+1] >= '0' && t[i+1] <= '9' || t[i+1] == '+' || t[i+1] == '-') {
		return 0, t, fmt.Sprintf("effort %q is not a plain number of days", whole)
	}
	if i < len(t) && (t[i] == ',' || t[i] == '.') && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9' {
		return 0, t, fmt.Sprintf("effort %q is not a plain number of days", whole)
	}
	f, err := strconv.ParseFloat(t[:i], 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || f > maxDays {
		return 0, t, fmt.Sprintf("effort %q is larger than %d days", whole, maxDays)
	}
	return f, t[i:], ""
}

// readUnit reads the word (letters only) at the start of t, after spaces.
func readUnit(t string) (unit, rest string) {
	t = strings.TrimLeft(t, " ")
	i := 0
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += n
	}
	return t[:i], t[i:]
}

// formatDays formats a number of days for messages and dumps: "3", "2.5".
func formatDays(d float64) string {
	return strconv.FormatFloat(d, 'f', -1, 64)
}

func formatRange(low, high float64) string {
	if low == high {
		return formatDays(low) + " days"
	}
	return formatDays(low) + "-" + formatDays(high) + " days"
}

// gatherUnknownStatuses replaces the per-file warnings of unknown status
// words with one warning per word per folder, at the first file and line
// that uses it, saying how many files use it and the plan.yaml key that
// maps it.
func gatherUnknownStatuses(probs []Problem) []Problem {
	type key struct{ dir, word string }
	count := map[key]int{}
	first := map[key]int{}      // index in out of the warning kept
	written := map[key]string{} // the word as the first file writes it
	out := probs[:0]
	for _, pr := range probs {
		w, ok := "", false
		if pr.Code == CodeParse {
			w, ok = unknownStatusWord(pr.Message)
		}
		if !ok {
			out = append(out, pr)
			continue
		}
		k := key{filepath.Dir(pr.File), StatusWord(w)}
		count[k]++
		if i, seen := first[k]; seen {
			if f := out[i]; pr.File < f.File || pr.File == f.File && pr.Line < f.Line {
				out[i].File, out[i].Line, out[i].Packet = pr.File, pr.Line, pr.Packet
				written[k] = w
			}
			continue
		}
		first[k], written[k] = len(out), w
		out = append(out, pr)
	}
	for k, i := range first {
		n := count[k]
		files := "1 file in " + k.dir + " uses it"
		if n > 1 {
			files = fmt.Sprintf("%d files in %s use it", n, k.dir)
		}
		out[i].Message = fmt.Sprintf("status %q is not recognised (%s); taken as not started; to say what it means, add to plan.yaml statuses: {%q: complete} (or not_started, in_progress, cancelled)", written[k], files, k.word)
	}
	return out
}

// --- Sizes ------------------------------------------------------------------

// tshirtSizes are the size words read as sizes rather than as text.
var tshirtSizes = map[string]bool{
	"XXS": true, "XS": true, "S": true, "M": true, "L": true, "XL": true, "XXL": true, "XXXL": true,
	"SMALL": true, "MEDIUM": true, "LARGE": true,
}

// pointWords are the units of story points ("5 points", "3 SP").
var pointWords = map[string]bool{"point": true, "points": true, "pts": true, "pt": true, "sp": true, "story points": true}

// sizeWord returns the T-shirt size or story points that a value starts
// with ("M", "XL (big)", "5 points"; a bare number too when the field is a
// Size field), upper-cased as plan.yaml's sizes are keyed, or "".
func sizeWord(s string, sizeField bool) string {
	t := strings.TrimSpace(withoutParens(s))
	f := strings.Fields(t)
	if len(f) == 0 {
		return ""
	}
	w := strings.ToUpper(strings.Trim(f[0], ".,;:-–—"))
	if tshirtSizes[w] && (len(f) == 1 || !unicode.IsDigit(rune(f[1][0]))) {
		return w
	}
	if _, err := strconv.ParseFloat(w, 64); err == nil {
		rest := strings.ToLower(strings.Join(f[1:], " "))
		if pointWords[rest] || sizeField && rest == "" {
			return w
		}
	}
	return ""
}

// sizeMsg is the message of a size that plan.yaml does not map. Load
// gathers these into one warning per folder (gatherSizes).
func sizeMsg(word string) string {
	return fmt.Sprintf("effort %q is a size, which means no days until plan.yaml says so (sizes: {%s: 3-5d}); the packet is planned without an estimate", word, word)
}

// sizeOfMsg returns the size word of a sizeMsg message.
func sizeOfMsg(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "effort ")
	if !ok || !strings.Contains(msg, "\" is a size, which means no days") {
		return "", false
	}
	q, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "", false
	}
	w, err := strconv.Unquote(q)
	// Only a message sizeMsg wrote: another effort message quotes the
	// value, which may hold the words that follow sizeMsg's quote
	// ("x\" is a size, which means no days" was gathered as a size).
	return w, err == nil && sizeMsg(w) == msg
}

// readEstimate reads an effort or size value with plan.yaml's sizes and
// its working day and week: a size plan.yaml maps, else an effort
// ("3-5 days", "30 min", "15-30 minutes", or a range inside words as in
// "Medium (4-5 hours)"), else a size (no estimate, and a sizeMsg). A Size
// field that is none of these ("505 bytes") is not an estimate and says
// nothing.
func readEstimate(v string, cfg *Config, sizeField bool) (e *Effort, actual *float64, missing bool, msgs []string) {
	s := plainValue(v)
	if isMissing(s) {
		return nil, nil, true, nil
	}
	size := sizeWord(s, sizeField)
	if size != "" {
		if m, ok := cfg.Size(size); ok {
			return &m, nil, false, nil
		}
	}
	t := s
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsLetter(r) {
		// A range inside words: "Medium (4-5 hours)". Only with a unit:
		// "Sprint 3" is no estimate.
		if i := strings.IndexAny(s, "0123456789"); i > 0 {
			if ev, msg := readEffort(s[i:]); msg == "" && !ev.unitless {
				t = s[i:]
			}
		}
	}
	ev, msg := readEffort(t)
	switch {
	case size != "" && (msg != "" || ev.unitless):
		return nil, nil, false, []string{sizeMsg(size)}
	case msg != "" && sizeField:
		return nil, nil, false, nil
	}
	e, actual, missing, msgs = parseEffort(t)
	if e != nil {
		if f := unitScale(ev.unit, cfg.DayHours(), cfg.WeekDays()); f != 1 {
			*e = e.Scale(f)
		}
	}
	return e, actual, missing, msgs
}

// unitScale converts days read with the built-in 8-hour day and 5-day
// week into days of the folder's day and week.
func unitScale(unit, dayHours, weekDays float64) float64 {
	switch {
	case unit < 1: // hours and minutes
		return 8 / dayHours
	case unit > 1: // weeks
		return weekDays / 5
	}
	return 1
}

// gatherSizes replaces the per-file warnings of unmapped sizes with one
// warning per folder, at the first file and line, naming the sizes found.
func gatherSizes(probs []Problem) []Problem {
	type found struct {
		at    int // index in out of the warning kept
		files int
		sizes map[string]bool
	}
	byDir := map[string]*found{}
	out := probs[:0]
	for _, pr := range probs {
		w, ok := "", false
		if pr.Code == CodeMissingEffort {
			w, ok = sizeOfMsg(pr.Message)
		}
		if !ok {
			out = append(out, pr)
			continue
		}
		dir := filepath.Dir(pr.File)
		f := byDir[dir]
		if f == nil {
			f = &found{at: len(out), sizes: map[string]bool{}}
			byDir[dir] = f
			out = append(out, pr)
		} else if k := out[f.at]; pr.File < k.File || pr.File == k.File && pr.Line < k.Line {
			out[f.at].File, out[f.at].Line, out[f.at].Packet = pr.File, pr.Line, pr.Packet
		}
		f.files++
		f.sizes[w] = true
	}
	for dir, f := range byDir {
		var sizes []string
		for w := range f.sizes {
			sizes = append(sizes, w)
		}
		slices.Sort(sizes)
		files := "1 file"
		if f.files > 1 {
			files = fmt.Sprintf("%d files", f.files)
		}
		out[f.at].Message = fmt.Sprintf("sizes %s (%s in %s) mean no days until plan.yaml says so (sizes: {%s: 3-5d}); those packets are planned without an estimate", strings.Join(sizes, ", "), files, dir, sizes[0])
	}
	return out
}
