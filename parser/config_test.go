package parser

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func u64(n uint64) *uint64 { return &n }

// TestParseConfigKeys reads each key of plan.yaml and checks what it means
// and on which line it was set.
func TestParseConfigKeys(t *testing.T) {
	src := `# the team's settings
statuses:
  Shipped: complete
  READY_FOR_QA: in_progress
  Won't Do: cancelled
  parked: Not-Started
sizes:
  S: 1d
  m: 3-5d
  XL: 2 weeks
  3: 4-6 hours
hours_per_day: 6
days_per_week: 4
ignore:
  - archive/**
  - "*.draft.md"
status_source: index
team: 3
sprint: 10
start: 2026-12-01
holidays: [2026-12-24, 2026-12-25]
dist: pert
seed: 42
`
	c, err := ParseConfig("plan.yaml", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, "plan.yaml", c.File)
	assert.Equal(t, map[string]Status{
		"shipped": Complete, "ready for qa": InProgress, "won't do": Cancelled, "parked": NotStarted,
	}, c.Statuses)
	assert.Equal(t, map[string]Effort{
		"S": {Low: 1, High: 1}, "M": {Low: 3, High: 5},
		// Weeks of 4 days and days of 6 hours, whatever the order of keys.
		"XL": {Low: 8, High: 8}, "3": {Low: 4.0 / 6, High: 1},
	}, c.Sizes)
	assert.Equal(t, 6.0, c.HoursPerDay)
	assert.Equal(t, 4.0, c.DaysPerWeek)
	assert.Equal(t, []string{"archive/**", "*.draft.md"}, c.Ignore)
	assert.Equal(t, "index", c.StatusSource)
	assert.Equal(t, 3, c.Team)
	assert.Equal(t, 10.0, c.Sprint)
	assert.Equal(t, "2026-12-01", c.Start)
	assert.Equal(t, []string{"2026-12-24", "2026-12-25"}, c.Holidays)
	assert.Equal(t, "pert", c.Dist)
	assert.Equal(t, u64(42), c.Seed)
	assert.Equal(t, map[string]int{
		"statuses": 2, "statuses.shipped": 3, "statuses.ready for qa": 4, "statuses.won't do": 5, "statuses.parked": 6,
		"sizes": 7, "sizes.S": 8, "sizes.M": 9, "sizes.XL": 10, "sizes.3": 11,
		"hours_per_day": 12, "days_per_week": 13, "ignore": 14, "status_source": 17,
		"team": 18, "sprint": 19, "start": 20, "holidays": 21, "dist": 22, "seed": 23,
	}, c.Lines)

	// Lookups normalise the word as the status reader does.
	st, ok := c.StatusOf("Ready-For-QA")
	assert.True(t, ok)
	assert.Equal(t, InProgress, st)
	_, ok = c.StatusOf("Done")
	assert.False(t, ok, "built-in words are not plan.yaml's")
	e, ok := c.Size(" xl ")
	assert.True(t, ok)
	assert.Equal(t, Effort{Low: 8, High: 8}, e)
	assert.Equal(t, 6.0, c.DayHours())
	assert.Equal(t, 4.0, c.WeekDays())
}

// TestParseConfigEmpty: an empty plan.yaml, or keys with no value, set
// nothing; the defaults are 8 hours and 5 days.
func TestParseConfigEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n", "team:\nsizes:\n"} {
		c, err := ParseConfig("plan.yaml", []byte(src))
		require.NoError(t, err, src)
		assert.Empty(t, c.Statuses)
		assert.Empty(t, c.Sizes)
		assert.Zero(t, c.Team)
		assert.Empty(t, c.Lines)
		assert.Equal(t, 8.0, c.DayHours())
		assert.Equal(t, 5.0, c.WeekDays())
	}
	var none *Config
	assert.Equal(t, 8.0, none.DayHours())
	_, ok := none.Size("M")
	assert.False(t, ok)
}

