package redisstore_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	svix "github.com/svix/svix-webhooks/go"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/verify"
)

// These tests run whole dispatchers, one per simulated replica, against one
// redis-server, with deliveries signed the way Svix signs them (the svix
// library signs and verifies, so they do not depend on package verify).

// The made-up provider the tests serve: the store does not care what the
// event is, only about the delivery id.
type madeUpOrderPaid = eventtest.MadeUpOrderPaid

var madeUpParse = eventtest.ParseMadeUp

// The example secret of Svix's "verifying payloads manually" page.
const svixSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

const namespace = "made-up"

var orderPaid = []byte(`{"type":"orders.paid","orderId":"A-1042"}`)

func svixWebhook(t *testing.T) *svix.Webhook {
	t.Helper()
	wh, err := svix.NewWebhook(svixSecret)
	require.NoError(t, err)
	return wh
}

// signed returns the headers of one attempt of delivery id, signed now:
// every retry of a Svix message keeps the id and gets a new timestamp.
func signed(t *testing.T, id string, body []byte) http.Header {
	t.Helper()
	now := time.Now()
	sig, err := svixWebhook(t).Sign(id, now, body)
	require.NoError(t, err)
	h := http.Header{}
	h.Set("Svix-Id", id)
	h.Set("Svix-Timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Set("Svix-Signature", sig)
	h.Set("Content-Type", "application/json")
	return h
}

// replica is one instance of a service: its own Redis client and store,
// its own dispatcher, its own HTTP server.
type replica struct {
	url string
}

// newReplica starts a replica whose callback for orders.paid is cb.
func newReplica(t *testing.T, srv *redisServer, cb func(context.Context, *madeUpOrderPaid) error, opts ...redisstore.Option) *replica {
	t.Helper()
	verifier, err := verify.NewSvix(svixSecret)
	require.NoError(t, err)
	d := dispatch.New(verifier, madeUpParse,
		dispatch.WithNamespace(namespace),
		dispatch.WithStore(redisstore.New(srv.Client(), opts...)),
		dispatch.WithLogger(slog.New(slog.DiscardHandler)),
	)
	require.NoError(t, dispatch.On(d, cb))
	hs := httptest.NewServer(d)
	t.Cleanup(hs.Close)
	return &replica{url: hs.URL}
}

var httpClient = &http.Client{Timeout: 10 * time.Second}

// deliver posts one attempt and returns the status and response header.
func (r *replica) deliver(t *testing.T, h http.Header, body []byte) (int, http.Header) {
	req, err := http.NewRequest(http.MethodPost, r.url, bytes.NewReader(body))
	if !assert.NoError(t, err) {
		return 0, nil
	}
	req.Header = h.Clone()
	resp, err := httpClient.Do(req)
	if !assert.NoError(t, err) {
		return 0, nil
	}
	defer resp.Body.Close()
	return resp.StatusCode, resp.Header
}

func TestDispatchers_SharedRedis_ConcurrentDuplicatesRunOnce(t *testing.T) {
	srv := startRedis(t)
	var runs atomic.Int64
	cb := func(context.Context, *madeUpOrderPaid) error {
		runs.Add(1)
		// Long enough that many duplicates arrive while the claim is held.
		time.Sleep(20 * time.Millisecond)
		return nil
	}
	replicas := []*replica{newReplica(t, srv, cb), newReplica(t, srv, cb)}
	const id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
	h := signed(t, id, orderPaid)

	const n = 100
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[int]int{}
	)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			status, _ := replicas[i%len(replicas)].deliver(t, h, orderPaid)
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()

	assert.Equal(t, int64(1), runs.Load(), "the callback must run exactly once across replicas")
	assert.Equal(t, n, statuses[http.StatusOK]+statuses[http.StatusConflict], "only 200 and 409 are expected: %v", statuses)
	assert.GreaterOrEqual(t, statuses[http.StatusOK], 1, "the delivery that ran must be acknowledged: %v", statuses)
	assert.Equal(t, "done", srv.Client().Get(context.Background(), "typedhooks:"+namespace+":"+id).Val())

	// A later retry on either replica is acknowledged without running again.
	for _, r := range replicas {
		status, _ := r.deliver(t, signed(t, id, orderPaid), orderPaid)
		assert.Equal(t, http.StatusOK, status)
	}
	assert.Equal(t, int64(1), runs.Load())
}

