package crossmint_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// decodeFixture decodes a fixture keeping numbers exact, so that an edited
// copy differs from the original only where a test changed it.
func decodeFixture(t *testing.T, name string) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(eventtest.Fixture(t, name)))
	d.UseNumber()
	var v any
	require.NoError(t, d.Decode(&v))
	return v
}

// step is one key (string) or index (int) of a path into decoded JSON.
type step = any

// paths lists the path of every member and element below v, parents first.
func paths(v any, prefix []step) [][]step {
	var out [][]step
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := append(append([]step(nil), prefix...), k)
			out = append(out, p)
			out = append(out, paths(e, p)...)
		}
	case []any:
		for i, e := range x {
			p := append(append([]step(nil), prefix...), i)
			out = append(out, p)
			out = append(out, paths(e, p)...)
		}
	}
	return out
}

// set replaces the value at p in root with value.
func set(root any, p []step, value any) {
	parent := root
	for _, s := range p[:len(p)-1] {
		switch k := s.(type) {
		case string:
			parent = parent.(map[string]any)[k]
		case int:
			parent = parent.([]any)[k]
		}
	}
	switch k := p[len(p)-1].(type) {
	case string:
		parent.(map[string]any)[k] = value
	case int:
		parent.([]any)[k] = value
	}
}

func show(p []step) string {
	var b strings.Builder
	b.WriteString("$")
	for _, s := range p {
		fmt.Fprintf(&b, ".%v", s)
	}
	return b.String()
}

// TestParse_MadeUpNullEverywhere sets each member of each documented
// example to null in turn (type aside): the event must keep its Go type and
// round-trip, null and absent being the same thing for an optional member.
func TestParse_MadeUpNullEverywhere(t *testing.T) {
	for _, name := range eventtest.DocumentedFixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			want := reflect.TypeOf(parseFixture(t, name))
			for _, p := range paths(decodeFixture(t, name), nil) {
				if len(p) == 1 && p[0] == "type" {
					continue
				}
				if _, element := p[len(p)-1].(int); element {
					continue // an array element is not an optional member
				}
				doc := decodeFixture(t, name)
				set(doc, p, nil)
				body, err := json.Marshal(doc)
				require.NoError(t, err)
				ev, err := crossmint.Parse(body)
				require.NoError(t, err, show(p))
				assert.Equal(t, want, reflect.TypeOf(ev), show(p))
				// A null data comes back null too, though Data is a value,
				// not a pointer, so that handlers need no nil check.
				diffs := eventtest.RoundTripDiff(body, ev)
				assert.Empty(t, diffs, show(p))
			}
		})
	}
}

// TestParse_MadeUpExtraMembersInEveryObject adds an unknown member to every
// object of each documented example at once (inside arrays too). The event
// keeps its type, and encoding it gives back every member, the added ones
// included: Crossmint adds members without notice, and a stored or
// forwarded event must not lose them.
func TestParse_MadeUpExtraMembersInEveryObject(t *testing.T) {
	eventtest.RequireFixturesLossless(t, crossmint.Parse, func(t *testing.T, name string, ev typedhooks.Event, _ []byte) {
		assert.Equal(t, reflect.TypeOf(parseFixture(t, name)), reflect.TypeOf(ev))
	})
}

// TestParse_MadeUpWrongKindEverywhere replaces each member in turn with a
// value of a kind no field expects (an object where a string is due, and a
// string where an object is due). Parse must still return the event with
// its Go type: a surprise costs at most that one member.
func TestParse_MadeUpWrongKindEverywhere(t *testing.T) {
	for _, name := range eventtest.FixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			want := reflect.TypeOf(parseFixture(t, name))
			for _, p := range paths(decodeFixture(t, name), nil) {
				if len(p) == 1 && p[0] == "type" {
					continue
				}
				for _, odd := range []any{map[string]any{"unexpected": true}, "unexpected", true} {
					doc := decodeFixture(t, name)
					set(doc, p, odd)
					body, err := json.Marshal(doc)
					require.NoError(t, err)
					ev, err := crossmint.Parse(body)
					require.NoError(t, err, show(p))
					assert.Equal(t, want, reflect.TypeOf(ev), show(p))
					_, err = json.Marshal(ev)
					assert.NoError(t, err, show(p))
				}
			}
		})
	}
}

var _ typedhooks.Event = (*crossmint.NFTCreateSucceeded)(nil)
