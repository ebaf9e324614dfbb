package redisqueue_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/verify"
)

// A delivery signed an hour before a worker gets to it runs with the
// metadata it was received with: the worker does not check the signature
// against its clock, and the id and signing time are the verified ones.
func TestWorker_DeliveryMetadata(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	signedAt := time.Now().Add(-time.Hour).Truncate(time.Second)
	// Ingest an hour ago: its clock agrees with the signature.
	q, err := redisqueue.New(client, "meta", svixVerifier(t, verify.WithClock(func() time.Time { return signedAt })), parse,
		redisqueue.WithLogger(quietLogger()), redisqueue.WithHeaders("X-Tenant"))
	require.NoError(t, err)
	body := orderBody(7)
	h := svixVerifier(t).SignedHeader("msg_meta", signedAt, body)
	h.Set("X-Tenant", "t-1")
	h.Set("Content-Type", "application/json")
	h.Set("Webhook-Id", "msg_unsigned") // stored, but never taken for the id

	type seen struct {
		del   dispatch.Delivery
		entry redisqueue.Entry
		order string
	}
	got := make(chan seen, 1)
	d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
		del, ok := dispatch.DeliveryFrom(ctx)
		require.True(t, ok)
		en, ok := redisqueue.EntryFrom(ctx)
		require.True(t, ok)
		s := seen{del: *del, entry: *en, order: e.OrderID}
		s.del.Body = append([]byte(nil), del.Body...)
		got <- s
		return nil
	})
	rec := ingestRecorder(q, h, body)
	require.Equal(t, http.StatusAccepted, rec)
	runWorker(t, fastWorker(t, q, d))
	select {
	case s := <-got:
		assert.Equal(t, "A-7", s.order)
		assert.Equal(t, "msg_meta", s.del.ID)
		assert.True(t, s.del.Timestamp.Equal(signedAt), "timestamp %v, want %v", s.del.Timestamp, signedAt)
		assert.Equal(t, body, s.del.Body)
		assert.Equal(t, "orders.paid", s.del.EventType)
		assert.False(t, s.del.Redelivery)
		assert.Equal(t, "t-1", s.del.Header.Get("X-Tenant"))
		assert.Equal(t, "application/json", s.del.Header.Get("Content-Type"))
		assert.Empty(t, s.del.Header.Get("Webhook-Id"), "identity headers are replaced by what was verified")
		assert.Equal(t, "1", s.del.Header.Get(redisqueue.AttemptHeader))
		assert.Equal(t, 1, s.entry.Attempt)
		assert.Equal(t, "meta", s.entry.Queue)
		assert.WithinDuration(t, time.Now(), s.entry.ReceivedAt, time.Minute)
	case <-time.After(10 * time.Second):
		t.Fatal("the callback did not run")
	}
	eventually(t, 5*time.Second, func() bool {
		s, err := q.Stats(context.Background())
		return err == nil && s.Length == 0 && s.Pending == 0
	}, "the processed entry was not acknowledged and deleted")
}

// A callback that fails or panics leaves the entry pending; it is retried
// with backoff and, once it succeeds, acknowledged.
func TestWorker_RetriesFailuresAndPanics(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	var outcomes sync.Map // entry id + attempt -> Outcome
	q := newQueue(t, client, "retries", redisqueue.WithObserver(func(o redisqueue.Outcome) {
		if o.Stage == redisqueue.Work {
			outcomes.Store(o.EntryID+"/"+itoa(o.Attempt), o)
		}
	}))
	var calls atomic.Int32
	attempts := make(chan redisqueue.Entry, 10)
	d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
		en, _ := redisqueue.EntryFrom(ctx)
		attempts <- *en
		switch calls.Add(1) {
		case 1:
			return errors.New("downstream unavailable")
		case 2:
			panic("callback bug")
		}
		del, _ := dispatch.DeliveryFrom(ctx)
		if !del.Redelivery {
			return errors.New("the third attempt should be marked as a redelivery")
		}
		return nil
	})
	require.Equal(t, http.StatusAccepted, ingestRecorder(q, svixVerifier(t).SignedHeader("msg_r", time.Now(), orderBody(1)), orderBody(1)))
	runWorker(t, fastWorker(t, q, d))
	for want := 1; want <= 3; want++ {
		select {
		case en := <-attempts:
			assert.Equal(t, want, en.Attempt)
		case <-time.After(10 * time.Second):
			t.Fatalf("attempt %d did not happen", want)
		}
	}
	eventually(t, 5*time.Second, func() bool {
		s, err := q.Stats(context.Background())
		return err == nil && s.Length == 0 && s.Pending == 0 && s.DeadLetters == 0
	}, "the entry was not acknowledged after its successful retry")
	// The observer hears of an attempt after it was settled in Redis.
	eventually(t, 5*time.Second, func() bool {
		n := 0
		outcomes.Range(func(_, _ any) bool { n++; return true })
		return n == 3
	}, "the observer did not hear of three attempts")
	var retried, panicked, succeeded bool
	outcomes.Range(func(_, v any) bool {
		o := v.(redisqueue.Outcome)
		switch o.Attempt {
		case 1:
			retried = o.Retry && errors.Is(o.Err, dispatch.ErrCallback)
		case 2:
			_, panicked = errors.AsType[*dispatch.PanicError](o.Err)
			panicked = panicked && o.Retry
		case 3:
			succeeded = o.Err == nil && !o.Retry && !o.DeadLettered
		}
		return true
	})
	assert.True(t, retried && panicked && succeeded, "outcomes: retried %v, panicked %v, succeeded %v", retried, panicked, succeeded)
	assert.EqualValues(t, 3, calls.Load())
}

