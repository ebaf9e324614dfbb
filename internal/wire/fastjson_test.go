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
// but several times slower, which no other test would see.
func TestFastjson_DecodesEveryFixture(t *testing.T) {
	for provider, parse := range map[string]func([]byte) (typedhooks.Event, error){
		"crossmint":   crossmint.Parse,
		"credentials": credentials.Parse,
		"stytch":      stytch.Parse,
		"dynamic":     dynamic.Parse,
	} {
		for f, body := range providerFixtures(t, provider) {
			ev, err := parse(body)
			require.NoError(t, err, f)
			if _, unknown := ev.(*typedhooks.Unknown); unknown {
				continue
			}
			d := fastjson.For(reflect.TypeOf(ev).Elem())
			require.NotNil(t, d, "%s: fastjson has no decoder for %T", f, ev)
			v := reflect.New(reflect.TypeOf(ev).Elem())
			require.True(t, d.Decode(slices.Clone(body), v.UnsafePointer(), true), "%s: fastjson declined it", f)
		}
	}
}
