package credentials

import (
	"github.com/typedhooks/typedhooks/internal/wire"
)

// Encoding a parsed event gives back every member of the body it was parsed
// from, including those no field holds: Crossmint adds members without
// notice, and with delegated storage the stored event is the only copy of
// the credential. Each method encodes its struct as a type without methods
// (so that encoding/json does not call the method again) through
// wire.MarshalOriginal, with the body kept in the wire.Original
// that Envelope embeds. An event built in code has no body and encodes as
// encoding/json encodes its fields. Value receivers, so that an event
// encodes the same as a pointer or as a value.

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e CredentialCreationSucceeded) MarshalJSON() ([]byte, error) {
	type plain CredentialCreationSucceeded
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e CredentialCreationFailed) MarshalJSON() ([]byte, error) {
	type plain CredentialCreationFailed
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}