// A poison event goes to the dead-letter stream after the maximum number
// of attempts, with its last error; the others are unaffected; fixed, it is
// re-driven and runs once.
func TestWorker_PoisonEventDeadLettered(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	var deadOutcomes atomic.Int32
	q := newQueue(t, client, "poison", redisqueue.WithObserver(func(o redisqueue.Outcome) {
		if o.DeadLettered {
			deadOutcomes.Add(1)
		}
	}))
	const maxAttempts = 4
	var fixed atomic.Bool
	var poisonRuns atomic.Int32
	runs := newCounter()
	d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
		if e.OrderID == "A-13" && !fixed.Load() {
			poisonRuns.Add(1)
			return errors.New("order A-13 refers to an unknown customer")
		}
		runs.add(e.OrderID)
		return nil
	})
	sv := svixVerifier(t)
	for i := range 20 {
		require.Equal(t, http.StatusAccepted, ingestRecorder(q, sv.SignedHeader("msg_p"+itoa(i), time.Now(), orderBody(i)), orderBody(i)))
	}
	// An entry that is not a delivery at all (written by something else):
	// no retry can fix it, so it is dead-lettered at once.
	require.NoError(t, client.XAdd(context.Background(), &redis.XAddArgs{Stream: q.Stream(), Values: map[string]any{"junk": "1"}}).Err())

	stop := runWorker(t, fastWorker(t, q, d, redisqueue.WithMaxAttempts(maxAttempts)))
	eventually(t, 15*time.Second, func() bool {
		s, err := q.Stats(context.Background())
		return err == nil && s.DeadLetters == 2 && s.Length == 0
	}, "the poison event and the junk entry did not both reach the dead-letter stream")
	require.NoError(t, stop())
	assert.EqualValues(t, maxAttempts, poisonRuns.Load())
	assert.EqualValues(t, 2, deadOutcomes.Load())
	assert.Equal(t, 19, runs.distinct())

	letters, err := q.DeadLetters(context.Background(), "", 10)
	require.NoError(t, err)
	require.Len(t, letters, 2)
	var poison, junk redisqueue.DeadLetter
	for _, l := range letters {
		if l.DeliveryID == "msg_p13" {
			poison = l
		} else {
			junk = l
		}
	}
	assert.Equal(t, maxAttempts, poison.Attempts)
	assert.Contains(t, poison.Error, "unknown customer")
	assert.Equal(t, "orders.paid", poison.EventType)
	assert.Equal(t, orderBody(13), poison.Body)
	assert.NotEmpty(t, poison.SourceID)
	assert.False(t, poison.FailedAt.IsZero())
	assert.Equal(t, 1, junk.Attempts)
	assert.Contains(t, junk.Error, "cannot be decoded")

	// Paging: after the first, one is left.
	page, err := q.DeadLetters(context.Background(), letters[0].ID, 10)
	require.NoError(t, err)
	require.Len(t, page, 1)
	assert.Equal(t, letters[1].ID, page[0].ID)

	fixed.Store(true)
	n, err := q.Redrive(context.Background(), poison.ID, "0-1")
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	runWorker(t, fastWorker(t, q, d, redisqueue.WithMaxAttempts(maxAttempts)))
	eventually(t, 10*time.Second, func() bool { return runs.distinct() == 20 }, "the re-driven event did not run")
	eventually(t, 5*time.Second, func() bool {
		s, err := q.Stats(context.Background())
		return err == nil && s.DeadLetters == 1 && s.Length == 0
	}, "the re-driven entry was not acknowledged")
	for id, n := range runs.snapshot() {
		assert.Equal(t, 1, n, id)
	}

	n, err = q.DiscardDeadLetters(context.Background(), junk.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	s, err := q.Stats(context.Background())
	require.NoError(t, err)
	assert.Zero(t, s.DeadLetters)
}

