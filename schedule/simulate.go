package schedule

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/workpackets/plan/parser"
)

// Defaults of [SimOptions].
const (
	DefaultIterations = 10_000
	DefaultSeed       = 20260101
	DefaultBins       = 20
	// MaxIterations bounds SimOptions.Iterations (the finish times are
	// kept, 8 bytes each).
	MaxIterations = 100_000_000
	// MinCalibrationRatios is the number of actual/estimate ratios below
	// which calibration mixes in a neutral prior.
	MinCalibrationRatios = 5
)

// DefaultPercentiles are the percentiles reported when none are asked for.
var DefaultPercentiles = []float64{50, 80, 95}

// Warning codes of [Estimate.Warnings].
const (
	// WarnLognormalFallback: a task's range starts at or below zero, so
	// the lognormal cannot be fitted and the task is sampled triangular.
	WarnLognormalFallback = "lognormal-fallback"
	// WarnCalibrationPrior: fewer than MinCalibrationRatios ratios; neutral
	// ratios of 1 were mixed in.
	WarnCalibrationPrior = "calibration-prior"
	// WarnCalibrationEmpty: calibration was asked for without any ratio.
	WarnCalibrationEmpty = "calibration-empty"
)

// SimOptions configures [Network.Simulate]. The zero value is valid: 10,000
// lognormal iterations with DefaultSeed, unlimited parallelism, no
// calibration, percentiles 50, 80 and 95, 20 histogram bins.
type SimOptions struct {
	// Iterations is the number of simulated projects (0: DefaultIterations).
	Iterations int
	// Seed fixes the random numbers (0: DefaultSeed). Iteration i draws
	// from its own generator state derived from (Seed, i) alone, so results
	// do not depend on Workers or on the number of cores.
	Seed uint64
	// Dist is how effort ranges are read.
	Dist Distribution
	// Team, when >= 1, runs the list scheduler of [Network.ListSchedule]
	// on each iteration's durations (priorities stay those of the
	// deterministic plan); 0 means unlimited parallelism.
	Team int
	// Calibrate multiplies every draw by an actual/estimate ratio resampled
	// uniformly from Ratios (evidence-based scheduling). With fewer than
	// MinCalibrationRatios ratios, neutral ratios of 1 are added up to
	// that count and a warning says so; with none, nothing is calibrated
	// and a warning says so.
	Calibrate bool
	// Ratios are the actual/estimate ratios of finished work (estimate =
	// parser.Effort.Expected); each must be finite and positive.
	Ratios []float64
	// Percentiles to report, each in [0, 100] (nil: DefaultPercentiles).
	Percentiles []float64
	// Bins is the number of histogram bins (0: DefaultBins).
	Bins int
	// Workers is the number of goroutines (0: runtime.GOMAXPROCS(0)). It
	// changes the speed, never the result.
	Workers int
}

// Percentile is one reported percentile of the finish time.
type Percentile struct {
	// P is the percentile, 0..100.
	P float64
	// Days is the finish time in working days that a share P/100 of the
	// iterations do not exceed (linear interpolation between order
	// statistics, as numpy's default and R's type 7).
	Days float64
}

// Score is a per-task number of a simulation.
type Score struct {
	ID    string
	Score float64
}

// Bin is one histogram bin of finish times: [From, To), the last bin
// closed.
type Bin struct {
	From, To float64
	Count    int
}

// Warning is something the caller should tell the user; the package never
// prints.
type Warning struct {
	// Code is one of the Warn* constants.
	Code string
	// ID is the task concerned, or "".
	ID      string
	Message string
}

// Estimate is the result of a Monte Carlo simulation. Times are working
// days from day 0.
type Estimate struct {
	Iterations int
	Seed       uint64
	Dist       Distribution
	// Team is the team size, 0 for unlimited; a team larger than the
	// number of tasks is that number.
	Team int
	// Percentiles are in the order asked for.
	Percentiles []Percentile
	// Mean is the mean finish time.
	Mean float64
	// Deterministic is the CPM critical path with its optimistic, expected
	// and pessimistic lengths (see [Network.CPM]).
	Deterministic CriticalPath
	// MergeBias is Mean - Deterministic.Expected: how much later than the
	// expected critical path the project is expected to finish, because
	// merging parallel paths (and, with a team, waiting for people) only
	// ever delays.
	MergeBias float64
	// Criticality is, per task, the share of iterations in which it lies on
	// a critical path, highest first (ties by ID). Without a team a task is
	// critical when a chain of tight predecessors links it to the finish
	// (every such chain counts). With a team the critical chain is followed
	// back from the last task to finish through what let each task start:
	// a predecessor finishing, or else the person becoming free.
	Criticality []Score
	// Sensitivity is, per task, the Pearson correlation between its sampled
	// duration and the finish time, highest first (ties by ID); 0 for
	// deterministic durations.
	Sensitivity []Score
	// Histogram has Bins equal-width bins from the smallest to the largest
	// finish.
	Histogram []Bin
	// Finishes are all simulated finish times, sorted.
	Finishes []float64
	// Ratios are the calibration ratios actually resampled (prior
	// included), nil without calibration.
	Ratios []float64
	// Warnings are to be shown to the user.
	Warnings []Warning
}

