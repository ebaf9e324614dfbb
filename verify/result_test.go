package verify_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/verify"
)

// TestSvixVerifyResult_MixedHeaderSets holds the one rule for requests
// that carry part of each header set: the svix-* set is used only when all
// three of its headers are set, else the webhook-* set only when all three
// of its headers are set; the id and timestamp reported are always the ones
// of the set that was verified, so a header of the other set never leaks
// into the result.
func TestSvixVerifyResult_MixedHeaderSets(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	s, err := verify.NewSvix(vector1Secret, fixedClock(now))
	require.NoError(t, err)
	body := []byte(`{"type":"nfts.create.succeeded"}`)
	svixSet := s.SignedHeader("msg_svix", now, body)
	webhookSet := s.SignedStandardHeader("msg_webhook", now.Add(-time.Second), body)
	merge := func(hs ...http.Header) http.Header {
		out := http.Header{}
		for _, h := range hs {
			for k, v := range h {
				out[k] = v
			}
		}
		return out
	}
	with := func(h http.Header, kv ...string) http.Header {
		h = h.Clone()
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}

	for _, tc := range []struct {
		name   string
		h      http.Header
		wantID string
		wantTS time.Time
		err    error
	}{
		{name: "svix set alone", h: svixSet, wantID: "msg_svix", wantTS: now},
		{name: "webhook set alone", h: webhookSet, wantID: "msg_webhook", wantTS: now.Add(-time.Second)},
		{name: "both complete: svix wins", h: merge(svixSet, webhookSet), wantID: "msg_svix", wantTS: now},
		{
			name:   "webhook set plus a forged svix-id",
			h:      with(webhookSet, "svix-id", "msg_forged_1"),
			wantID: "msg_webhook", wantTS: now.Add(-time.Second),
		},
		{
			name:   "webhook set plus forged svix-id and svix-timestamp",
			h:      with(webhookSet, "svix-id", "msg_forged_2", "svix-timestamp", strconv.FormatInt(now.Unix(), 10)),
			wantID: "msg_webhook", wantTS: now.Add(-time.Second),
		},
		{
			name:   "webhook set plus svix-signature only",
			h:      with(webhookSet, "svix-signature", svixSet.Get("svix-signature")),
			wantID: "msg_webhook", wantTS: now.Add(-time.Second),
		},
		{
			name: "svix set plus a forged webhook-id",
			h:    with(svixSet, "webhook-id", "msg_forged_3"), wantID: "msg_svix", wantTS: now,
		},
		{
			name: "complete svix set that fails does not fall back to webhook-*",
			h:    merge(with(svixSet, "svix-id", "msg_forged_4"), webhookSet),
			err:  verify.ErrNoMatchingSignature,
		},
		{
			name: "two halves make no set",
			h: http.Header{
				verify.HeaderSvixID:           {"msg_svix"},
				verify.HeaderSvixTimestamp:    svixSet[verify.HeaderSvixTimestamp],
				verify.HeaderWebhookSignature: svixSet[verify.HeaderSvixSignature],
			},
			err: verify.ErrMissingHeaders,
		},
		{
			name: "the svix-id with the webhook set's other headers",
			h: http.Header{
				verify.HeaderSvixID:           {"msg_svix"},
				verify.HeaderWebhookTimestamp: svixSet[verify.HeaderSvixTimestamp],
				verify.HeaderWebhookSignature: svixSet[verify.HeaderSvixSignature],
			},
			err: verify.ErrMissingHeaders,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.VerifyResult(tc.h, body)
			assert.Equal(t, err, s.Verify(tc.h, body), "Verify and VerifyResult agree")
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				assert.Zero(t, res)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantID, res.ID)
			assert.True(t, tc.wantTS.Equal(res.Timestamp), "timestamp %v, want %v", res.Timestamp, tc.wantTS)
		})
	}
}

// The timestamp reported is the number that was signed, whatever its
// spelling, and the check can be off (re-verifying stored deliveries).
func TestSvixVerifyResult_Timestamp(t *testing.T) {
	signedAt := time.Unix(1614265330, 0)
	s, err := verify.NewSvix(vector1Secret, verify.WithoutTimestampCheck())
	require.NoError(t, err)
	body := []byte(`{}`)
	h := s.SignedHeader("msg_1", signedAt, body)
	h.Set("svix-timestamp", "+01614265330")
	res, err := s.VerifyResult(h, body)
	require.NoError(t, err)
	assert.Equal(t, verify.Result{ID: "msg_1", Timestamp: time.Unix(1614265330, 0)}, res)
}

func TestDynamicVerifyResult_ReportsNothing(t *testing.T) {
	d, err := verify.NewDynamic(dynamicSecret)
	require.NoError(t, err)
	body := []byte(`{"messageId":"m1"}`)
	h := d.SignedHeader(body)
	// Headers Dynamic does not sign never show up in the result.
	h.Set("svix-id", "msg_forged")
	h.Set("webhook-id", "msg_forged")
	h.Set("svix-timestamp", "1700000000")
	res, err := d.VerifyResult(h, body)
	require.NoError(t, err)
	assert.Zero(t, res)
	res, err = d.VerifyResult(h, []byte(`{"messageId":"m2"}`))
	require.ErrorIs(t, err, verify.ErrNoMatchingSignature)
	assert.Zero(t, res)
}
