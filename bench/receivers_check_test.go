package bench

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// TestBodies_MadeUpPaddingIsIgnored checks that the padded bodies are valid
// JSON of the requested sizes that decode to the same event as the fixture.
func TestBodies_MadeUpPaddingIsIgnored(t *testing.T) {
	bodies := loadBodies(t)
	require.Len(t, bodies, 4)
	want, err := parseFuncs["crossmint"](bodies[0].bytes)
	require.NoError(t, err)
	for _, bd := range bodies[2:] {
		assert.True(t, json.Valid(bd.bytes), bd.name)
		got, err := parseFuncs["crossmint"](bd.bytes)
		require.NoError(t, err, bd.name)
		// The events differ only in the body each keeps to encode from.
		assert.Equal(t, eventtest.WithoutOriginal(want), eventtest.WithoutOriginal(got), bd.name)
	}
	assert.Len(t, bodies[2].bytes, 64<<10)
	assert.Len(t, bodies[3].bytes, 1<<20)
}

// TestReceivers_AgreeOnEveryBody checks that what the benchmarks compare is
// the same work: both receivers accept every body and run their handler
// once per request, and Parse decodes the struct encoding/json decodes.
func TestReceivers_AgreeOnEveryBody(t *testing.T) {
	for _, bd := range loadBodies(t) {
		t.Run(bd.name, func(t *testing.T) {
			want := stdlibTargets[bd.provider]()
			require.NoError(t, json.Unmarshal(bd.bytes, want))
			got, err := parseFuncs[bd.provider](bd.bytes)
			require.NoError(t, err)
			// json.Unmarshal keeps no original body; Parse does.
			assert.Equal(t, want, eventtest.WithoutOriginal(got))

			hw := newHandWritten(t, bd.provider)
			d, handled := typedDispatcher(t, bd.provider, alwaysNew{})
			for _, h := range []http.Handler{hw, d} {
				w := serveOnce(t, h, bd.bytes)
				assert.Equal(t, http.StatusOK, w.status)
			}
			assert.EqualValues(t, 1, hw.handled.Load())
			assert.EqualValues(t, 1, handled.Load())
		})
	}
}

func TestReceivers_RejectABadSignature(t *testing.T) {
	bd := loadBodies(t)[0]
	hw := newHandWritten(t, bd.provider)
	d, handled := typedDispatcher(t, bd.provider, alwaysNew{})
	tampered := bytes.Replace(bd.bytes, []byte(`"polygon"`), []byte(`"ethereum"`), 1)
	require.NotEqual(t, bd.bytes, tampered)
	for _, h := range []http.Handler{hw, d} {
		w := serveSigned(t, h, bd.bytes, tampered)
		assert.Equal(t, http.StatusUnauthorized, w.status)
	}
	assert.Zero(t, hw.handled.Load())
	assert.Zero(t, handled.Load())
}
