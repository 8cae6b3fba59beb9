package parser

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ConfigFileName is the name of a folder's configuration file.
const ConfigFileName = "plan.yaml"

// maxConfigSize bounds what ReadConfig reads: a plan.yaml is a few lines.
const maxConfigSize = 1 << 20

// Config is what a folder's plan.yaml says that a packet cannot: what the
// team's own status words and T-shirt sizes mean, how long a working day
// and week are, which files to leave out, and defaults for the flags people
// repeat. The zero value is "no plan.yaml": the built-in words, 8 hours a
// day, 5 days a week.
type Config struct {
	// File is the plan.yaml this came from, as displayed; "" when none.
	File string
	// Statuses maps a status word, as normalised by the status reader
	// (lower case, "_" and "-" as spaces, runs of spaces as one), to the
	// status it means. These words win over the built-in ones. Use
	// StatusOf to look a word up.
	Statuses map[string]Status
	// Sizes maps a size word ("M", "XL", "3" story points), upper-cased,
	// to the range of working days it means. Use Size to look a word up.
	Sizes map[string]Effort
	// HoursPerDay converts hours and minutes into days; 0 means 8.
	HoursPerDay float64
	// DaysPerWeek converts weeks into days; 0 means 5.
	DaysPerWeek float64
	// Ignore are globs (slash-separated, relative to the folder of File)
	// of files and folders not to read.
	Ignore []string
	// StatusSource is "index" when an index file's task list, not the
	// packets' own Status lines, is the truth; "" or "packets" otherwise.
	StatusSource string

	// Flag defaults; the zero value means "not set here". Team is a
	// number of people (at least 1), Sprint a sprint length in working
	// days, Start a date (YYYY-MM-DD), Holidays dates (YYYY-MM-DD) that
	// are not working days, Dist a duration distribution's name (checked
	// by the command, which knows the names).
	Team     int
	Sprint   float64
	Start    string
	Holidays []string
	Dist     string
	Seed     *uint64

	// Lines are the 1-based lines of plan.yaml where each key was set, by
	// key, so that messages and `plan config` can say where a value came
	// from. An entry of statuses or sizes is keyed "statuses.WORD" and
	// "sizes.WORD", with WORD as stored in the map.
	Lines map[string]int
}

// DayHours returns the hours in a working day: HoursPerDay, or 8.
func (c *Config) DayHours() float64 {
	if c == nil || c.HoursPerDay == 0 {
		return 8
	}
	return c.HoursPerDay
}

// WeekDays returns the working days in a week: DaysPerWeek, or 5.
func (c *Config) WeekDays() float64 {
	if c == nil || c.DaysPerWeek == 0 {
		return 5
	}
	return c.DaysPerWeek
}

// StatusOf returns the status plan.yaml gives a status word, normalised as
// the Statuses keys are; ok is false when plan.yaml does not name it.
func (c *Config) StatusOf(word string) (st Status, ok bool) {
	if c == nil {
		return NotStarted, false
	}
	st, ok = c.Statuses[StatusWord(word)]
	return st, ok
}

// Size returns the range of days plan.yaml gives a size word, compared
// case-insensitively; ok is false when plan.yaml does not name it.
func (c *Config) Size(word string) (e Effort, ok bool) {
	if c == nil {
		return Effort{}, false
	}
	e, ok = c.Sizes[strings.ToUpper(strings.TrimSpace(word))]
	return e, ok
}

// StatusWord normalises a status word the way the status reader compares
// them: lower case, "_" and "-" read as spaces, runs of spaces as one, no
// spaces at the ends ("READY_FOR_IMPLEMENTATION" -> "ready for
// implementation").
func StatusWord(s string) string {
	s = strings.ToLower(s)
	// In one pass (this runs for every status cell): the words of s, cut
	// at "_", "-" and what strings.Fields calls space, joined by one space.
	plain := true // s is already its words joined by single spaces
	for i := 0; i < len(s) && plain; i++ {
		switch c := s[i]; {
		case c == ' ':
			plain = i > 0 && i+1 < len(s) && s[i+1] != ' '
		case c == '_' || c == '-' || c >= utf8.RuneSelf || asciiSpace(c):
			plain = false
		}
	}
	if plain {
		return s
	}
	return string(appendWords(make([]byte, 0, len(s)), s, true))
}

