package dispatch_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/verify"
)

// The tests of this file attack a dispatcher served by a real http.Server on
// loopback, the way someone who captured one validly signed request would.

// post sends body with h to url and returns the status.
func post(t *testing.T, url string, h http.Header, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	return resp.StatusCode
}

// postAllOK sends each body to url, signed by sv now under the message id
// idPrefix and its index, and requires 200 for each.
func postAllOK(t *testing.T, url string, sv *verify.Svix, idPrefix string, bodies ...string) {
	t.Helper()
	for i, body := range bodies {
		h := sv.SignedHeader(fmt.Sprint(idPrefix, i), time.Now(), []byte(body))
		require.Equal(t, http.StatusOK, post(t, url, h, []byte(body)), body)
	}
}

// keysStore records every key the dispatcher passes to the store.
type keysStore struct {
	dispatch.IdempotencyStore
	mu   sync.Mutex
	keys []string
}

func newKeysStore() *keysStore { return &keysStore{IdempotencyStore: dispatch.NewMemoryStore()} }

func (s *keysStore) Claim(ctx context.Context, key string) (dispatch.ClaimStatus, string, error) {
	s.mu.Lock()
	s.keys = append(s.keys, key)
	s.mu.Unlock()
	return s.IdempotencyStore.Claim(ctx, key)
}

func (s *keysStore) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.keys...)
}

// recorded is what the callback of a dispatcher served by serveRecording
// saw: how often it ran, the last delivery's metadata and every delivery id.
type recorded struct {
	calls atomic.Int64
	mu    sync.Mutex
	seen  dispatch.Delivery
	ids   []string
}

func (r *recorded) deliveryIDs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.ids...)
}

func (r *recorded) last() dispatch.Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen
}

// serveRecording serves, over a real server on loopback, a dispatcher of v
// and parse in namespace with a key-recording store and one callback for
// the events of type P, which records each delivery it runs for.
func serveRecording[E any, P interface {
	*E
	typedhooks.Event
}](t *testing.T, v verify.Verifier, parse func([]byte) (typedhooks.Event, error), namespace string) (*httptest.Server, *keysStore, *recorded) {
	t.Helper()
	store := newKeysStore()
	d := dispatch.New(v, parse, dispatch.WithNamespace(namespace), dispatch.WithStore(store), dispatch.WithLogger(quiet))
	rec := &recorded{}
	require.NoError(t, dispatch.On(d, func(ctx context.Context, _ P) error {
		rec.calls.Add(1)
		del, _ := dispatch.DeliveryFrom(ctx)
		rec.mu.Lock()
		rec.seen = *del
		rec.ids = append(rec.ids, del.ID)
		rec.mu.Unlock()
		return nil
	}))
	srv := httptest.NewServer(d)
	t.Cleanup(srv.Close)
	return srv, store, rec
}

// Recipe 1 of issue 13: Dynamic signs the body only, so a captured request
// stays valid forever; adding an unsigned id header used to make it a new
// delivery. The key is the signed body's messageId, whatever the headers say.
func TestReplay_DynamicWithForgedIDHeaders(t *testing.T) {
	dv, err := verify.NewDynamic("dyn_secret")
	require.NoError(t, err)
	srv, store, rec := serveRecording[dynamic.UserCreated](t, dv, dynamic.Parse, "dynamic")

	body := []byte(`{"eventId":"e1","messageId":"5a2a5360","eventName":"user.created","data":{"id":"u1"}}`)
	captured := dv.SignedHeader(body)
	require.Equal(t, http.StatusOK, post(t, srv.URL, captured, body))
	require.Equal(t, int64(1), rec.calls.Load())
	seen := rec.last()
	assert.Equal(t, "5a2a5360", seen.ID, "Dynamic's messageId is the key")
	assert.Equal(t, "e1", seen.EventKey, "the eventId stays visible")
	assert.Empty(t, seen.TransportID, "Dynamic signs no id header")
	assert.True(t, seen.Timestamp.IsZero(), "Dynamic signs no timestamp")

	require.Equal(t, http.StatusOK, post(t, srv.URL, captured, body))
	forged := []map[string]string{
		{"Svix-Id": "anything-new"},
		{"Webhook-Id": "anything-new-2"},
		{"Svix-Id": "a", "Svix-Timestamp": fmt.Sprint(time.Now().Unix()), "Svix-Signature": "v1,x"},
		{"Webhook-Id": "b", "Webhook-Timestamp": fmt.Sprint(time.Now().Unix())},
	}
	for i, extra := range forged {
		h := captured.Clone()
		for k, v := range extra {
			h.Set(k, v)
		}
		assert.Equal(t, http.StatusOK, post(t, srv.URL, h, body), "replay %d", i)
	}
	assert.Equal(t, int64(1), rec.calls.Load(), "no replay ran the callback again")
	for _, k := range store.Keys() {
		assert.Equal(t, "dynamic:5a2a5360", k, "only the signed messageId reaches the store")
	}
}

