package parser

import "fmt"

// Field is a header field line as plan read it ("**Status**: Done"), for
// plan explain.
type Field struct {
	// Name is the field's name as written ("Estimated Effort").
	Name string
	// Means is what plan reads it as: "priority", "status", "effort",
	// "actual" or "dependencies".
	Means string
	// Line is the 1-based line of the field.
	Line int
	// Text is the line as written, without surrounding spaces.
	Text string
}

// Explanation is what plan reads from one document, with where each part
// came from: the packet (nil when the document is not one), why it is not
// one, and every header field line in file order. Only the first line of
// a field counts; Fields lists the later ones too, so that a reader can
// see them.
type Explanation struct {
	Packet *Packet
	// Why says why the document is not a packet; "" for a packet.
	Why string
	// Fields are the header field lines, dependency lines included.
	Fields []Field

	heading     string // the level-1 heading that is not a packet title
	headingLine int
}

// Explain reads one document as Load reads each file (the whole document,
// which gives what the fast reader gives) and says where each part came
// from. As with Parse, no other file is consulted, so its references are
// every ID its rows name: plan explain takes the resolved ones from the Set.
func Explain(file string, src []byte) *Explanation {
	ex := &Explanation{}
	d := &document{file: file, src: normalize(src), explain: ex}
	d.lines = newLineIndex(d.src)
	p, rows, _ := d.parse()
	if p != nil {
		resolve(p, rows, nil)
	}
	ex.Packet = p
	switch {
	case p != nil:
	case d.template:
		ex.Why = fmt.Sprintf("line %d: %q is a packet template's title (a placeholder in brackets where the ID goes)", ex.headingLine, ex.heading)
	case ex.heading != "":
		ex.Why = fmt.Sprintf("line %d: the first level-1 heading %q is not '# ID: Title' with an ID such as WP-001", ex.headingLine, ex.heading)
	default:
		ex.Why = "no level-1 heading: a packet's title is its first level-1 heading, '# ID: Title'"
	}
	if p == nil {
		ex.Fields = nil // a non-packet's "Field:" lines were never read
	}
	return ex
}

// means names a field kind as Field.Means does.
func (k fieldKind) means() string {
	switch k {
	case fieldPriority:
		return "priority"
	case fieldStatus:
		return "status"
	case fieldEffort:
		return "effort"
	case fieldActual:
		return "actual"
	case fieldDependencies:
		return "dependencies"
	}
	return ""
}
