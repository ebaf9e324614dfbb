package crossmint_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/verify"
)

// The example secret of Svix's "verifying payloads manually" page.
const convergeSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// pushAndPull is one action outcome as both sides see it: the documented
// nfts.create.succeeded webhook, and the Action Status API's answer for the
// same action (made up from it: Crossmint documents no finished answer).
func pushAndPull(t *testing.T) (webhook []byte, action *crossmint.Action) {
	t.Helper()
	webhook = eventtest.Fixture(t, "nfts.create.succeeded.evm.json")
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(webhook, &m))
	delete(m, "type")
	m["action"] = json.RawMessage(`"nfts.create"`)
	m["status"] = json.RawMessage(`"succeeded"`)
	answer, err := json.Marshal(m)
	require.NoError(t, err)
	action, err = crossmint.ParseAction(answer)
	require.NoError(t, err)
	return webhook, action
}

type convergeFixture struct {
	d      *dispatch.Dispatcher
	srv    *httptest.Server
	signer *verify.Svix
	calls  atomic.Int32
	ids    chan string
}

func newConvergeFixture(t *testing.T, opts ...dispatch.Option) *convergeFixture {
	t.Helper()
	v, err := verify.NewSvix(convergeSecret)
	require.NoError(t, err)
	f := &convergeFixture{signer: v, ids: make(chan string, 64)}
	f.d = dispatch.New(v, crossmint.Parse, opts...)
	require.NoError(t, dispatch.On(f.d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		f.calls.Add(1)
		f.ids <- string(e.ActionID)
		time.Sleep(5 * time.Millisecond) // widen the window for a concurrent duplicate
		return nil
	}))
	f.srv = httptest.NewServer(f.d)
	t.Cleanup(f.srv.Close)
	return f
}

// push delivers the webhook as Svix would, with its own message id, and
// returns the status.
func (f *convergeFixture) push(t *testing.T, msgID string, body []byte) int {
	t.Helper()
	req, err := f.signer.SignedRequest(f.srv.URL, msgID, time.Now(), body)
	require.NoError(t, err)
	resp, err := f.srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestConverge_WebhookThenDeliver(t *testing.T) {
	f := newConvergeFixture(t)
	webhook, action := pushAndPull(t)
	assert.Equal(t, http.StatusOK, f.push(t, "msg_push_1", webhook))
	ev, err := action.Event()
	require.NoError(t, err)
	require.NoError(t, f.d.Deliver(context.Background(), ev))
	assert.EqualValues(t, 1, f.calls.Load())
}

func TestConverge_DeliverThenWebhook(t *testing.T) {
	f := newConvergeFixture(t)
	webhook, action := pushAndPull(t)
	ev, err := action.Event()
	require.NoError(t, err)
	require.NoError(t, f.d.Deliver(context.Background(), ev))
	// The late webhook, and Svix's retry of it, are acknowledged without a
	// second call.
	assert.Equal(t, http.StatusOK, f.push(t, "msg_push_1", webhook))
	assert.Equal(t, http.StatusOK, f.push(t, "msg_push_1", webhook))
	// Under its pre-2024 name too.
	legacy := bytes.Replace(webhook, []byte(`"nfts.create.succeeded"`), []byte(`"mint.succeeded"`), 1)
	require.NotEqual(t, webhook, legacy)
	assert.Equal(t, http.StatusOK, f.push(t, "msg_push_legacy", legacy))
	assert.EqualValues(t, 1, f.calls.Load())
}

// Push and pull at once, many times over: the callback runs once. Those
// that lose the race while the winner runs get 409 (webhook) or
// ErrInFlight (Deliver), and succeed as duplicates when tried again.
func TestConverge_Concurrent(t *testing.T) {
	f := newConvergeFixture(t)
	webhook, action := pushAndPull(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 50 {
				if f.push(t, "msg_push_"+string(rune('a'+i)), webhook) == http.StatusOK {
					return
				}
				time.Sleep(2 * time.Millisecond)
			}
			t.Error("webhook never acknowledged")
		}()
		go func() {
			defer wg.Done()
			ev, err := action.Event()
			if !assert.NoError(t, err) {
				return
			}
			for range 50 {
				err := f.d.Deliver(context.Background(), ev)
				if err == nil {
					return
				}
				if !dispatch.Retryable(err) {
					t.Errorf("Deliver: %v", err)
					return
				}
				time.Sleep(2 * time.Millisecond)
			}
			t.Error("Deliver never succeeded")
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 1, f.calls.Load())
	assert.Equal(t, "771d7e38-2890-47d7-b733-a1462736b528", <-f.ids)
}

// A failed and a succeeded outcome of different actions are different
// keys; a failed outcome does not hide the success of another action.
func TestConverge_DifferentActionsBothRun(t *testing.T) {
	f := newConvergeFixture(t)
	_, action := pushAndPull(t)
	other := *action
	other.Raw = nil
	other.ActionID = "another-action"
	for _, a := range []*crossmint.Action{action, &other} {
		ev, err := a.Event()
		require.NoError(t, err)
		require.NoError(t, f.d.Deliver(context.Background(), ev))
	}
	assert.EqualValues(t, 2, f.calls.Load())
}

// An event with no key cannot be recognised again, so Deliver refuses it
// while the dispatcher de-duplicates.
func TestConverge_DeliverRefusesAnEventWithoutKey(t *testing.T) {
	f := newConvergeFixture(t)
	a, err := crossmint.ParseAction(actionFixture(t, "madeup_wallets-nfts.transfer.succeeded.json"))
	require.NoError(t, err)
	ev, err := a.Event()
	require.NoError(t, err)
	_, keyed := ev.(typedhooks.IdempotencyKeyer)
	assert.False(t, keyed)
	assert.ErrorIs(t, f.d.Deliver(context.Background(), ev), dispatch.ErrMalformed)
}