// Recipe 2 of issue 13: a Svix request signed with the webhook-* names, with
// svix-id: msg_forged_N added (and no svix-signature). The verifier checks
// the webhook-* set, and the dispatcher keys on the webhook-id it verified.
func TestReplay_SvixWebhookSetWithForgedSvixID(t *testing.T) {
	sv, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	require.NoError(t, err)
	srv, store, rec := serveRecording[crossmint.NFTCreateSucceeded](t, sv, crossmint.Parse, "crossmint")

	// Made-up minimal body. Without an actionId, nfts.create.succeeded
	// carries no key of its own (with one it keys on the action and its
	// outcome, from the signed body: see crossmint's IdempotencyKey), so the
	// transport id is the key.
	body := []byte(`{"type":"nfts.create.succeeded","data":{}}`)
	signedAt := time.Now().Add(-time.Minute)
	captured := sv.SignedStandardHeader("msg_real", signedAt, body)
	require.Equal(t, http.StatusOK, post(t, srv.URL, captured, body))
	require.Equal(t, int64(1), rec.calls.Load())
	seen := rec.last()
	assert.Equal(t, "msg_real", seen.ID)
	assert.Equal(t, "msg_real", seen.TransportID)
	assert.Equal(t, signedAt.Unix(), seen.Timestamp.Unix(), "the signed timestamp")

	for i := range 5 {
		h := captured.Clone()
		h.Set("Svix-Id", fmt.Sprintf("msg_forged_%d", i))
		if i%2 == 1 {
			h.Set("Svix-Timestamp", fmt.Sprint(time.Now().Unix())) // still no svix-signature
		}
		assert.Equal(t, http.StatusOK, post(t, srv.URL, h, body), "replay %d", i)
	}
	assert.Equal(t, int64(1), rec.calls.Load(), "no replay ran the callback again")
	for _, k := range store.Keys() {
		assert.Equal(t, "crossmint:msg_real", k)
	}

	// A replay with a forged complete svix-* set fails verification: the
	// svix-* set is used when complete and there is no fallback.
	h := captured.Clone()
	h.Set("Svix-Id", "msg_forged_x")
	h.Set("Svix-Timestamp", fmt.Sprint(time.Now().Unix()))
	h.Set("Svix-Signature", captured.Get("Webhook-Signature"))
	assert.Equal(t, http.StatusUnauthorized, post(t, srv.URL, h, body))
	assert.Equal(t, int64(1), rec.calls.Load())
}

// An id over MaxIDBytes is refused with 400 before the store sees it, be it
// the transport id or the event's own key; one at the bound is accepted.
func TestLongIDsAreRefusedBeforeTheStore(t *testing.T) {
	sv, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	require.NoError(t, err)
	dv, err := verify.NewDynamic("dyn_secret")
	require.NoError(t, err)
	store := newKeysStore()
	var calls atomic.Int64
	count := func(context.Context, typedhooks.Event) error { calls.Add(1); return nil }
	svixD := dispatch.New(sv, crossmint.Parse, dispatch.WithStore(store), dispatch.WithLogger(quiet), dispatch.WithFallback(count))
	dynD := dispatch.New(dv, dynamic.Parse, dispatch.WithStore(store), dispatch.WithLogger(quiet), dispatch.WithFallback(count))
	svixSrv, dynSrv := httptest.NewServer(svixD), httptest.NewServer(dynD)
	defer svixSrv.Close()
	defer dynSrv.Close()

	body := []byte(`{"type":"nfts.create.succeeded","data":{}}`)
	for _, n := range []int{dispatch.MaxIDBytes + 1, 512 << 10} {
		id := strings.Repeat("m", n)
		assert.Equal(t, http.StatusBadRequest, post(t, svixSrv.URL, sv.SignedHeader(id, time.Now(), body), body), "svix-id of %d bytes", n)
		dynBody := []byte(`{"messageId":"` + id + `","eventName":"user.created","data":{}}`)
		assert.Equal(t, http.StatusBadRequest, post(t, dynSrv.URL, dv.SignedHeader(dynBody), dynBody), "messageId of %d bytes", n)
	}
	assert.Empty(t, store.Keys(), "the store never saw a long id")
	assert.Zero(t, calls.Load())

	id := strings.Repeat("m", dispatch.MaxIDBytes)
	assert.Equal(t, http.StatusOK, post(t, svixSrv.URL, sv.SignedHeader(id, time.Now(), body), body))
	assert.Equal(t, []string{dispatch.DefaultNamespace + ":" + id}, store.Keys())
	assert.Equal(t, int64(1), calls.Load())
}

