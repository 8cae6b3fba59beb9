package change

import (
	"time"

	"github.com/workpackets/plan/cmd/plan/internal/gitrev"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// Point is the plan at one commit.
type Point struct {
	Commit  string    `json:"commit"`
	Date    time.Time `json:"date"`
	Subject string    `json:"subject"`
	Counts  Counts    `json:"counts"`
	// Remaining is the remaining effort of unfinished packets.
	Remaining Range `json:"remaining_days"`
	// Critical is the expected critical path length.
	Critical float64 `json:"critical_path_days"`
	P50      float64 `json:"p50_days"`
	P80      float64 `json:"p80_days"`
	Errors   int     `json:"errors"`
	Cycles   int     `json:"cycles"`
}

// HistoryOptions select the commits of a history.
type HistoryOptions struct {
	// Since leaves out commits before this time; zero for none.
	Since time.Time
	// Weekly keeps the last commit of each ISO week.
	Weekly bool
	// Forecast runs the simulation at each point with Sim.
	Forecast bool
	Sim      schedule.SimOptions
}

// Versions are the plan at each commit that touched the folder, oldest
// first, with the statuses calibration reads.
type Versions struct {
	Commits []gitrev.Commit
	Sets    []*parser.Set
}

// ReadVersions reads the folder at every commit that touched it (all of
// them: calibration needs every status change, whatever the history
// table shows). Each file version is read from git once, and a commit
// whose files are those of the previous one reuses its set.
func (r *Reader) ReadVersions(since time.Time) (*Versions, error) {
	commits, err := r.Repo.Log(r.paths, since)
	if err != nil {
		return nil, err
	}
	v := &Versions{}
	var prev *Version
	for _, c := range commits {
		ver, err := r.At(c.Hash)
		if err != nil {
			return nil, err
		}
		if prev != nil && prev.Key == ver.Key {
			ver = prev
		}
		prev = ver
		v.Commits = append(v.Commits, c)
		v.Sets = append(v.Sets, ver.Set)
	}
	return v, nil
}

// History computes a point per commit of v (with Weekly, per week: the
// last commit of each ISO week). Consecutive commits with the same set
// share one analysis.
func History(v *Versions, opts HistoryOptions) ([]Point, error) {
	var points []Point
	var prevSet *parser.Set
	var prev Point
	for i, c := range v.Commits {
		if opts.Weekly && i+1 < len(v.Commits) && sameWeek(c.Time, v.Commits[i+1].Time) {
			continue
		}
		set := v.Sets[i]
		p := prev
		if set != prevSet {
			s, err := Analyze(set, opts.Forecast, opts.Sim)
			if err != nil {
				return nil, err
			}
			p = Point{Counts: s.Counts, Remaining: s.Remaining, Critical: s.Critical.Expected,
				P50: s.P50, P80: s.P80, Errors: len(s.Errors), Cycles: len(s.Cycles)}
		}
		p.Commit, p.Date, p.Subject = c.Hash, c.Time, c.Subject
		points = append(points, p)
		prev, prevSet = p, set
	}
	return points, nil
}

// rounded is p with its days to two decimals, as the history's JSON
// writes them.
func (p Point) rounded() Point {
	p.Remaining, p.Critical, p.P50, p.P80 = p.Remaining.rounded(), round2(p.Critical), round2(p.P50), round2(p.P80)
	return p
}

func sameWeek(a, b time.Time) bool {
	ay, aw := a.ISOWeek()
	by, bw := b.ISOWeek()
	return ay == by && aw == bw
}