func TestDispatchers_SharedRedis_FailedCallbackIsRetriedOnAnotherReplica(t *testing.T) {
	srv := startRedis(t)
	var calls, successes atomic.Int64
	cb := func(context.Context, *madeUpOrderPaid) error {
		if calls.Add(1) == 1 {
			return errors.New("made-up: payment service timed out")
		}
		successes.Add(1)
		return nil
	}
	a, b := newReplica(t, srv, cb), newReplica(t, srv, cb)
	const id = "msg_failing_first"

	status, _ := a.deliver(t, signed(t, id, orderPaid), orderPaid)
	require.Equal(t, http.StatusInternalServerError, status)
	assert.Zero(t, srv.Client().Exists(context.Background(), "typedhooks:"+namespace+":"+id).Val(),
		"a failed delivery must be released, not left claimed")

	status, _ = b.deliver(t, signed(t, id, orderPaid), orderPaid)
	require.Equal(t, http.StatusOK, status, "the provider's retry runs the callback again")

	for _, r := range []*replica{a, b} {
		status, _ = r.deliver(t, signed(t, id, orderPaid), orderPaid)
		assert.Equal(t, http.StatusOK, status)
	}
	assert.Equal(t, int64(2), calls.Load())
	assert.Equal(t, int64(1), successes.Load(), "the callback succeeds exactly once")
}

func TestDispatchers_SharedRedis_ClaimOfAKilledHandlerExpires(t *testing.T) {
	const claimTTL = time.Second
	srv := startRedis(t)
	var runs atomic.Int64
	r := newReplica(t, srv, func(context.Context, *madeUpOrderPaid) error {
		runs.Add(1)
		return nil
	}, redisstore.WithClaimTTL(claimTTL))
	const id = "msg_claimed_by_a_dead_replica"

	// A replica claims the delivery and dies before completing or releasing.
	dead := redisstore.New(srv.Client(), redisstore.WithClaimTTL(claimTTL))
	status, _, err := dead.Claim(context.Background(), namespace+":"+id)
	require.NoError(t, err)
	require.Equal(t, dispatch.Claimed, status)

	code, header := r.deliver(t, signed(t, id, orderPaid), orderPaid)
	assert.Equal(t, http.StatusConflict, code, "while the claim lasts the provider must come back later")
	assert.NotEmpty(t, header.Get("Retry-After"))
	assert.Zero(t, runs.Load())

	time.Sleep(claimTTL + 100*time.Millisecond)
	code, _ = r.deliver(t, signed(t, id, orderPaid), orderPaid)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, int64(1), runs.Load(), "the retry after the claim expired runs the callback")
}

func TestDispatchers_RedisDown_503ThenRetryRunsOnce(t *testing.T) {
	srv := startRedis(t)
	var runs atomic.Int64
	r := newReplica(t, srv, func(context.Context, *madeUpOrderPaid) error {
		runs.Add(1)
		return nil
	})
	const id = "msg_during_outage"

	// The client has connected once, so the outage hits a warm pool.
	code, _ := r.deliver(t, signed(t, "msg_before_outage", orderPaid), orderPaid)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, int64(1), runs.Load())

	srv.Stop()
	for range 3 {
		code, _ = r.deliver(t, signed(t, id, orderPaid), orderPaid)
		assert.Equal(t, http.StatusServiceUnavailable, code, "without the store the provider must retry later")
	}
	assert.Equal(t, int64(1), runs.Load(), "the callback must not run unprotected")

	srv.Restart()
	code, _ = r.deliver(t, signed(t, id, orderPaid), orderPaid)
	assert.Equal(t, http.StatusOK, code, "the provider's retry after the outage runs the callback")
	code, _ = r.deliver(t, signed(t, id, orderPaid), orderPaid)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, int64(2), runs.Load(), "the delivery from the outage ran exactly once")
}
