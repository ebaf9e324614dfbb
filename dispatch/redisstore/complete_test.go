package redisstore_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/verify"
)

// failNext is a go-redis hook that fails the next n commands with a
// transient-looking error, as a Redis in the middle of a failover does.
type failNext struct {
	n        atomic.Int64
	injected atomic.Int64
}

var errInjected = errors.New("CLUSTERDOWN The cluster is down (injected)")

func (f *failNext) DialHook(next redis.DialHook) redis.DialHook { return next }
func (f *failNext) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

func (f *failNext) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if f.n.Add(-1) >= 0 {
			f.injected.Add(1)
			cmd.SetErr(errInjected)
			return errInjected
		}
		return next(ctx, cmd)
	}
}

// failingClient returns a client of a fresh Redis whose commands hook fails
// on demand.
func failingClient(t *testing.T) (*redis.Client, *failNext) {
	client := startRedis(t).Client()
	hook := &failNext{}
	client.AddHook(hook)
	return client, hook
}

func TestComplete_RetriesTransientFailures(t *testing.T) {
	client, hook := failingClient(t)
	s := redisstore.New(client)
	ctx := context.Background()

	status, token := claim(t, s, key)
	require.Equal(t, dispatch.Claimed, status)
	hook.n.Store(4)
	start := time.Now()
	require.NoError(t, s.Complete(ctx, key, token))
	assert.Equal(t, int64(4), hook.injected.Load(), "four failed attempts before the fifth succeeded")
	// 50+100+200+400 ms of backoff.
	assert.GreaterOrEqual(t, time.Since(start), 700*time.Millisecond, "backoff between attempts")
	status, _ = claim(t, s, key)
	assert.Equal(t, dispatch.AlreadyDone, status)
}

func TestComplete_GivesUpAfterTheRetryDuration(t *testing.T) {
	client, hook := failingClient(t)
	s := redisstore.New(client, redisstore.WithRetry(600*time.Millisecond))

	_, token := claim(t, s, key)
	hook.n.Store(1 << 30)
	start := time.Now()
	err := s.Complete(context.Background(), key, token)
	elapsed := time.Since(start)
	require.ErrorIs(t, err, errInjected)
	assert.Contains(t, err.Error(), "gave up after")
	assert.GreaterOrEqual(t, elapsed, 600*time.Millisecond)
	assert.Less(t, elapsed, 2*time.Second, "bounded by the retry duration")
	assert.GreaterOrEqual(t, hook.injected.Load(), int64(4))

	// WithRetry(0) tries once.
	hook.injected.Store(0)
	once := redisstore.New(client, redisstore.WithRetry(0))
	require.Error(t, once.Complete(context.Background(), key, token))
	assert.Equal(t, int64(1), hook.injected.Load())
}

func TestComplete_ContextEndStopsTheRetries(t *testing.T) {
	client, hook := failingClient(t)
	s := redisstore.New(client)
	_, token := claim(t, s, key)
	hook.n.Store(1 << 30)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Complete(ctx, key, token)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

// A Redis that is down for about a second while the callbacks finish (a
// restart, a failover) no longer costs the done mark: Complete rides it out
// and the provider's retry is acknowledged without running the callback.
func TestDispatchers_RedisBlipDuringCallback_RunsOnce(t *testing.T) {
	srv := startRedis(t)
	var runs atomic.Int64
	inCallback := make(chan struct{})
	proceed := make(chan struct{})
	r := newReplica(t, srv, func(context.Context, *madeUpOrderPaid) error {
		if runs.Add(1) == 1 {
			close(inCallback)
			<-proceed
		}
		return nil
	})
	const id = "msg_blip"
	done := make(chan int)
	go func() {
		code, _ := r.deliver(t, signed(t, id, orderPaid), orderPaid)
		done <- code
	}()
	<-inCallback
	srv.Stop()
	close(proceed) // the callback returns while Redis is down
	time.Sleep(800 * time.Millisecond)
	srv.Restart() // empty: only the retried Complete can have written the mark
	assert.Equal(t, http.StatusOK, <-done)

	code, _ := r.deliver(t, signed(t, id, orderPaid), orderPaid)
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, int64(1), runs.Load(), "the provider's retry did not run the callback again")
}

// Release rides out a failover like Complete: a claim left behind would
// answer the provider's retries 409 until it expired.
func TestRelease_RetriesTransientFailures(t *testing.T) {
	client, hook := failingClient(t)
	s := redisstore.New(client)

	_, token := claim(t, s, key)
	hook.n.Store(3)
	require.NoError(t, s.Release(context.Background(), key, token))
	assert.Equal(t, int64(3), hook.injected.Load(), "three failed attempts before the fourth succeeded")
	status, _ := claim(t, s, key)
	assert.Equal(t, dispatch.Claimed, status, "the claim was released")

	// Bounded, and WithRetry(0) tries once.
	hook.n.Store(1 << 30)
	hook.injected.Store(0)
	start := time.Now()
	err := redisstore.New(client, redisstore.WithRetry(300*time.Millisecond)).Release(context.Background(), key, "t")
	require.ErrorIs(t, err, errInjected)
	assert.Contains(t, err.Error(), "release")
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.GreaterOrEqual(t, hook.injected.Load(), int64(3))
	hook.injected.Store(0)
	require.Error(t, redisstore.New(client, redisstore.WithRetry(0)).Release(context.Background(), key, "t"))
	assert.Equal(t, int64(1), hook.injected.Load())
}

// A callback fails while Redis is failing over: the dispatcher's Release
// is retried, so the provider's retry runs the callback again at once
// instead of getting 409 until the claim expires.
func TestDispatcher_ReleaseDuringFailover_RetryRunsAgain(t *testing.T) {
	client, hook := failingClient(t)
	verifier, err := verify.NewSvix(svixSecret)
	require.NoError(t, err)
	d := dispatch.New(verifier, madeUpParse, dispatch.WithNamespace(namespace),
		dispatch.WithStore(redisstore.New(client)), dispatch.WithLogger(slog.New(slog.DiscardHandler)))
	var runs atomic.Int64
	require.NoError(t, dispatch.On(d, func(context.Context, *madeUpOrderPaid) error {
		if runs.Add(1) == 1 {
			hook.n.Store(3) // Redis fails the next three commands: Release's first attempts
			return errors.New("downstream unavailable")
		}
		return nil
	}))
	hs := httptest.NewServer(d)
	defer hs.Close()
	r := &replica{url: hs.URL}

	code, _ := r.deliver(t, signed(t, "msg_release", orderPaid), orderPaid)
	assert.Equal(t, http.StatusInternalServerError, code)
	assert.Equal(t, int64(3), hook.injected.Load())
	code, _ = r.deliver(t, signed(t, "msg_release", orderPaid), orderPaid)
	assert.Equal(t, http.StatusOK, code, "the retry is not answered 409")
	assert.Equal(t, int64(2), runs.Load())
}
