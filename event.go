package typedhooks

import (
	"encoding/json"
	"fmt"

	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// Event is implemented by every typed webhook event of every provider package.
//
// EventType reports the provider's canonical name of the event type, such as
// "nfts.create.succeeded" or "direct.user.create". Typed events implement it
// with a pointer receiver that does not read the receiver, so it can be asked
// of a zero value (new(T)); that is how dispatch learns which type string a
// typed callback handles. When a provider renamed an event, EventType returns
// the current name and the struct keeps the name that was on the wire.
type Event interface {
	EventType() string
}

// IdempotencyKeyer is implemented by events whose body carries the provider's
// delivery identifier, such as Dynamic's messageId. Receivers use it to
// recognise a redelivered message when the transport carries no id header.
type IdempotencyKeyer interface {
	IdempotencyKey() string
}

// Redeliverer is implemented by events whose body says whether the provider
// is sending the message again, such as Dynamic's redelivery flag.
type Redeliverer interface {
	IsRedelivery() bool
}

// Unknown is the event returned for a type string that the provider package
// has no struct for yet. Providers add event types without notice, and losing
// such an event to a decode error would be worse than handing it over raw:
// the caller still gets the type and every byte of the body.
type Unknown struct {
	// Type is the event type as found in the body.
	Type string
	// Raw is a copy of the complete request body.
	Raw json.RawMessage
}

// EventType returns the type string found in the body.
func (u *Unknown) EventType() string { return u.Type }

// MarshalJSON returns the body the event was parsed from, so that storing and
// forwarding an Unknown event is lossless.
func (u *Unknown) MarshalJSON() ([]byte, error) {
	if len(u.Raw) == 0 {
		return []byte("null"), nil
	}
	return u.Raw, nil
}

// UnmarshalJSON keeps a copy of data as Raw and takes Type from the field
// named "type", if there is one; it lets a stored Unknown be read back. It
// returns an error wrapping [ErrNotObject] when data is not an object.
func (u *Unknown) UnmarshalJSON(data []byte) error {
	var raw []byte // the last "type" member wins, as in encoding/json
	if err := fastjson.EachMember(data, func(name, value []byte) bool {
		if fastjson.NameIs(name, "type") {
			raw = value
		}
		return true
	}); err != nil {
		return fmt.Errorf("%w: %v", ErrNotObject, err)
	}
	u.Type, _ = fastjson.StringValue(raw)
	u.Raw = append(json.RawMessage(nil), data...)
	return nil
}
