package redisstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
)

const key = "svix:msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"

// claim claims k and fails the test on a store error.
func claim(t *testing.T, s *redisstore.Store, k string) (dispatch.ClaimStatus, string) {
	t.Helper()
	status, token, err := s.Claim(context.Background(), k)
	require.NoError(t, err)
	return status, token
}

func TestClaim_FirstClaimsOthersSeeInFlight(t *testing.T) {
	srv := startRedis(t)
	s := redisstore.New(srv.Client())

	status, token := claim(t, s, key)
	require.Equal(t, dispatch.Claimed, status)
	require.NotEmpty(t, token)

	status, second := claim(t, s, key)
	assert.Equal(t, dispatch.InFlight, status)
	assert.Empty(t, second, "only a Claimed status carries a token")

	raw, err := srv.Client().Get(context.Background(), "typedhooks:"+key).Result()
	require.NoError(t, err)
	assert.Equal(t, "claim:"+token, raw)
}

func TestClaim_TokensAreUnique(t *testing.T) {
	s := redisstore.New(startRedis(t).Client())
	seen := map[string]bool{}
	for i := range 100 {
		status, token := claim(t, s, fmt.Sprintf("%s-%d", key, i))
		require.Equal(t, dispatch.Claimed, status)
		require.False(t, seen[token], "token %q handed out twice", token)
		seen[token] = true
	}
}

func TestComplete_LaterClaimsAreAlreadyDone(t *testing.T) {
	srv := startRedis(t)
	s := redisstore.New(srv.Client())
	ctx := context.Background()

	_, token := claim(t, s, key)
	require.NoError(t, s.Complete(ctx, key, token))

	for range 3 {
		status, tok := claim(t, s, key)
		assert.Equal(t, dispatch.AlreadyDone, status)
		assert.Empty(t, tok)
	}

	rdb := srv.Client()
	assert.Equal(t, "done", rdb.Get(ctx, "typedhooks:"+key).Val())
	ttl := rdb.PTTL(ctx, "typedhooks:"+key).Val()
	assert.Greater(t, ttl, redisstore.DefaultRetention-time.Minute, "a completed key keeps the retention period")
	assert.LessOrEqual(t, ttl, redisstore.DefaultRetention)
}

func TestClaim_DefaultClaimTTLIsSet(t *testing.T) {
	srv := startRedis(t)
	s := redisstore.New(srv.Client())
	claim(t, s, key)

	ttl := srv.Client().PTTL(context.Background(), "typedhooks:"+key).Val()
	assert.Greater(t, ttl, redisstore.DefaultClaimTTL-10*time.Second)
	assert.LessOrEqual(t, ttl, redisstore.DefaultClaimTTL)
}

func TestRelease_NextClaimRunsAgain(t *testing.T) {
	s := redisstore.New(startRedis(t).Client())

	_, first := claim(t, s, key)
	require.NoError(t, s.Release(context.Background(), key, first))

	status, second := claim(t, s, key)
	assert.Equal(t, dispatch.Claimed, status)
	assert.NotEqual(t, first, second)
}

func TestRelease_WrongTokenDoesNothing(t *testing.T) {
	srv := startRedis(t)
	s := redisstore.New(srv.Client())
	ctx := context.Background()

	_, token := claim(t, s, key)
	require.NoError(t, s.Release(ctx, key, "not-the-token"))

	status, _ := claim(t, s, key)
	assert.Equal(t, dispatch.InFlight, status, "a wrong token must not free another handler's claim")
	assert.Equal(t, "claim:"+token, srv.Client().Get(ctx, "typedhooks:"+key).Val())
}

func TestRelease_EmptyTokenIsAnError(t *testing.T) {
	s := redisstore.New(startRedis(t).Client())
	claim(t, s, key)

	err := s.Release(context.Background(), key, "")
	require.ErrorContains(t, err, "empty token")
	status, _ := claim(t, s, key)
	assert.Equal(t, dispatch.InFlight, status)
}

