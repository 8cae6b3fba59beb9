package change

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/workpackets/plan/graph"
)

// FailOn is what a team forbids a change to introduce (plan diff
// --fail-on).
type FailOn struct {
	// Cycle: a new dependency cycle.
	Cycle bool
	// Error: a new error problem (cycles aside).
	Error bool
	// Forecast: the P80 forecast moving later by more than ForecastDays
	// (when HasForecast).
	HasForecast  bool
	ForecastDays float64
}

// ParseFailOn reads a comma-separated list: cycle, error, forecast:+Nd.
func ParseFailOn(s string) (FailOn, error) {
	var f FailOn
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		switch {
		case item == "":
		case item == "cycle":
			f.Cycle = true
		case item == "error":
			f.Error = true
		case strings.HasPrefix(item, "forecast:"):
			v := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(item, "forecast:"), "+"), "d")
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || n < 0 {
				return FailOn{}, fmt.Errorf("--fail-on %s: want forecast:+Nd, a number of working days such as forecast:+5d", item)
			}
			f.HasForecast, f.ForecastDays = true, n
		default:
			return FailOn{}, fmt.Errorf("--fail-on: unknown item %q (want cycle, error or forecast:+Nd)", item)
		}
	}
	return f, nil
}

// NeedsForecast reports whether checking f needs the simulation.
func (f FailOn) NeedsForecast() bool { return f.HasForecast }

// Violations says, one sentence each, what d introduces that f forbids;
// none means the check passes.
func (d *Diff) Violations(f FailOn) []string {
	var out []string
	if f.Cycle && len(d.CyclesIntroduced) > 0 {
		out = append(out, fmt.Sprintf("%d dependency cycle(s) introduced: %s", len(d.CyclesIntroduced), strings.Join(d.CyclesIntroduced, "; ")))
	}
	if f.Error && len(d.ErrorsIntroduced) > 0 {
		out = append(out, fmt.Sprintf("%d error(s) introduced, first %s:%d: %s", len(d.ErrorsIntroduced),
			d.ErrorsIntroduced[0].File, d.ErrorsIntroduced[0].Line, d.ErrorsIntroduced[0].Message))
	}
	if f.HasForecast && graph.RoundDays(d.P80Delta()) > f.ForecastDays {
		out = append(out, fmt.Sprintf("the P80 forecast moved %s (limit +%sd)", signed(d.P80Delta()), graph.Days(f.ForecastDays)))
	}
	return out
}