// Run returns after its context ends once the callbacks in progress
// finished (their entries acknowledged); past the shutdown timeout it
// returns anyway and leaves them pending, for another worker.
func TestWorker_GracefulShutdown(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	q := newQueue(t, client, "shutdown")
	sv := svixVerifier(t)
	ctx := context.Background()

	t.Run("waits_for_callbacks", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
			close(started)
			<-release
			return ctx.Err() // the callback's context is not cancelled by the shutdown
		}, redisstore.WithKeyPrefix("wait:"))
		require.Equal(t, http.StatusAccepted, ingestRecorder(q, sv.SignedHeader("msg_s1", time.Now(), orderBody(1)), orderBody(1)))
		stop := runWorker(t, fastWorker(t, q, d))
		<-started
		returned := make(chan error, 1)
		go func() { returned <- stop() }()
		select {
		case <-returned:
			t.Fatal("Run returned while a callback was running")
		case <-time.After(200 * time.Millisecond):
		}
		s, err := q.Stats(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 1, s.Pending)
		assert.Greater(t, s.OldestPendingAge, time.Duration(0))
		close(release)
		select {
		case err := <-returned:
			require.NoError(t, err)
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return after the callback finished")
		}
		s, err = q.Stats(ctx)
		require.NoError(t, err)
		assert.Zero(t, s.Length, "the finished callback's entry should be acknowledged")
		assert.Zero(t, s.Consumers, "a worker that holds nothing leaves the group")
	})

	t.Run("deadline_leaves_pending", func(t *testing.T) {
		var runs atomic.Int32
		started := make(chan struct{}, 2)
		d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
			started <- struct{}{}
			if runs.Add(1) == 1 {
				<-ctx.Done() // a callback that only stops when told to
				return ctx.Err()
			}
			return nil
		}, redisstore.WithKeyPrefix("deadline:"))
		require.Equal(t, http.StatusAccepted, ingestRecorder(q, sv.SignedHeader("msg_s2", time.Now(), orderBody(2)), orderBody(2)))
		first := fastWorker(t, q, d, redisqueue.WithShutdownTimeout(300*time.Millisecond), redisqueue.WithClaimTimeout(500*time.Millisecond))
		stop := runWorker(t, first)
		<-started
		begin := time.Now()
		require.NoError(t, stop())
		assert.GreaterOrEqual(t, time.Since(begin), 300*time.Millisecond)
		s, err := q.Stats(ctx)
		require.NoError(t, err)
		assert.EqualValues(t, 1, s.Pending, "the interrupted entry must stay pending")
		assert.EqualValues(t, 1, s.Length)
		assert.EqualValues(t, 1, s.Consumers, "a worker that holds entries stays in the group")

		runWorker(t, fastWorker(t, q, d, redisqueue.WithClaimTimeout(500*time.Millisecond)))
		eventually(t, 10*time.Second, func() bool {
			s, err := q.Stats(ctx)
			return err == nil && s.Length == 0
		}, "another worker did not claim and finish the interrupted entry")
		assert.EqualValues(t, 2, runs.Load())
	})
}

func ingestRecorder(q *redisqueue.Queue, h http.Header, body []byte) int {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	r.Header = h
	q.ServeHTTP(rec, r)
	return rec.Code
}

