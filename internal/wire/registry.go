package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// TypeLocator finds the event type in a raw body, from the values of the
// top-level members named in Members.
type TypeLocator struct {
	// Members are the names of the members the type is read from, as the
	// provider's structs spell them.
	Members []string
	// Find returns the type, or an error wrapping [typedhooks.ErrNotObject]
	// or [typedhooks.ErrNoEventType]. With first set it may take the first
	// member of each name it meets instead of walking the whole top level
	// for the last, as encoding/json takes; the registry asks for that only
	// where the decoder then makes sure that no other member has one of
	// those names (see Parse), and the type it returns then may refer to
	// body's bytes (the registry only looks it up).
	Find func(body []byte, first bool) (string, error)
}

// Factory returns a new, empty event of one Go type for the decoder to fill.
type Factory func() typedhooks.Event

// Registry is the table from a provider's event type strings to the Go types
// that hold them, and the tolerant decoder built on that table. Provider
// packages fill one registry at init time and expose its Parse.
//
// Registering is meant for package initialisation: a Registry is safe for
// concurrent use once registration is over, and only then (reads of its
// table need no lock).
type Registry struct {
	provider string
	locate   TypeLocator
	entries  map[string]entry
}

type entry struct {
	factory Factory
	decoder *fastjson.Decoder // for what factory makes; nil for none
	// checksType: decoder has a field for each of the locator's members,
	// so it declines a body that names one twice or in another case.
	checksType bool
}

// NewRegistry returns an empty registry for the named provider (the name is
// used in error messages) that finds the event type with locate. locate must
// read the type members the way the decoder fills the fields that hold them
// ([FoldingLocator] where encoding/json may decode the event), so that the
// Go type Parse picks and the type the event holds always agree.
func NewRegistry(provider string, locate TypeLocator) *Registry {
	if locate.Find == nil {
		panic(fmt.Sprintf("typedhooks: registry %q has no type locator", provider))
	}
	return &Registry{provider: provider, locate: locate, entries: map[string]entry{}}
}

// Register adds the Go type E to r under every type string in wireTypes. The
// first is expected to equal E's EventType (the canonical name); the others
// are aliases such as a provider's older spelling, which decode into the same
// struct. Register panics on a duplicate type string or on a canonical name
// that differs from E's EventType, since both are programming errors in a
// provider table.
func Register[E any, P interface {
	*E
	typedhooks.Event
}](r *Registry, wireTypes ...string) {
	canonical := P(new(E)).EventType()
	if len(wireTypes) == 0 {
		wireTypes = []string{canonical}
	}
	if wireTypes[0] != canonical {
		panic(fmt.Sprintf("typedhooks: %T registered as %q but its EventType is %q", P(nil), wireTypes[0], canonical))
	}
	r.Add(canonical, func() typedhooks.Event { return P(new(E)) }, wireTypes[1:]...)
}

// Add registers factory under the canonical type string and its aliases. It
// is the non-generic form of [Register], for event types known only at run
// time.
func (r *Registry) Add(canonical string, factory Factory, aliases ...string) {
	dec := decoderFor(factory())
	checks := dec != nil && dec.HasFields(r.locate.Members...)
	for _, t := range append([]string{canonical}, aliases...) {
		if _, dup := r.entries[t]; dup {
			panic(fmt.Sprintf("typedhooks: %s event type %q registered twice", r.provider, t))
		}
		r.entries[t] = entry{factory: factory, decoder: dec, checksType: checks}
	}
}

// Parse decodes body into the registered type for its event type.
//
// It is tolerant by design: members the struct does not know are ignored, an
// unregistered type yields an [*typedhooks.Unknown] holding a copy of body, and a value
// of an unexpected JSON kind leaves that one field at its zero value rather
// than losing the event. Parse decodes one copy of body, which the event's
// strings refer to instead of each being copied out of body, and which an
// event that embeds [Original] keeps: its MarshalJSON gives back the
// members it ignored from it. The event never refers to body itself. The
// error is non-nil only when body is not a JSON object
// ([typedhooks.ErrNotObject]) or no event type can be found in it
// ([typedhooks.ErrNoEventType]).
func (r *Registry) Parse(body []byte) (typedhooks.Event, error) { return r.parse(body, false) }

