package redisstore

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks/dispatch"
)

// Defaults of a [Store] built without options.
const (
	// DefaultKeyPrefix keeps the store's keys apart from the rest of a
	// shared Redis database.
	DefaultKeyPrefix = "typedhooks:"
	// DefaultRetention is how long a completed delivery is remembered. A
	// retry of a delivery that already succeeded on this side (its response
	// was lost or late) arrives one retry interval later, and the longest
	// interval of the supported providers is one day (Dynamic's last retry;
	// the Standard Webhooks example schedule also ends on a 24-hour gap), so
	// a day plus an hour of slack covers it.
	DefaultRetention = 25 * time.Hour
	// DefaultClaimTTL is how long a claim protects a delivery whose handler
	// neither completes nor releases it (the replica died mid-callback).
	// It must be longer than a callback ever takes: when a claim expires
	// under a callback that is still running, a retry on another replica
	// runs the callback a second time. The price of a long TTL is that a
	// crashed handler blocks the delivery (retries get 409) until the claim
	// expires; two minutes costs at most one or two early retries of Svix
	// (5 s, 5 min) or Dynamic (15 s, 1 min), and both keep retrying for a
	// day. Svix gives up on an attempt after 15 s anyway, so a callback
	// that runs longer should hand its work to a queue rather than have
	// the TTL raised.
	DefaultClaimTTL = 2 * time.Minute
	// DefaultRetry is how long Complete and Release keep trying when Redis
	// fails. Both run after the callbacks, and giving up at the first error
	// (a failover of a master takes a few seconds) costs the provider's
	// next retries: a lost done mark lets one run the callbacks again once
	// the claim expires, a lost release answers them 409 until it does (two
	// minutes by default, which is all of Dynamic's sandbox retries). Five
	// seconds rides out a routine failover and leaves the dispatcher well
	// inside Svix's 15-second answer window.
	DefaultRetry = 5 * time.Second
)

// Backoff between the attempts of Complete and Release: doubling from the
// first delay, capped at the second.
const (
	firstBackoff = 50 * time.Millisecond
	maxBackoff   = time.Second
)

// Values stored under a key. A claim carries its token so that only its
// holder can release it; a completed key carries no token because any
// handler may learn that the delivery is done.
const (
	doneValue   = "done"
	claimPrefix = "claim:"
)

// claimReplies maps the replies of claimScript to claim statuses.
var claimReplies = map[int64]dispatch.ClaimStatus{
	1: dispatch.Claimed,
	2: dispatch.AlreadyDone,
	3: dispatch.InFlight,
}

// claimScript reads and writes the key in one atomic step, so that a key
// expiring between a failed SET NX and a GET cannot be misreported. A key
// already holding the caller's own claim is claimed again (and written
// again): the client re-sent the script after losing the first reply,
// which must not turn the caller's claim into an InFlight answer, and with
// replica acks the WAIT that follows on the new connection must wait for a
// write.
var claimScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then
	redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
	return 1
end
if v == ARGV[3] then
	return 2
end
return 3
`)

// completeScript marks the key done whatever it holds: the callbacks have
// run, so from now on every delivery of this id must be acknowledged, even
// if this handler's claim expired and another handler has claimed the key
// since (that handler's Complete then keeps "done" and its Release does
// nothing, so the event is not run a third time).
var completeScript = redis.NewScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`)

