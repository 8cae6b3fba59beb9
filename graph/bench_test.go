package graph

import (
	"math/rand"
	"testing"

	"github.com/workpackets/plan/parser"
)

// benchPackets is a seeded random DAG of n packets, each requiring up to
// three earlier ones, with a few back references making cycles.
func benchPackets(n int) []*parser.Packet {
	r := rand.New(rand.NewSource(42))
	ps := make([]*parser.Packet, n)
	for i := range n {
		ps[i] = pkt(chainID(i), pri(r.Intn(4)))
		ps[i].Status = parser.Status(r.Intn(3))
		for k := r.Intn(4); k > 0 && i > 0; k-- {
			req(chainID(r.Intn(i)))(ps[i])
		}
		if r.Intn(200) == 0 && i+1 < n {
			req(chainID(i + 1 + r.Intn(n-i-1)))(ps[i])
		}
	}
	return ps
}

func BenchmarkNew(b *testing.B) {
	ps := benchPackets(10_000)
	for b.Loop() {
		New(ps)
	}
}

func BenchmarkOrderWavesBlocked(b *testing.B) {
	g := New(benchPackets(10_000))
	for b.Loop() {
		g.Order(nil, false)
		g.Waves()
		g.Blocked()
	}
}