// TestParseConfigSingleValues: ignore and holidays take one value as a
// list of one.
func TestParseConfigSingleValues(t *testing.T) {
	c, err := ParseConfig("plan.yaml", []byte("ignore: drafts/*\nholidays: 2026-12-25\nstatus_source: packets\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"drafts/*"}, c.Ignore)
	assert.Equal(t, []string{"2026-12-25"}, c.Holidays)
	assert.Equal(t, "packets", c.StatusSource)
}

// TestParseConfigErrors: every bad key or value is reported at its line,
// as a user would see it.
func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"not YAML", "team: 3\n  sizes: [\n", `docs/plan.yaml:2: error: not valid YAML: mapping values are not allowed in this context`},
		{"not a mapping", "- team\n", `docs/plan.yaml:1: error: plan.yaml must be a mapping of keys (statuses:, sizes:, ...), not a list`},
		{"unknown key", "team: 2\nteams: 3\n", `docs/plan.yaml:2: error: unknown key "teams" (known keys: statuses, sizes, hours_per_day, days_per_week, ignore, status_source, team, sprint, start, holidays, dist, seed)`},
		{"key twice", "team: 2\nseed: 1\nteam: 3\n", `docs/plan.yaml:3: error: team is set twice (first on line 1)`},
		{"statuses not a mapping", "statuses: [Done]\n", `docs/plan.yaml:1: error: statuses: expected a mapping of words (Shipped: complete), not a list`},
		{"status unknown", "statuses:\n  Shipped: finished\n", `docs/plan.yaml:2: error: statuses: Shipped: "finished" is not a status (use not_started, in_progress, complete or cancelled)`},
		{"status a list", "statuses:\n  Shipped: [complete]\n", `docs/plan.yaml:2: error: statuses: Shipped: expected a status, not a list`},
		{"status word twice", "statuses:\n  In_Review: in_progress\n  in review: complete\n", `docs/plan.yaml:3: error: statuses: "in review" is set twice (first on line 2)`},
		{"status word empty", "statuses:\n  \"\": complete\n", `docs/plan.yaml:2: error: statuses: an empty status word`},
		{"sizes not a mapping", "sizes: 3-5d\n", `docs/plan.yaml:1: error: sizes: expected a mapping of words (M: 3-5d), not the value "3-5d"`},
		{"size unreadable", "sizes:\n  M: medium\n", `docs/plan.yaml:2: error: sizes: M: effort "medium" does not start with a number of days`},
		{"size reversed", "sizes:\n  M: 5-3d\n", `docs/plan.yaml:2: error: sizes: M: effort range "5-3d" is reversed (the low end is larger than the high end)`},
		{"size with words after", "sizes:\n  M: 3-5d or so\n", `docs/plan.yaml:2: error: sizes: M: "3-5d or so" is not just a range of days (write it as 3-5d); "or so" is left over`},
		{"size zero", "sizes:\n  XS: 0d\n", `docs/plan.yaml:2: error: sizes: XS: "0d" is no time at all`},
		{"size twice", "sizes:\n  m: 1d\n  M: 2d\n", `docs/plan.yaml:3: error: sizes: "M" is set twice (first on line 2)`},
		{"size a mapping", "sizes:\n  M:\n    low: 3\n", `docs/plan.yaml:3: error: sizes: M: expected a range of days (3-5d), not a mapping`},
		{"hours not a number", "hours_per_day: eight\n", `docs/plan.yaml:1: error: hours_per_day: "eight" is not a number greater than 0 and at most 24`},
		{"hours too many", "hours_per_day: 25\n", `docs/plan.yaml:1: error: hours_per_day: "25" is not a number greater than 0 and at most 24`},
		{"days zero", "days_per_week: 0\n", `docs/plan.yaml:1: error: days_per_week: "0" is not a number greater than 0 and at most 7`},
		{"days a list", "days_per_week: [5]\n", `docs/plan.yaml:1: error: days_per_week: expected a single value, not a list`},
		{"bad glob", "ignore:\n  - ok/*\n  - \"[archive\"\n", `docs/plan.yaml:3: error: ignore: "[archive" is not a valid glob`},
		{"ignore a mapping", "ignore:\n  a: b\n", `docs/plan.yaml:2: error: ignore: expected a list of values, not a mapping`},
		{"ignore item a list", "ignore:\n  - [a]\n", `docs/plan.yaml:2: error: ignore: expected a list of values, but an item is a list`},
		{"status source", "status_source: board\n", `docs/plan.yaml:1: error: status_source: "board" is not packets or index`},
		{"team zero", "team: 0\n", `docs/plan.yaml:1: error: team: "0" is not a number of people (a whole number, at least 1)`},
		{"team fraction", "team: 2.5\n", `docs/plan.yaml:1: error: team: "2.5" is not a number of people (a whole number, at least 1)`},
		{"sprint negative", "sprint: -10\n", `docs/plan.yaml:1: error: sprint: "-10" is not a number greater than 0 and at most 100000`},
		{"start not a date", "start: next monday\n", `docs/plan.yaml:1: error: start: "next monday" is not a date (YYYY-MM-DD)`},
		{"holiday not a date", "holidays:\n  - 2026-12-25\n  - 2026-13-01\n", `docs/plan.yaml:3: error: holidays: "2026-13-01" is not a date (YYYY-MM-DD)`},
		{"dist a list", "dist: [pert]\n", `docs/plan.yaml:1: error: dist: expected a single value, not a list`},
		{"seed negative", "seed: -1\n", `docs/plan.yaml:1: error: seed: "-1" is not a whole number from 0 to 18446744073709551615`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig("docs/plan.yaml", []byte(tt.src))
			require.Error(t, err)
			assert.Nil(t, c)
			var list ConfigErrors
			require.True(t, errors.As(err, &list), "a ConfigErrors, so the command can exit 2")
			assert.Equal(t, tt.want, err.Error())
		})
	}
}

// TestParseConfigSeveralErrors: all errors are reported, sorted by line,
// and the message says how many more there are.
func TestParseConfigSeveralErrors(t *testing.T) {
	_, err := ParseConfig("plan.yaml", []byte("sizes:\n  M: lots\nteam: none\ncolour: blue\n"))
	var list ConfigErrors
	require.True(t, errors.As(err, &list))
	require.Len(t, list, 3)
	assert.Equal(t, []int{2, 3, 4}, []int{list[0].Line, list[1].Line, list[2].Line})
	assert.Equal(t, `plan.yaml:2: error: sizes: M: effort "lots" does not start with a number of days (and 2 more errors)`, err.Error())
}

// TestStatusWord normalises as the status reader does.
func TestStatusWord(t *testing.T) {
	assert.Equal(t, "ready for implementation", StatusWord("READY_FOR_IMPLEMENTATION"))
	assert.Equal(t, "in review", StatusWord("  In-Review "))
	assert.Equal(t, "to do", StatusWord("To   Do"))
}

// TestFindConfig looks in the folder, then its parents, and stops at the
// repository root.
func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	packets := filepath.Join(repo, "docs", "packets")
	require.NoError(t, os.MkdirAll(packets, 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	write := func(p string) {
		require.NoError(t, os.WriteFile(p, []byte("team: 2\n"), 0o644))
	}
	t.Chdir(repo)

	// Above the repository root does not count.
	write(filepath.Join(root, ConfigFileName))
	got, err := FindConfig("docs/packets")
	require.NoError(t, err)
	assert.Equal(t, "", got, "plan.yaml above the repository root is not this folder's")

	// The repository root's, shown relative to the current directory.
	write(filepath.Join(repo, ConfigFileName))
	got, err = FindConfig("docs/packets")
	require.NoError(t, err)
	assert.Equal(t, "plan.yaml", got)

	// A file argument looks from its folder; the nearest plan.yaml wins.
	write(filepath.Join(repo, "docs", ConfigFileName))
	require.NoError(t, os.WriteFile(filepath.Join(packets, "A-1.md"), []byte("# A-1: a\n"), 0o644))
	got, err = FindConfig("docs/packets/A-1.md")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("docs", ConfigFileName), got)

	// An absolute argument gives an absolute path.
	got, err = FindConfig(packets)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(repo, "docs", ConfigFileName), got)

	// Standard input and no argument look from the current directory.
	t.Chdir(packets)
	got, err = FindConfig("-")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("..", ConfigFileName), got)

	// A folder named plan.yaml is not a config file.
	require.NoError(t, os.Mkdir(filepath.Join(packets, ConfigFileName), 0o755))
	got, err = FindConfig(".")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("..", ConfigFileName), got)
}

// TestFindConfigOutsideRepository goes up to the filesystem root when no
// folder holds .git.
func TestFindConfigOutsideRepository(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, ConfigFileName), []byte("team: 2\n"), 0o644))
	got, err := FindConfig(deep)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, ConfigFileName), got)
}

// TestReadConfig reads a file and names it in errors.
func TestReadConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ConfigFileName)
	require.NoError(t, os.WriteFile(file, []byte("team: 4\n"), 0o644))
	c, err := ReadConfig(file)
	require.NoError(t, err)
	assert.Equal(t, 4, c.Team)
	assert.Equal(t, file, c.File)

	require.NoError(t, os.WriteFile(file, []byte("team: lots\n"), 0o644))
	_, err = ReadConfig(file)
	assert.EqualError(t, err, file+`:1: error: team: "lots" is not a number of people (a whole number, at least 1)`)

	_, err = ReadConfig(filepath.Join(dir, "missing.yaml"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	_, err = ReadConfig(dir)
	assert.EqualError(t, err, dir+": not a regular file")
}

// TestLoadIgnore: files plan.yaml's ignore globs name are not read, unless
// named on the command line.
func TestLoadIgnore(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, src string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	packet := func(id string) string { return "# " + id + ": x\n\n**Status**: Todo\n" }
	write("plan.yaml", "ignore:\n  - archive\n  - \"**/*.draft.md\"\n  - drafts/*.md\n")
	write("docs/IG-001.md", packet("IG-001"))
	write("docs/IG-002.draft.md", packet("IG-002"))
	write("archive/old/IG-003.md", packet("IG-003"))
	write("drafts/IG-004.md", packet("IG-004"))
	write("drafts/deeper/IG-005.md", packet("IG-005"))
	write("IG-006.draft.md", packet("IG-006"))
	c, err := ReadConfig(filepath.Join(dir, ConfigFileName))
	require.NoError(t, err)
	ids := func(set *Set) []string {
		var out []string
		for _, p := range set.Packets {
			out = append(out, p.ID)
		}
		return out
	}
	set, errs := Load([]string{dir}, Options{Config: c})
	require.Empty(t, errs)
	assert.Equal(t, []string{"IG-001", "IG-005"}, ids(set), "drafts/*.md is one folder deep; the rest are ignored")
	assert.Len(t, set.Files, 2, "ignored files are not read at all")

	// A file named on the command line is read whatever the globs say.
	set, errs = Load([]string{filepath.Join(dir, "docs"), filepath.Join(dir, "drafts", "IG-004.md")}, Options{Config: c})
	require.Empty(t, errs)
	assert.Equal(t, []string{"IG-001", "IG-004"}, ids(set))

	// Without the config everything is read.
	set, _ = Load([]string{dir}, Options{})
	assert.Len(t, set.Packets, 6)
}

// TestParseConfigSizeInMinutes: a size given in minutes is converted with
// the folder's working day, as hours are.
func TestParseConfigSizeInMinutes(t *testing.T) {
	c, err := ParseConfig("plan.yaml", []byte("hours_per_day: 6\nsizes:\n  XS: 90 minutes\n  S: 3 hours\n"))
	require.NoError(t, err)
	assert.Equal(t, map[string]Effort{"XS": {Low: 0.25, High: 0.25}, "S": {Low: 0.5, High: 0.5}}, c.Sizes)
}
