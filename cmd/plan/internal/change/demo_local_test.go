package change

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

func TestDemoLocal(t *testing.T) {
	dir := os.Getenv("PLAN_DEMO_DIR")
	if dir == "" {
		t.Skip()
	}
	t.Chdir(dir)
	d, _, err := DiffWorkingTree(DiffOptions{Rev: os.Getenv("PLAN_DEMO_REV"), Paths: []string{"packets"}, Forecast: true, Sim: schedule.SimOptions{}})
	if err != nil {
		t.Fatal(err)
	}
	WriteText(os.Stdout, d)
	fmt.Println("=====")
	WriteMarkdown(os.Stdout, d)
	fmt.Println("=====")
	r, _ := NewReader([]string{"packets"}, parser.Options{})
	v, _ := r.ReadVersions(time.Time{})
	pts, _ := History(v, HistoryOptions{Forecast: true})
	WriteHistoryText(os.Stdout, pts, true)
	WriteHistoryCSV(os.Stdout, pts)
	f, _ := os.Create("/tmp/codex-history.svg")
	WriteHistorySVG(f, pts)
	f.Close()
	cur, _ := parser.Load([]string{"packets"}, parser.Options{})
	c := Calibrate(v, cur.Packets, nil)
	for _, e := range c.Evidence {
		fmt.Printf("%+v\n", e)
	}
}