// Percentile returns the p-th percentile (0..100) of the finish times, by
// linear interpolation between order statistics.
func (e *Estimate) Percentile(p float64) float64 {
	return percentile(e.Finishes, p)
}

// Probability returns the share of iterations that finish within days.
func (e *Estimate) Probability(days float64) float64 {
	if len(e.Finishes) == 0 {
		return 0
	}
	k := sort.Search(len(e.Finishes), func(i int) bool { return e.Finishes[i] > days })
	return float64(k) / float64(len(e.Finishes))
}

func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	h := (float64(len(sorted)) - 1) * p / 100
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// blockSize is the number of consecutive iterations a worker takes at a
// time; per-block sums are merged in block order, so floating-point sums do
// not depend on the number of workers.
const blockSize = 64

// maxAhead is the number of finished blocks whose sums may wait for an
// earlier block before a worker waits too.
const maxAhead = 8

// Simulate runs the Monte Carlo estimate of the network's finish time. It
// returns an error for an invalid network or options. The result depends
// only on the network and the options other than Workers.
func (n *Network) Simulate(opts SimOptions) (*Estimate, error) {
	c, err := n.compile()
	if err != nil {
		return nil, err
	}
	o, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	if o.Team > 0 {
		o.Team = usefulTeam(o.Team, c.n)
	}
	tm, cp := c.cpm(n.Tasks)
	est := &Estimate{
		Iterations:    o.Iterations,
		Seed:          o.Seed,
		Dist:          o.Dist,
		Team:          o.Team,
		Deterministic: cp,
	}

	s := &sim{c: c, iters: o.Iterations, seed: o.Seed, team: o.Team, t0: cp.Expected}
	s.samplers = make([]sampler, c.n)
	s.mean = c.durations(n.Tasks, parser.Effort.Expected)
	for p, i := range c.order {
		var fb bool
		s.samplers[p], fb = newSampler(n.Tasks[i].Effort, o.Dist)
		if fb {
			est.Warnings = append(est.Warnings, Warning{Code: WarnLognormalFallback, ID: n.Tasks[i].ID,
				Message: fmt.Sprintf("%s: range %g-%g starts at zero or below; sampled triangular instead of lognormal",
					n.Tasks[i].ID, n.Tasks[i].Effort.Low, n.Tasks[i].Effort.High)})
		}
	}
	if o.Calibrate {
		switch k := len(o.Ratios); {
		case k == 0:
			est.Warnings = append(est.Warnings, Warning{Code: WarnCalibrationEmpty,
				Message: "no finished work with an actual effort: nothing to calibrate with"})
		case k < MinCalibrationRatios:
			s.ratios = append(append([]float64(nil), o.Ratios...), make([]float64, MinCalibrationRatios-k)...)
			for j := k; j < MinCalibrationRatios; j++ {
				s.ratios[j] = 1
			}
			est.Warnings = append(est.Warnings, Warning{Code: WarnCalibrationPrior,
				Message: fmt.Sprintf("only %d actual/estimate ratio(s); mixed in %d neutral ratio(s) of 1", k, MinCalibrationRatios-k)})
		default:
			s.ratios = append([]float64(nil), o.Ratios...)
		}
		est.Ratios = s.ratios
	}
	if o.Team > 0 {
		s.tm = tm
		s.tasks = n.Tasks
	}
	s.run(o.Workers)

	// Deterministic reductions, all in iteration or position order.
	fin := s.finishes
	sum := 0.0
	for _, f := range fin {
		sum += f
	}
	est.Mean = sum / float64(len(fin))
	est.MergeBias = est.Mean - cp.Expected

	est.Criticality = make([]Score, c.n)
	est.Sensitivity = make([]Score, c.n)
	nf := float64(len(fin))
	var sy, syy float64
	for _, f := range fin {
		y := f - s.t0
		sy += y
		syy += y * y
	}
	vy := syy - sy*sy/nf
	for p, i := range c.order {
		id := n.Tasks[i].ID
		est.Criticality[p] = Score{ID: id, Score: float64(s.crit[p]) / nf}
		a := s.acc[p]
		vx := a.sxx - a.sx*a.sx/nf
		cov := a.sxy - a.sx*sy/nf
		r := 0.0
		if vx > 1e-12*nf*math.Max(1, s.mean[p]*s.mean[p]) && vy > 0 {
			r = cov / math.Sqrt(vx*vy)
			r = math.Max(-1, math.Min(1, r))
		}
		est.Sensitivity[p] = Score{ID: id, Score: r}
	}
	sortScores(est.Criticality)
	sortScores(est.Sensitivity)

	sort.Float64s(fin)
	est.Finishes = fin
	for _, p := range o.Percentiles {
		est.Percentiles = append(est.Percentiles, Percentile{P: p, Days: percentile(fin, p)})
	}
	est.Histogram = histogram(fin, o.Bins)
	return est, nil
}

