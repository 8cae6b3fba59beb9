package parser

// Field is a header field line as plan read it ("**Status**: Done"), for
// plan explain.
type Field struct {
	// Name is the field's name as written ("Estimated Effort").
	Name string
	// Means is what plan reads it as: "priority", "status", "effort",
	// "actual" or "dependencies"; in front matter also "id" and "title".
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
	d, body := newDocument(file, src, nil)
	d.explain = ex
	d.src, d.lines = body, newLineIndex(body)
	p, rows, _ := d.parse()
	if p != nil {
		resolve(p, rows, nil)
	}
	ex.Packet = p
	if p == nil {
		ex.Why = d.why
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