func TestRelease_AfterCompleteKeepsDone(t *testing.T) {
	s := redisstore.New(startRedis(t).Client())
	ctx := context.Background()

	_, token := claim(t, s, key)
	require.NoError(t, s.Complete(ctx, key, token))
	require.NoError(t, s.Release(ctx, key, token))

	status, _ := claim(t, s, key)
	assert.Equal(t, dispatch.AlreadyDone, status)
}

func TestClaim_AbandonedClaimExpires(t *testing.T) {
	const ttl = 500 * time.Millisecond
	srv := startRedis(t)
	s := redisstore.New(srv.Client(), redisstore.WithClaimTTL(ttl))

	status, _ := claim(t, s, key) // the handler "dies": no Complete, no Release
	require.Equal(t, dispatch.Claimed, status)
	status, _ = claim(t, s, key)
	require.Equal(t, dispatch.InFlight, status)
	assert.LessOrEqual(t, srv.Client().PTTL(context.Background(), "typedhooks:"+key).Val(), ttl)

	time.Sleep(ttl + 100*time.Millisecond)
	status, token := claim(t, s, key)
	assert.Equal(t, dispatch.Claimed, status, "an expired claim must not block the delivery")
	assert.NotEmpty(t, token)
}

func TestRelease_StaleTokenKeepsNewerClaim(t *testing.T) {
	const ttl = 500 * time.Millisecond
	s := redisstore.New(startRedis(t).Client(), redisstore.WithClaimTTL(ttl))
	ctx := context.Background()

	_, stale := claim(t, s, key)
	time.Sleep(ttl + 100*time.Millisecond)
	status, _ := claim(t, s, key)
	require.Equal(t, dispatch.Claimed, status)

	require.NoError(t, s.Release(ctx, key, stale))
	status, _ = claim(t, s, key)
	assert.Equal(t, dispatch.InFlight, status, "the first handler's late Release must not free the second handler's claim")
}

func TestComplete_AfterClaimExpiredStillMarksDone(t *testing.T) {
	const ttl = 500 * time.Millisecond
	s := redisstore.New(startRedis(t).Client(), redisstore.WithClaimTTL(ttl))
	ctx := context.Background()

	_, token := claim(t, s, key)
	time.Sleep(ttl + 100*time.Millisecond) // a callback slower than the claim TTL
	require.NoError(t, s.Complete(ctx, key, token))

	status, _ := claim(t, s, key)
	assert.Equal(t, dispatch.AlreadyDone, status, "the side effects ran, so retries must be acknowledged")
}

func TestComplete_WhileAnotherHandlerHoldsTheClaim(t *testing.T) {
	const ttl = 500 * time.Millisecond
	s := redisstore.New(startRedis(t).Client(), redisstore.WithClaimTTL(ttl))
	ctx := context.Background()

	_, slow := claim(t, s, key)
	time.Sleep(ttl + 100*time.Millisecond)
	status, second := claim(t, s, key)
	require.Equal(t, dispatch.Claimed, status)

	require.NoError(t, s.Complete(ctx, key, slow))
	// The second handler's callbacks fail: its Release must not undo the
	// first handler's success, or the next retry would run them a third time.
	require.NoError(t, s.Release(ctx, key, second))
	status, _ = claim(t, s, key)
	assert.Equal(t, dispatch.AlreadyDone, status)
}

func TestComplete_RetentionExpires(t *testing.T) {
	const retention = 500 * time.Millisecond
	s := redisstore.New(startRedis(t).Client(), redisstore.WithRetention(retention))
	ctx := context.Background()

	_, token := claim(t, s, key)
	require.NoError(t, s.Complete(ctx, key, token))
	status, _ := claim(t, s, key)
	require.Equal(t, dispatch.AlreadyDone, status)

	time.Sleep(retention + 100*time.Millisecond)
	status, _ = claim(t, s, key)
	assert.Equal(t, dispatch.Claimed, status, "a delivery is forgotten after the retention period")
}

