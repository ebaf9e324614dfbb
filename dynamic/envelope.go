package dynamic

import (
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// EnvironmentSandbox is the environmentName of events from a sandbox
// environment; live environments send "live".
const EnvironmentSandbox = "sandbox"

// Envelope holds the members that every Dynamic webhook message carries
// around its data (Dynamic's "Event object"). Every event type of this package
// embeds it through [Message], so its fields and methods are available on
// every event.
type Envelope struct {
	// EventID identifies the event. One event is delivered as one message
	// per configured webhook, all with the same EventID.
	EventID string `json:"eventId,omitempty"`
	// MessageID identifies this delivery to this webhook; redeliveries keep
	// it, which makes it the idempotency key Dynamic documents.
	MessageID string `json:"messageId,omitempty"`
	// WebhookID identifies the configured webhook that sent the message.
	WebhookID string `json:"webhookId,omitempty"`
	// UserID identifies the user who triggered the event, which can differ
	// from the user in Data (a developer creating a user, for one). It is
	// empty when an API key triggered the event.
	UserID string `json:"userId,omitempty"`
	// ExternalUserID is the user's id in an external authentication
	// provider, sent only when external authentication is enabled and the
	// user has one.
	ExternalUserID string `json:"externalUserId,omitempty"`
	// EventName is the event type as it was on the wire, such as
	// "user.created". It keeps a deprecated alias as sent, while the event's
	// EventType method reports the current name.
	EventName string `json:"eventName,omitempty"`
	// EnvironmentID identifies the environment the event originated from.
	EnvironmentID string `json:"environmentId,omitempty"`
	// EnvironmentName is "live" or "sandbox" (see IsSandbox).
	EnvironmentName string `json:"environmentName,omitempty"`
	// Timestamp is when the event occurred; Dynamic sends an ISO 8601
	// string with milliseconds.
	Timestamp typedhooks.Time `json:"timestamp,omitzero"`
	// Redelivery is true when Dynamic sends the message again (a retry or a
	// manual redelivery from the dashboard). The member is usually absent
	// on a first delivery.
	Redelivery bool `json:"redelivery,omitempty"`
}

// IdempotencyKey returns the message id, or the event id when the message
// carries no message id (some of Dynamic's documented examples have none).
// It implements typedhooks.IdempotencyKeyer; dispatch de-duplicates on it,
// and it is signed (it is in the body).
//
// Why messageId: Dynamic's guides disagree (the Event object page and the
// older delivery guide name messageId "the idempotency key in order to
// handle redeliveries"; the newest delivery guide says eventId). Per the
// field docs one event becomes one message per configured webhook, and
// redeliveries keep both ids, so within one endpoint, which is what a
// dispatcher namespace serves, either recognises a redelivery. messageId
// also keeps apart two webhooks that point at the same URL (each with its
// own event selection) instead of dropping the second one's message. The
// event id stays available through [Envelope.EventKey] (dispatch shows it
// as Delivery.EventKey) for de-duplicating per business event.
func (e Envelope) IdempotencyKey() string {
	if e.MessageID != "" {
		return e.MessageID
	}
	return e.EventID
}

// EventKey returns the event id, the same for every webhook the event is
// delivered to. Newer Dynamic guides recommend it for de-duplicating per
// business event rather than per delivery.
func (e Envelope) EventKey() string { return e.EventID }

// IsRedelivery reports whether the message says it is a redelivery. It
// implements typedhooks.Redeliverer.
func (e Envelope) IsRedelivery() bool { return e.Redelivery }

// IsSandbox reports whether the event comes from a sandbox environment.
func (e Envelope) IsSandbox() bool { return e.EnvironmentName == EnvironmentSandbox }

// Message is one webhook message: the [Envelope] members and the data member,
// decoded into D. Every event type of this package is a named struct that
// embeds a Message, so that callbacks and type switches can tell event types
// apart while sharing one implementation.
//
// D is a struct of this package when Dynamic documents at least part of the
// event's data, and json.RawMessage when it documents nothing beyond a
// description. Both are lossless: a parsed message keeps the body it was
// parsed from (OriginalBody), and MarshalJSON gives back exactly its
// members, those no field holds and values that did not fit their field
// included. To read an undocumented payload, json.Unmarshal the RawMessage
// into a type of your own.
type Message[D any] struct {
	Envelope
	// Original keeps the body Parse read, from which MarshalJSON gives back
	// the members this package has no field for.
	wire.Original `json:"-"`
	// Data is the event's payload; its shape depends on the event type.
	Data D `json:"data,omitzero"`
}

// MarshalJSON encodes the message with exactly the members of the body it
// was parsed from, brought up to date with its fields.
func (m Message[D]) MarshalJSON() ([]byte, error) {
	type plain Message[D]
	return wire.MarshalOriginal((*plain)(&m), m.Original)
}
