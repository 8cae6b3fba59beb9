package schedule

import "math"

// expTable[j] = 2^(j/2048): 16 KB, so that e^r needs a polynomial of
// degree 3 only.
var expTable = func() (t [2048]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 2048)
	}
	return t
}()

// fastExp is e^x to within a few ulps (tested against math.Exp), faster
// than math.Exp on amd64, where the lognormal sampler spent most of its
// time. x = (2048m + j) ln2/2048 + r with |r| <= ln2/4096, so
// e^x = 2^m * 2^(j/2048) * e^r, and e^r is its Taylor polynomial of degree
// 3 (the next term is below 4e-17), evaluated in Estrin's form for a short
// dependency chain. Outside |x| <= 700 it defers to math.Exp.
func fastExp(x float64) float64 {
	if !(x >= -700 && x <= 700) {
		return math.Exp(x)
	}
	return expInline(x)
}

// expInline is fastExp for |x| <= 700, without the range test: small
// enough for the compiler to inline into the sampling loop.
func expInline(x float64) float64 {
	const (
		shift  = 0x1.8p52 // adding it rounds to an integer in the low bits
		invLn2 = 2048 / math.Ln2
		ln2Hi  = 0x1.62e42feep-12      // ln2/2048, high 32 bits (fdlibm ln2_hi / 2048): kf*ln2Hi is exact
		ln2Lo  = 0x1.a39ef35793c76p-44 // the rest (fdlibm ln2_lo / 2048)
		inv6   = 1.0 / 6
	)
	kf := x*invLn2 + shift
	k := int32(math.Float64bits(kf)) // low bits hold round(x*2048/ln2); |k| < 2^21
	kf -= shift
	r := (x - kf*ln2Hi) - kf*ln2Lo
	p := (1 + r) + (r*r)*(0.5+r*inv6)
	// 2^(j/2048) with j = k & 2047, times 2^m with m = k >> 11.
	return math.Float64frombits(math.Float64bits(expTable[k&2047]*p) + uint64(int64(k>>11))<<52)
}
