package schedule

import (
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/workpackets/plan/parser"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestSimulateMaxOfUniforms: three parallel tasks uniform on 2-4 days, then
// a 1-day task. Closed form: F(t) = ((t-1-2)/2)^3 on [3, 5], so
// P50 = 3 + 2*0.5^(1/3) = 4.587 and P95 = 3 + 2*0.95^(1/3) = 4.966, where
// PERT's expected path says 4.0 (issue 3).
func TestSimulateMaxOfUniforms(t *testing.T) {
	n := build(t, []spec{
		{id: "A", low: 2, likely: -1, hi: 4},
		{id: "B", low: 2, likely: -1, hi: 4},
		{id: "C", low: 2, likely: -1, hi: 4},
		{id: "D", low: 1, likely: -1, hi: 1, preds: []string{"A", "B", "C"}},
	})
	est, err := n.Simulate(SimOptions{Iterations: 200_000, Dist: Uniform, Percentiles: []float64{50, 95}})
	require.NoError(t, err)
	p50 := 3 + 2*math.Cbrt(0.5)
	p95 := 3 + 2*math.Cbrt(0.95)
	assert.InDelta(t, 4.587, p50, 5e-4)
	assert.InDelta(t, 4.966, p95, 5e-4)
	assert.InDelta(t, p50, est.Percentiles[0].Days, 0.01)
	assert.InDelta(t, p95, est.Percentiles[1].Days, 0.01)
	assert.Equal(t, 4.0, est.Deterministic.Expected)
	// E[max of 3 U(2,4)] = 2 + 2*3/4 = 3.5, so the mean finish is 4.5 and
	// the merge bias 0.5.
	assert.InDelta(t, 4.5, est.Mean, 0.01)
	assert.InDelta(t, 0.5, est.MergeBias, 0.01)
	// D is always critical; A, B, C each a third of the time.
	crit := scores(est.Criticality)
	assert.Equal(t, 1.0, crit["D"])
	for _, id := range []string{"A", "B", "C"} {
		assert.InDelta(t, 1.0/3, crit[id], 0.01, id)
	}
	assert.Equal(t, "D", est.Criticality[0].ID)
}

// TestSimulateCriticality: A uniform on 0-2 beside B uniform on 0-1.
// P(A > B) = 1 - P(A < B) = 1 - E[B]/2 = 3/4, so the criticality indices
// are 0.75 and 0.25 (issue 3).
func TestSimulateCriticality(t *testing.T) {
	n := build(t, []spec{
		{id: "A", low: 0, likely: -1, hi: 2},
		{id: "B", low: 0, likely: -1, hi: 1},
	})
	est, err := n.Simulate(SimOptions{Iterations: 100_000, Dist: Uniform})
	require.NoError(t, err)
	crit := scores(est.Criticality)
	assert.InDelta(t, 0.75, crit["A"], 0.01)
	assert.InDelta(t, 0.25, crit["B"], 0.01)
	assert.Equal(t, []string{"A", "B"}, []string{est.Criticality[0].ID, est.Criticality[1].ID})
	// A's duration drives the finish more than B's.
	assert.Equal(t, "A", est.Sensitivity[0].ID)
}

// TestSimulateLognormalClosedForm: low and high are the lognormal's 10th
// and 90th percentiles; the median is sqrt(low*high) (issue 3). The exact
// quantiles come from gonum's closed-form LogNormal.Quantile.
func TestSimulateLognormalClosedForm(t *testing.T) {
	n := &Network{Tasks: []Task{{ID: "A", Effort: parser.Effort{Low: 3, High: 12}}}}
	est, err := n.Simulate(SimOptions{Iterations: 200_000, Percentiles: []float64{10, 50, 80, 90, 95}})
	require.NoError(t, err)
	ln := distuv.LogNormal{Mu: math.Log(6), Sigma: math.Log(4) / 2.5631}
	assert.InDelta(t, 3, ln.Quantile(0.10), 1e-3)
	assert.InDelta(t, 12, ln.Quantile(0.90), 5e-3)
	for _, p := range est.Percentiles {
		want := ln.Quantile(p.P / 100)
		assert.InDelta(t, want, p.Days, 0.01*want, "P%g", p.P)
	}
	assert.InDelta(t, ln.Mean(), est.Mean, 0.01*ln.Mean())
}

// TestSimulateReliablePERT: Hillier & Lieberman's PERT analysis of
// Reliable Construction: the critical path's variance is
// (2/6)^2+(6/6)^2+(12/6)^2+(4/6)^2+(6/6)^2+(6/6)^2+(6/6)^2+(4/6)^2 = 9, so
// P(T <= 47) = Phi((47-44)/3) = 0.84. Simulating every path with beta-PERT
// durations gives a lower probability (merge bias), about 0.82 (issue 3).
func TestSimulateReliablePERT(t *testing.T) {
	n := reliable(t)
	_, cp, err := n.CPM()
	require.NoError(t, err)
	variance := 0.0
	for _, id := range cp.IDs {
		for _, task := range n.Tasks {
			if task.ID == id {
				sd := (task.Effort.High - task.Effort.Low) / 6
				variance += sd * sd
			}
		}
	}
	assert.InDelta(t, 9, variance, 1e-12)
	pert := distuv.Normal{Mu: cp.Expected, Sigma: math.Sqrt(variance)}.CDF(47)
	assert.InDelta(t, 0.84, pert, 0.005)

	est, err := n.Simulate(SimOptions{Iterations: 100_000, Dist: PERT})
	require.NoError(t, err)
	p := est.Probability(47)
	t.Logf("simulated P(T<=47) = %.4f, mean %.3f, merge bias %.3f", p, est.Mean, est.MergeBias)
	assert.Less(t, p, pert)
	assert.InDelta(t, 0.82, p, 0.015)
	assert.Greater(t, est.MergeBias, 0.0)
	crit := scores(est.Criticality)
	for _, id := range cp.IDs {
		assert.Greater(t, crit[id], 0.5, id)
	}
}

// TestSimulateManyWorkersSameSums: with more workers than cores, blocks
// finish out of order and wait to be merged (up to maxAhead of them, then
// workers wait too); the sums, and so every number, are those of one
// worker.
func TestSimulateManyWorkersSameSums(t *testing.T) {
	n := layered(300, 20, 3, 11)
	opts := SimOptions{Iterations: 100 * blockSize, Seed: 5, Workers: 1}
	one, err := n.Simulate(opts)
	require.NoError(t, err)
	opts.Workers = 4 * maxAhead
	many, err := n.Simulate(opts)
	require.NoError(t, err)
	assert.Equal(t, one, many)
}

// TestSimulateDeterministicAndWorkerIndependent: same seed, same numbers;
// 1 or 4 workers, same numbers; a different seed, different numbers.
func TestSimulateDeterministicAndWorkerIndependent(t *testing.T) {
	n := layered(300, 20, 3, 7)
	for _, team := range []int{0, 3} {
		opts := SimOptions{Iterations: 1000, Seed: 42, Team: team, Workers: 1}
		a, err := n.Simulate(opts)
		require.NoError(t, err)
		opts.Workers = 4
		b, err := n.Simulate(opts)
		require.NoError(t, err)
		assert.Equal(t, a, b, "team %d", team)
		// The default worker count follows GOMAXPROCS: 1 and 2 agree.
		opts.Workers = 0
		old := runtime.GOMAXPROCS(1)
		g1, err := n.Simulate(opts)
		runtime.GOMAXPROCS(2)
		g2, err2 := n.Simulate(opts)
		runtime.GOMAXPROCS(old)
		require.NoError(t, err)
		require.NoError(t, err2)
		assert.Equal(t, a, g1, "team %d, GOMAXPROCS 1", team)
		assert.Equal(t, a, g2, "team %d, GOMAXPROCS 2", team)
		opts.Seed = 43
		c, err := n.Simulate(opts)
		require.NoError(t, err)
		assert.NotEqual(t, a.Finishes, c.Finishes)
	}
}

func TestSimulateSingleValueDeterministic(t *testing.T) {
	n := build(t, []spec{
		{id: "A", low: 2, likely: -1, hi: 2},
		{id: "B", low: 3, likely: -1, hi: 3, preds: []string{"A"}},
	})
	for _, d := range []Distribution{Lognormal, Triangular, PERT, Uniform} {
		est, err := n.Simulate(SimOptions{Iterations: 100, Dist: d})
		require.NoError(t, err)
		assert.Equal(t, 5.0, est.Mean, d.String())
		assert.Equal(t, []Bin{{From: 5, To: 5, Count: 100}}, est.Histogram)
		assert.Equal(t, 1.0, scores(est.Criticality)["A"])
		assert.Equal(t, 0.0, scores(est.Sensitivity)["A"])
		assert.Empty(t, est.Warnings)
	}
}

func TestSimulateLognormalFallback(t *testing.T) {
	n := build(t, []spec{{id: "A", low: 0, likely: -1, hi: 2}})
	est, err := n.Simulate(SimOptions{Iterations: 20_000})
	require.NoError(t, err)
	require.Len(t, est.Warnings, 1)
	assert.Equal(t, WarnLognormalFallback, est.Warnings[0].Code)
	assert.Equal(t, "A", est.Warnings[0].ID)
	// Triangular(0, 1, 2): mean 1, never above 2.
	assert.InDelta(t, 1, est.Mean, 0.02)
	assert.LessOrEqual(t, est.Finishes[len(est.Finishes)-1], 2.0)
}

func TestSimulateTriangularAndPERTMeans(t *testing.T) {
	// Triangular mean (a+m+b)/3; PERT mean (a+4m+b)/6.
	n := build(t, []spec{{id: "A", low: 1, likely: 2, hi: 9}})
	tri, err := n.Simulate(SimOptions{Iterations: 100_000, Dist: Triangular})
	require.NoError(t, err)
	assert.InDelta(t, 4, tri.Mean, 0.03)
	pert, err := n.Simulate(SimOptions{Iterations: 100_000, Dist: PERT})
	require.NoError(t, err)
	assert.InDelta(t, 3, pert.Mean, 0.03)
	assert.GreaterOrEqual(t, pert.Finishes[0], 1.0)
	assert.LessOrEqual(t, pert.Finishes[len(pert.Finishes)-1], 9.0)
}

func TestSimulateCalibration(t *testing.T) {
	n := build(t, []spec{{id: "A", low: 4, likely: -1, hi: 4}})

	est, err := n.Simulate(SimOptions{Iterations: 10_000, Calibrate: true, Ratios: []float64{2, 2, 2, 2, 2}})
	require.NoError(t, err)
	assert.Empty(t, est.Warnings)
	assert.Equal(t, 8.0, est.Mean)

	// Two ratios of 2 plus three neutral ratios of 1: mean 4 * 7/5.
	est, err = n.Simulate(SimOptions{Iterations: 50_000, Calibrate: true, Ratios: []float64{2, 2}})
	require.NoError(t, err)
	require.Len(t, est.Warnings, 1)
	assert.Equal(t, WarnCalibrationPrior, est.Warnings[0].Code)
	assert.Equal(t, []float64{2, 2, 1, 1, 1}, est.Ratios)
	assert.InDelta(t, 5.6, est.Mean, 0.05)

	est, err = n.Simulate(SimOptions{Iterations: 100, Calibrate: true})
	require.NoError(t, err)
	require.Len(t, est.Warnings, 1)
	assert.Equal(t, WarnCalibrationEmpty, est.Warnings[0].Code)
	assert.Equal(t, 4.0, est.Mean)

	_, err = n.Simulate(SimOptions{Calibrate: true, Ratios: []float64{0}})
	assert.Error(t, err)
}

// TestSimulateTeam: with one person everything is serial, so the finish
// is the sum of the durations in every iteration.
func TestSimulateTeam(t *testing.T) {
	n := build(t, []spec{
		{id: "A", low: 1, likely: -1, hi: 3},
		{id: "B", low: 2, likely: -1, hi: 2},
		{id: "C", low: 1, likely: -1, hi: 2, preds: []string{"A"}},
	})
	est, err := n.Simulate(SimOptions{Iterations: 20_000, Team: 1, Dist: Uniform})
	require.NoError(t, err)
	assert.InDelta(t, 2+2+1.5, est.Mean, 0.03)
	// Every task lies on the single person's chain.
	for _, s := range est.Criticality {
		assert.Equal(t, 1.0, s.Score, s.ID)
	}
	// Reliable Construction with expected... team 2 is never faster than
	// unlimited.
	r := reliable(t)
	unl, err := r.Simulate(SimOptions{Iterations: 5000, Dist: PERT})
	require.NoError(t, err)
	two, err := r.Simulate(SimOptions{Iterations: 5000, Dist: PERT, Team: 2})
	require.NoError(t, err)
	for i := range unl.Finishes {
		assert.GreaterOrEqual(t, two.Finishes[i], unl.Finishes[i]-1e-9)
	}
}

func TestSimulateOptionsErrors(t *testing.T) {
	n := reliable(t)
	for _, o := range []SimOptions{
		{Iterations: -1},
		{Iterations: MaxIterations + 1},
		{Team: -1},
		{Percentiles: []float64{101}},
		{Percentiles: []float64{math.NaN()}},
		{Bins: -2},
		{Dist: Distribution(9)},
	} {
		_, err := n.Simulate(o)
		assert.Error(t, err, "%+v", o)
	}
	_, err := (&Network{Tasks: []Task{{ID: "A", Preds: []int{0}}}}).Simulate(SimOptions{})
	assert.Error(t, err)
}

func TestSimulateEmpty(t *testing.T) {
	est, err := (&Network{}).Simulate(SimOptions{Iterations: 10})
	require.NoError(t, err)
	assert.Equal(t, 0.0, est.Mean)
	assert.Empty(t, est.Criticality)
}

func TestParseDistribution(t *testing.T) {
	for _, d := range []Distribution{Lognormal, Triangular, PERT, Uniform} {
		got, err := ParseDistribution(d.String())
		require.NoError(t, err)
		assert.Equal(t, d, got)
	}
	_, err := ParseDistribution("normal")
	assert.Error(t, err)
}

func scores(s []Score) map[string]float64 {
	m := map[string]float64{}
	for _, x := range s {
		m[x.ID] = x.Score
	}
	return m
}

func edgeCount(n *Network) int {
	e := 0
	for _, t := range n.Tasks {
		e += len(t.Preds)
	}
	return e
}

// BenchmarkSimulate: 10,000 iterations on a seeded 10,000-task layered DAG
// (~30,000 edges). Issue 5's target is at most 2 ns of wall time per
// edge-iteration on 2 cores. ns/edge-iter is wall time; cpu-ns/edge-iter is
// CPU time summed over all workers (the cost that does not depend on other
// load on the machine).
func BenchmarkSimulate(b *testing.B) {
	net := layered(10_000, 100, 3, 1)
	edges := edgeCount(net)
	for _, bc := range []struct {
		name string
		opts SimOptions
	}{
		{"lognormal", SimOptions{Iterations: 10_000}},
		{"pert", SimOptions{Iterations: 10_000, Dist: PERT}},
		{"uniform", SimOptions{Iterations: 10_000, Dist: Uniform}},
		{"team5", SimOptions{Iterations: 1000, Team: 5}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := net.Simulate(bc.opts); err != nil {
					b.Fatal(err)
				}
			}
			work := float64(b.N) * float64(bc.opts.Iterations) * float64(edges)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/work, "ns/edge-iter")
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/work, "cpu-ns/edge-iter")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// TestSimulateIterationAllocFree: the per-iteration work (sampling, forward
// pass or list schedule, criticality, sums) allocates nothing.
func TestSimulateIterationAllocFree(t *testing.T) {
	net := layered(500, 25, 3, 9)
	c, err := net.compile()
	require.NoError(t, err)
	tm, cp := c.cpm(net.Tasks)
	for _, team := range []int{0, 4} {
		for _, d := range []Distribution{Lognormal, Triangular, PERT, Uniform} {
			for _, ratios := range [][]float64{nil, {0.9, 1.3}} {
				s := &sim{c: c, iters: 1, seed: 1, team: team, t0: cp.Expected, tasks: net.Tasks, tm: tm,
					ratios: ratios}
				s.samplers = make([]sampler, c.n)
				s.mean = c.durations(net.Tasks, parser.Effort.Expected)
				for p, i := range c.order {
					s.samplers[p], _ = newSampler(net.Tasks[i].Effort, d)
				}
				w := newSimWorker(s)
				it := int32(0)
				allocs := testing.AllocsPerRun(50, func() {
					it++
					if team > 0 {
						w.r.seedIteration(1, uint64(it))
						w.iterateTeam(it)
					} else {
						w.iteratePair(2*int(it), true)
					}
				})
				assert.Zero(t, allocs, "team %d, %s, calibrated %v", team, d, ratios != nil)
			}
		}
	}
}
