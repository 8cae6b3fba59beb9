package schedule

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFastExp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	check := func(x float64) {
		want := math.Exp(x)
		got := fastExp(x)
		if want == 0 || math.IsInf(want, 0) {
			assert.Equal(t, want, got, "x=%g", x)
			return
		}
		assert.InDelta(t, 0, (got-want)/want, 1e-15, "x=%g", x)
	}
	for _, x := range []float64{0, 1, -1, 1e-300, -1e-300, 0.5, 700, -700, 709.7, -745, 800, -800, math.Ln2, 64 * math.Ln2} {
		check(x)
	}
	for i := 0; i < 1_000_000; i++ {
		check((r.Float64()*2 - 1) * 30)
	}
	for i := 0; i < 100_000; i++ {
		check((r.Float64()*2 - 1) * 700)
	}
	assert.True(t, math.IsNaN(fastExp(math.NaN())))
	assert.Equal(t, math.Inf(1), fastExp(math.Inf(1)))
	assert.Equal(t, 0.0, fastExp(math.Inf(-1)))
}

func BenchmarkFastExp(b *testing.B) {
	s := 0.0
	x := 0.1
	for b.Loop() {
		s += fastExp(x)
		x += 1e-9
	}
	_ = s
}

func BenchmarkMathExp(b *testing.B) {
	s := 0.0
	x := 0.1
	for b.Loop() {
		s += math.Exp(x)
		x += 1e-9
	}
	_ = s
}
