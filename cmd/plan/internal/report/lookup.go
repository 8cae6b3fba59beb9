package report

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/workpackets/plan/cmd/plan/internal/suggest"
	"github.com/workpackets/plan/parser"
)

// UnknownIDError says that no packet has the ID the user typed, and
// suggests the nearest one.
type UnknownIDError struct {
	// ID is what was typed; Nearest, the packet ID within two edits of
	// it, or "".
	ID, Nearest string
}

func (e *UnknownIDError) Error() string { return fmt.Sprintf("no packet with ID %q", clean(e.ID)) }

// Hint says what to do: the nearest ID when there is one, and how to list
// them all.
func (e *UnknownIDError) Hint() string {
	hint := "run 'plan order --all' to list the packet IDs"
	if e.Nearest != "" {
		hint = fmt.Sprintf("did you mean %s? (%s)", e.Nearest, hint)
	}
	return hint
}

// ExplainFolder is plan explain's error for a folder named where a packet
// file or ID goes (plan explain testdata/example), said before anything
// is read: read as a file it was "no file named", as if it did not exist.
func ExplainFolder(dir string) string {
	return fmt.Sprintf("%s is a folder; plan explain takes one packet file or a packet ID", cleanPath(dir))
}

// ExplainFolderHint says what to type instead of ExplainFolder's folder:
// a packet's ID with the folder after it, or one of its files.
func ExplainFolderHint(dir string) string {
	d := cleanPath(dir)
	return fmt.Sprintf("to explain a packet in it, run 'plan explain ID %s' or name the packet's file; 'plan order --all %s' lists the IDs", d, d)
}

// PacketID returns the ID of the packet that id names: the same ID, or
// the one it names up to letter case (IDs are capital letters, but
// p1-ecom-001 is typed too). Otherwise it returns an *UnknownIDError.
func (a *Analysis) PacketID(id string) (string, error) {
	if a.Graph.Packet(id) != nil {
		return id, nil
	}
	if p := a.Graph.Packet(strings.ToUpper(id)); p != nil {
		return p.ID, nil
	}
	var ids []string
	for _, p := range a.Graph.Packets() {
		ids = append(ids, p.ID)
	}
	return "", &UnknownIDError{ID: id, Nearest: suggest.ID(id, ids)}
}

// PacketByID finds a packet read by its ID, in any case; nil when none
// has it.
func (a *Analysis) PacketByID(id string) *parser.Packet {
	if p := a.Graph.Packet(id); p != nil {
		return p
	}
	for _, p := range a.Set.Packets {
		if strings.EqualFold(p.ID, id) {
			return p
		}
	}
	return nil
}

// FindFile returns the file read that is target, spelled as the set
// spells it, or "".
func (a *Analysis) FindFile(target string) string {
	want := filepath.Clean(target)
	for _, f := range a.Set.Files {
		if filepath.Clean(f) == want {
			return f
		}
	}
	return ""
}

// PacketInFile is the packet the set kept for file (the last read from
// it), or nil when it holds none.
func (a *Analysis) PacketInFile(file string) *parser.Packet {
	var kept *parser.Packet
	for _, p := range a.Set.Packets {
		if p.File == file {
			kept = p
		}
	}
	return kept
}