// asciiSpace reports whether c is an ASCII space as strings.Fields counts
// them.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// ConfigError is a bad key or value in plan.yaml, at a line.
type ConfigError struct {
	File string
	Line int
	Msg  string
}

// Error formats the error as `plan.yaml:LINE: error: message`.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("%s:%d: error: %s", e.File, e.Line, e.Msg)
}

// ConfigErrors are every problem found in one plan.yaml, sorted by line.
type ConfigErrors []*ConfigError

// Error returns the first error and how many more there are.
func (l ConfigErrors) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// FindConfig looks for plan.yaml in the folder of path (path itself when it
// is a folder) and then in its parents, up to and including the repository
// root (the first folder holding a .git entry), or the filesystem root
// outside a repository. It returns the file as displayed (relative to the
// current directory when path is relative), or "" when there is none.
func FindConfig(p string) (string, error) {
	if p == "" || p == "-" {
		p = "."
	}
	dir := p
	if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
		dir = filepath.Dir(p)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		candidate := filepath.Join(abs, ConfigFileName)
		fi, err := os.Stat(candidate)
		switch {
		case err == nil && !fi.IsDir():
			return displayPath(p, candidate), nil
		case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission):
			return "", err
		}
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", nil
		}
		abs = parent
	}
}

// displayPath shows an absolute file the way the user's argument was
// written: relative to the current directory when the argument was.
func displayPath(arg, abs string) string {
	if filepath.IsAbs(arg) {
		return abs
	}
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil {
		return abs
	}
	return rel
}

// ReadConfig reads and checks the plan.yaml at file (as displayed, which is
// also the path opened). A bad key or value is a ConfigErrors; an
// unreadable file is the I/O error.
func ReadConfig(file string) (*Config, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", file)
	}
	if fi.Size() > maxConfigSize {
		return nil, ConfigErrors{{File: file, Line: 1, Msg: fmt.Sprintf("file is larger than %d bytes", maxConfigSize)}}
	}
	src, err := io.ReadAll(io.LimitReader(f, maxConfigSize))
	if err != nil {
		return nil, err
	}
	return ParseConfig(file, src)
}

// yamlLine finds the line in a YAML library error ("yaml: line 3: ...").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// configKeys are the keys plan.yaml may have, in the order `plan config`
// shows them.
var configKeys = []string{
	"statuses", "sizes", "hours_per_day", "days_per_week", "ignore", "status_source",
	"team", "sprint", "start", "holidays", "dist", "seed",
}

// ConfigKeys returns the keys plan.yaml may have, in the order `plan
// config` shows them.
func ConfigKeys() []string { return append([]string(nil), configKeys...) }

// configReader collects the errors of one plan.yaml.
type configReader struct {
	file string
	errs ConfigErrors
}

