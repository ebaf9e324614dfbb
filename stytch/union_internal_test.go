package stytch

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/fastjson"
)

// TestWire_FastjsonDecodesEveryFixture holds Parse's one pass to the fast
// decoder: a union fastjson could not decode, or a fixture it declined,
// would still parse correctly (through encoding/json), only slower.
func TestWire_FastjsonDecodesEveryFixture(t *testing.T) {
	d := fastjson.For(reflect.TypeFor[shapes]())
	require.NotNil(t, d)
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		body, err := os.ReadFile(f)
		require.NoError(t, err)
		var w shapes
		require.True(t, d.Decode(body, reflect.ValueOf(&w).UnsafePointer(), false), "%s: fastjson declined it", f)
		_, ok := w.EventType()
		require.True(t, ok, f)
	}
}
