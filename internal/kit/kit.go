// Package kit is what the test kit (package typedhookstest) and the
// command (cmd/typedhooks) know of each provider by the name a user types
// (crossmint, credentials, stytch, dynamic): its Parse function, its event
// types under their current and legacy names, a sample body for each (from
// internal/samples), how its deliveries are signed, and how to give a
// sample a new event id. Its functions return errors; typedhookstest wraps
// the few a test needs in functions that panic instead, as httptest does.
package kit

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/verify"
)

// ErrUnknownProvider is wrapped by the errors for a provider name this package
// does not know.
var ErrUnknownProvider = errors.New("typedhooks: unknown provider")

// ErrNoSample is wrapped by the errors for an event type the provider does
// not list, or one without a sample.
var ErrNoSample = errors.New("typedhooks: no sample")

// Sample is the body of one event type of one provider. Its fields are
// those of typedhookstest.Sample, which documents them and converts from it.
type Sample struct {
	Provider, Type, File string
	MadeUp               bool
	Body                 []byte
}

// provider is what the package knows of one provider.
type provider struct {
	name       string
	dirs       []string // in internal/samples; Crossmint's endpoint also gets the credential events
	parse      func([]byte) (typedhooks.Event, error)
	types      func() []string
	new        func(string) (typedhooks.Event, bool)
	typeMember string // top-level member holding the type, "" when the type is not one member
	svix       bool   // delivered through Svix; else signed as Dynamic signs
}

var providers = []provider{
	{"crossmint", []string{"crossmint", "credentials"}, crossmint.Parse, crossmint.Types, crossmint.New, "type", true},
	{"credentials", []string{"credentials"}, credentials.Parse, credentials.Types, credentials.New, "type", true},
	{"stytch", []string{"stytch"}, stytch.Parse, stytch.Types, stytch.New, "", true},
	{"dynamic", []string{"dynamic"}, dynamic.Parse, dynamic.Types, dynamic.New, "eventName", false},
}

// Providers returns the provider names this package knows, in the order the
// README lists them.
func Providers() []string {
	names := make([]string, len(providers))
	for i, p := range providers {
		names[i] = p.name
	}
	return names
}

func lookupProvider(name string) (*provider, error) {
	for i := range providers {
		if providers[i].name == name {
			return &providers[i], nil
		}
	}
	return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownProvider, name, strings.Join(Providers(), ", "))
}

// IsSvix reports whether provider delivers through Svix (svix-* headers,
// a "whsec_" secret), as Crossmint, credentials and Stytch do; Dynamic signs
// with its own header.
func IsSvix(provider string) (bool, error) {
	p, err := lookupProvider(provider)
	if err != nil {
		return false, err
	}
	return p.svix, nil
}

// Parse returns provider's Parse function (crossmint.Parse, ...): the one a
// dispatcher for that provider's endpoint decodes with.
func Parse(provider string) (func([]byte) (typedhooks.Event, error), error) {
	p, err := lookupProvider(provider)
	if err != nil {
		return nil, err
	}
	return p.parse, nil
}

