package schedule

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestRNGNormal checks the ziggurat against the closed-form normal: the
// moments and the quantiles of a million draws.
func TestRNGNormal(t *testing.T) {
	var r rng
	r.seedIteration(1, 0)
	const n = 1_000_000
	xs := make([]float64, n)
	var s, s2 float64
	for i := range xs {
		x := r.norm()
		xs[i] = x
		s += x
		s2 += x * x
	}
	mean := s / n
	assert.InDelta(t, 0, mean, 0.005)
	assert.InDelta(t, 1, s2/n-mean*mean, 0.005)
	sort.Float64s(xs)
	std := distuv.UnitNormal
	for _, p := range []float64{0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999} {
		assert.InDelta(t, std.Quantile(p), xs[int(p*n)], 0.02, "p=%g", p)
	}
	// Kolmogorov-Smirnov distance; the 1% critical value for n = 1e6 is
	// 1.63/sqrt(n) = 0.00163.
	d := 0.0
	for i, x := range xs {
		c := std.CDF(x)
		d = math.Max(d, math.Max(math.Abs(c-float64(i)/n), math.Abs(c-float64(i+1)/n)))
	}
	assert.Less(t, d, 0.00163)
}

func TestRNGUniform(t *testing.T) {
	var r rng
	r.seedIteration(2, 5)
	const n = 1_000_000
	var s float64
	counts := make([]int, 10)
	for i := 0; i < n; i++ {
		u := r.float64()
		assert.True(t, u >= 0 && u < 1)
		s += u
		counts[r.intn(10)]++
	}
	assert.InDelta(t, 0.5, s/n, 0.002)
	for _, c := range counts {
		assert.InDelta(t, n/10, c, 1500)
	}
}
