package scaffold

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/parser"
)

// Conflicts is what the packets read say against a new packet.
type Conflicts struct {
	// Taken is the packet that already has the new packet's ID, or nil;
	// Oversize says it is in a file skipped for being over the size
	// limit (found from the file's head).
	Taken    *parser.Packet
	Oversize bool
	// Unknown are the dependency IDs that no packet read has, in the
	// order given.
	Unknown []string
	// ByID are the packets read, by ID.
	ByID map[string]*parser.Packet
}

// Check returns what set says against a new packet id with the
// dependencies deps, limit being the size over which a file was skipped.
func Check(set *parser.Set, id string, deps []string, limit int64) Conflicts {
	c := Conflicts{ByID: make(map[string]*parser.Packet, len(set.Packets))}
	for _, p := range set.Packets {
		c.ByID[p.ID] = p
	}
	if c.Taken = c.ByID[id]; c.Taken == nil {
		c.Taken = InOversizeFile(set, id, limit)
		c.Oversize = c.Taken != nil
	}
	for _, d := range deps {
		if c.ByID[d] == nil {
			c.Unknown = append(c.Unknown, d)
		}
	}
	return c
}

// oversizeHead is how much of a file over the size limit is read to learn
// its packet ID: the heading comes first.
const oversizeHead = 64 << 10

// InOversizeFile returns the packet with this id that a file skipped for
// being over the size limit starts with, or nil: plan new must not create
// a second packet with the ID of one that is only too large to read.
func InOversizeFile(set *parser.Set, id string, limit int64) *parser.Packet {
	for _, name := range set.Skipped {
		if fi, err := os.Stat(name); err != nil || fi.Size() <= limit {
			continue
		}
		head, err := fileio.ReadHead(name, oversizeHead)
		if err != nil {
			continue
		}
		if p, _ := parser.Parse(name, head); p != nil && p.ID == id {
			return p
		}
	}
	return nil
}

// UnreadDir says why reading paths would not search dir, or "" when it
// would: dir lies inside a hidden, node_modules or vendor folder, or is
// reached through a symbolic link to a folder, below one of the paths
// (under is that path). A packet written there would be invisible to plan,
// and its ID would not be checked by the next plan new. A dir that is one
// of the paths, or lies outside them all, is left to the user.
func UnreadDir(dir string, paths []string) (why, under string) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", ""
	}
	for _, p := range paths {
		absP, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if fi, err := os.Stat(absP); err != nil || !fi.IsDir() {
			continue
		}
		rel, err := filepath.Rel(absP, absDir)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if rel == "." {
			return "", ""
		}
		cur, skipped := absP, ""
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			cur = filepath.Join(cur, part)
			if parser.SkippedDir(part) {
				skipped = "the folder " + part + " is not searched (hidden, node_modules and vendor folders are skipped)"
				break
			}
			if li, err := os.Lstat(cur); err == nil && li.Mode()&fs.ModeSymlink != 0 {
				skipped = part + " is a symbolic link, which is not followed"
				break
			}
		}
		if skipped == "" {
			return "", "" // this path reads it
		}
		why, under = skipped, p
	}
	return why, under
}
