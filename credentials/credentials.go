package credentials

import (
	"encoding/json"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// The event types this package has a struct for, as Crossmint's current
// verifiable-credentials page spells them.
const (
	// TypeCredentialCreationSucceeded is sent when a credential was issued.
	TypeCredentialCreationSucceeded = "credential.creation.succeeded"
	// TypeCredentialCreationFailed is sent when issuing failed.
	TypeCredentialCreationFailed = "credential.creation.failed"
)

// The older spellings, with a colon, that Crossmint's earlier pages (and so
// possibly older endpoints) use; they decode into the same structs.
const (
	// AliasCredentialCreationSucceeded is the colon spelling of
	// [TypeCredentialCreationSucceeded].
	AliasCredentialCreationSucceeded = "credential:creation.succeeded"
	// AliasCredentialCreationFailed is the colon spelling of
	// [TypeCredentialCreationFailed].
	AliasCredentialCreationFailed = "credential:creation.failed"
)

// registry is the table from Crossmint's credential event names to this
// package's structs.
var registry = wire.NewRegistry("crossmint credentials", wire.FoldingLocator("type"))

func init() {
	wire.Register[CredentialCreationSucceeded](registry, TypeCredentialCreationSucceeded, AliasCredentialCreationSucceeded)
	wire.Register[CredentialCreationFailed](registry, TypeCredentialCreationFailed, AliasCredentialCreationFailed)
}

// Parse decodes a credential webhook body into *CredentialCreationSucceeded
// or *CredentialCreationFailed, or into a *typedhooks.Unknown holding the
// whole body for any other type.
//
// The error is non-nil only when body is not a JSON object
// (typedhooks.ErrNotObject) or has no string type member
// (typedhooks.ErrNoEventType).
func Parse(body []byte) (typedhooks.Event, error) { return registry.Parse(body) }

// Types lists every event type Parse decodes into a struct, the colon
// spellings included, sorted.
func Types() []string { return registry.Types() }

// New returns an empty event of the struct registered for eventType (a
// current name or an alias), and false when there is none.
func New(eventType string) (typedhooks.Event, bool) { return registry.New(eventType) }

// Envelope is what both credential events share. Crossmint documents only
// the type and data members; ID is the webhook id its best-practices page
// recommends for idempotency, kept when present.
type Envelope struct {
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// ID identifies the webhook message, when Crossmint sends one.
	ID typedhooks.ID `json:"id,omitempty"`
	// Type is the event type as it was on the wire, which may be the
	// older colon spelling.
	Type string `json:"type"`
}

// IdempotencyKey returns the webhook id, or "" when the body has none (a
// dispatcher then keys on the signed svix-id). It implements
// typedhooks.IdempotencyKeyer.
func (e *Envelope) IdempotencyKey() string { return e.ID.String() }

// CredentialCreationSucceeded is sent when Crossmint has issued a
// credential. With delegated storage this event is the only way to obtain
// the credential, so handlers should store Data before acknowledging.
type CredentialCreationSucceeded struct {
	Envelope
	// Data holds the credential, its pass and its key.
	Data CreationSucceededData `json:"data"`
}

// CreationSucceededData is the data member of credential.creation.succeeded.
// Crossmint shows it only as pseudo-code and never as JSON, so the objects
// stay raw.
type CreationSucceededData struct {
	// Credential is the issued verifiable credential, or, for an encrypted
	// credential template, an object holding a credentialId and the base64
	// encrypted payload.
	Credential json.RawMessage `json:"credential,omitempty"`
	// Pass is the wallet credential pass object, with the link to forward
	// to the subject.
	Pass json.RawMessage `json:"pass,omitempty"`
	// Secret is the encryption key of a "crossmint-recoverable" encrypted
	// credential.
	Secret string `json:"secret,omitempty"`
}

// EventType returns TypeCredentialCreationSucceeded, for either spelling.
func (*CredentialCreationSucceeded) EventType() string { return TypeCredentialCreationSucceeded }

// CredentialCreationFailed is sent when issuing a credential failed.
type CredentialCreationFailed struct {
	Envelope
	// Data holds the error.
	Data CreationFailedData `json:"data"`
}

// CreationFailedData is the data member of credential.creation.failed.
type CreationFailedData struct {
	// Error describes the failure; its shape is not documented.
	Error json.RawMessage `json:"error,omitempty"`
}

// EventType returns TypeCredentialCreationFailed, for either spelling.
func (*CredentialCreationFailed) EventType() string { return TypeCredentialCreationFailed }
