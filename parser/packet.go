package parser

import "fmt"

// Status is how far a packet has come. (A byte, as Priority is: with a
// Packet's flags they fill one word of it.)
type Status uint8

// The statuses a packet can have. The zero value is NotStarted, which
// is also what a packet without a Status line is taken to be. Cancelled
// work is neither planned nor remaining.
const (
	NotStarted Status = iota
	InProgress
	Complete
	Cancelled
)

// String returns the status as the JSON output spells it.
func (s Status) String() string {
	switch s {
	case InProgress:
		return "in_progress"
	case Complete:
		return "complete"
	case Cancelled:
		return "cancelled"
	default:
		return "not_started"
	}
}

// Text is the status in plain words, as plan's reports and messages
// write it: "not started", "in progress", "complete", "cancelled".
func (s Status) Text() string {
	switch s {
	case InProgress:
		return "in progress"
	case Complete:
		return "complete"
	case Cancelled:
		return "cancelled"
	default:
		return "not started"
	}
}

// Words returns the status in the template's words, as a person writes it in
// a packet ("🚧 Not Started", "🏗️ In Progress", "✅ Complete").
func (s Status) Words() string {
	switch s {
	case InProgress:
		return "🏗️ In Progress"
	case Complete:
		return "✅ Complete"
	case Cancelled:
		return "❌ Cancelled"
	default:
		return "🚧 Not Started"
	}
}

// Priority is P0 (most urgent) to P3, or NoPriority.
type Priority int8

// NoPriority marks a packet without a usable Priority line. It sorts after
// every real priority.
const NoPriority Priority = -1

// Rank orders priorities for sorting: P0 < P1 < P2 < P3 < no priority.
func (p Priority) Rank() int {
	if p < 0 {
		return 4
	}
	return int(p)
}

// String returns "P0".."P3", or "" for NoPriority.
func (p Priority) String() string {
	if p < 0 {
		return ""
	}
	return fmt.Sprintf("P%d", int(p))
}

// Effort is an estimate in working days: a range from Low to High, with an
// optional most-likely value.
type Effort struct {
	Low, High float64
	// Likely is the most-likely value when the packet states one
	// ("2-8 days (likely 3)"); HasLikely says whether it did.
	Likely    float64
	HasLikely bool
}

// Expected is the single-number estimate: the PERT mean
// (low + 4*likely + high) / 6 when a most-likely value is given, otherwise
// the midpoint of the range.
func (e Effort) Expected() float64 {
	if e.HasLikely {
		return (e.Low + 4*e.Likely + e.High) / 6
	}
	return (e.Low + e.High) / 2
}

// Scale returns the effort multiplied by f (used for the part of an
// in-progress packet that remains).
func (e Effort) Scale(f float64) Effort {
	return Effort{Low: e.Low * f, High: e.High * f, Likely: e.Likely * f, HasLikely: e.HasLikely}
}

// ExternalClass says what an external (non-packet) dependency's status cell
// means for the plan. (A byte, so that an External is 48 bytes: a folder
// of 100,000 packets holds a quarter of a million of them.)
type ExternalClass uint8

// External dependency classes. Only Blocking externals of required tables
// block a packet; AtRisk ones are reported as risks.
const (
	Unknown ExternalClass = iota
	Available
	Blocking
	AtRisk
	Future
)

// String returns the class as the JSON output spells it.
func (c ExternalClass) String() string {
	switch c {
	case Available:
		return "available"
	case Blocking:
		return "blocking"
	case AtRisk:
		return "at_risk"
	case Future:
		return "future"
	default:
		return "unknown"
	}
}

// Ref is a dependency-table row (or header line) that names another packet.
// (A folder of 100,000 packets holds a quarter of a million of them: a Ref
// is 64 bytes, and where a reverse row was written is found with
// Packet.BlocksLine instead of being kept in each.)
type Ref struct {
	// ID is the referenced packet's ID.
	ID string
	// Line is the 1-based line of the row in the packet's file. For a
	// reference Load added for another packet's "**Blocks**:" line (Via
	// ViaBlocks, in Requires) it is the packet's title line, so that
	// messages about the edge (cycles) still point into the packet's
	// file; the line itself is in the file of the packet ID names, at
	// that packet's BlocksLine.
	Line int
	// StatusText is the row's Status cell as plain text: mis-encoding
	// repaired, markdown emphasis removed ("❌ BLOCKED"). It is empty for a
	// "**Dependencies**:" header line.
	StatusText string
	// Via says how the reference was read and resolved (for plan explain).
	Via Via
	// Source is the row's dependency text as written, plain ("WP-012
	// (Auth API)"): what the reference was read from.
	Source string
}

// Via is how a reference was found, as plan explain shows it.
type Via uint8

// The ways a reference is found. A row's link or range decides over where
// the row is; otherwise the row's place does.
const (
	ViaTable       Via = iota // an ID in a dependency table's dependency cell
	ViaLink                   // a link to the packet's file
	ViaRange                  // an ID range ("WP-001 through WP-005")
	ViaHeader                 // a header line ("**Depends On**: WP-001")
	ViaBullet                 // a list item under Dependencies or under an empty header line
	ViaBlocks                 // the other packet's "**Blocks**:" line
	ViaDescription            // an ID in the description cell of a row naming none
)

// String returns the way as plan explain words it.
func (v Via) String() string {
	switch v {
	case ViaLink:
		return "link"
	case ViaRange:
		return "range"
	case ViaHeader:
		return "header line"
	case ViaBullet:
		return "bullet"
	case ViaBlocks:
		return "reverse blocks"
	case ViaDescription:
		return "description"
	default:
		return "table"
	}
}