func TestKeyPrefix(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	ctx := context.Background()
	a := redisstore.New(rdb, redisstore.WithKeyPrefix("service-a:"))
	b := redisstore.New(rdb, redisstore.WithKeyPrefix("service-b:"))

	_, token := claim(t, a, key)
	require.NoError(t, a.Complete(ctx, key, token))
	status, _ := claim(t, b, key)
	assert.Equal(t, dispatch.Claimed, status, "stores with different prefixes share nothing")

	keys, err := rdb.Keys(ctx, "*").Result()
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"service-a:" + key, "service-b:" + key}, keys)
}

func TestNamespaces_SameIDDifferentProviders(t *testing.T) {
	s := redisstore.New(startRedis(t).Client())
	ctx := context.Background()
	const id = "4a5d2b1c-0000-4000-8000-000000000001"

	_, token := claim(t, s, "dynamic:"+id)
	require.NoError(t, s.Complete(ctx, "dynamic:"+id, token))

	status, _ := claim(t, s, "stytch:"+id)
	assert.Equal(t, dispatch.Claimed, status, "one provider's id must not suppress another provider's delivery")
	status, _ = claim(t, s, "dynamic:"+id)
	assert.Equal(t, dispatch.AlreadyDone, status)
}

func TestClaim_ConcurrentReplicasExactlyOneClaims(t *testing.T) {
	srv := startRedis(t)
	// Separate clients play separate replicas.
	stores := []*redisstore.Store{redisstore.New(srv.Client()), redisstore.New(srv.Client())}

	const n = 100
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[dispatch.ClaimStatus]int{}
	)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			status, _, err := stores[i%2].Claim(context.Background(), key)
			assert.NoError(t, err)
			mu.Lock()
			counts[status]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	assert.Equal(t, map[dispatch.ClaimStatus]int{dispatch.Claimed: 1, dispatch.InFlight: n - 1}, counts)
}

func TestRedisDown_EveryMethodReturnsAWrappedError(t *testing.T) {
	srv := startRedis(t)
	s := redisstore.New(srv.Client(), redisstore.WithRetry(0))
	ctx := context.Background()
	_, token := claim(t, s, key)
	srv.Stop()

	_, _, err := s.Claim(ctx, key)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `redisstore: claim "`+key+`"`)
	err = s.Complete(ctx, key, token)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `redisstore: complete "`+key+`"`)
	err = s.Release(ctx, key, token)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `redisstore: release "`+key+`"`)
}

func TestClaim_CanceledContext(t *testing.T) {
	s := redisstore.New(startRedis(t).Client())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, _, err := s.Claim(ctx, key)
	require.ErrorIs(t, err, context.Canceled)
}

func TestNew_RejectsMisconfiguration(t *testing.T) {
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { _ = client.Close() })
	tests := []struct {
		name   string
		client redis.Cmdable
		opts   []redisstore.Option
		panic  string
	}{
		{"nil client", nil, nil, "redisstore: New called with a nil client"},
		{"zero retention", client, []redisstore.Option{redisstore.WithRetention(0)}, "redisstore: retention 0s is below Redis's 1ms expiry resolution"},
		{"sub-millisecond claim TTL", client, []redisstore.Option{redisstore.WithClaimTTL(time.Microsecond)}, "redisstore: claim TTL 1µs is below Redis's 1ms expiry resolution"},
		{"negative claim TTL", client, []redisstore.Option{redisstore.WithClaimTTL(-time.Second)}, "redisstore: claim TTL -1s is below Redis's 1ms expiry resolution"},
		{"negative complete retry", client, []redisstore.Option{redisstore.WithRetry(-time.Second)}, "redisstore: WithRetry(-1s): the duration must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.panic, func() { redisstore.New(tt.client, tt.opts...) })
		})
	}
}