func sortScores(s []Score) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Score != s[j].Score {
			return s[i].Score > s[j].Score
		}
		return s[i].ID < s[j].ID
	})
}

// histogram bins sorted values into bins equal-width bins over [min, max].
func histogram(sorted []float64, bins int) []Bin {
	if len(sorted) == 0 {
		return []Bin{}
	}
	lo, hi := sorted[0], sorted[len(sorted)-1]
	if hi == lo {
		return []Bin{{From: lo, To: hi, Count: len(sorted)}}
	}
	w := (hi - lo) / float64(bins)
	h := make([]Bin, bins)
	for k := range h {
		h[k].From = lo + float64(k)*w
		h[k].To = lo + float64(k+1)*w
	}
	h[bins-1].To = hi
	for _, v := range sorted {
		k := int((v - lo) / w)
		if k >= bins {
			k = bins - 1
		}
		h[k].Count++
	}
	return h
}

func (o SimOptions) normalize() (SimOptions, error) {
	if o.Iterations == 0 {
		o.Iterations = DefaultIterations
	}
	if o.Iterations < 0 || o.Iterations > MaxIterations {
		return o, fmt.Errorf("schedule: iterations must be 1..%d, got %d", MaxIterations, o.Iterations)
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Dist < Lognormal || o.Dist > Uniform {
		return o, fmt.Errorf("schedule: unknown distribution %d", int(o.Dist))
	}
	if o.Team < 0 {
		return o, fmt.Errorf("schedule: team size must not be negative, got %d", o.Team)
	}
	for _, r := range o.Ratios {
		if !(r > 0) || math.IsInf(r, 0) {
			return o, fmt.Errorf("schedule: calibration ratio %g is not a positive number", r)
		}
	}
	if o.Percentiles == nil {
		o.Percentiles = DefaultPercentiles
	}
	for _, p := range o.Percentiles {
		if !(p >= 0 && p <= 100) {
			return o, fmt.Errorf("schedule: percentile %g is outside 0..100", p)
		}
	}
	if o.Bins == 0 {
		o.Bins = DefaultBins
	}
	if o.Bins < 0 || o.Bins > 10_000 {
		return o, fmt.Errorf("schedule: histogram bins must be 1..10000, got %d", o.Bins)
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o, nil
}

// sim is one simulation run shared by its workers.
type sim struct {
	c        *compiled
	iters    int
	seed     uint64
	team     int
	samplers []sampler // by position
	mean     []float64 // by position: expected duration, the shift of the sums
	t0       float64   // shift of the finish times
	ratios   []float64 // calibration pool, nil when not calibrating
	tasks    []Task    // team mode only
	tm       []Timing  // team mode only
	finishes []float64 // by iteration
	next     atomic.Int64
	mu       sync.Mutex
	merged   int               // blocks merged so far
	turn     *sync.Cond        // signalled when merged grows
	done     map[int][]moments // sums of blocks finished ahead of their turn
	spare    [][]moments       // zeroed sums to hand out again
	crit     []int64           // by position
	acc      []moments         // by position
}

// moments are the shifted sums of one task's duration x = duration - mean
// against the finish y = finish - t0, for the sensitivity correlation
// (shifting keeps the sums from cancelling catastrophically).
type moments struct {
	sx, sxx, sxy float64
}

func (s *sim) run(workers int) {
	n := s.c.n
	s.finishes = make([]float64, s.iters)
	s.crit = make([]int64, n)
	s.acc = make([]moments, n)
	s.done = map[int][]moments{}
	s.turn = sync.NewCond(&s.mu)
	blocks := (s.iters + blockSize - 1) / blockSize
	workers = min(workers, blocks)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			newSimWorker(s).loop(blocks)
		}()
	}
	wg.Wait()
}