// The README's first snippet used to discard NewSvix's error: with the
// variable unset, the nil *verify.Svix passed New's nil check and the first
// request panicked. New refuses a nil pointer like a nil interface.
func TestNew_RefusesTypedNilVerifiers(t *testing.T) {
	st, err := verify.NewSvix("") // an unset STYTCH_WEBHOOK_SECRET
	require.Error(t, err)
	for name, v := range map[string]dispatch.Verifier{
		"nil interface":    nil,
		"NewSvix's nil":    st,
		"nil *verify.Svix": (*verify.Svix)(nil),
		"nil *Dynamic":     (*verify.Dynamic)(nil),
		"nil VerifierFunc": dispatch.VerifierFunc(nil),
	} {
		assert.PanicsWithValue(t, fmt.Sprintf("dispatch: New called with a nil Verifier (%T); check the error of the verifier's constructor", v),
			func() { dispatch.New(v, crossmint.Parse) }, name)
	}
}

type panickingVerifier struct{ inner *verify.Svix }

// Verify dereferences a nil inner verifier: the kind of bug that only shows
// on the first request.
func (p panickingVerifier) Verify(h http.Header, body []byte) error { return p.inner.Verify(h, body) }

// A verifier or parse function that panics is recovered: 500 (the provider
// retries once it is fixed), logged with its stack, no callback, and the
// server keeps serving.
func TestVerifierAndParsePanicsAreRecovered(t *testing.T) {
	signer, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	require.NoError(t, err)
	for name, tc := range map[string]struct {
		build func(*slogLogger) *dispatch.Dispatcher
		h     http.Header
	}{
		"verifier": {
			build: func(l *slogLogger) *dispatch.Dispatcher {
				return dispatch.New(panickingVerifier{}, testRegistry.Parse, dispatch.WithLogger(l))
			},
			// Complete svix headers get the nil verifier past its header checks.
			h: signer.SignedHeader("msg_1", time.Now(), []byte(createdBody)),
		},
		"parse": {
			build: func(l *slogLogger) *dispatch.Dispatcher {
				return dispatch.New(testVerifier, func([]byte) (typedhooks.Event, error) { panic("parser bug") }, dispatch.WithLogger(l))
			},
			h: signedHeader("msg_1", []byte(createdBody)),
		},
	} {
		t.Run(name, func(t *testing.T) {
			logger, logs := newTestLogger()
			d := tc.build(logger)
			var calls atomic.Int64
			require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { calls.Add(1); return nil }))
			srv := httptest.NewServer(d)
			defer srv.Close()

			h := tc.h
			for range 2 {
				assert.Equal(t, http.StatusInternalServerError, post(t, srv.URL, h, []byte(createdBody)))
			}
			assert.Zero(t, calls.Load())
			assert.Contains(t, logs.String(), "panicked")
			assert.Contains(t, logs.String(), "stack=", "logged with its stack")
			assert.Contains(t, logs.String(), "level=ERROR")

			err := d.Dispatch(context.Background(), h, []byte(createdBody))
			require.ErrorIs(t, err, dispatch.ErrInternal)
			_, isPanic := errorsAsPanic(err)
			assert.True(t, isPanic)
			assert.True(t, dispatch.Retryable(err))
		})
	}
}

type slogLogger = slog.Logger

func errorsAsPanic(err error) (*dispatch.PanicError, bool) {
	return errors.AsType[*dispatch.PanicError](err)
}

// Registering a Stytch type on a Crossmint dispatcher used to succeed, and
// the callback could never run. On refuses it, and the callback it accepts
// run over a real server.
func TestOn_RefusesTypesTheParseFunctionNeverProduces(t *testing.T) {
	sv, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	require.NoError(t, err)
	d := dispatch.New(sv, crossmint.Parse, dispatch.WithLogger(quiet))
	err = dispatch.On(d, func(context.Context, *stytch.DirectUserCreate) error { return nil })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "*stytch.DirectUserCreate")
	require.Error(t, dispatch.On(d, func(context.Context, *dynamic.UserCreated) error { return nil }))

	var got []string
	require.NoError(t, dispatch.On(d, func(_ context.Context, e *crossmint.NFTCreateSucceeded) error {
		got = append(got, e.EventType())
		return nil
	}))
	require.NoError(t, dispatch.On(d, func(_ context.Context, e *credentials.CredentialCreationSucceeded) error {
		got = append(got, e.EventType())
		return nil
	}), "crossmint.Parse produces the credentials types")
	require.NoError(t, dispatch.On(dispatch.New(sv, testRegistry.Parse), func(context.Context, *stytch.DirectUserCreate) error { return nil }),
		"a parse function of the user's own is not checked")

	srv := httptest.NewServer(d)
	defer srv.Close()
	postAllOK(t, srv.URL, sv, "msg_",
		`{"type":"nfts.create.succeeded","data":{}}`,
		`{"type":"credential.creation.succeeded","data":{}}`)
	assert.Equal(t, []string{"nfts.create.succeeded", "credential.creation.succeeded"}, got)
}

