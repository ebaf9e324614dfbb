package redisstore_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
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

func TestComplete_RetriesTransientFailures(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	hook := &failNext{}
	client.AddHook(hook)
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
	srv := startRedis(t)
	client := srv.Client()
	hook := &failNext{}
	client.AddHook(hook)
	s := redisstore.New(client, redisstore.WithCompleteRetry(600*time.Millisecond))

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

	// WithCompleteRetry(0) tries once.
	hook.injected.Store(0)
	once := redisstore.New(client, redisstore.WithCompleteRetry(0))
	require.Error(t, once.Complete(context.Background(), key, token))
	assert.Equal(t, int64(1), hook.injected.Load())
}

func TestComplete_ContextEndStopsTheRetries(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	hook := &failNext{}
	client.AddHook(hook)
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
