package dispatch_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
)

// reusableBody lets one request be served many times without allocating a
// new body reader per round.
type reusableBody struct{ *bytes.Reader }

func (reusableBody) Close() error { return nil }

// TestServeHTTP_AllocationsOverParse guards the hot path: reading the body,
// attaching the delivery to the context and running a callback cost at
// most one allocation beyond the parse function's own (the delivery
// context; a body with a Content-Length is read without a MaxBytesReader),
// up to the largest body whose read buffer is pooled (64 KiB).
func TestServeHTTP_AllocationsOverParse(t *testing.T) {
	small := []byte(createdBody)
	// A made-up member no struct keeps pads the body to exactly 64 KiB.
	pad := `,"madeUpPadding":"` + strings.Repeat("x", 64<<10-len(small)-len(`,"madeUpPadding":""`)) + `"}`
	large := append(bytes.TrimSuffix(small, []byte("}")), pad...)
	require.Len(t, large, 64<<10)
	for _, body := range [][]byte{small, large} {
		d := dispatch.New(dispatch.Unverified(), testRegistry.Parse, dispatch.WithStore(nil), dispatch.WithLogger(quiet))
		var calls int
		require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { calls++; return nil }))

		req := httptest.NewRequest(http.MethodPost, "/", nil)
		req.Header = signedHeader("msg_1", body)
		req.ContentLength = int64(len(body))
		rd := reusableBody{bytes.NewReader(body)}
		w := httptest.NewRecorder()
		serveOnce := func() {
			rd.Reset(body)
			req.Body = rd
			d.ServeHTTP(w, req)
		}
		serveOnce()
		require.Equal(t, http.StatusOK, w.Code)

		parseAllocs := testing.AllocsPerRun(200, func() { _, _ = testRegistry.Parse(body) })
		serveAllocs := testing.AllocsPerRun(200, serveOnce)
		limit := parseAllocs + 1
		if raceEnabled {
			limit += 2 // the pool's deliberate drops under -race
		}
		assert.LessOrEqual(t, serveAllocs, limit, "%d bytes; parse alone: %v", len(body), parseAllocs)
		assert.Equal(t, 1+201, calls, "AllocsPerRun runs once more than asked, to warm up")
	}
}