// EventTypes returns provider's event types under their current names,
// sorted: the types its Types function lists without the legacy names that
// parse to another type's event. Crossmint's list includes the credential
// events, which Crossmint delivers to the same endpoint.
func EventTypes(provider string) ([]string, error) {
	p, err := lookupProvider(provider)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range p.types() {
		if canonical(p, t) == t {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out, nil
}

// LegacyTypes returns provider's legacy type names, each mapped to the
// current name of the type its events parse to (Crossmint's
// "mint.succeeded" to "nfts.create.succeeded", for example).
func LegacyTypes(provider string) (map[string]string, error) {
	p, err := lookupProvider(provider)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, t := range p.types() {
		if c := canonical(p, t); c != t {
			out[t] = c
		}
	}
	return out, nil
}

// canonical is the current name of event type t: the type of the event
// its Go type reports (a legacy name reports the new one).
func canonical(p *provider, t string) string {
	ev, ok := p.new(t)
	if !ok {
		return t
	}
	return ev.EventType()
}

// index maps each provider's raw type names to their samples, documented ones
// first.
type index map[string]map[string][]Sample

var (
	indexOnce sync.Once
	indexed   index
	indexErr  error
)

func load() (index, error) {
	indexOnce.Do(func() { indexed, indexErr = build() })
	return indexed, indexErr
}

func build() (index, error) {
	idx := index{}
	for i := range providers {
		p := &providers[i]
		byType := map[string][]Sample{}
		for _, dir := range p.dirs {
			for _, name := range samples.Names(dir) {
				body, err := samples.Read(dir, name)
				if err != nil {
					return nil, err
				}
				typ, err := rawType(p, body)
				if err != nil {
					return nil, fmt.Errorf("kit: %s/%s: %w", dir, name, err)
				}
				byType[typ] = append(byType[typ], Sample{Provider: p.name, Type: typ, File: name, MadeUp: samples.MadeUp(name), Body: body})
			}
		}
		for typ, list := range byType {
			slices.SortStableFunc(list, func(a, b Sample) int {
				return rank(a, typ) - rank(b, typ)
			})
		}
		idx[p.name] = byType
	}
	return idx, nil
}

// rank orders a type's samples: documented before made up, and the file
// named exactly after the type first.
func rank(s Sample, typ string) int {
	r := 0
	if s.MadeUp {
		r += 2
	}
	if strings.TrimPrefix(strings.TrimPrefix(s.File, "madeup_"), "reconstructed_") != typ+".json" {
		r++
	}
	return r
}

// rawType is the type body carries as sent: its type member, or the type its
// event reports when the type is spread over several members (Stytch).
func rawType(p *provider, body []byte) (string, error) {
	if p.typeMember == "" {
		ev, err := p.parse(body)
		if err != nil {
			return "", err
		}
		return ev.EventType(), nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return "", err
	}
	var typ string
	if err := json.Unmarshal(m[p.typeMember], &typ); err != nil || typ == "" {
		return "", fmt.Errorf("no %q member", p.typeMember)
	}
	return typ, nil
}

// Lookup returns the sample of provider's event type eventType (current or
// legacy name). For a legacy name without a body of its own, the sample is
// the current type's with its type member changed to the legacy name
// (MadeUp is then true).
func Lookup(provider, eventType string) (Sample, error) {
	p, err := lookupProvider(provider)
	if err != nil {
		return Sample{}, err
	}
	idx, err := load()
	if err != nil {
		return Sample{}, err
	}
	if !slices.Contains(p.types(), eventType) {
		return Sample{}, fmt.Errorf("%w: %s has no event type %q (see its EventTypes)", ErrNoSample, provider, eventType)
	}
	if list := idx[provider][eventType]; len(list) > 0 {
		s := list[0]
		s.Body = bytes.Clone(s.Body)
		return s, nil
	}
	c := canonical(p, eventType)
	list := idx[provider][c]
	if c == eventType || len(list) == 0 || p.typeMember == "" {
		return Sample{}, fmt.Errorf("%w for %s event type %q", ErrNoSample, provider, eventType)
	}
	s := list[0]
	body, ok := renameType(s.Body, p.typeMember, c, eventType)
	if !ok {
		return Sample{}, fmt.Errorf("%w for %s event type %q", ErrNoSample, provider, eventType)
	}
	return Sample{Provider: provider, Type: eventType, File: s.File, MadeUp: true, Body: body}, nil
}

// renameType returns body with the first member named member whose value is
// the string from changed to to. The samples are small, known bodies whose
// type string appears once, at the top level.
func renameType(body []byte, member, from, to string) ([]byte, bool) {
	re := regexp.MustCompile(`("` + regexp.QuoteMeta(member) + `"\s*:\s*)"` + regexp.QuoteMeta(from) + `"`)
	loc := re.FindSubmatchIndex(body)
	if loc == nil {
		return nil, false
	}
	q, _ := json.Marshal(to)
	out := make([]byte, 0, len(body)+len(to))
	out = append(out, body[:loc[3]]...)
	out = append(out, q...)
	out = append(out, body[loc[1]:]...)
	return out, true
}

// Samples returns one sample for each of provider's current event types (see
// [EventTypes]), in the order of EventTypes.
func Samples(provider string) ([]Sample, error) {
	types, err := EventTypes(provider)
	if err != nil {
		return nil, err
	}
	out := make([]Sample, 0, len(types))
	for _, t := range types {
		s, err := Lookup(provider, t)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Sign returns the headers provider would send with body, signed with
// secret: svix-id (a new random id), svix-timestamp (now) and svix-signature
// for Svix-delivered providers, x-dynamic-signature-256 for Dynamic. It fails
// for an unknown provider or a secret the provider's verifier rejects.
func Sign(provider, secret string, body []byte) (http.Header, error) {
	return SignAt(provider, secret, "", time.Now(), body)
}

// SignAt is [Sign] with the Svix message id and timestamp given (an empty id
// gets a random one); Dynamic signs neither, and ignores them.
func SignAt(provider, secret, id string, at time.Time, body []byte) (http.Header, error) {
	p, err := lookupProvider(provider)
	if err != nil {
		return nil, err
	}
	if !p.svix {
		d, err := verify.NewDynamic(secret)
		if err != nil {
			return nil, err
		}
		return d.SignedHeader(body), nil
	}
	s, err := verify.NewSvix(secret)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = newMessageID()
	}
	return s.SignedHeader(id, at, body), nil
}

// newMessageID returns a random Svix message id ("msg_" and random
// characters), as a new delivery carries.
func newMessageID() string { return "msg_" + rand.Text() }

// keyer and eventKeyer are the methods through which events expose the ids
// a de-duplicating receiver keys on (typedhooks.IdempotencyKeyer, and
// Dynamic's per-event key).
type (
	keyer      interface{ IdempotencyKey() string }
	eventKeyer interface{ EventKey() string }
)

var uuidPattern = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

// WithNewID returns a copy of body, an event of provider, with the ids that
// identify the event to a de-duplicating receiver (Stytch's event_id,
// Dynamic's messageId and eventId, Crossmint's wallet event id or actionId:
// whatever top-level member its IdempotencyKey or EventKey method reads)
// replaced by new random ones in the same form; everything else is
// unchanged. A receiver then takes it for a new event rather than a
// redelivery of one it has handled, as it would a new event from the
// provider. A body whose event has no such key comes back unchanged.
func WithNewID(provider string, body []byte) ([]byte, error) {
	p, err := lookupProvider(provider)
	if err != nil {
		return nil, err
	}
	ev, err := p.parse(body)
	if err != nil {
		return nil, fmt.Errorf("kit: %w", err)
	}
	out := bytes.Clone(body)
	keys := eventKeys(ev)
	if keys == [2]string{} {
		return out, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fmt.Errorf("kit: %w", err)
	}
	names := make([]string, 0, len(top))
	for name := range top {
		names = append(names, name)
	}
	slices.Sort(names)
	// A member is an id of the event when a new value for it changes a key
	// and not the event type; the keys may be composite (Crossmint's
	// "action:<actionId>:<type>"), so each member is tried in turn.
	for _, name := range names {
		var old string
		if json.Unmarshal(top[name], &old) != nil || old == "" {
			continue
		}
		candidate, ok := renameType(out, name, old, newIDLike(old))
		if !ok {
			continue
		}
		again, err := p.parse(candidate)
		if err != nil || again.EventType() != ev.EventType() {
			continue
		}
		if k := eventKeys(again); k != keys {
			out, keys = candidate, k
		}
	}
	return out, nil
}

// eventKeys returns the ids a de-duplicating receiver may key ev on.
func eventKeys(ev typedhooks.Event) [2]string {
	var k [2]string
	if x, ok := ev.(keyer); ok {
		k[0] = x.IdempotencyKey()
	}
	if x, ok := ev.(eventKeyer); ok {
		k[1] = x.EventKey()
	}
	return k
}

// newIDLike returns a random id in the form of old: its UUID replaced by a
// new random one, or a random suffix added.
func newIDLike(old string) string {
	if loc := uuidPattern.FindStringIndex(old); loc != nil {
		return old[:loc[0]] + newUUID() + old[loc[1]:]
	}
	return old + "-" + strings.ToLower(rand.Text()[:10])
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand documents it)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
