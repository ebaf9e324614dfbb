package redisstore_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/internal/redistest"
)

// startReplicated starts a master and one replica of it, and waits until
// the replica has synced.
func startReplicated(t *testing.T) (master, replica *redisServer) {
	t.Helper()
	// The master sends its first sync at once (it waits 5 s by default).
	master = redistest.Start(t, redistest.Args("--repl-diskless-sync-delay", "0"))
	host, port, err := net.SplitHostPort(master.Addr())
	require.NoError(t, err)
	replica = redistest.Start(t, redistest.Args("--replicaof", host, port,
		"--repl-diskless-sync-delay", "0", "--enable-debug-command", "yes"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		info, err := replica.Client().Info(context.Background(), "replication").Result()
		if err == nil && strings.Contains(info, "master_link_status:up") {
			return master, replica
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica did not sync: %v %s", err, info)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ackClient is a client of srv whose ReadTimeout leaves room for WAITs of
// up to a few seconds.
func ackClient(t *testing.T, srv *redisServer) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: srv.Addr(), ReadTimeout: 10 * time.Second})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestReplicaAcks_WritesAreOnTheReplicaWhenTheyReturn(t *testing.T) {
	master, replica := startReplicated(t)
	s := redisstore.New(ackClient(t, master), redisstore.WithReplicaAcks(1, 5*time.Second))
	ctx := context.Background()
	onReplica := func() string { return replica.Client().Get(ctx, "typedhooks:"+key).Val() }

	status, token := claim(t, s, key)
	require.Equal(t, dispatch.Claimed, status)
	assert.Equal(t, "claim:"+token, onReplica())
	status, _ = claim(t, s, key)
	assert.Equal(t, dispatch.InFlight, status)

	require.NoError(t, s.Complete(ctx, key, token))
	assert.Equal(t, "done", onReplica())
	status, _ = claim(t, s, key)
	assert.Equal(t, dispatch.AlreadyDone, status)
}

func TestReplicaAcks_WithoutReplicaNothingIsClaimed(t *testing.T) {
	master := startRedis(t)
	s := redisstore.New(master.Client(), redisstore.WithReplicaAcks(1, 20*time.Millisecond), redisstore.WithRetry(100*time.Millisecond))
	ctx := context.Background()

	_, token, err := s.Claim(ctx, key)
	require.ErrorIs(t, err, redisstore.ErrNotReplicated)
	assert.Contains(t, err.Error(), "0 of 1 replicas")
	assert.Empty(t, token)
	exists, err := master.Client().Exists(ctx, "typedhooks:"+key).Result()
	require.NoError(t, err)
	assert.Zero(t, exists, "a claim that did not reach a replica is given up, not left to answer 409")

	start := time.Now()
	err = s.Complete(ctx, key, "t")
	require.ErrorIs(t, err, redisstore.ErrNotReplicated)
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond, "Complete retried for its retry duration")
}

// A replica that stops answering for a moment (DEBUG SLEEP blocks it) fails
// the claims made meanwhile, and Complete waits it out.
func TestReplicaAcks_CompleteWaitsOutASlowReplica(t *testing.T) {
	master, replica := startReplicated(t)
	s := redisstore.New(ackClient(t, master), redisstore.WithReplicaAcks(1, 200*time.Millisecond), redisstore.WithRetry(5*time.Second))
	ctx := context.Background()
	_, token := claim(t, redisstore.New(ackClient(t, master), redisstore.WithReplicaAcks(1, 5*time.Second)), key)

	slept := make(chan error, 1)
	sleeper := redis.NewClient(&redis.Options{Addr: replica.Addr(), ReadTimeout: 5 * time.Second})
	t.Cleanup(func() { _ = sleeper.Close() })
	go func() { slept <- sleeper.Do(ctx, "debug", "sleep", "1.5").Err() }()
	time.Sleep(100 * time.Millisecond) // let the replica fall asleep

	_, _, err := s.Claim(ctx, key+"-other")
	require.ErrorIs(t, err, redisstore.ErrNotReplicated, "a claim made while the replica sleeps is refused")
	assert.Zero(t, master.Client().Exists(ctx, "typedhooks:"+key+"-other").Val())

	start := time.Now()
	require.NoError(t, s.Complete(ctx, key, token))
	assert.Greater(t, time.Since(start), 500*time.Millisecond, "Complete waited for the replica")
	require.NoError(t, <-slept)
	assert.Equal(t, "done", replica.Client().Get(ctx, "typedhooks:"+key).Val())
}

func TestReplicaAcks_Misuse(t *testing.T) {
	ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": "127.0.0.1:1"}})
	t.Cleanup(func() { _ = ring.Close() })
	assert.PanicsWithValue(t, "redisstore: WithReplicaAcks needs a *redis.Client or *redis.ClusterClient, not *redis.Ring",
		func() { redisstore.New(ring, redisstore.WithReplicaAcks(1, time.Second)) })
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { _ = c.Close() })
	assert.Panics(t, func() { redisstore.New(c, redisstore.WithReplicaAcks(0, time.Second)) })
	assert.Panics(t, func() { redisstore.New(c, redisstore.WithReplicaAcks(1, 0)) })
	rt := c.Options().ReadTimeout // go-redis's default
	require.Positive(t, rt)
	assert.PanicsWithValue(t, fmt.Sprintf("redisstore: WithReplicaAcks timeout %v is not below the client's ReadTimeout %v, which would cut the WAIT", rt, rt),
		func() { redisstore.New(c, redisstore.WithReplicaAcks(1, rt)) })
	assert.NotPanics(t, func() { redisstore.New(c, redisstore.WithReplicaAcks(1, rt-time.Millisecond)) })
}