// External is a dependency-table row that names no packet: a service, a
// package, an account.
type External struct {
	// Name is the dependency cell as plain text ("Resend SDK").
	Name string
	// StatusText is the Status cell as plain text ("❌ Not Installed").
	StatusText string
	// Line is the 1-based line of the row.
	Line int
	// Class is what the status cell means for the plan.
	Class ExternalClass
	// Required is true for rows of a required table. Only required
	// externals whose Class is Blocking block the packet.
	Required bool
}

// Blocking reports whether this external stops its packet from starting.
func (e External) Blocking() bool { return e.Required && e.Class == Blocking }

// Packet is one work packet as read from its file.
type Packet struct {
	ID    string
	Title string
	// File is the path as the user would type it.
	File string
	// Line is the line of the packet's title: its title heading, or the
	// id: line of its front matter.
	Line int

	Priority Priority
	Status   Status
	// StatusBlocked is set when the packet's own Status says Blocked: it
	// is not started, and blocked by its status line even when no row
	// says why.
	StatusBlocked bool
	// CaseInsensitiveID is true for a packet whose ID comes from YAML
	// front matter (id: task-12): references match it in any case.
	CaseInsensitiveID bool
	// status is the line of the Status field (0 for none) in the low
	// bits, and statusUnread when the Status line could not be read
	// (Load keeps one warning per unknown word per folder, not one per
	// packet). (It fills the word of Priority, Status and the flags:
	// a Packet is 208 bytes, not 240; a folder of 100,000 packets holds
	// 100,000 of them.)
	status uint32
	// Progress is the percentage complete for in-progress packets that
	// state one ("🏗️ 50% Complete"), or nil.
	Progress *int
	// Effort is the estimate, or nil when missing or TBD.
	Effort *Effort
	// Actual is the recorded actual effort in days, or nil.
	Actual *float64

	// Requires are the required packet references, in file order.
	Requires []Ref
	// Optional are the optional ("nice to have") packet references.
	Optional []Ref
	// Externals are the rows naming no packet, from both kinds of table.
	Externals []External
	// Missing are the required references to IDs that no file read has
	// (each also a dangling-ref warning): the packet cannot start until
	// they exist. Only Load fills it.
	Missing []Ref

	// Blocks are the packets this one's "**Blocks**:" lines name: each
	// of them requires this packet, and Load adds this packet to their
	// Requires (with Via ViaBlocks).
	Blocks []Ref
}

// statusUnread is the bit of Packet.status that says the Status line
// could not be read.
const statusUnread = 1 << 31

// statusLine is the line of p's Status field, 0 for none.
func (p *Packet) statusLine() int { return int(p.status &^ statusUnread) }

// setStatusLine records the line of p's Status field (a line past what
// the bits hold, in a file of more than 2 GB, is kept as the last they
// hold).
func (p *Packet) setStatusLine(line int) {
	p.status = p.status&statusUnread | uint32(min(max(line, 0), statusUnread-1))
}

// statusUnread reports whether p's Status line could not be read.
func (p *Packet) statusUnread() bool { return p.status&statusUnread != 0 }

// setStatusUnread records whether p's Status line could not be read.
func (p *Packet) setStatusUnread(unread bool) {
	p.status &^= statusUnread
	if unread {
		p.status |= statusUnread
	}
}

// BlocksLine is the line of p's "**Blocks**:" entry that names the
// packet id, the first if several do, or 0 if none does: where the
// reference Load added to that packet's Requires for it (Via ViaBlocks)
// was written.
func (p *Packet) BlocksLine(id string) int {
	for _, b := range p.Blocks {
		if b.ID == id {
			return b.Line
		}
	}
	return 0
}

// Remaining is the effort still to do: zero for complete and cancelled
// packets and for packets without an estimate, the unfinished share for
// in-progress packets with a percentage, and the whole estimate otherwise.
func (p *Packet) Remaining() Effort {
	switch {
	case p.Status == Complete || p.Status == Cancelled || p.Effort == nil:
		return Effort{}
	case p.Status == InProgress && p.Progress != nil:
		return p.Effort.Scale(1 - float64(*p.Progress)/100)
	default:
		return *p.Effort
	}
}

// Severity is how bad a problem is: errors fail `plan check`.
type Severity int

// Problem severities.
const (
	Warning Severity = iota
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Problem codes, as printed and as JSON carries them.
const (
	CodeCycle              = "cycle"
	CodeDuplicateID        = "duplicate-id"
	CodeDanglingRef        = "dangling-ref"
	CodeRequiresCancelled  = "requires-cancelled"
	CodeIDCase             = "id-case"
	CodeStaleStatus        = "stale-status"
	CodeInconsistentStatus = "inconsistent-status"
	CodeMissingEffort      = "missing-effort"
	CodeMissingStatus      = "missing-status"
	CodeMissingPriority    = "missing-priority"
	CodeParse              = "parse"
)

// Problem is something wrong with the input, at a file and line.
type Problem struct {
	Severity Severity
	Code     string
	Message  string
	File     string
	Line     int
	// Packet is the ID of the packet the problem is about (the one whose
	// file holds it), or "" when the file is not read as a packet.
	Packet string
	// Ref is the ID of the packet the offending row names (the dangling
	// ID, the packet whose status a row contradicts, the dependency of a
	// cycle row), or "" when the problem names no other packet.
	Ref string
}

// String formats the problem as `file:line: severity: code: message`.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s: %s", p.File, p.Line, p.Severity, p.Code, p.Message)
}

// SortProblems sorts problems as Load does: by file, line, code and
// message. Callers that merge problems from several sources (the parser's
// and the graph's) use it to keep one order.
func SortProblems(ps []Problem) { sortProblems(ps) }
