package wire_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/fastjson"
	"github.com/typedhooks/typedhooks/stytch"
)

// TestFastjson_DecodesEveryFixture holds the fast path to the documented
// bodies: a provider struct that fastjson stopped decoding, or a fixture it
// started to decline, would still parse correctly (through encoding/json)
// but several times slower, which no other test would see. The struct must
// also have a field for each member the provider's type is read from, which
// lets Parse take the type from their first occurrence (Registry.parseFirst).
func TestFastjson_DecodesEveryFixture(t *testing.T) {
	for provider, p := range map[string]struct {
		parse       func([]byte) (typedhooks.Event, error)
		typeMembers []string
	}{
		"crossmint":   {crossmint.Parse, []string{"type"}},
		"credentials": {credentials.Parse, []string{"type"}},
		"stytch":      {stytch.Parse, []string{"source", "object_type", "action"}},
		"dynamic":     {dynamic.Parse, []string{"eventName"}},
	} {
		for f, body := range providerFixtures(t, provider) {
			ev, err := p.parse(body)
			require.NoError(t, err, f)
			if _, unknown := ev.(*typedhooks.Unknown); unknown {
				continue
			}
			d := fastjson.For(reflect.TypeOf(ev).Elem())
			require.NotNil(t, d, "%s: fastjson has no decoder for %T", f, ev)
			require.True(t, d.HasFields(p.typeMembers...), "%s: %T has no field for one of %q", f, ev, p.typeMembers)
			v := reflect.New(reflect.TypeOf(ev).Elem())
			require.True(t, d.Decode(slices.Clone(body), v.UnsafePointer(), true), "%s: fastjson declined it", f)
		}
	}
}
