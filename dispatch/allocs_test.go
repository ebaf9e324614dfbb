package dispatch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/internal/samples"
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

// TestServeHTTP_ProviderEventKeepsTheBodyRead: with a provider's parse
// function, a body too large for the pooled read buffers (over 64 KiB) is
// read into a buffer of its own, which the event keeps instead of a copy
// (one body's worth of memory per request, not two). No later request
// reuses that buffer, and the events of bodies read into pooled buffers
// keep copies: events kept from earlier requests still marshal to their
// own bodies.
func TestServeHTTP_ProviderEventKeepsTheBodyRead(t *testing.T) {
	fixture, err := samples.Read("crossmint", "nfts.create.succeeded.evm.json")
	require.NoError(t, err)
	// A made-up member no struct keeps pads each body to size; each body's
	// padding letter differs, so a reused buffer would show.
	bodyWith := func(letter byte, size int) []byte {
		head := bytes.TrimSuffix(bytes.TrimSpace(fixture), []byte("}"))
		pad := `,"madeUpPadding":"` + strings.Repeat(string(letter), size-len(head)-len(`,"madeUpPadding":""}`)) + `"}`
		return append(head, pad...)
	}
	d := dispatch.New(dispatch.Unverified(), crossmint.Parse, dispatch.WithStore(nil), dispatch.WithLogger(quiet))
	var kept []*crossmint.NFTCreateSucceeded
	var shares []bool // the event's strings are views of the body read
	require.NoError(t, dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		p := uintptr(unsafe.Pointer(unsafe.StringData(string(e.ActionID))))
		start := uintptr(unsafe.Pointer(unsafe.SliceData(del.Body)))
		shares = append(shares, p >= start && p < start+uintptr(len(del.Body)))
		kept = append(kept, e)
		return nil
	}))
	serveBody := func(body []byte, knownLength bool) {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		if !knownLength {
			req.ContentLength = -1 // as a chunked request
		}
		req.Header = signedHeader("msg_large", body)
		w := httptest.NewRecorder()
		d.ServeHTTP(w, req)
		require.Equal(t, http.StatusOK, w.Code)
	}

	deliveries := []struct {
		body        []byte
		knownLength bool
		kept        bool // the event keeps the body read, not a copy
	}{
		{bodyWith('a', 256<<10), true, true},
		{bodyWith('b', 4<<10), true, false},   // a pooled buffer
		{bodyWith('c', 4<<10), true, false},   // likely the same one again
		{bodyWith('d', 4<<10), false, false},  // as a chunked request
		{bodyWith('e', 256<<10), false, true}, // outgrew the pooled buffer
	}
	for _, del := range deliveries {
		serveBody(del.body, del.knownLength)
	}
	require.Len(t, kept, len(deliveries))
	for i, del := range deliveries {
		var want bytes.Buffer
		require.NoError(t, json.Compact(&want, del.body))
		out, err := json.Marshal(kept[i])
		require.NoError(t, err)
		// Not assert.Equal: a difference would print 256 KiB twice.
		assert.True(t, want.String() == string(out), "event %d of %d bytes no longer marshals to its body", i, len(del.body))
		assert.Equal(t, del.kept, shares[i], "event %d of %d bytes (known length %v) keeps the body read", i, len(del.body), del.knownLength)
	}

	body := deliveries[0].body
	const rounds = 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range rounds {
		serveBody(body, true)
	}
	runtime.ReadMemStats(&after)
	perRequest := float64(after.TotalAlloc-before.TotalAlloc) / rounds
	assert.Less(t, perRequest, 1.5*float64(len(body)), "bytes allocated per request of %d bytes", len(body))
}
