package crossmint

import (
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// UserEnvelope is the envelope of the Crossmint Auth events.
type UserEnvelope struct {
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// ID is the webhook's top-level id, "Unique identifier for the webhook
	// event", which Crossmint's best-practices page names as the key for
	// recognising duplicate deliveries. None of Crossmint's published
	// examples shows it; it is empty when the body has none.
	ID typedhooks.ID `json:"id,omitempty"`
	// Type is the event type.
	Type string `json:"type"`
	// Status is "success" in every documented example.
	Status string `json:"status,omitempty"`
}

// UserCreated is sent when Crossmint Auth creates a user.
type UserCreated struct {
	UserEnvelope
	// Data describes the new user.
	Data UserCreatedData `json:"data"`
}

// UserCreatedData is the data member of users.created. Copies of the same
// documentation page name the user's identifier id in one version and userId
// in another, so both are kept; use [UserCreated.UserID] to read it.
type UserCreatedData struct {
	// ID is the user's identifier in the copies of the page that say id.
	ID typedhooks.ID `json:"id,omitempty"`
	// UserID is the user's identifier in the copies that say userId.
	UserID typedhooks.ID `json:"userId,omitempty"`
	// Email is set if the user signed up with an e-mail address.
	Email string `json:"email,omitempty"`
	// PhoneNumber is set if the user signed up with a phone number.
	PhoneNumber string `json:"phoneNumber,omitempty"`
}

// UserID returns the created user's identifier, from data.id or, when that
// is absent, data.userId.
func (e *UserCreated) UserID() typedhooks.ID {
	if e.Data.ID != "" {
		return e.Data.ID
	}
	return e.Data.UserID
}

// EventType returns TypeUserCreated.
func (*UserCreated) EventType() string { return TypeUserCreated }

// UserUpdated is sent when a user's e-mail address or phone number has
// been changed.
type UserUpdated struct {
	UserEnvelope
	// Data describes the change.
	Data UserUpdatedData `json:"data"`
}

// UserUpdatedData is the data member of users.updated. Only the pair that
// changed is present.
type UserUpdatedData struct {
	// ActionID identifies the update action.
	ActionID typedhooks.ID `json:"actionId,omitempty"`
	// UserID identifies the user.
	UserID typedhooks.ID `json:"userId,omitempty"`
	// OldEmail and NewEmail are set when the e-mail address changed.
	OldEmail string `json:"oldEmail,omitempty"`
	// NewEmail is the e-mail address now in use.
	NewEmail string `json:"newEmail,omitempty"`
	// OldPhoneNumber and NewPhoneNumber are set when the phone number
	// changed.
	OldPhoneNumber string `json:"oldPhoneNumber,omitempty"`
	// NewPhoneNumber is the phone number now in use.
	NewPhoneNumber string `json:"newPhoneNumber,omitempty"`
}

// EventType returns TypeUserUpdated.
func (*UserUpdated) EventType() string { return TypeUserUpdated }

// IdempotencyKey returns the webhook id ([UserEnvelope.ID]), or "" when the
// body has none (a dispatcher then keys on the signed svix-id). It
// implements typedhooks.IdempotencyKeyer.
func (e *UserEnvelope) IdempotencyKey() string { return e.ID.String() }
