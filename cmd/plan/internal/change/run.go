package change

import (
	"errors"
	"time"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// DiffOptions configure DiffWorkingTree.
type DiffOptions struct {
	// Rev is the revision to compare with; "" means the merge base with
	// the default branch, else HEAD.
	Rev string
	// Paths are the PATH arguments (none means ".").
	Paths []string
	Load  parser.Options
	// Forecast runs the simulation on both sides with Sim.
	Forecast bool
	Sim      schedule.SimOptions
}

// DiffWorkingTree compares the plan at opts.Rev with the working tree.
// Errors from git are *gitrev.Error; I/O errors reading the working tree
// are joined in the second result (the diff is still computed from the
// files that could be read).
func DiffWorkingTree(opts DiffOptions) (*Diff, []error, error) {
	r, err := NewReader(opts.Paths, opts.Load)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	rev, commit := opts.Rev, ""
	if rev == "" {
		commit, rev, err = r.Repo.DefaultBase()
	} else {
		commit, err = r.Repo.Resolve(rev)
	}
	if err != nil {
		return nil, nil, err
	}
	old, err := r.At(commit)
	if err != nil {
		return nil, nil, err
	}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cur, ioErrs := parser.Load(paths, opts.Load)
	before, err := Analyze(old.Set, opts.Forecast, opts.Sim)
	if err != nil {
		return nil, nil, err
	}
	after, err := Analyze(cur, opts.Forecast, opts.Sim)
	if err != nil {
		return nil, nil, err
	}
	return Compare(rev, commit, before, "working tree", "", after), ioErrs, nil
}

// HistoryOf reads the history of the PATH arguments and its points.
func HistoryOf(paths []string, load parser.Options, opts HistoryOptions) ([]Point, error) {
	r, err := NewReader(paths, load)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	v, err := r.ReadVersions(opts.Since)
	if err != nil {
		return nil, err
	}
	return History(v, opts)
}

// GitCalibration reads the whole history of the PATH arguments and the
// calibration evidence it holds; current are the packets being forecast
// (their Actual Effort lines win).
func GitCalibration(paths []string, load parser.Options, current []*parser.Packet) (*Calibration, error) {
	r, err := NewReader(paths, load)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	v, err := r.ReadVersions(time.Time{})
	if err != nil {
		return nil, err
	}
	if len(v.Commits) == 0 {
		return nil, errors.New("no commit touched the folder, so git holds no calibration evidence")
	}
	return Calibrate(v, current, nil), nil
}
