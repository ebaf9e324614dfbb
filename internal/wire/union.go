package wire

import (
	"reflect"
	"slices"

	"github.com/typedhooks/typedhooks"
)

// Union is implemented by a provider's struct that has a field for the
// members of every one of its event types, so that [Registry.Parse] can
// decode a body once, before it knows the event type, instead of first
// walking the body to locate the type and then decoding it. It pays where
// locating the type means walking the whole top level (Stytch names the
// type with three members, any of which a later duplicate may replace).
//
// The one pass gives exactly what locating and decoding give, or is not
// used: Parse falls back to the locator and a decode into the event's own
// struct whenever the union's decode reports any error, EventType reports
// false, or Fill does. A provider's union must therefore decode the type
// members as the locator reads them, and Fill must set every field that a
// decode into the event's struct would set.
type Union interface {
	// EventType returns the event type the decoded members name, or false
	// when they do not name one.
	EventType() (string, bool)
	// Fill sets the fields of ev, a new, empty event of that type, from
	// the union, and reports false when ev is not a type it can fill.
	Fill(ev typedhooks.Event) bool
}

// WithUnion makes the registry decode bodies into a union from newUnion
// first (see [Union]). newUnion must return a pointer to a new, zero struct.
// The registry reuses unions from one body to the next, zeroing them in
// between, so Fill must copy into the event what it takes from the union
// (values, or pointers the union's decode allocated), never a pointer to the
// union itself.
func WithUnion(newUnion func() Union) RegistryOption {
	return func(r *Registry) { r.newUnion = newUnion }
}

// getUnion returns a zero union, reused when one is free.
func (r *Registry) getUnion() Union {
	if u, ok := r.unions.Get().(Union); ok {
		return u
	}
	return r.newUnion()
}

// putUnion zeroes u and keeps it for another body, when the registry can
// (see reusesUnions).
func (r *Registry) putUnion(u Union) {
	if r.reusesUnions {
		reflect.ValueOf(u).Elem().SetZero()
		r.unions.Put(u)
	}
}

// canZero reports whether u is a pointer to a struct, which putUnion can
// zero; any other union is left to the collector.
func canZero(u Union) bool {
	t := reflect.TypeOf(u)
	return t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct
}

// parseUnion is Registry.Parse in one pass through a union; ok is false when
// Parse must take the locator's way instead.
func (r *Registry) parseUnion(body []byte) (ev typedhooks.Event, ok bool) {
	u := r.getUnion()
	// Nothing the event keeps refers to the union (see WithUnion), and the
	// union's strings refer to the copy below, not to body.
	defer r.putUnion(u)
	// The copy is what the event keeps (see Original); the union's
	// strings refer to it, and so will the event's.
	owned := slices.Clone(body)
	if unmarshalNew(owned, u, true, r.unionDec) != nil {
		return nil, false
	}
	t, ok := u.EventType()
	if !ok {
		return nil, false
	}
	e, known := r.lookup(t)
	if !known {
		// The decode succeeded, so the body is well-formed JSON.
		return &typedhooks.Unknown{Type: t, Raw: owned}, true
	}
	ev = e.factory()
	if !u.Fill(ev) {
		return nil, false
	}
	if k, keeps := ev.(originalKeeper); keeps {
		k.keepOriginal(owned)
	}
	return ev, true
}
