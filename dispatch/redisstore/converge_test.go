package redisstore_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/verify"
)

// Push and pull across replicas: one replica receives Crossmint's webhook
// for an action outcome, another learns the same outcome from the Action
// Status API and hands it to Deliver. Both share one redis-server; the
// callback runs once.

type pullReplica struct {
	d   *dispatch.Dispatcher
	srv *httptest.Server
}

func newPullReplica(t *testing.T, srv *redisServer, runs *atomic.Int64) *pullReplica {
	t.Helper()
	v, err := verify.NewSvix(svixSecret)
	require.NoError(t, err)
	d := dispatch.New(v, crossmint.Parse,
		dispatch.WithNamespace("crossmint"),
		dispatch.WithStore(redisstore.New(srv.Client())),
		dispatch.WithLogger(slog.New(slog.DiscardHandler)),
	)
	require.NoError(t, dispatch.On(d, func(context.Context, *crossmint.NFTCreateSucceeded) error {
		runs.Add(1)
		time.Sleep(10 * time.Millisecond)
		return nil
	}))
	hs := httptest.NewServer(d)
	t.Cleanup(hs.Close)
	return &pullReplica{d: d, srv: hs}
}

// pullOutcome is the Action Status API's answer for the action of the
// documented nfts.create.succeeded webhook (made up from it), as an event.
func pullOutcome(t *testing.T, webhook []byte) *crossmint.NFTCreateSucceeded {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(webhook, &m))
	delete(m, "type")
	m["action"], m["status"] = json.RawMessage(`"nfts.create"`), json.RawMessage(`"succeeded"`)
	answer, err := json.Marshal(m)
	require.NoError(t, err)
	a, err := crossmint.ParseAction(answer)
	require.NoError(t, err)
	ev, err := a.Event()
	require.NoError(t, err)
	return ev.(*crossmint.NFTCreateSucceeded)
}

func (r *pullReplica) push(t *testing.T, msgID string, body []byte) int {
	v, err := verify.NewSvix(svixSecret)
	require.NoError(t, err)
	req, err := v.SignedRequest(r.srv.URL, msgID, time.Now(), body)
	require.NoError(t, err)
	resp, err := httpClient.Do(req)
	if !assert.NoError(t, err) {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestConverge_SharedRedis_PushOnOneReplicaPullOnAnother(t *testing.T) {
	srv := startRedis(t)
	var runs atomic.Int64
	a, b := newPullReplica(t, srv, &runs), newPullReplica(t, srv, &runs)
	webhook := eventtest.FixtureOf(t, "crossmint", "nfts.create.succeeded.evm.json")
	ev := pullOutcome(t, webhook)

	// Webhook first on a, then the reconciler on b.
	assert.Equal(t, http.StatusOK, a.push(t, "msg_1", webhook))
	require.NoError(t, b.d.Deliver(context.Background(), ev))
	assert.EqualValues(t, 1, runs.Load())
	// And the webhook's retry on b.
	assert.Equal(t, http.StatusOK, b.push(t, "msg_1", webhook))
	assert.EqualValues(t, 1, runs.Load())
}

func TestConverge_SharedRedis_PullFirstThenLateWebhook(t *testing.T) {
	srv := startRedis(t)
	var runs atomic.Int64
	a, b := newPullReplica(t, srv, &runs), newPullReplica(t, srv, &runs)
	webhook := eventtest.FixtureOf(t, "crossmint", "nfts.create.succeeded.evm.json")
	require.NoError(t, a.d.Deliver(context.Background(), pullOutcome(t, webhook)))
	assert.Equal(t, http.StatusOK, b.push(t, "msg_late", webhook))
	assert.Equal(t, http.StatusOK, a.push(t, "msg_late", webhook))
	assert.EqualValues(t, 1, runs.Load())
}

func TestConverge_SharedRedis_Concurrent(t *testing.T) {
	srv := startRedis(t)
	var runs atomic.Int64
	replicas := []*pullReplica{newPullReplica(t, srv, &runs), newPullReplica(t, srv, &runs)}
	webhook := eventtest.FixtureOf(t, "crossmint", "nfts.create.succeeded.evm.json")
	ev := pullOutcome(t, webhook)
	var wg sync.WaitGroup
	for i := range 12 {
		r := replicas[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				var ok bool
				if i%3 == 0 {
					err := r.d.Deliver(context.Background(), ev)
					ok = err == nil
					if err != nil && !dispatch.Retryable(err) {
						t.Errorf("Deliver: %v", err)
						return
					}
				} else {
					ok = r.push(t, "msg_c", webhook) == http.StatusOK
				}
				if ok {
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
			t.Error("never acknowledged")
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 1, runs.Load())
}
