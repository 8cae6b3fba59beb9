package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/workpackets/plan/schedule"
)

// csvCell keeps a spreadsheet from reading a cell as a formula: text that
// starts with =, +, -, @, tab or CR gets a leading apostrophe (the OWASP
// advice). Numbers are written by the caller and never pass through here.
func csvCell(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

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
func readSmallFile(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	if fi.Size() > maxHolidaysFile {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxHolidaysFile)
	}
	return os.ReadFile(name)
}
