package stytch

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/fastjson"
	"github.com/typedhooks/typedhooks/internal/samples"
)

// TestWire_FastjsonDecodesEveryFixture holds Parse's one pass to the fast
// decoder: a union fastjson could not decode, or a fixture it declined,
// would still parse correctly (through encoding/json), only slower.
func TestWire_FastjsonDecodesEveryFixture(t *testing.T) {
	d := fastjson.For(reflect.TypeFor[shapes]())
	require.NotNil(t, d)
	names := samples.Names("stytch")
	require.NotEmpty(t, names)
	for _, f := range names {
		body, err := samples.Read("stytch", f)
		require.NoError(t, err)
		var w shapes
		require.True(t, d.Decode(body, reflect.ValueOf(&w).UnsafePointer(), false), "%s: fastjson declined it", f)
		_, ok := w.EventType()
		require.True(t, ok, f)
	}
}
