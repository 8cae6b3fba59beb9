package schedule

import "math"

// expTable[j] = 2^(j/256).
var expTable = func() (t [256]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 256)
	}
	return t
}()

// fastExp is e^x to within a few ulps (tested against math.Exp), faster
// than math.Exp on amd64, where the lognormal sampler spent most of its
// time. x = (256m + j) ln2/256 + r with |r| <= ln2/512, so
// e^x = 2^m * 2^(j/256) * e^r, and e^r is its Taylor polynomial of degree 4
// (the next term is below 4e-17), evaluated in Estrin's form for a short
// dependency chain. Outside |x| <= 700 it defers to math.Exp.
func fastExp(x float64) float64 {
	if !(x >= -700 && x <= 700) {
		return math.Exp(x)
	}
	const (
		shift  = 0x1.8p52 // adding it rounds to an integer in the low bits
		invLn2 = 256 / math.Ln2
		ln2Hi  = 0x1.62e42feep-9       // ln2/256, high 32 bits (fdlibm ln2_hi / 256): kf*ln2Hi is exact
		ln2Lo  = 0x1.a39ef35793c76p-41 // the rest (fdlibm ln2_lo / 256)
		inv6   = 1.0 / 6
		inv24  = 1.0 / 24
	)
	kf := x*invLn2 + shift
	k := int32(math.Float64bits(kf)) // low bits hold round(x*256/ln2); |k| < 2^18
	kf -= shift
	r := (x - kf*ln2Hi) - kf*ln2Lo
	r2 := r * r
	p := (1 + r) + r2*(0.5+r*inv6) + r2*r2*inv24
	j := k & 255
	m := k >> 8
	return math.Float64frombits(math.Float64bits(expTable[j]*p) + uint64(int64(m))<<52)
}