// simWorker holds one goroutine's scratch space.
type simWorker struct {
	s     *sim
	r     rng
	d     []float64 // sampled durations by position
	dB    []float64 // the second project's durations in iteratePair
	fin2  []float64 // finishes of iteratePair's two projects, 2p and 2p+1
	stamp []int32   // last iteration (+1) that marked a position critical
	stack []int32
	crit  []int64
	l     *lister
	// acc are this block's sums, merged in block order: by position, or
	// with logn in the order of drawn (the only tasks with sums).
	acc []moments
	// logn is set when every duration is lognormal or constant and there
	// is no calibration: the common case, sampled by sampleLognormal.
	logn bool
	// drawn are the positions of the lognormal tasks (sigma > 0), and mu
	// and sigma their parameters in the same order, copied out of the
	// samplers so the sampling loop reads 16 bytes per task instead of a
	// whole sampler. Constant durations are written into d once: a loop
	// that tested for them would mispredict on every other one.
	drawn     []int32
	mu, sigma []float64
	mean      []float64 // expected durations, in the order of drawn
	z         []float64 // the normals drawn, in the order of drawn
	// expInline says that every mu + sigma*z lies within fastExp's
	// inline range, |x| <= 700: |z| <= maxNormal, and the efforts are
	// not absurd.
	expInline bool
}

// maxNormal bounds the normals rng.norm returns: the ziggurat's tail
// gives zigR + x with x = -ln(u)/zigR for a uniform u >= 2^-53, so
// |z| < 3.45 + 36.8/3.44 < 15.
const maxNormal = 15

func newSimWorker(s *sim) *simWorker {
	n := s.c.n
	w := &simWorker{
		s:     s,
		d:     make([]float64, n),
		stamp: make([]int32, n),
		stack: make([]int32, 0, 64),
		crit:  make([]int64, n),
	}
	if s.team > 0 {
		w.l = newLister(s.c, s.tasks, s.tm, s.team)
	} else {
		w.dB, w.fin2 = make([]float64, n), make([]float64, 2*n)
	}
	w.logn = s.ratios == nil
	for p := range s.samplers[:n] {
		if k := s.samplers[p].kind; k != kindLognormal && k != kindConst {
			w.logn = false
		}
	}
	if w.logn {
		w.expInline = true
		for p := range s.samplers[:n] {
			smp := &s.samplers[p]
			if smp.kind == kindLognormal && smp.b != 0 {
				w.drawn = append(w.drawn, int32(p))
				w.mu = append(w.mu, smp.a)
				w.sigma = append(w.sigma, smp.b)
				w.mean = append(w.mean, s.mean[p])
				if !(math.Abs(smp.a)+maxNormal*smp.b <= 700) {
					w.expInline = false
				}
			} else {
				w.d[p] = smp.a
				if w.dB != nil {
					w.dB[p] = smp.a
				}
			}
		}
	}
	w.z = make([]float64, len(w.drawn))
	if w.logn {
		w.acc = make([]moments, len(w.drawn))
	} else {
		w.acc = make([]moments, n)
	}
	return w
}

// sample fills d with this iteration's durations in position order, the
// order in which the random numbers are drawn.
func (w *simWorker) sample(d []float64) {
	if w.logn {
		w.sampleLognormal(d)
		return
	}
	smp := w.s.samplers[:len(d)]
	ratios := w.s.ratios
	for p := range d {
		x := smp[p].draw(&w.r)
		if ratios != nil {
			x *= ratios[w.r.intn(len(ratios))]
		}
		d[p] = x
	}
}

// sampleLognormal is sample for lognormal and constant durations: it
// draws the normals in position order from w.r and turns them into
// durations; constant durations are already in d.
func (w *simWorker) sampleLognormal(d []float64) {
	z := w.z[:len(w.drawn)]
	w.r = drawNormals(w.r, z)
	w.lognormals(d, z)
}

