package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"text/template"

	"github.com/workpackets/plan/parser"
)

// This file is the packet plan new writes: template.md with its header
// fields and dependency tables filled in, and the packet's file name.

// NewPacket is what plan new was asked to write.
type NewPacket struct {
	// ID and Title are the packet's; Title is one line of text.
	ID, Title string
	// Priority and Effort are the header fields, "" for TBD; Priority is
	// as PriorityCode gives it.
	Priority, Effort string
	// Requires and Optional are the IDs of its dependencies, each a
	// packet of ByID, which lends the rows their titles and statuses.
	Requires, Optional []string
	ByID               map[string]*parser.Packet
	// Updated is the Last Updated date, as 2006-01-02.
	Updated string
}

// NewPacketError is a request plan new cannot write so that it reads back
// as asked (a title of markdown that will not round-trip, an effort plan
// does not read): the user's to change, as Hint says.
type NewPacketError struct{ Msg, Hint string }

func (e *NewPacketError) Error() string { return e.Msg }

// NewPacketText is the packet's text, checked to read back as meant: the
// ID, title, priority, effort and dependencies given, with no problem but
// the fields left TBD. The title is written as it is where it reads back
// so, else escaped for markdown; a dependency row names its packet by
// title and ID, else by ID with the title in the description.
func NewPacketText(np NewPacket) ([]byte, error) {
	for _, style := range []rowStyle{titleAndID, idOnly} {
		for _, heading := range []string{np.Title, markdownText(np.Title)} {
			doc, err := packetText(np, heading, style)
			if err != nil {
				return nil, err
			}
			p, probs := parser.Parse(np.ID+".md", doc)
			if p == nil || p.ID != np.ID || p.Title != np.Title || !sameIDs(p.Requires, np.Requires) || !sameIDs(p.Optional, np.Optional) {
				continue
			}
			for _, pr := range probs {
				switch {
				case pr.Code == parser.CodeMissingPriority && np.Priority == "",
					pr.Code == parser.CodeMissingEffort && np.Effort == "":
				case pr.Code == parser.CodeParse || pr.Code == parser.CodeMissingEffort || pr.Code == parser.CodeMissingPriority:
					return nil, &NewPacketError{Msg: pr.Message, Hint: "'plan help format' lists the forms plan reads"}
				default:
					return nil, fmt.Errorf("the new packet would read with a problem: %s", pr)
				}
			}
			return doc, nil
		}
	}
	return nil, &NewPacketError{Msg: fmt.Sprintf("the title %q cannot be written so that it reads back the same", np.Title), Hint: "leave out the markdown characters in the title"}
}

func sameIDs(refs []parser.Ref, ids []string) bool {
	if len(refs) != len(ids) {
		return false
	}
	for i, r := range refs {
		if r.ID != ids[i] {
			return false
		}
	}
	return true
}

// rowStyle is how a dependency row names its packet.
type rowStyle int

const (
	titleAndID rowStyle = iota // | Content Service (P1-CONTENT-001) | ...
	idOnly                     // | P1-CONTENT-001 | ... | Content Service |
)

func orTBD(s string) string {
	if strings.TrimSpace(s) == "" {
		return "TBD"
	}
	return s
}

// packetText is the new packet: template.md, with the header fields and
// dependency tables filled in.
func packetText(np NewPacket, heading string, style rowStyle) ([]byte, error) {
	// table is a dependency table, each line ending in a newline.
	table := func(ids []string, empty string) string {
		var b strings.Builder
		w := func(lines ...string) {
			for _, l := range lines {
				b.WriteString(l)
				b.WriteByte('\n')
			}
		}
		w("| Dependency | Status | Description |", "|------------|--------|-------------|")
		for _, r := range ids {
			p := np.ByID[r]
			if style == titleAndID {
				w(fmt.Sprintf("| %s (%s) | %s | [What this packet needs from it] |", markdownText(p.Title), r, parser.StatusWords(p)))
			} else {
				w(fmt.Sprintf("| %s | %s | %s |", r, parser.StatusWords(p), markdownText(p.Title)))
			}
		}
		if len(ids) == 0 {
			w("", empty)
		}
		return b.String()
	}
	fields := packetFields{
		ID: np.ID, Heading: heading, Priority: orTBD(np.Priority), Status: parser.NotStarted.Words(), Effort: orTBD(np.Effort),
		Required: table(np.Requires, "[No required packets yet: add a row per packet this one waits for.]"),
		Optional: table(np.Optional, "[No optional packets yet.]"),
		Updated:  np.Updated,
	}
	var out bytes.Buffer
	if err := packetTemplate.Execute(&out, fields); err != nil {
		return nil, fmt.Errorf("template.md: %w", err)
	}
	return out.Bytes(), nil
}

// templateText is plan new's packet, template.md, with the fields
// packetFields names in {{.Name}} actions.
//
//go:embed template.md
var templateText string

// packetTemplate is templateText parsed once. text/template writes the
// values as they are: the title is already escaped for markdown.
var packetTemplate = template.Must(template.New("template.md").Option("missingkey=error").Parse(templateText))

// packetFields are what template.md fills in. Required and Optional are
// the dependency tables, each ending in a newline.
type packetFields struct {
	ID, Heading, Priority, Status, Effort string
	Required, Optional                    string
	Updated                               string
}

// PacketFileName is ID-title-in-words.md: the title's letters and digits
// (ASCII, lower case) joined by "-", at most about 40 characters.
func PacketFileName(id, title string) string {
	var words []string
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if n+len(w) > 40 && n > 0 {
			break
		}
		words = append(words, w)
		n += len(w) + 1
	}
	if len(words) == 0 {
		return id + ".md"
	}
	return id + "-" + strings.Join(words, "-") + ".md"
}

// PriorityCode returns the P0..P3 code of a --priority value plan reads
// (high is P1, as plan help format's table says), so the file says P1 as
// plan prints it; a value plan does not read is returned unchanged, and
// NewPacketText's read-back check refuses it.
func PriorityCode(v string) string {
	if v == "" {
		return v
	}
	p, _ := parser.Parse("priority.md", []byte("# X-1: x\n\n**Priority**: "+v+"\n"))
	if p == nil || p.Priority == parser.NoPriority {
		return v
	}
	return p.Priority.String()
}
