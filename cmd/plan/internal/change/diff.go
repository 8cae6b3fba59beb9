package change

import (
	"slices"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// PacketRef names a packet in a diff.
type PacketRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	File   string `json:"file"`
}

// FieldChange is one packet's field before and after.
type FieldChange struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Dependency is a required row: Packet requires On.
type Dependency struct {
	Packet string `json:"packet"`
	On     string `json:"on"`
}

// ProblemRef is an error problem in a diff.
type ProblemRef struct {
	Code    string `json:"code"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Side is a summary of one version.
type Side struct {
	// Rev is the revision as given, or "working tree".
	Rev string `json:"rev"`
	// Commit is the commit hash, "" for the working tree.
	Commit    string   `json:"commit,omitempty"`
	Packets   int      `json:"packets"`
	Critical  []string `json:"critical_path"`
	Expected  float64  `json:"critical_path_days"`
	Remaining Range    `json:"remaining_days"`
	Forecast  bool     `json:"-"`
	P50       float64  `json:"p50_days"`
	P80       float64  `json:"p80_days"`
}

// Diff is what changed from one version of a plan to another. Every list
// is sorted by ID (problems by file and line); an empty list means no
// such change.
type Diff struct {
	Old Side `json:"before"`
	New Side `json:"after"`
	// Added and Removed are packets only in New or only in Old.
	Added   []PacketRef `json:"added"`
	Removed []PacketRef `json:"removed"`
	// Renamed are packets whose file moved (followed by ID).
	Renamed []FieldChange `json:"renamed"`
	// Completed became complete; Started became in progress from not
	// started; Reopened were complete and are no longer.
	Completed []string `json:"completed"`
	Started   []string `json:"started"`
	Reopened  []string `json:"reopened"`
	// Status, Priority and Effort changes of packets in both versions.
	Status   []FieldChange `json:"status_changes"`
	Priority []FieldChange `json:"priority_changes"`
	Effort   []FieldChange `json:"effort_changes"`
	// DepsAdded and DepsRemoved are required rows of packets present in
	// both versions.
	DepsAdded   []Dependency `json:"dependencies_added"`
	DepsRemoved []Dependency `json:"dependencies_removed"`
	// Cycles, as member IDs joined by spaces.
	CyclesIntroduced []string `json:"cycles_introduced"`
	CyclesResolved   []string `json:"cycles_resolved"`
	// Errors other than cycles, matched across versions by code, packet
	// and the packet they name.
	ErrorsIntroduced []ProblemRef `json:"errors_introduced"`
	ErrorsResolved   []ProblemRef `json:"errors_resolved"`
	// NewlyBlocked and Unblocked are unfinished packets (in both
	// versions) whose blocked state changed.
	NewlyBlocked []string `json:"newly_blocked"`
	Unblocked    []string `json:"unblocked"`

	// titles are the packets' titles (new version first), for the text
	// formats.
	titles map[string]string
}

// CriticalDelta is the change in the expected critical path length.
func (d *Diff) CriticalDelta() float64 { return d.New.Expected - d.Old.Expected }

// P80Delta is the change in the P80 forecast.
func (d *Diff) P80Delta() float64 { return d.New.P80 - d.Old.P80 }

// Empty reports whether nothing a reader would notice changed. Days are
// compared as the JSON writes them (two decimals, the finest any format
// prints), so float noise between two sums of the same work is no change.
func (d *Diff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Renamed)+len(d.Status)+len(d.Priority)+len(d.Effort)+
		len(d.DepsAdded)+len(d.DepsRemoved)+len(d.CyclesIntroduced)+len(d.CyclesResolved)+
		len(d.ErrorsIntroduced)+len(d.ErrorsResolved)+len(d.NewlyBlocked)+len(d.Unblocked) == 0 &&
		round2(d.Old.Expected) == round2(d.New.Expected) && round2(d.Old.P80) == round2(d.New.P80)
}

func side(rev, commit string, s *Snapshot) Side {
	crit := append([]string{}, s.Critical.IDs...)
	return Side{Rev: rev, Commit: commit, Packets: len(s.Set.Packets), Critical: crit,
		Expected: s.Critical.Expected, Remaining: s.Remaining, Forecast: s.Forecast,
		P50: s.P50, P80: s.P80}
}

// rounded is s with its days to two decimals, as the diff's JSON writes
// them.
func (s Side) rounded() Side {
	s.Expected, s.Remaining, s.P50, s.P80 = round2(s.Expected), s.Remaining.rounded(), round2(s.P50), round2(s.P80)
	return s
}

func ref(p *parser.Packet) PacketRef {
	return PacketRef{ID: p.ID, Title: p.Title, Status: p.Status.String(), File: p.File}
}

// EffortText is an effort as the diff prints it: graph.EffortText
// ("3-5d", "4d", "2-8d (likely 3)"), or "none".
func EffortText(e *parser.Effort) string {
	if e == nil {
		return "none"
	}
	return graph.EffortText(*e)
}

func priorityText(p parser.Priority) string {
	if s := p.String(); s != "" {
		return s
	}
	return "none"
}

// Compare computes what changed from old to new. The revisions label the
// sides ("main", "working tree").
func Compare(oldRev, oldCommit string, old *Snapshot, newRev, newCommit string, new *Snapshot) *Diff {
	d := &Diff{Old: side(oldRev, oldCommit, old), New: side(newRev, newCommit, new), titles: map[string]string{}}
	for _, s := range []*Snapshot{old, new} {
		for id, p := range s.ByID {
			d.titles[id] = p.Title
		}
	}
	ids := func(m map[string]*parser.Packet) []string {
		out := make([]string, 0, len(m))
		for id := range m {
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	for _, id := range ids(new.ByID) {
		if _, ok := old.ByID[id]; !ok {
			d.Added = append(d.Added, ref(new.ByID[id]))
		}
	}
	for _, id := range ids(old.ByID) {
		o := old.ByID[id]
		n, ok := new.ByID[id]
		if !ok {
			d.Removed = append(d.Removed, ref(o))
			continue
		}
		if o.File != n.File {
			d.Renamed = append(d.Renamed, FieldChange{ID: id, From: o.File, To: n.File})
		}
		if o.Status != n.Status {
			d.Status = append(d.Status, FieldChange{ID: id, From: o.Status.String(), To: n.Status.String()})
			switch {
			case n.Status == parser.Complete:
				d.Completed = append(d.Completed, id)
			case o.Status == parser.Complete:
				d.Reopened = append(d.Reopened, id)
			case n.Status == parser.InProgress && o.Status == parser.NotStarted:
				d.Started = append(d.Started, id)
			}
		}
		if o.Priority != n.Priority {
			d.Priority = append(d.Priority, FieldChange{ID: id, From: priorityText(o.Priority), To: priorityText(n.Priority)})
		}
		if a, b := EffortText(o.Effort), EffortText(n.Effort); a != b {
			d.Effort = append(d.Effort, FieldChange{ID: id, From: a, To: b})
		}
		od, nd := requires(o), requires(n)
		for _, dep := range nd {
			if !slices.Contains(od, dep) {
				d.DepsAdded = append(d.DepsAdded, Dependency{Packet: id, On: dep})
			}
		}
		for _, dep := range od {
			if !slices.Contains(nd, dep) {
				d.DepsRemoved = append(d.DepsRemoved, Dependency{Packet: id, On: dep})
			}
		}
		if unfinished(o) && unfinished(n) {
			switch ob, nb := old.Blocked[id], new.Blocked[id]; {
			case nb && !ob:
				d.NewlyBlocked = append(d.NewlyBlocked, id)
			case ob && !nb:
				d.Unblocked = append(d.Unblocked, id)
			}
		}
	}
	d.CyclesIntroduced = minus(new.Cycles, old.Cycles)
	d.CyclesResolved = minus(old.Cycles, new.Cycles)
	d.ErrorsIntroduced = problemsMinus(new.Errors, old.Errors)
	d.ErrorsResolved = problemsMinus(old.Errors, new.Errors)
	d.emptyLists()
	return d
}

// emptyLists makes every nil list empty, so JSON has [] for "none".
func (d *Diff) emptyLists() {
	for _, l := range []*[]PacketRef{&d.Added, &d.Removed} {
		if *l == nil {
			*l = []PacketRef{}
		}
	}
	for _, l := range []*[]FieldChange{&d.Renamed, &d.Status, &d.Priority, &d.Effort} {
		if *l == nil {
			*l = []FieldChange{}
		}
	}
	for _, l := range []*[]string{&d.Completed, &d.Started, &d.Reopened, &d.CyclesIntroduced, &d.CyclesResolved, &d.NewlyBlocked, &d.Unblocked} {
		if *l == nil {
			*l = []string{}
		}
	}
	for _, l := range []*[]Dependency{&d.DepsAdded, &d.DepsRemoved} {
		if *l == nil {
			*l = []Dependency{}
		}
	}
	for _, l := range []*[]ProblemRef{&d.ErrorsIntroduced, &d.ErrorsResolved} {
		if *l == nil {
			*l = []ProblemRef{}
		}
	}
}

func unfinished(p *parser.Packet) bool {
	return p.Status != parser.Complete && p.Status != parser.Cancelled
}

// requires are the IDs a packet requires, sorted and unique.
func requires(p *parser.Packet) []string {
	var out []string
	for _, r := range p.Requires {
		out = append(out, r.ID)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// minus returns the elements of a not in b (both sorted).
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// problemKey matches a problem across versions: lines and file names move
// when a file is edited or renamed, the code and the packets it is about
// do not.
func problemKey(p parser.Problem) string {
	key := p.Code + "\x00" + p.Packet + "\x00" + p.Ref
	if p.Packet == "" {
		key += "\x00" + p.File
	}
	return key
}

// problemsMinus returns the problems of a with no match in b (each match
// used once).
func problemsMinus(a, b []parser.Problem) []ProblemRef {
	left := map[string]int{}
	for _, p := range b {
		left[problemKey(p)]++
	}
	var out []ProblemRef
	for _, p := range a {
		k := problemKey(p)
		if left[k] > 0 {
			left[k]--
			continue
		}
		out = append(out, ProblemRef{Code: p.Code, File: p.File, Line: p.Line, Message: p.Message})
	}
	return out
}
