package schedule

import (
	"math"
	"math/bits"
)

// rng is wyrand (Wang Yi's generator, the final mixer of wyhash: a 64-bit
// Weyl sequence through a 128-bit multiply; it passes BigCrush and
// PractRand). It is a plain value with inlinable methods so the simulation
// loop makes no interface calls; math/rand/v2's PCG behind a *rand.Rand
// costs an indirect call per number. Each iteration gets its own state,
// derived from (seed, iteration) with SplitMix64.
type rng struct{ s uint64 }

// seedIteration sets the state for iteration it of a run seeded with seed.
func (r *rng) seedIteration(seed, it uint64) {
	r.s = splitmix64(seed ^ splitmix64(it))
}

// splitmix64 is the finalizer of SplitMix64 (Steele, Lea and Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014).
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// uint64 returns 64 random bits.
func (r *rng) uint64() uint64 {
	r.s += 0xa0761d6478bd642f
	hi, lo := bits.Mul64(r.s, r.s^0xe7037ed1a0b428db)
	return hi ^ lo
}

// float64 returns a uniform number in [0, 1).
func (r *rng) float64() float64 {
	return float64(r.uint64()>>11) * 0x1p-53
}

// intn returns a number in [0, n) for n > 0 (multiply-shift; the bias is
// below n/2^64).
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.uint64(), uint64(n))
	return int(hi)
}

// Ziggurat tables for the standard normal (Marsaglia and Tsang, "The
// ziggurat method for generating random variables", J. Stat. Softw. 5(8),
// 2000), computed as their zigset does, with 256 layers instead of their
// 128 (the base layer's r and v for 256 as in Doornik, "An improved
// ziggurat method to generate normal random samples", 2005): a draw falls
// outside the rectangles, and takes the slow path, about half as often.
const (
	zigLayers = 256
	zigR      = 3.6541528853610088
	zigV      = 0.00492867323399
	zigM1     = 1 << 31
)

var zigK, zigW, zigF = func() (k [zigLayers]uint32, w, f [zigLayers]float64) {
	dn, tn := zigR, zigR
	q := zigV / math.Exp(-0.5*dn*dn)
	k[0] = uint32(dn / q * zigM1)
	k[1] = 0
	w[0] = q / zigM1
	w[zigLayers-1] = dn / zigM1
	f[0] = 1
	f[zigLayers-1] = math.Exp(-0.5 * dn * dn)
	for i := zigLayers - 2; i >= 1; i-- {
		dn = math.Sqrt(-2 * math.Log(zigV/dn+math.Exp(-0.5*dn*dn)))
		k[i+1] = uint32(dn / tn * zigM1)
		tn = dn
		f[i] = math.Exp(-0.5 * dn * dn)
		w[i] = dn / zigM1
	}
	return
}()

// norm returns a standard normal number. The layer comes from the top 8
// bits and the signed 32-bit abscissa from the low 32, so the two are
// independent. The common case (about 99.5% of draws) is kept small enough
// for the compiler to inline; the rest is in normRetry.
func (r *rng) norm() float64 {
	u := r.uint64()
	i := u >> 56
	j := int32(uint32(u))
	x := float64(j) * zigW[i]
	// |j| as uint32: -MinInt32 wraps to 2^31, above every zigK, so it
	// fails the test like any other rejection.
	a := uint32(j)
	if j < 0 {
		a = -a
	}
	if a < zigK[i] {
		return x
	}
	return r.normRetry(i, j, x)
}

// normRetry finishes a draw that fell outside the ziggurat's rectangles:
// accept it in the tail or wedge, or start over.
func (r *rng) normRetry(i uint64, j int32, x float64) float64 {
	if r2, ok := r.normSlow(i, j, x); ok {
		return r2
	}
	return r.norm()
}

// normSlow handles the ziggurat's rare cases: the tail beyond zigR (layer
// 0) and the wedges.
func (r *rng) normSlow(i uint64, j int32, x float64) (float64, bool) {
	if i == 0 {
		for {
			x = -math.Log(1-r.float64()) / zigR
			y := -math.Log(1 - r.float64())
			if y+y >= x*x {
				break
			}
		}
		if j > 0 {
			return zigR + x, true
		}
		return -zigR - x, true
	}
	// The wedge test, f < e^(-x^2/2) with |x| < zigR. fastExp is within
	// 1e-15 relative of math.Exp (its test checks), so unless f is within
	// 1e-13 of the bound it decides exactly as math.Exp would, at about
	// half the cost; near the bound math.Exp decides.
	f := zigF[i] + r.float64()*(zigF[i-1]-zigF[i])
	v := -0.5 * x * x
	e := fastExp(v)
	if math.Abs(f-e) <= 1e-13*e {
		e = math.Exp(v)
	}
	if f < e {
		return x, true
	}
	return 0, false
}
