package dispatch_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
)

func TestDeliver(t *testing.T) {
	logger, _ := newTestLogger()
	var outcomes []dispatch.Outcome
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithNamespace("test"),
		dispatch.WithObserver(func(o dispatch.Outcome) { outcomes = append(outcomes, o) }))
	var calls []dispatch.Delivery
	fail := false
	require.NoError(t, dispatch.On(d, func(ctx context.Context, e *keyedEvent) error {
		del, ok := dispatch.DeliveryFrom(ctx)
		require.True(t, ok)
		calls = append(calls, *del)
		if fail {
			return errors.New("boom")
		}
		return nil
	}))
	ctx := context.Background()

	require.NoError(t, d.Deliver(ctx, &keyedEvent{Type: "keyed.event", MessageID: "m1", Redelivery: true}))
	require.Len(t, calls, 1)
	assert.Equal(t, "m1", calls[0].ID)
	assert.Equal(t, "keyed.event", calls[0].EventType)
	assert.True(t, calls[0].Redelivery)
	assert.Nil(t, calls[0].Header)
	assert.Nil(t, calls[0].Body)
	assert.True(t, calls[0].Timestamp.IsZero())

	require.NoError(t, d.Deliver(ctx, &keyedEvent{Type: "keyed.event", MessageID: "m1"}), "a duplicate is acknowledged")
	assert.Len(t, calls, 1, "a duplicate does not run again")
	assert.True(t, outcomes[1].Duplicate)
	assert.Equal(t, "m1", outcomes[1].DeliveryID)

	// The webhook of the same event, arriving later, is a duplicate too.
	body := `{"type":"keyed.event","messageId":"m1"}`
	require.NoError(t, d.Dispatch(ctx, signedHeader("", []byte(body)), []byte(body)))
	assert.Len(t, calls, 1, "the webhook after Deliver does not run again")

	// A failed callback releases the key: the next Deliver runs it again.
	fail = true
	err := d.Deliver(ctx, &keyedEvent{Type: "keyed.event", MessageID: "m2"})
	require.ErrorIs(t, err, dispatch.ErrCallback)
	assert.True(t, dispatch.Retryable(err))
	fail = false
	require.NoError(t, d.Deliver(ctx, &keyedEvent{Type: "keyed.event", MessageID: "m2"}))
	assert.Len(t, calls, 3)

	// Refused: no key, a nil event, a typed nil, a key over the bound.
	n := len(outcomes)
	for _, ev := range []typedhooks.Event{
		&keyedEvent{Type: "keyed.event"},
		&thingCreated{Type: "things.create.succeeded"},
		nil,
		(*keyedEvent)(nil),
		&keyedEvent{Type: "keyed.event", MessageID: strings.Repeat("k", dispatch.MaxIDBytes+1)},
	} {
		err := d.Deliver(ctx, ev)
		require.ErrorIs(t, err, dispatch.ErrMalformed, "%#v", ev)
		assert.Equal(t, http.StatusBadRequest, dispatch.StatusCode(err))
	}
	assert.Len(t, calls, 3, "no refused event ran")
	require.Len(t, outcomes, n+5, "the observer sees refusals too")
	assert.Equal(t, http.StatusBadRequest, outcomes[n].Status)
	assert.LessOrEqual(t, len(outcomes[n+4].DeliveryID), 100, "an over-long id is not passed on whole")

	// A key at the bound is accepted.
	require.NoError(t, d.Deliver(ctx, &keyedEvent{Type: "keyed.event", MessageID: strings.Repeat("k", dispatch.MaxIDBytes)}))
	assert.Len(t, calls, 4)
}

func TestDeliver_WithoutStoreRunsKeylessEvents(t *testing.T) {
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithStore(nil))
	var calls atomic.Int64
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { calls.Add(1); return nil }))
	require.NoError(t, d.Deliver(context.Background(), &thingCreated{Type: "things.create.succeeded"}))
	require.NoError(t, d.Deliver(context.Background(), &thingCreated{Type: "things.create.succeeded"}))
	assert.Equal(t, int64(2), calls.Load())
}

// TestDeliver_ConvergesWithWebhooks races Deliver against the webhook of the
// same events, over a real HTTP server: each event's callback runs once.
func TestDeliver_ConvergesWithWebhooks(t *testing.T) {
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
	var mu sync.Mutex
	runs := map[string]int{}
	require.NoError(t, dispatch.On(d, func(_ context.Context, e *keyedEvent) error {
		mu.Lock()
		runs[e.MessageID]++
		mu.Unlock()
		return nil
	}))
	srv := httptest.NewServer(d)
	defer srv.Close()

	const events = 50
	var wg sync.WaitGroup
	for i := range events {
		id := "evt-" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('A'+i/26))
		body := `{"type":"keyed.event","messageId":"` + id + `"}`
		wg.Add(2)
		go func() {
			defer wg.Done()
			// 409 (the other side holds the claim) is retried, as a provider would.
			for {
				req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
				if !assert.NoError(t, err) {
					return
				}
				for k, v := range signedHeader("", []byte(body)) {
					req.Header[k] = v
				}
				resp, err := srv.Client().Do(req)
				if !assert.NoError(t, err) {
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusConflict {
					assert.Equal(t, http.StatusOK, resp.StatusCode)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for {
				err := d.Deliver(context.Background(), &keyedEvent{Type: "keyed.event", MessageID: id})
				if !errors.Is(err, dispatch.ErrInFlight) {
					assert.NoError(t, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	assert.Len(t, runs, events)
	for id, n := range runs {
		assert.Equal(t, 1, n, id)
	}
}