// drawNormals fills z with standard normals from r, in order, and returns
// the generator's state after them. It is rng.norm with the common case
// written out: the call for the rare retry makes the compiler keep this
// loop's values on the stack, so the exponentials are taken elsewhere.
func drawNormals(r rng, z []float64) rng {
	for t := range z {
		u := r.uint64()
		i := u >> 56
		j := int32(uint32(u))
		v := float64(j) * zigW[i]
		a := uint32(j)
		if j < 0 {
			a = -a
		}
		if a >= zigK[i] {
			v = r.normRetry(i, j, v)
		}
		z[t] = v
	}
	return r
}

// lognormals sets d[drawn[t]] = e^(mu[t] + sigma[t] z[t]).
func (w *simWorker) lognormals(d, z []float64) {
	drawn := w.drawn
	mu, sigma := w.mu[:len(drawn)], w.sigma[:len(drawn)]
	if !w.expInline {
		for t, p := range drawn {
			d[p] = fastExp(mu[t] + sigma[t]*z[t])
		}
		return
	}
	for t, p := range drawn {
		d[p] = expInline(mu[t] + sigma[t]*z[t])
	}
}

func (w *simWorker) loop(blocks int) {
	s := w.s
	for {
		b := int(s.next.Add(1) - 1)
		if b >= blocks {
			break
		}
		lo, hi := b*blockSize, min((b+1)*blockSize, s.iters)
		if w.l != nil {
			for it := lo; it < hi; it++ {
				w.r.seedIteration(s.seed, uint64(it))
				s.finishes[it] = w.iterateTeam(int32(it + 1))
			}
		} else {
			for it := lo; it < hi; it += 2 {
				withB := it+1 < hi
				endA, endB := w.iteratePair(it, withB)
				s.finishes[it] = endA
				if withB {
					s.finishes[it+1] = endB
				}
			}
		}
		// The sums are merged in block order, so that they are the same
		// whatever the number of workers. A block finished ahead of its
		// turn is left for the worker that finishes the one before it,
		// and this worker takes fresh sums instead of waiting; only when
		// maxAhead blocks already wait (a worker the system stopped for a
		// while) does it wait, so that the waiting sums stay few.
		s.mu.Lock()
		for b != s.merged && len(s.done) >= maxAhead {
			s.turn.Wait()
		}
		s.done[b] = w.acc
		merged := s.merged
		for {
			acc, ok := s.done[s.merged]
			if !ok {
				break
			}
			delete(s.done, s.merged)
			for t := range acc {
				p := t
				if w.logn {
					p = int(w.drawn[t]) // the same in every worker
				}
				a, m := &s.acc[p], &acc[t]
				a.sx += m.sx
				a.sxx += m.sxx
				a.sxy += m.sxy
			}
			clear(acc)
			s.spare = append(s.spare, acc)
			s.merged++
		}
		if k := len(s.spare); k > 0 {
			w.acc, s.spare = s.spare[k-1], s.spare[:k-1]
		} else {
			w.acc = make([]moments, len(w.acc))
		}
		if s.merged != merged {
			s.turn.Broadcast()
		}
		s.mu.Unlock()
	}
	// Counts are integers: merge order does not matter.
	s.mu.Lock()
	for p, k := range w.crit {
		s.crit[p] += k
	}
	s.mu.Unlock()
}

// iterateTeam simulates one project scheduled on the team and returns its
// finish; stamp identifies the iteration for the critical-path marks.
func (w *simWorker) iterateTeam(stamp int32) float64 {
	n := w.s.c.n
	d := w.d[:n]
	w.sample(d)
	l := w.l
	end := l.run(d)
	// Follow what let each task start, back from every task that
	// finishes last.
	for p := 0; p < n; p++ {
		if l.finish[p] != end {
			continue
		}
		for q := int32(p); q >= 0 && w.stamp[q] != stamp; q = l.cause[q] {
			w.stamp[q] = stamp
			w.crit[q]++
		}
	}
	w.addSums(d, end)
	return end
}

