// Package catalog records which Go event types each provider package's
// Parse function produces, so that dispatch.On can refuse a callback that
// could never run (a Stytch type registered on a Crossmint dispatcher), and
// the form of that Parse that may keep the body it is handed, which the
// dispatcher uses for the bodies it reads into buffers of their own.
//
// Each provider package registers its Parse, Types, New and owning Parse
// functions in an init function; the Go types are worked out from them on
// first use. A parse function nobody registered (a user's own) is unknown:
// dispatch does not check it, and always hands it a body it may not keep.
package catalog

import (
	"reflect"
	"sync"

	"github.com/typedhooks/typedhooks"
)

// Parse is the shape of a provider package's Parse function.
type Parse = func([]byte) (typedhooks.Event, error)

type entry struct {
	owned    Parse
	types    func() []string
	newEvent func(string) (typedhooks.Event, bool)

	once    sync.Once
	goTypes map[reflect.Type]bool
}

var (
	mu      sync.RWMutex
	parsers = map[uintptr]*entry{}
)

// key identifies a function by its code: a package-level function has one
// for the life of the program.
func key(parse Parse) uintptr { return reflect.ValueOf(parse).Pointer() }

// Register records that parse decodes every type string types lists into
// the Go type of the event newEvent returns for it, and anything else into
// a *typedhooks.Unknown, and that owned parses as parse does but may keep
// the body it is given instead of a copy (see [Owned]). A provider package
// calls it from init with its own Parse, Types and New and its registry's
// ParseOwned.
func Register(parse Parse, types func() []string, newEvent func(string) (typedhooks.Event, bool), owned Parse) {
	mu.Lock()
	defer mu.Unlock()
	parsers[key(parse)] = &entry{owned: owned, types: types, newEvent: newEvent}
}

// Owned returns the form of parse that takes ownership of the body it is
// given (the event may keep that very array, so the caller must neither
// modify nor reuse it), or nil when parse was never registered.
func Owned(parse Parse) Parse {
	if parse == nil {
		return nil
	}
	mu.RLock()
	defer mu.RUnlock()
	if e, ok := parsers[key(parse)]; ok {
		return e.owned
	}
	return nil
}

var unknownType = reflect.TypeFor[*typedhooks.Unknown]()

// Produces reports whether parse can return an event of Go type t. known is
// false when parse was never registered; produces is then true, since
// nothing can be said. *typedhooks.Unknown is produced by every parse.
func Produces(parse Parse, t reflect.Type) (produces, known bool) {
	if parse == nil {
		return true, false
	}
	mu.RLock()
	e, ok := parsers[key(parse)]
	mu.RUnlock()
	if !ok {
		return true, false
	}
	if t == unknownType {
		return true, true
	}
	e.once.Do(func() {
		e.goTypes = map[reflect.Type]bool{}
		for _, name := range e.types() {
			if ev, ok := e.newEvent(name); ok {
				e.goTypes[reflect.TypeOf(ev)] = true
			}
		}
	})
	return e.goTypes[t], true
}