// ParseOwned is [Registry.Parse] for a caller that hands body over: the
// event may keep body itself instead of a copy, so the caller must not
// modify body or reuse its array afterwards. The dispatcher gives it the
// bodies it reads into a fresh buffer (those too large for its pool),
// where the copy would be most of the cost of keeping the original.
func (r *Registry) ParseOwned(body []byte) (typedhooks.Event, error) { return r.parse(body, true) }

// parse decodes a body the event may keep: Parse's copy or the one handed
// over. The event's MarshalJSON gives back the members its struct has no
// field for from it (see Original), and nothing writes to it (the decoders
// only read, and a declined attempt leaves it for the next), so the
// event's strings can refer to it instead of each being copied.
func (r *Registry) parse(body []byte, owned bool) (typedhooks.Event, error) {
	if !owned {
		body = slices.Clone(body) // the caller may reuse body (dispatch pools request buffers)
	}
	ev, declined := r.parseFirst(body)
	if ev != nil {
		return ev, nil
	}
	t, err := r.locate.Find(body, false)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.provider, err)
	}
	e, ok := r.entries[t]
	if !ok {
		// The locator only walks the top level; an unknown event is never
		// decoded, so check the rest here to keep the "JSON object" promise.
		if !json.Valid(body) {
			return nil, fmt.Errorf("%s: %w: invalid JSON inside the object", r.provider, typedhooks.ErrNotObject)
		}
		return &typedhooks.Unknown{Type: t, Raw: body}, nil
	}
	ev, k := e.new()
	d := e.decoder
	if t == declined {
		d = nil // it has just declined this body
	}
	if err := decode(body, ev, true, d); err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			return nil, fmt.Errorf("%s: %w: %v", r.provider, typedhooks.ErrNotObject, err)
		}
	}
	if k != nil {
		k.keepOriginal(body)
	}
	return ev, nil
}

// parseFirst is Parse's usual way: the type from the first member of each
// of the locator's names, and fastjson's decoder alone. Where the decoder
// has a field for each of those names, its success shows that body named
// none of them twice or in another case (it declines both), so that the
// first members were the ones encoding/json leaves in the struct. That
// spares the locator its walk through the rest of the body. When it shows
// nothing (the type is not registered, the decoder does not check the type
// members, or it declined: then declined is the type it was tried for), ev
// is nil and Parse takes the long way.
func (r *Registry) parseFirst(body []byte) (ev typedhooks.Event, declined string) {
	t, err := r.locate.Find(body, true)
	if err != nil {
		return nil, ""
	}
	e, ok := r.entries[t]
	if !ok || !e.checksType {
		return nil, ""
	}
	ev, k := e.new()
	if !e.decoder.Decode(body, reflect.ValueOf(ev).UnsafePointer(), true) {
		return nil, t
	}
	if k != nil {
		k.keepOriginal(body)
	}
	return ev, ""
}

// new returns a new event for e, with its originalKeeper (nil when it keeps
// no original).
func (e entry) new() (typedhooks.Event, originalKeeper) {
	ev := e.factory()
	k, _ := ev.(originalKeeper)
	return ev, k
}

// New returns an empty event of the Go type registered for eventType (a
// canonical name or an alias), and false when there is none.
func (r *Registry) New(eventType string) (typedhooks.Event, bool) {
	e, ok := r.entries[eventType]
	if !ok {
		return nil, false
	}
	return e.factory(), true
}

// Types lists every registered type string, aliases included, sorted.
func (r *Registry) Types() []string { return slices.Sorted(maps.Keys(r.entries)) }
