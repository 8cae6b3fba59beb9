package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/workpackets/plan/parser"
)

// Setting is one line of `plan config`: a setting's effective value and
// where it came from.
type Setting struct {
	// Key is plan.yaml's key; an entry of statuses or sizes is
	// "statuses.WORD" or "sizes.WORD".
	Key string `json:"key"`
	// Value is the effective value as plan.yaml would spell it; "" when
	// nothing sets it.
	Value string `json:"value"`
	// Source is "flag --NAME", "FILE:LINE" or "default".
	Source string `json:"source"`
}

// ConfigReport is what `plan config` prints.
type ConfigReport struct {
	SchemaVersion int `json:"schema_version"`
	// File is the plan.yaml read, as displayed; "" when none.
	File string `json:"file"`
	// Found says how File was chosen: "--config", "found" (looked up
	// from the folder) or "" when none.
	Found    string    `json:"found"`
	Settings []Setting `json:"settings"`
}

// FlagSetting is a flag default plan.yaml may set: its Key (the flag's
// name), its Value as the flag would take it (and whether plan.yaml sets
// it), and its built-in Fallback.
type FlagSetting struct {
	Key      string
	Value    func(c *parser.Config) (string, bool)
	Fallback string
}

// FlagSettings are the flag defaults plan.yaml may set, in the order
// `plan config` shows them.
var FlagSettings = []FlagSetting{
	{"team", func(c *parser.Config) (string, bool) { return strconv.Itoa(c.Team), c.Team != 0 }, ""},
	{"sprint", func(c *parser.Config) (string, bool) { return formatNumber(c.Sprint), c.Sprint != 0 }, ""},
	{"start", func(c *parser.Config) (string, bool) { return c.Start, c.Start != "" }, ""},
	{"holidays", func(c *parser.Config) (string, bool) { return strings.Join(c.Holidays, ","), len(c.Holidays) > 0 }, ""},
	{"dist", func(c *parser.Config) (string, bool) { return c.Dist, c.Dist != "" }, "lognormal"},
	{"seed", func(c *parser.Config) (string, bool) {
		if c.Seed == nil {
			return "", false
		}
		return strconv.FormatUint(*c.Seed, 10), true
	}, ""},
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// BuildConfigReport lists every setting of c (nil for no plan.yaml) with
// where it came from; flags are the flag defaults given on the command
// line, by name, which win over plan.yaml; defaults are the built-in
// values of the flags that have one (seed).
func BuildConfigReport(c *parser.Config, found string, flags, defaults map[string]string) ConfigReport {
	r := ConfigReport{SchemaVersion: SchemaVersion, Found: found}
	if c == nil {
		c = &parser.Config{}
	} else {
		r.File = c.File
	}
	at := func(key string) string { return fmt.Sprintf("%s:%d", c.File, c.Lines[key]) }
	add := func(key, value string, set bool) {
		source := "default"
		if set {
			source = at(key)
		}
		r.Settings = append(r.Settings, Setting{Key: key, Value: value, Source: source})
	}
	words := make([]string, 0, len(c.Statuses))
	for w := range c.Statuses {
		words = append(words, w)
	}
	sort.Strings(words)
	for _, w := range words {
		add("statuses."+w, c.Statuses[w].String(), true)
	}
	if len(words) == 0 {
		add("statuses", "", false) // the built-in words only
	}
	sizes := make([]string, 0, len(c.Sizes))
	for s := range c.Sizes {
		sizes = append(sizes, s)
	}
	sort.Slice(sizes, func(i, j int) bool {
		ei, ej := c.Sizes[sizes[i]], c.Sizes[sizes[j]]
		if ei.Expected() != ej.Expected() {
			return ei.Expected() < ej.Expected()
		}
		return sizes[i] < sizes[j]
	})
	for _, s := range sizes {
		e := c.Sizes[s]
		v := formatNumber(e.Low) + "d"
		if e.High != e.Low {
			v = formatNumber(e.Low) + "-" + formatNumber(e.High) + "d"
		}
		add("sizes."+s, v, true)
	}
	if len(sizes) == 0 {
		add("sizes", "", false) // sizes mean no days
	}
	add("hours_per_day", formatNumber(c.DayHours()), c.HoursPerDay != 0)
	add("days_per_week", formatNumber(c.WeekDays()), c.DaysPerWeek != 0)
	add("ignore", strings.Join(c.Ignore, ","), len(c.Ignore) > 0)
	source := c.StatusSource
	if source == "" {
		source = "packets"
	}
	add("status_source", source, c.StatusSource != "")
	for _, f := range FlagSettings {
		if v, ok := flags[f.Key]; ok {
			r.Settings = append(r.Settings, Setting{Key: f.Key, Value: v, Source: "flag --" + f.Key})
			continue
		}
		v, set := f.Value(c)
		if !set {
			v = f.Fallback
			if d, ok := defaults[f.Key]; ok {
				v = d
			}
		}
		add(f.Key, v, set)
	}
	return r
}

// WriteConfigText prints the settings as an aligned table.
func WriteConfigText(w io.Writer, r ConfigReport) error {
	switch {
	case r.File == "":
		fmt.Fprintln(w, "plan.yaml: none found (built-in settings; see 'plan help config')")
	case r.Found == "--config":
		fmt.Fprintf(w, "plan.yaml: %s (--config)\n", cleanPath(r.File))
	default:
		fmt.Fprintf(w, "plan.yaml: %s\n", cleanPath(r.File))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tVALUE\tFROM")
	for _, s := range r.Settings {
		v := s.Value
		if v == "" {
			v = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", clean(s.Key), clean(v), clean(s.Source))
	}
	return tw.Flush()
}