// releaseScript deletes the key only while it still holds the caller's
// claim: a handler whose claim expired must not delete a newer handler's
// claim, nor a "done" mark.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0
`)

// Store is a [dispatch.IdempotencyStore] kept in Redis, shared by every
// replica that uses the same Redis server (or cluster) and key prefix.
// It is safe for concurrent use.
type Store struct {
	client     redis.Cmdable
	prefix     string
	retention  time.Duration
	claimTTL   time.Duration
	retryFor   time.Duration
	acks       int
	ackTimeout time.Duration
	// master returns the client of key's master, on whose connection a
	// write and its WAIT travel; set by New when acks are asked for.
	master func(ctx context.Context, key string) (*redis.Client, error)
}

// ErrNotReplicated is wrapped by the errors of Claim and Complete when a
// store built [WithReplicaAcks] did not see the write acknowledged by as
// many replicas as it asked for within the timeout.
var ErrNotReplicated = errors.New("redisstore: write not acknowledged by enough replicas")

var _ dispatch.IdempotencyStore = (*Store)(nil)

// Option configures a [Store] built by [New].
type Option func(*Store)

// WithKeyPrefix sets the prefix put in front of every key (default
// [DefaultKeyPrefix]). Services that share a Redis database but must not
// share de-duplication use different prefixes.
func WithKeyPrefix(prefix string) Option {
	return func(s *Store) { s.prefix = prefix }
}

// WithRetention sets how long a completed delivery is remembered (default
// [DefaultRetention]). It should cover the longest gap between two attempts
// of the provider's retry schedule; a shorter retention lets a retry of a
// delivery whose response was lost run the callbacks again. New panics if d
// is shorter than a millisecond, Redis's expiry resolution.
func WithRetention(d time.Duration) Option {
	return func(s *Store) { s.retention = d }
}

// WithClaimTTL sets how long a claim lasts when its handler neither
// completes nor releases it (default [DefaultClaimTTL], which explains the
// trade-off). New panics if d is shorter than a millisecond.
func WithClaimTTL(d time.Duration) Option {
	return func(s *Store) { s.claimTTL = d }
}

// WithRetry sets how long Complete and Release keep retrying, with
// backoff, when Redis fails (default [DefaultRetry]); 0 makes them try once.
// Claim is never retried: it fails at once so that the dispatcher answers
// 503 and the provider retries later, with nothing run. Keep the duration,
// plus one attempt's worth of client timeouts, well under the provider's
// answer window (15 s for Svix), since the dispatcher answers only after
// Complete or Release returns. New panics if d is negative.
func WithRetry(d time.Duration) Option {
	return func(s *Store) { s.retryFor = d }
}

// WithReplicaAcks makes Claim and Complete wait, after writing, until n
// replicas of the key's master have acknowledged the write (Redis WAIT), for
// at most timeout. Redis replicates asynchronously (see the package
// documentation): without it a claim or done mark that a master
// acknowledged just before dying may be missing on the replica that takes
// over, and the delivery in flight then runs twice. With it a claim that
// did not reach n replicas is given up and Claim fails (the dispatcher
// answers 503 and the provider retries), and Complete retries like any
// other failure ([WithRetry]) until its mark reached them.
//
// n is the number of replicas every master has (1 for the usual cluster
// of three masters and three replicas); a master with fewer running
// replicas fails every claim until they are back, which is the price of
// the guarantee. WAIT makes an acknowledged write survive the failover
// Redis Cluster or Sentinel performs (they promote the replica that has
// it); it does not make Redis strongly consistent, so an operator's manual
// failover to a lagging replica can still lose one. timeout is added to
// the time of every claim when a replica is slow; tens of milliseconds is
// typical on one network.
//
// It needs a *redis.Client (Sentinel's failover client included) or a
// *redis.ClusterClient: the write and its WAIT travel in one pipeline on one
// connection to the key's master, which the store finds through
// ClusterClient.MasterForKey; the scripts are then sent whole (EVAL, not
// EVALSHA). The client reads the WAIT's answer within its ReadTimeout
// (go-redis's default is a few seconds), so timeout must be below it. New panics for another client,
// n < 1, a timeout below a millisecond (WAIT with 0 would block forever) or
// not below the client's ReadTimeout.
func WithReplicaAcks(n int, timeout time.Duration) Option {
	return func(s *Store) { s.acks, s.ackTimeout = n, timeout }
}

// New returns a store that keeps its keys in client, which may be a
// *redis.Client, *redis.ClusterClient, *redis.Ring or any
// redis.UniversalClient. Every key lives in a single slot, so Redis Cluster
// works; give a *redis.ClusterClient ClusterStateReloadInterval: time.Second
// so that it follows a failover within a second rather than a minute (see
// the package documentation). The client's own timeouts bound how long a claim waits when Redis
// is unreachable: with go-redis's defaults a refused connection costs about
// half a second per attempt (DialerRetries times DialerRetryTimeout), and
// MaxRetries multiplies that. Keep the total (with DialTimeout and
// ReadTimeout for a Redis that hangs rather than refuses) well under the
// provider's delivery timeout (15 s for Svix) so that the dispatcher
// answers 503 in time.
//
// New panics if client is nil or an option sets a duration below a
// millisecond, as both are programming errors.
func New(client redis.Cmdable, opts ...Option) *Store {
	if client == nil {
		panic("redisstore: New called with a nil client")
	}
	s := &Store{
		client:    client,
		prefix:    DefaultKeyPrefix,
		retention: DefaultRetention,
		claimTTL:  DefaultClaimTTL,
		retryFor:  DefaultRetry,
	}
	for _, opt := range opts {
		opt(s)
	}
	if s.retention < time.Millisecond {
		panic(fmt.Sprintf("redisstore: retention %v is below Redis's 1ms expiry resolution", s.retention))
	}
	if s.claimTTL < time.Millisecond {
		panic(fmt.Sprintf("redisstore: claim TTL %v is below Redis's 1ms expiry resolution", s.claimTTL))
	}
	if s.retryFor < 0 {
		panic(fmt.Sprintf("redisstore: WithRetry(%v): the duration must not be negative", s.retryFor))
	}
	if s.acks != 0 || s.ackTimeout != 0 {
		var readTimeout time.Duration
		switch c := client.(type) {
		case *redis.Client:
			readTimeout = c.Options().ReadTimeout
			s.master = func(context.Context, string) (*redis.Client, error) { return c, nil }
		case *redis.ClusterClient:
			readTimeout = c.Options().ReadTimeout
			s.master = c.MasterForKey
		default:
			panic(fmt.Sprintf("redisstore: WithReplicaAcks needs a *redis.Client or *redis.ClusterClient, not %T", client))
		}
		if s.acks < 1 || s.ackTimeout < time.Millisecond {
			panic(fmt.Sprintf("redisstore: WithReplicaAcks(%d, %v): need at least one replica and a timeout of a millisecond or more", s.acks, s.ackTimeout))
		}
		if readTimeout > 0 && s.ackTimeout >= readTimeout {
			panic(fmt.Sprintf("redisstore: WithReplicaAcks timeout %v is not below the client's ReadTimeout %v, which would cut the WAIT", s.ackTimeout, readTimeout))
		}
	}
	return s
}

// eval runs script on key. With replica acks it sends the script and a WAIT
// in one pipeline on one connection to the key's master, and fails with
// ErrNotReplicated when fewer replicas than asked acknowledged the write.
// The script's own reply is returned either way, so that Claim can give
// up a claim that was written but not replicated.
func (s *Store) eval(ctx context.Context, script *redis.Script, key string, args ...any) (*redis.Cmd, error) {
	if s.acks == 0 {
		cmd := script.Run(ctx, s.client, []string{key}, args...)
		return cmd, cmd.Err()
	}
	node, err := s.master(ctx, key)
	if err != nil {
		return nil, err
	}
	var cmd *redis.Cmd
	var wait *redis.Cmd
	_, err = node.Pipelined(ctx, func(p redis.Pipeliner) error {
		cmd = script.Eval(ctx, p, []string{key}, args...)
		wait = p.Do(ctx, "wait", s.acks, s.ackTimeout.Milliseconds())
		return nil
	})
	if err := cmd.Err(); err != nil {
		return cmd, err
	}
	if err != nil {
		return cmd, err
	}
	got, err := wait.Int64()
	if err != nil {
		return cmd, err
	}
	if got < int64(s.acks) {
		return cmd, fmt.Errorf("%w: %d of %d replicas within %v", ErrNotReplicated, got, s.acks, s.ackTimeout)
	}
	return cmd, nil
}

// Claim takes key for processing if nobody has completed it or holds an
// unexpired claim on it. The claim expires after the store's claim TTL
// unless Complete or Release ends it first. The token is empty unless the
// status is [dispatch.Claimed].
func (s *Store) Claim(ctx context.Context, key string) (dispatch.ClaimStatus, string, error) {
	// 128 random bits: two claims never share a token.
	token := rand.Text()
	cmd, err := s.eval(ctx, claimScript, s.prefix+key, claimPrefix+token, s.claimTTL.Milliseconds(), doneValue)
	if errors.Is(err, ErrNotReplicated) {
		// The claim may be on the master only: give it up, so that the
		// provider's retry is not answered 409 until it expires.
		if reply, _ := cmd.Int64(); reply == 1 {
			_ = releaseScript.Run(context.WithoutCancel(ctx), s.client, []string{s.prefix + key}, claimPrefix+token).Err()
		}
	}
	if err != nil {
		return 0, "", fmt.Errorf("redisstore: claim %q: %w", key, err)
	}
	reply, err := cmd.Int64()
	if err != nil {
		return 0, "", fmt.Errorf("redisstore: claim %q: %w", key, err)
	}
	status, ok := claimReplies[reply]
	if !ok {
		return 0, "", fmt.Errorf("redisstore: claim %q: unexpected script reply %d", key, reply)
	}
	if status != dispatch.Claimed {
		token = ""
	}
	return status, token, nil
}

// Complete marks key as handled for the store's retention period, so that
// every later delivery of it is acknowledged without running callbacks.
//
// When Redis fails, Complete tries again with backoff (50 ms doubling to
// 1 s) for up to the retry duration ([DefaultRetry], see [WithRetry]), so
// that a failover of a few seconds does not lose the mark; then it returns
// the last error. The dispatcher then logs the failure and still answers
// 200, because the callbacks ran: a retry by the provider after the claim
// expires would run them a second time, which is why the retry here
// exists. ctx ending stops the retries.
//
// Complete does not require the claim to be still held. If it expired
// before the callbacks finished, the key is marked done all the same: the
// side effects happened, and forgetting that would let the next retry run
// them again. If another handler claimed the key in the meantime (it ran
// the callbacks concurrently, which only a claim TTL shorter than the
// callbacks allows), the key is marked done too and that handler's Release
// does nothing.
func (s *Store) Complete(ctx context.Context, key, token string) error {
	// Setting the same mark again is harmless, so every failure is retried:
	// a refused connection, a timeout, CLUSTERDOWN, a replica answering for
	// a master that just died.
	return s.retry(ctx, "complete", key, func() error {
		_, err := s.eval(ctx, completeScript, s.prefix+key, doneValue, s.retention.Milliseconds())
		return err
	})
}

// Release gives up the claim identified by token, so that the provider's
// next retry of key runs the callbacks again. It does nothing (and returns
// nil) when the key no longer holds that claim: the claim expired and
// another handler claimed the key, or the key was completed.
//
// When Redis fails, Release retries like Complete: a claim left behind
// answers the provider's retries 409 until it expires (see
// [DefaultClaimTTL]). Deleting only the caller's own claim makes a repeated
// attempt harmless. If it still fails, the dispatcher logs it and answers
// 500 all the same; the claim then expires by itself.
func (s *Store) Release(ctx context.Context, key, token string) error {
	if token == "" {
		return fmt.Errorf("redisstore: release %q: empty token", key)
	}
	return s.retry(ctx, "release", key, func() error {
		return releaseScript.Run(ctx, s.client, []string{s.prefix + key}, claimPrefix+token).Err()
	})
}

// retry runs op until it succeeds, ctx ends or the store's retry duration
// has passed, with backoff between attempts.
func (s *Store) retry(ctx context.Context, what, key string, op func() error) error {
	deadline := time.Now().Add(s.retryFor)
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil {
			return nil
		}
		wait := min(backoff, time.Until(deadline))
		if wait <= 0 || ctx.Err() != nil {
			return fmt.Errorf("redisstore: %s %q: gave up after %d attempts in %v: %w", what, key, attempt, s.retryFor, err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("redisstore: %s %q: %w (after %d attempts: %w)", what, key, ctx.Err(), attempt, err)
		case <-t.C:
		}
		backoff = min(2*backoff, maxBackoff)
	}
}
