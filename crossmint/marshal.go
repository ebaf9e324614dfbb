package crossmint

import (
	"github.com/typedhooks/typedhooks/internal/wire"
)

// Crossmint adds members to its payloads without notice, and users store and
// forward events, so encoding a parsed event gives back every member of the
// body it was parsed from, including those no field holds. Each method below
// encodes its struct as a type without methods (so that encoding/json does
// not call the method again) through wire.MarshalOriginal, with the
// body kept in the embedded wire.Original. An event built in code has
// no body and encodes as encoding/json encodes its fields.
//
// The methods sit on the structs that hold every field of their events (the
// event types embed them and add no field of their own), so that a promoted
// MarshalJSON never hides a field; a test over every registered type
// (TestMarshal_EveryRegisteredTypeKeepsMadeUpMembers) holds new types to
// that. They have value receivers, so that an event encodes the same whether
// it is given as a pointer or as a value.

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e ActionEvent[D]) MarshalJSON() ([]byte, error) {
	type plain ActionEvent[D]
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e Purchase) MarshalJSON() ([]byte, error) {
	type plain Purchase
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e ExportSucceeded) MarshalJSON() ([]byte, error) {
	type plain ExportSucceeded
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e UserCreated) MarshalJSON() ([]byte, error) {
	type plain UserCreated
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e UserUpdated) MarshalJSON() ([]byte, error) {
	type plain UserUpdated
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e WalletTransferIn) MarshalJSON() ([]byte, error) {
	type plain WalletTransferIn
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e WalletTransferOut) MarshalJSON() ([]byte, error) {
	type plain WalletTransferOut
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}

// MarshalJSON encodes the event with the members of its original body that
// the struct has no field for, in the body's order and spelling; a field
// changed in code is written with its new value.
func (e WalletSignerExported) MarshalJSON() ([]byte, error) {
	type plain WalletSignerExported
	return wire.MarshalOriginal((*plain)(&e), e.Original)
}
