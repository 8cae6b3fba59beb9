package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/schedule"
)

// csvCell is termtext.CSVCell: packet text cleaned as for the terminal,
// and never read as a formula. Numbers are written by the caller and never
// pass through here.
func csvCell(s string) string { return termtext.CSVCell(s) }

func writeScheduleCSV(w io.Writer, a *analysis, s *schedule.Schedule, cal *calendar) error {
	cw := csv.NewWriter(w)
	header := []string{"id", "title", "person", "start", "finish", "sprint"}
	if cal != nil {
		header = append(header, "start_date", "finish_date")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, as := range s.Assignments {
		title := ""
		if p := a.graph.Packet(as.ID); p != nil {
			title = p.Title
		}
		sprint := ""
		if as.Sprint > 0 {
			sprint = strconv.Itoa(as.Sprint)
		}
		row := []string{csvCell(as.ID), csvCell(title), strconv.Itoa(as.Person), days(as.Start), days(as.Finish), sprint}
		if cal != nil {
			row = append(row, cal.StartDate(as.Start), cal.FinishDate(as.Finish))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// maxHolidaysFile bounds what --holidays reads.
const maxHolidaysFile = 1 << 20

// readSmallFile reads a user-named side file such as --holidays, refusing
// anything that is not a regular file or is unreasonably large.
func readSmallFile(name string) ([]byte, error) { return readLimitedFile(name, maxHolidaysFile) }

// readLimitedFile reads a regular file of at most limit bytes.
func readLimitedFile(name string, limit int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return os.ReadFile(name)
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

// csvPacket returns the id, title and effective priority cells of a packet.
func csvPacket(a *analysis, id string) []string {
	title := ""
	if p := a.graph.Packet(id); p != nil {
		title = p.Title
	}
	return []string{csvCell(id), csvCell(title), a.graph.EffectivePriority(id).String()}
}

// csvRemaining returns the remaining low, high and expected days.
func csvRemaining(a *analysis, id string) []string {
	rem := a.graph.Packet(id).Remaining()
	return []string{days(rem.Low), days(rem.High), days(rem.Expected())}
}

// writeOrderCSV is `plan order --format csv`: one row per packet in build
// order, with its wave ("" for complete packets with --all).
func writeOrderCSV(w io.Writer, a *analysis, ids []string) error {
	waveOf := map[string]int{}
	for i, wave := range a.waves {
		for _, id := range wave {
			waveOf[id] = i
		}
	}
	var rows [][]string
	for k, id := range ids {
		wave := ""
		if i, ok := waveOf[id]; ok {
			wave = strconv.Itoa(i)
		}
		row := append([]string{strconv.Itoa(k + 1)}, csvPacket(a, id)...)
		row = append(row, a.graph.Packet(id).Status.String(), wave)
		rows = append(rows, append(row, csvRemaining(a, id)...))
	}
	return csvWrite(w, []string{"position", "id", "title", "priority", "status", "wave", "remaining_low", "remaining_high", "remaining_expected"}, rows)
}

// writeBlockedCSV is `plan blocked --format csv`; lists within a cell are
// separated by "; ".
func writeBlockedCSV(w io.Writer, a *analysis) error {
	var rows [][]string
	for _, b := range a.blocked {
		row := csvPacket(a, b.ID)
		row = append(row, csvCell(strings.Join(b.BlockedBy, "; ")), csvCell(strings.Join(b.External, "; ")), csvCell(strings.Join(b.WaitsOn, "; ")), csvCell(strings.Join(b.Missing, "; ")), strconv.FormatBool(b.ByStatus))
		rows = append(rows, row)
	}
	return csvWrite(w, []string{"id", "title", "priority", "blocked_by", "external", "waits_on", "missing", "by_status"}, rows)
}

// writeHeldBackCSV is `plan blocked --by ID --format csv`.
func writeHeldBackCSV(w io.Writer, a *analysis, h heldBackJSON) error {
	var rows [][]string
	for _, id := range h.Waiting {
		rows = append(rows, append(csvPacket(a, id), csvRemaining(a, id)...))
	}
	return csvWrite(w, []string{"id", "title", "priority", "remaining_low", "remaining_high", "remaining_expected"}, rows)
}

// writeCriticalCSV is `plan critical --format csv`: the critical path
// method's times for every unfinished packet in build order; critical is
// true for the packets on the critical path.
func writeCriticalCSV(w io.Writer, a *analysis) error {
	onPath := map[string]bool{}
	for _, id := range a.critical.IDs {
		onPath[id] = true
	}
	var rows [][]string
	for _, id := range a.order(false) {
		t := a.timings[id]
		row := csvPacket(a, id)[:2]
		row = append(row, days(t.Duration), days(t.EarliestStart), days(t.EarliestFinish),
			days(t.LatestStart), days(t.LatestFinish), days(t.Slack), strconv.FormatBool(onPath[id]))
		rows = append(rows, row)
	}
	return csvWrite(w, []string{"id", "title", "duration", "earliest_start", "earliest_finish", "latest_start", "latest_finish", "slack", "critical"}, rows)
}