// On with *typedhooks.Unknown used to return nil, and the callback never
// ran: Unknown's type is in the body, so no table entry can name it. On
// refuses it, for the providers' Parse and a parse function of the user's
// own alike, and points at OnType and WithFallback, which do take Unknown
// events (shown over a real server).
func TestOn_RefusesUnknown(t *testing.T) {
	sv, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	require.NoError(t, err)
	var got []string
	d := dispatch.New(sv, crossmint.Parse, dispatch.WithLogger(quiet),
		dispatch.WithFallback(func(_ context.Context, ev typedhooks.Event) error {
			got = append(got, "fallback "+ev.EventType())
			return nil
		}))
	for _, d := range []*dispatch.Dispatcher{d, dispatch.New(sv, testRegistry.Parse)} {
		err := dispatch.On(d, func(context.Context, *typedhooks.Unknown) error { return nil })
		require.Error(t, err)
		for _, want := range []string{"*typedhooks.Unknown", "OnType", "WithFallback"} {
			assert.Contains(t, err.Error(), want)
		}
	}
	require.NoError(t, d.OnType("nfts.teleport.succeeded", func(_ context.Context, ev typedhooks.Event) error {
		_, unknown := ev.(*typedhooks.Unknown)
		got = append(got, fmt.Sprintf("OnType %s unknown=%v", ev.EventType(), unknown))
		return nil
	}))

	srv := httptest.NewServer(d)
	defer srv.Close()
	postAllOK(t, srv.URL, sv, "msg_u",
		`{"type":"nfts.teleport.succeeded","data":{}}`,
		`{"type":"nfts.levitate.succeeded","data":{}}`)
	assert.Equal(t, []string{"OnType nfts.teleport.succeeded unknown=true", "fallback nfts.levitate.succeeded"}, got)
}

// A VerifierFunc reports nothing as signed: an id header it may or may not
// have checked never becomes the delivery id. Deliveries of events without
// a key of their own are then not de-duplicated (documented on VerifierFunc).
func TestVerifierFuncReportsNoID(t *testing.T) {
	v := dispatch.VerifierFunc(func(http.Header, []byte) error { return nil })
	d := dispatch.New(v, testRegistry.Parse, dispatch.WithLogger(quiet))
	var ids []string
	require.NoError(t, dispatch.On(d, func(ctx context.Context, _ *thingCreated) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		ids = append(ids, del.ID+"|"+del.TransportID)
		assert.True(t, del.Timestamp.IsZero())
		return nil
	}))
	srv := httptest.NewServer(d)
	defer srv.Close()
	h := http.Header{"Svix-Id": {"msg_1"}, "Svix-Timestamp": {"1700000000"}}
	for range 2 {
		require.Equal(t, http.StatusOK, post(t, srv.URL, h, []byte(createdBody)))
	}
	assert.Equal(t, []string{"|", "|"}, ids)
}

// A Dynamic message without messageId and eventId (Dynamic documents
// examples without them) used to get no key at all: Dynamic signs no
// timestamp, so a captured request could be replayed, and its callbacks
// run, for ever. Its key is now the SHA-256 of the signed body, which every
// replay must repeat; another body is another delivery.
func TestReplay_DynamicWithoutIDs(t *testing.T) {
	dv, err := verify.NewDynamic("dyn_secret")
	require.NoError(t, err)
	srv, store, rec := serveRecording[dynamic.UserCreated](t, dv, dynamic.Parse, "dynamic")

	body := []byte(`{"eventName":"user.created","data":{"id":"u1"}}`)
	captured := dv.SignedHeader(body)
	for i := range 3 {
		h := captured.Clone()
		h.Set("Svix-Id", fmt.Sprint("anything-new-", i))
		require.Equal(t, http.StatusOK, post(t, srv.URL, h, body))
	}
	other := []byte(`{"eventName":"user.created","data":{"id":"u2"}}`)
	require.Equal(t, http.StatusOK, post(t, srv.URL, dv.SignedHeader(other), other))

	ids := rec.deliveryIDs()
	require.Len(t, ids, 2, "the replays ran nothing; the other body ran")
	for _, id := range ids {
		assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, id)
	}
	assert.NotEqual(t, ids[0], ids[1])
	assert.Equal(t, []string{"dynamic:" + ids[0], "dynamic:" + ids[0], "dynamic:" + ids[0], "dynamic:" + ids[1]}, store.Keys())
}
