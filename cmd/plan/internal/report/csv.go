package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/schedule"
)

// WriteScheduleCSV is `plan schedule --format csv`: one row per
// assignment, with dates when cal is not nil.
func WriteScheduleCSV(w io.Writer, a *Analysis, s *schedule.Schedule, cal *Calendar) error {
	cw := csv.NewWriter(w)
	header := []string{"id", "title", "person", "start", "finish", "sprint"}
	if cal != nil {
		header = append(header, "start_date", "finish_date")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := ScheduleRecord(a, s, cal)
	for _, as := range rec.Assignments {
		sprint := ""
		if as.Sprint > 0 {
			sprint = strconv.Itoa(as.Sprint)
		}
		row := []string{csvCell(as.ID), csvCell(as.Title), strconv.Itoa(as.Person), graph.Days(as.Start), graph.Days(as.Finish), sprint}
		if rec.Dated {
			row = append(row, as.StartDate, as.FinishDate)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvWrite writes a header and rows, escaped by encoding/csv.
func csvWrite(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// csvPacket returns the id, title and effective priority cells of a
// packet record.
func csvPacket(p Packet) []string {
	return []string{csvCell(p.ID), csvCell(p.Title), p.PriorityText()}
}

// csvRemaining returns the remaining low, high and expected days.
func csvRemaining(p Packet) []string {
	return []string{graph.Days(p.Remaining.Low), graph.Days(p.Remaining.High), graph.Days(p.Remaining.Expected())}
}

// WriteOrderCSV is `plan order --format csv`: one row per packet in build
// order, with its wave ("" for complete packets with --all).
func WriteOrderCSV(w io.Writer, a *Analysis, ids []string) error {
	waveOf := a.waveOf()
	var rows [][]string
	for k, p := range a.Packets(ids) {
		wave := ""
		if i, ok := waveOf[p.ID]; ok {
			wave = strconv.Itoa(i)
		}
		row := append([]string{strconv.Itoa(k + 1)}, csvPacket(p)...)
		row = append(row, p.Status.String(), wave)
		rows = append(rows, append(row, csvRemaining(p)...))
	}
	return csvWrite(w, []string{"position", "id", "title", "priority", "status", "wave", "remaining_low", "remaining_high", "remaining_expected"}, rows)
}

// WriteBlockedCSV is `plan blocked --format csv`; lists within a cell are
// separated by "; ".
func WriteBlockedCSV(w io.Writer, a *Analysis) error {
	var rows [][]string
	for b := range a.eachBlockedPacket() {
		row := csvPacket(b.Packet)
		row = append(row, csvCell(strings.Join(b.BlockedBy, "; ")), csvCell(strings.Join(b.External, "; ")), csvCell(strings.Join(b.WaitsOn, "; ")), csvCell(strings.Join(b.Missing, "; ")), strconv.FormatBool(b.ByStatus))
		rows = append(rows, row)
	}
	return csvWrite(w, []string{"id", "title", "priority", "blocked_by", "external", "waits_on", "missing", "by_status"}, rows)
}

// WriteHeldBackCSV is `plan blocked --by ID --format csv`.
func WriteHeldBackCSV(w io.Writer, a *Analysis, h HeldBack) error {
	var rows [][]string
	for _, p := range a.Packets(h.Waiting) {
		rows = append(rows, append(csvPacket(p), csvRemaining(p)...))
	}
	return csvWrite(w, []string{"id", "title", "priority", "remaining_low", "remaining_high", "remaining_expected"}, rows)
}

// WriteCriticalCSV is `plan critical --format csv`: the critical path
// method's times for every unfinished packet in build order; critical is
// true for the packets on the critical path.
func WriteCriticalCSV(w io.Writer, a *Analysis) error {
	var rows [][]string
	for _, t := range a.OrderTimings() {
		row := []string{csvCell(t.ID), csvCell(t.Title)}
		row = append(row, graph.Days(t.Duration), graph.Days(t.EarliestStart), graph.Days(t.EarliestFinish),
			graph.Days(t.LatestStart), graph.Days(t.LatestFinish), graph.Days(t.Slack), strconv.FormatBool(t.OnPath))
		rows = append(rows, row)
	}
	return csvWrite(w, []string{"id", "title", "duration", "earliest_start", "earliest_finish", "latest_start", "latest_finish", "slack", "critical"}, rows)
}