// iteratePair simulates the projects of iterations it and it+1 (without a
// team) and returns their finishes; the second is not counted when withB
// is false (the last iteration of an odd count). Two projects go through
// the forward pass together, their finishes side by side in fin2, so each
// edge's predecessor index is read once for both. Every number is the
// same as when the iterations are simulated one by one: each draws from
// its own stream, and each sum takes iteration it before it+1.
func (w *simWorker) iteratePair(it int, withB bool) (endA, endB float64) {
	s, c := w.s, w.s.c
	n := c.n
	dA, dB, fin := w.d[:n], w.dB[:n], w.fin2[:2*n]
	w.r.seedIteration(s.seed, uint64(it))
	w.sample(dA)
	w.r.seedIteration(s.seed, uint64(it+1))
	w.sample(dB)
	// Forward pass. Finishes are never negative, -0 or NaN, and such
	// doubles order as their bit patterns do, so the start is the integer
	// max of the bits: a compare and a conditional move per edge, no
	// mispredicted branch and no floating-point max (which handles NaN and
	// -0 with a long dependency chain). The edges are walked with one
	// running index: a task's predecessors follow the previous task's.
	predStart, preds := c.predStart, c.preds
	e := 0
	for p, stop := range predStart[1 : n+1] {
		a, b := uint64(0), uint64(0) // +0
		for ; e < int(stop); e++ {
			q := 2 * int(preds[e])
			a = max(a, math.Float64bits(fin[q]))
			b = max(b, math.Float64bits(fin[q+1]))
		}
		fin[2*p] = math.Float64frombits(a) + dA[p]
		fin[2*p+1] = math.Float64frombits(b) + dB[p]
	}
	for _, p := range c.sinks {
		endA = max(endA, fin[2*p])
		endB = max(endB, fin[2*p+1])
	}
	w.markCritical(fin, 0, endA, int32(it+1))
	if !withB {
		w.addSums(dA, endA)
		return endA, endB
	}
	w.markCritical(fin, 1, endB, int32(it+2))
	if !w.logn {
		w.addSums(dA, endA)
		w.addSums(dB, endB)
		return endA, endB
	}
	// addSums for A and then B, in one walk over the sums.
	yA, yB := endA-s.t0, endB-s.t0
	mean := w.mean[:len(w.drawn)]
	acc := w.acc[:len(w.drawn)]
	for t, p := range w.drawn {
		xa, xb := dA[p]-mean[t], dB[p]-mean[t]
		a := &acc[t]
		a.sx += xa
		a.sxx += xa * xa
		a.sxy += xa * yA
		a.sx += xb
		a.sxx += xb * xb
		a.sxy += xb * yB
	}
	return endA, endB
}

// markCritical counts every task on a chain of tight predecessors to the
// finish end of the project whose finishes are fin2[2p+k]. A start is the
// maximum of the predecessors' finishes, recomputed here exactly as in the
// forward pass, so tightness is exact equality.
func (w *simWorker) markCritical(fin2 []float64, k int, end float64, stamp int32) {
	c := w.s.c
	predStart, preds := c.predStart, c.preds
	stk := w.stack[:0]
	for _, p := range c.sinks {
		if fin2[2*int(p)+k] == end && w.stamp[p] != stamp {
			w.stamp[p] = stamp
			stk = append(stk, p)
		}
	}
	for len(stk) > 0 {
		p := stk[len(stk)-1]
		stk = stk[:len(stk)-1]
		w.crit[p]++
		ps := preds[predStart[p]:predStart[p+1]]
		st := 0.0
		for _, q := range ps {
			if f := fin2[2*int(q)+k]; f > st {
				st = f
			}
		}
		for _, q := range ps {
			if fin2[2*int(q)+k] == st && w.stamp[q] != stamp {
				w.stamp[q] = stamp
				stk = append(stk, q)
			}
		}
	}
	w.stack = stk
}

// addSums adds one iteration's durations d and finish end to the
// sensitivity sums.
func (w *simWorker) addSums(d []float64, end float64) {
	s := w.s
	n := s.c.n
	y := end - s.t0
	if w.logn {
		// A constant duration equals its mean: its sums would stay zero,
		// and its sensitivity is 0 either way.
		mean := w.mean[:len(w.drawn)]
		acc := w.acc[:len(w.drawn)]
		for t, p := range w.drawn {
			x := d[p] - mean[t]
			a := &acc[t]
			a.sx += x
			a.sxx += x * x
			a.sxy += x * y
		}
		return
	}
	mean := s.mean[:n]
	acc := w.acc[:n]
	for p := range acc {
		x := d[p] - mean[p]
		a := &acc[p]
		a.sx += x
		a.sxx += x * x
		a.sxy += x * y
	}
}
