package parser

// Config is what a folder's plan.yaml says that a packet cannot: what the
// team's own status words and T-shirt sizes mean, how long a working day
// and week are, which files to leave out, and defaults for the flags people
// repeat. The zero value is "no plan.yaml": the built-in words, 8 hours a
// day, 5 days a week.
type Config struct {
	// File is the plan.yaml this came from, as displayed; "" when none.
	File string
	// Statuses maps a status word, as normalised by the status reader
	// (lower case, "_" and "-" as spaces), to the status it means. These
	// words win over the built-in ones.
	Statuses map[string]Status
	// Sizes maps a size word ("M", "XL", "3" story points), compared
	// case-insensitively, to the range of working days it means.
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

	// Flag defaults; the zero value means "not set here".
	Team     int
	Sprint   string
	Start    string
	Holidays []string
	Dist     string
	Seed     *int64

	// Lines are the 1-based lines of plan.yaml where each key was set, by
	// key, so that messages and `plan config` can say where a value came
	// from.
	Lines map[string]int
}