func (r *configReader) errorf(line int, format string, args ...any) {
	r.errs = append(r.errs, &ConfigError{File: r.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// ParseConfig reads plan.yaml's bytes; file names it in errors and is
// stored in Config.File. Every bad key or value is reported (a
// ConfigErrors, sorted by line); an empty file is a Config with nothing
// set.
func ParseConfig(file string, src []byte) (*Config, error) {
	c := &Config{File: file, Lines: map[string]int{}}
	r := &configReader{file: file}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := 1, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		r.errorf(line, "not valid YAML: %s", msg)
		return nil, r.errs
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		r.errorf(root.Line, "plan.yaml must be a mapping of keys (statuses:, sizes:, ...), not %s", kindName(root))
		return nil, r.errs
	}
	var sizes []*yaml.Node // read after hours_per_day and days_per_week
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if prev, dup := c.Lines[key]; dup {
			r.errorf(k.Line, "%s is set twice (first on line %d)", key, prev)
			continue
		}
		if !knownKey(key) {
			r.errorf(k.Line, "unknown key %q (known keys: %s)", key, strings.Join(configKeys, ", "))
			continue
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue // "key:" with no value sets nothing
		}
		c.Lines[key] = k.Line
		switch key {
		case "statuses":
			r.statuses(c, v)
		case "sizes":
			sizes = append(sizes, v)
		case "hours_per_day":
			c.HoursPerDay = r.number(key, v, 24)
		case "days_per_week":
			c.DaysPerWeek = r.number(key, v, 7)
		case "ignore":
			for _, g := range r.list(key, v) {
				if _, err := path.Match(g.Value, ""); err != nil {
					r.errorf(g.Line, "ignore: %q is not a valid glob", g.Value)
					continue
				}
				c.Ignore = append(c.Ignore, g.Value)
			}
		case "status_source":
			if s, ok := r.scalar(key, v); ok {
				switch s {
				case "packets", "index":
					c.StatusSource = s
				default:
					r.errorf(v.Line, "status_source: %q is not packets or index", s)
				}
			}
		case "team":
			if s, ok := r.scalar(key, v); ok {
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 {
					r.errorf(v.Line, "team: %q is not a number of people (a whole number, at least 1)", s)
				} else {
					c.Team = n
				}
			}
		case "sprint":
			c.Sprint = r.number(key, v, maxDays)
		case "start":
			if s, ok := r.scalar(key, v); ok && r.date(key, s, v.Line) {
				c.Start = s
			}
		case "holidays":
			for _, d := range r.list(key, v) {
				if r.date(key, d.Value, d.Line) {
					c.Holidays = append(c.Holidays, d.Value)
				}
			}
		case "dist":
			if s, ok := r.scalar(key, v); ok {
				c.Dist = s
			}
		case "seed":
			if s, ok := r.scalar(key, v); ok {
				n, err := strconv.ParseUint(s, 10, 64)
				if err != nil {
					r.errorf(v.Line, "seed: %q is not a whole number from 0 to %d", s, uint64(math.MaxUint64))
				} else {
					c.Seed = &n
				}
			}
		}
	}
	for _, v := range sizes {
		r.sizes(c, v)
	}
	if len(r.errs) > 0 {
		sort.SliceStable(r.errs, func(i, j int) bool { return r.errs[i].Line < r.errs[j].Line })
		return nil, r.errs
	}
	return c, nil
}

func knownKey(k string) bool {
	for _, known := range configKeys {
		if k == known {
			return true
		}
	}
	return false
}

// kindName says what a YAML node is, for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("the value %q", n.Value)
}

// scalar returns a key's single value; a list or mapping is an error.
func (r *configReader) scalar(key string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		r.errorf(v.Line, "%s: expected a single value, not %s", key, kindName(v))
		return "", false
	}
	return strings.TrimSpace(v.Value), true
}

// list returns a key's list of values; a single value is a list of one.
func (r *configReader) list(key string, v *yaml.Node) []*yaml.Node {
	switch v.Kind {
	case yaml.ScalarNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				r.errorf(item.Line, "%s: expected a list of values, but an item is %s", key, kindName(item))
				continue
			}
			out = append(out, item)
		}
		return out
	}
	r.errorf(v.Line, "%s: expected a list of values, not %s", key, kindName(v))
	return nil
}

// number reads a positive number no larger than max.
func (r *configReader) number(key string, v *yaml.Node, max float64) float64 {
	s, ok := r.scalar(key, v)
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > 0) || f > max {
		r.errorf(v.Line, "%s: %q is not a number greater than 0 and at most %s", key, s, formatDays(max))
		return 0
	}
	return f
}

// date checks a YYYY-MM-DD date.
func (r *configReader) date(key, s string, line int) bool {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		r.errorf(line, "%s: %q is not a date (YYYY-MM-DD)", key, s)
		return false
	}
	return true
}

// mapping returns the key and value nodes of a mapping key's entries.
func (r *configReader) mapping(key, example string, v *yaml.Node) [][2]*yaml.Node {
	if v.Kind != yaml.MappingNode {
		r.errorf(v.Line, "%s: expected a mapping of words (%s), not %s", key, example, kindName(v))
		return nil
	}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(v.Content); i += 2 {
		out = append(out, [2]*yaml.Node{v.Content[i], v.Content[i+1]})
	}
	return out
}

// statusNames are the values a statuses entry may have.
var statusNames = map[string]Status{
	"not started": NotStarted, "in progress": InProgress, "complete": Complete, "cancelled": Cancelled,
}

func (r *configReader) statuses(c *Config, v *yaml.Node) {
	for _, kv := range r.mapping("statuses", "Shipped: complete", v) {
		k, val := kv[0], kv[1]
		word := StatusWord(k.Value)
		if word == "" {
			r.errorf(k.Line, "statuses: an empty status word")
			continue
		}
		if prev, dup := c.Lines["statuses."+word]; dup {
			r.errorf(k.Line, "statuses: %q is set twice (first on line %d)", k.Value, prev)
			continue
		}
		if val.Kind != yaml.ScalarNode {
			r.errorf(val.Line, "statuses: %s: expected a status, not %s", k.Value, kindName(val))
			continue
		}
		st, ok := statusNames[StatusWord(val.Value)]
		if !ok {
			r.errorf(val.Line, "statuses: %s: %q is not a status (use not_started, in_progress, complete or cancelled)", k.Value, val.Value)
			continue
		}
		if c.Statuses == nil {
			c.Statuses = map[string]Status{}
		}
		c.Statuses[word] = st
		c.Lines["statuses."+word] = k.Line
	}
}

