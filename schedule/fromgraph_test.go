package schedule

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// TestNetworkLeavesOutCancelled: a cancelled packet is not remaining work,
// so it is no task of the network and no predecessor of the packets after
// it.
func TestNetworkLeavesOutCancelled(t *testing.T) {
	e := &parser.Effort{Low: 2, High: 4}
	ps := []*parser.Packet{
		{ID: "C-1", Status: parser.Cancelled, Effort: e, Priority: parser.NoPriority},
		{ID: "C-2", Effort: e, Priority: parser.NoPriority, Requires: []parser.Ref{{ID: "C-1", Line: 3}}},
	}
	assert.Equal(t, parser.Effort{}, ps[0].Remaining())
	n := NetworkFromGraph(graph.New(ps))
	if assert.Len(t, n.Tasks, 1) {
		assert.Equal(t, "C-2", n.Tasks[0].ID)
		assert.Empty(t, n.Tasks[0].Preds)
	}
}
