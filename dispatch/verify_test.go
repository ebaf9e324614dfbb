package dispatch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

// The Svix docs' sample secret.
const svixSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// TestWithVerifySvix runs the real Svix verifier behind the dispatcher: its
// sentinel errors stay visible through ErrVerification, and both header
// spellings are accepted.
func TestWithVerifySvix(t *testing.T) {
	sv, err := verify.NewSvix(svixSecret)
	require.NoError(t, err)
	var parse countingParse
	d := dispatch.New(sv, parse.Parse, dispatch.WithLogger(quiet))
	var ids []string
	require.NoError(t, dispatch.On(d, func(ctx context.Context, e *thingCreated) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		ids = append(ids, del.ID)
		return nil
	}))
	body := []byte(createdBody)
	now := time.Now()

	r, err := sv.SignedRequest("/webhooks/test", "msg_svix", now, body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, serve(d, r).Code)

	r = httptest.NewRequest(http.MethodPost, "/webhooks/test", strings.NewReader(createdBody))
	r.Header = sv.SignedStandardHeader("msg_standard", now, body)
	assert.Equal(t, http.StatusOK, serve(d, r).Code)
	assert.Equal(t, []string{"msg_svix", "msg_standard"}, ids)

	tests := []struct {
		name   string
		header http.Header
		body   []byte
		want   error
	}{
		{"too old", sv.SignedHeader("msg_old", now.Add(-time.Hour), body), body, verify.ErrTimestampTooOld},
		{"too new", sv.SignedHeader("msg_new", now.Add(time.Hour), body), body, verify.ErrTimestampTooNew},
		{"tampered", sv.SignedHeader("msg_t", now, body), []byte(strings.Replace(createdBody, "first", "other", 1)), verify.ErrNoMatchingSignature},
		{"unsigned", http.Header{}, body, verify.ErrMissingHeaders},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse.n.Store(0)
			err := d.Dispatch(context.Background(), tt.header, tt.body)
			assert.ErrorIs(t, err, dispatch.ErrVerification)
			assert.ErrorIs(t, err, tt.want)
			assert.Equal(t, http.StatusUnauthorized, dispatch.StatusCode(err))
			assert.Zero(t, parse.n.Load(), "the body is not parsed")
		})
	}
}

// TestReplayWithoutTimestampCheck shows the replay path: stored deliveries
// re-verified with verify.WithoutTimestampCheck, through Dispatch.
func TestReplayWithoutTimestampCheck(t *testing.T) {
	signer, err := verify.NewSvix(svixSecret)
	require.NoError(t, err)
	replayer, err := verify.NewSvix(svixSecret, verify.WithoutTimestampCheck())
	require.NoError(t, err)
	var names []string
	d := dispatch.New(replayer, testRegistry.Parse, dispatch.WithLogger(quiet))
	require.NoError(t, dispatch.On(d, func(_ context.Context, e *thingCreated) error { names = append(names, e.Name); return nil }))

	stored := []byte(createdBody)
	header := signer.SignedHeader("msg_last_week", time.Now().Add(-7*24*time.Hour), stored)
	require.NoError(t, d.Dispatch(context.Background(), header, stored))
	assert.Equal(t, []string{"first"}, names)
	err = d.Dispatch(context.Background(), header, []byte(deletedBody))
	assert.ErrorIs(t, err, verify.ErrNoMatchingSignature, "the signature is still checked")
}

// TestWithVerifyDynamic: Dynamic signs no id header, so the delivery id and
// the redelivery flag come from the body (messageId, redelivery).
func TestWithVerifyDynamic(t *testing.T) {
	dv, err := verify.NewDynamic("dyn_test_secret")
	require.NoError(t, err)
	d := dispatch.New(dv, testRegistry.Parse, dispatch.WithLogger(quiet), dispatch.WithNamespace("dynamic"))
	var seen []dispatch.Delivery
	require.NoError(t, dispatch.On(d, func(ctx context.Context, e *keyedEvent) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		seen = append(seen, *del)
		return nil
	}))
	first := []byte(`{"type":"keyed.event","messageId":"5a2a5360-c2bf-4b7e-a1f8-ee3f9b4b5e3b"}`)
	again := []byte(`{"type":"keyed.event","messageId":"5a2a5360-c2bf-4b7e-a1f8-ee3f9b4b5e3b","redelivery":true}`)
	for _, body := range [][]byte{first, again} {
		r, err := dv.SignedRequest("/webhooks/dynamic", body)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, serve(d, r).Code)
	}
	require.Len(t, seen, 1, "the redelivery of a handled message is acknowledged without running")
	assert.Equal(t, "5a2a5360-c2bf-4b7e-a1f8-ee3f9b4b5e3b", seen[0].ID)
	assert.False(t, seen[0].Redelivery)

	r, err := dv.SignedRequest("/webhooks/dynamic", first)
	require.NoError(t, err)
	r.Header.Set(verify.HeaderDynamicSignature, dv.Sign(again))
	assert.Equal(t, http.StatusUnauthorized, serve(d, r).Code)
}
