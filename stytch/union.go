package stytch

import (
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// shapes is the union of every Stytch event body: the envelope and a field for
// each object member. Parse decodes a body into it in one pass and takes the
// event type from its envelope, instead of walking the whole top level to
// find source, object_type and action (the last of duplicate members wins,
// so the walk cannot stop early) and then decoding (see wire.Union).
type shapes struct {
	Envelope
	User           *User         `json:"user,omitempty"`
	Member         *Member       `json:"member,omitempty"`
	Organization   *Organization `json:"organization,omitempty"`
	SAMLConnection *Connection   `json:"saml_connection,omitempty"`
	OIDCConnection *Connection   `json:"oidc_connection,omitempty"`
	SCIMConnection *Connection   `json:"scim_connection,omitempty"`
}

// newShapes is the union's factory for wire.WithUnion.
func newShapes() wire.Union { return new(shapes) }

// EventType joins source, object_type and action, lower-cased, as
// LocateType does, and reports false when one is empty (LocateType then
// reports which).
func (w *shapes) EventType() (string, bool) {
	parts := [...]string{w.WireSource, w.WireObjectType, w.WireAction}
	for _, p := range parts {
		if p == "" {
			return "", false
		}
	}
	return joinLower(parts), true
}

// Fill sets ev from the union when ev is one of this package's events.
func (w *shapes) Fill(ev typedhooks.Event) bool {
	f, ok := ev.(filler)
	if ok {
		f.fill(w)
	}
	return ok
}

// filler is implemented by the event shapes of this package: each takes the
// envelope and its own object member from the union, which is what decoding
// the body into the shape would set.
type filler interface {
	fill(w *shapes)
}

func (e *UserEvent) fill(w *shapes) { e.Envelope, e.User = w.Envelope, w.User }

func (e *MemberEvent) fill(w *shapes) { e.Envelope, e.Member = w.Envelope, w.Member }

func (e *OrganizationEvent) fill(w *shapes) {
	e.Envelope, e.Organization = w.Envelope, w.Organization
}

func (e *SAMLConnectionEvent) fill(w *shapes) {
	e.Envelope, e.SAMLConnection = w.Envelope, w.SAMLConnection
}

func (e *OIDCConnectionEvent) fill(w *shapes) {
	e.Envelope, e.OIDCConnection = w.Envelope, w.OIDCConnection
}

func (e *SCIMConnectionEvent) fill(w *shapes) {
	e.Envelope, e.SCIMConnection = w.Envelope, w.SCIMConnection
}
