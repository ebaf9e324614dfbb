package stytch

import (
	"github.com/typedhooks/typedhooks/internal/wire"
)

// Stytch adds members to its objects without notice, and users store and
// forward events, so encoding a parsed event gives back every member of the
// body it was parsed from, including those no field holds. Each method below
// encodes its struct as a type without methods (so that encoding/json does
// not call the method again) through wire.MarshalOriginal, with the
// body kept in the wire.Original that Envelope embeds. An event built
// in code has no body and encodes as encoding/json encodes its fields.
//
// The methods sit on the shapes the event types embed (which add no field of
// their own), not on Envelope, whose promoted MarshalJSON would hide the
// object member of every event; a test over every registered type
// (TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers) holds new types to
// that. Value receivers, so that an event encodes the same as a pointer or
// as a value.

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e UserEvent) MarshalJSON() ([]byte, error) {
	type plain UserEvent
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e MemberEvent) MarshalJSON() ([]byte, error) {
	type plain MemberEvent
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e OrganizationEvent) MarshalJSON() ([]byte, error) {
	type plain OrganizationEvent
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e SAMLConnectionEvent) MarshalJSON() ([]byte, error) {
	type plain SAMLConnectionEvent
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e OIDCConnectionEvent) MarshalJSON() ([]byte, error) {
	type plain OIDCConnectionEvent
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e SCIMConnectionEvent) MarshalJSON() ([]byte, error) {
	type plain SCIMConnectionEvent
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e IDPGroupEvent) MarshalJSON() ([]byte, error) {
	type plain IDPGroupEvent
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}
