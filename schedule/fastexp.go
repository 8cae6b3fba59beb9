package schedule

import "math"

// expTable[j] = 2^(j/64).
var expTable = func() (t [64]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 64)
	}
	return t
}()

// fastExp is e^x to within a few ulps (tested against math.Exp), several
// times faster than math.Exp on amd64, where the lognormal sampler spent
// most of its time. x = (m*64 + j) ln2/64 + r with |r| <= ln2/128, so
// e^x = 2^m * 2^(j/64) * e^r and e^r is a short Taylor polynomial
// (r^6/720 < 4e-17). Outside |x| <= 700 it defers to math.Exp.
func fastExp(x float64) float64 {
	if !(x >= -700 && x <= 700) {
		return math.Exp(x)
	}
	const (
		shift  = 0x1.8p52 // adding it rounds to an integer in the low bits
		invLn2 = 64 / math.Ln2
		ln2Hi  = 0x1.62e42fefa0000p-7 // ln2/64, high part (exact times small k)
		ln2Lo  = 0x1.cf79abc9e3b3ap-46
		inv6   = 1.0 / 6
		inv24  = 1.0 / 24
		inv120 = 1.0 / 120
		inv720 = 1.0 / 720
	)
	kf := x*invLn2 + shift
	k := int64(math.Float64bits(kf)) // low bits hold round(x*64/ln2)
	kf -= shift
	r := (x - kf*ln2Hi) - kf*ln2Lo
	p := 1 + r*(1+r*(0.5+r*(inv6+r*(inv24+r*(inv120+r*inv720)))))
	k32 := int32(k) // |k| < 64*1010: fits
	j := k32 & 63
	m := k32 >> 6
	return math.Float64frombits(math.Float64bits(expTable[j]*p) + uint64(int64(m))<<52)
}