// Workers report the queue's gauges to the stats observer periodically.
func TestWorker_ReportsStats(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	reports := make(chan redisqueue.Stats, 100)
	q := newQueue(t, client, "stats", redisqueue.WithStatsObserver(func(s redisqueue.Stats) {
		select {
		case reports <- s:
		default:
		}
	}))
	release := make(chan struct{})
	d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
		<-release
		return nil
	})
	sv := svixVerifier(t)
	for i := range 3 {
		require.Equal(t, http.StatusAccepted, ingestRecorder(q, sv.SignedHeader("msg_st"+itoa(i), time.Now(), orderBody(i)), orderBody(i)))
	}
	defer close(release)
	runWorker(t, fastWorker(t, q, d, redisqueue.WithConcurrency(1), redisqueue.WithStatsInterval(50*time.Millisecond)))
	deadline := time.After(10 * time.Second)
	for {
		select {
		case s := <-reports:
			if s.Pending != 1 || s.OldestPendingAge <= 0 {
				continue
			}
			assert.Equal(t, "stats", s.Queue)
			assert.EqualValues(t, 3, s.Length)
			assert.EqualValues(t, 2, s.Lag, "two entries not read yet")
			assert.EqualValues(t, 1, s.Consumers)
			assert.Zero(t, s.DeadLetters)
			return
		case <-deadline:
			t.Fatal("no stats report showed the pending entry")
		}
	}
}

// A callback that runs longer than the claim timeout is not taken over by
// another worker: its worker keeps the entry fresh while it runs. (Its
// worker has one slot, so that only the heartbeat can keep the entry
// fresh: a worker with free slots also scans for idle entries.)
func TestWorker_SlowCallbackNotTakenOver(t *testing.T) {
	srv := startRedis(t)
	var attempts, runs atomic.Int32
	started := make(chan struct{}, 1)
	worker := func(i int) {
		client := srv.Client()
		q := newQueue(t, client, "slow", redisqueue.WithObserver(func(o redisqueue.Outcome) {
			if o.Stage == redisqueue.Work {
				attempts.Add(1)
			}
		}))
		d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
			runs.Add(1)
			started <- struct{}{}
			time.Sleep(1500 * time.Millisecond)
			return nil
		})
		runWorker(t, fastWorker(t, q, d, redisqueue.WithConsumer("w"+itoa(i)), redisqueue.WithConcurrency(1),
			redisqueue.WithClaimTimeout(300*time.Millisecond)))
	}
	worker(0)
	q := newQueue(t, srv.Client(), "slow")
	require.Equal(t, http.StatusAccepted, ingestRecorder(q, svixVerifier(t).SignedHeader("msg_slow", time.Now(), orderBody(1)), orderBody(1)))
	<-started
	worker(1)
	eventually(t, 10*time.Second, func() bool {
		s, err := q.Stats(context.Background())
		return err == nil && s.Length == 0
	}, "the slow delivery was not acknowledged")
	eventually(t, 5*time.Second, func() bool { return attempts.Load() >= 1 }, "the observer did not hear of the attempt")
	time.Sleep(200 * time.Millisecond) // time for a wrong second attempt to show
	assert.EqualValues(t, 1, runs.Load())
	assert.EqualValues(t, 1, attempts.Load(), "the other worker claimed the entry while its callback ran")
}

func TestWorker_RunTwice(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	q := newQueue(t, client, "twice")
	w := fastWorker(t, q, workerDispatcher(t, client, func(context.Context, *madeUpOrderPaid) error { return nil }))
	stop := runWorker(t, w)
	time.Sleep(50 * time.Millisecond)
	assert.Error(t, w.Run(context.Background()))
	require.NoError(t, stop())
}

// Redrive checks every id before it moves anything: a malformed id in the
// list fails the call with nothing moved, rather than failing half way
// through with some entries moved and 0 reported.
func TestRedrive_MalformedIDMovesNothing(t *testing.T) {
	srv := startRedis(t)
	client := srv.Client()
	q := newQueue(t, client, "redrive-ids")
	ctx := context.Background()
	good, err := client.XAdd(ctx, &redis.XAddArgs{Stream: q.DeadLetterStream(), Values: map[string]any{"v": "1", "body": "{}", "error": "made up"}}).Result()
	require.NoError(t, err)
	for _, bad := range []string{"not-an-id", "1-2-3", "", "-1", "1-"} {
		n, err := q.Redrive(ctx, good, bad)
		assert.Error(t, err, "%q", bad)
		assert.Zero(t, n, "%q", bad)
	}
	dead, err := client.XLen(ctx, q.DeadLetterStream()).Result()
	require.NoError(t, err)
	assert.EqualValues(t, 1, dead, "the good id was moved")
	queued, err := client.XLen(ctx, q.Stream()).Result()
	require.NoError(t, err)
	assert.Zero(t, queued)

	n, err := q.Redrive(ctx, good)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}