func (r *configReader) sizes(c *Config, v *yaml.Node) {
	for _, kv := range r.mapping("sizes", "M: 3-5d", v) {
		k, val := kv[0], kv[1]
		word := strings.ToUpper(strings.TrimSpace(k.Value))
		if word == "" {
			r.errorf(k.Line, "sizes: an empty size word")
			continue
		}
		if prev, dup := c.Lines["sizes."+word]; dup {
			r.errorf(k.Line, "sizes: %q is set twice (first on line %d)", k.Value, prev)
			continue
		}
		if val.Kind != yaml.ScalarNode {
			r.errorf(val.Line, "sizes: %s: expected a range of days (3-5d), not %s", k.Value, kindName(val))
			continue
		}
		e, msg := sizeEffort(val.Value, c.DayHours(), c.WeekDays())
		if msg != "" {
			r.errorf(val.Line, "sizes: %s: %s", k.Value, msg)
			continue
		}
		if c.Sizes == nil {
			c.Sizes = map[string]Effort{}
		}
		c.Sizes[word] = e
		c.Lines["sizes."+word] = k.Line
	}
}

// sizeEffort reads a size's range with the effort reader ("3-5d", "2
// weeks", "4-6 hours"), converting hours and weeks with the folder's day
// and week.
func sizeEffort(s string, dayHours, weekDays float64) (Effort, string) {
	ev, msg := readEffort(s)
	if msg != "" {
		return Effort{}, msg
	}
	if rest := strings.TrimSpace(ev.rest); rest != "" {
		return Effort{}, fmt.Sprintf("%q is not just a range of days (write it as 3-5d); %q is left over", s, rest)
	}
	if ev.high == 0 {
		return Effort{}, fmt.Sprintf("%q is no time at all", s)
	}
	scale := unitScale(ev.unit, dayHours, weekDays) // minutes too, not only hours
	return Effort{Low: ev.low * scale, High: ev.high * scale}, ""
}

// ignored drops the files plan.yaml's ignore globs name from srcs, except
// files named explicitly in paths (a path named is read whatever it is).
// A glob is matched against the file's path relative to plan.yaml's
// folder, slash-separated; "**" matches any number of folders, and a glob
// that names a folder ("archive", "archive/**") leaves out all under it.
func (c *Config) ignored(srcs []source, paths []string) []source {
	if c == nil || len(c.Ignore) == 0 {
		return srcs
	}
	base, err := filepath.Abs(filepath.Dir(c.File))
	if err != nil {
		return srcs
	}
	named := map[string]bool{}
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			named[filepath.Clean(p)] = true
		}
	}
	kept := srcs[:0:0]
	for _, s := range srcs {
		if s.stdin() || named[s.name] || !c.ignores(base, s.path) {
			kept = append(kept, s)
		}
	}
	return kept
}

// ignores reports whether an ignore glob names file (or a folder it is in).
func (c *Config) ignores(base, file string) bool {
	abs, err := filepath.Abs(file)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false // outside plan.yaml's folder
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for _, g := range c.Ignore {
		glob := strings.Split(strings.Trim(g, "/"), "/")
		// A glob naming a folder leaves out everything under it.
		for n := 1; n <= len(parts); n++ {
			if globMatch(glob, parts[:n]) {
				return true
			}
		}
	}
	return false
}

// globMatch matches path segments against glob segments, each with
// path.Match, and "**" as any number of segments.
func globMatch(glob, parts []string) bool {
	if len(glob) == 0 {
		return len(parts) == 0
	}
	if glob[0] == "**" {
		for i := 0; i <= len(parts); i++ {
			if globMatch(glob[1:], parts[i:]) {
				return true
			}
		}
		return false
	}
	if len(parts) == 0 {
		return false
	}
	ok, err := path.Match(glob[0], parts[0])
	return err == nil && ok && globMatch(glob[1:], parts[1:])
}
