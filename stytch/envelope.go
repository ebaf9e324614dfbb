package stytch

import (
	"strings"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// Verticals, the values of [Envelope.Vertical].
const (
	VerticalConsumer = "CONSUMER"
	VerticalB2B      = "B2B"
)

// Event is implemented by every typed event of this package (not by
// *typedhooks.Unknown), so code can read the envelope without a type switch.
type Event interface {
	typedhooks.Event
	// Source returns the event type's first segment, such as "direct".
	Source() string
	// ObjectType returns the event type's second segment, such as "member".
	ObjectType() string
	// Action returns the event type's third segment, such as "update".
	Action() string
}

// Envelope holds the members every Stytch webhook body carries around the
// object it is about. Every event type embeds it.
//
// The source, object_type and action members are kept as sent in the Wire
// fields so that a body round-trips unchanged; the Source, ObjectType and
// Action methods return them lower-cased, as they appear in the event type.
type Envelope struct {
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// ProjectID is the Stytch project the event is for.
	ProjectID string `json:"project_id"`
	// EventID is the event's unique id; Svix redeliveries of the same event
	// keep it.
	EventID string `json:"event_id"`
	// WireAction is the action as sent: "CREATE", "UPDATE" or "DELETE";
	// the SCIM group events also send "MEMBER_ADD" and "MEMBER_DELETE" (as
	// their type names say; not yet seen in an example).
	WireAction string `json:"action"`
	// WireObjectType is the kind of entity acted upon, such as "user",
	// "member" or "organization"; it is also the name of the body member
	// that holds the entity.
	WireObjectType string `json:"object_type"`
	// WireSource is where the change came from as sent: "DIRECT" (an API
	// or SDK call), "DASHBOARD" or "SCIM".
	WireSource string `json:"source"`
	// ID is the id of the entity acted upon (user_id, member_id,
	// organization_id, connection_id, ...). Delete events carry little
	// more than this id.
	ID string `json:"id"`
	// Timestamp is when Stytch sent the event. Stytch writes 6 or 9
	// fractional digits; the count is kept when the event is encoded again.
	Timestamp typedhooks.Time `json:"timestamp"`
	// Vertical is VerticalConsumer or VerticalB2B. Older deliveries do not
	// have it.
	Vertical string `json:"vertical,omitempty"`
}

// Source returns the event's source lower-cased, as in the event type:
// "direct", "dashboard" or "scim".
func (e *Envelope) Source() string { return lowerString(e.WireSource) }

// ObjectType returns the event's object type lower-cased, such as "user".
func (e *Envelope) ObjectType() string { return lowerString(e.WireObjectType) }

// Action returns the event's action lower-cased: "create", "update",
// "delete", or for the SCIM group events "member_add" and "member_delete".
func (e *Envelope) Action() string { return lowerString(e.WireAction) }

// IdempotencyKey returns the event id. It identifies the event rather than
// one delivery attempt, which is what a receiver without the svix-id header
// needs to recognise a retry. It implements typedhooks.IdempotencyKeyer.
//
// It returns "" for Stytch's example events, whose event id is the same
// placeholder in every one: keyed on it, every example
// sent from the dashboard after the first would be taken for a duplicate.
// A dispatcher then keys on the signed svix-id instead.
func (e *Envelope) IdempotencyKey() string {
	if strings.HasPrefix(e.EventID, testEventIDPrefix) {
		return ""
	}
	return e.EventID
}

// testEventIDPrefix starts the event id of the example events Stytch
// documents and sends as tests ("webhook-event-test-00000000-...").
const testEventIDPrefix = "webhook-event-test-"
