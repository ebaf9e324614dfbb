package redisqueue_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
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

// helperAddrEnv makes this test binary act as a worker process (see
// TestHelperWorkerProcess), for the tests that kill a worker.
const helperAddrEnv = "TYPEDHOOKS_QUEUE_HELPER_REDIS"

// crashClaimTTL is the redisstore claim TTL of both the doomed process and
// its successor: a killed callback's claim blocks its delivery this long.
const crashClaimTTL = 1500 * time.Millisecond

// TestMain turns this test binary into a worker process when helperAddrEnv
// is set (see runDoomedWorker); otherwise it runs the tests.
func TestMain(m *testing.M) {
	if addr := os.Getenv(helperAddrEnv); addr != "" {
		runDoomedWorker(addr)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runDoomedWorker is a worker whose callback records that it started (in
// Redis, for the parent test to see) and then hangs until the process is
// killed.
func runDoomedWorker(addr string) {
	client := redis.NewClient(&redis.Options{Addr: addr})
	v, err := verify.NewSvix(svixSecret)
	if err != nil {
		panic(err)
	}
	q, err := redisqueue.New(client, "crash", v, parse, redisqueue.WithLogger(quietLogger()))
	if err != nil {
		panic(err)
	}
	d := dispatch.New(dispatch.Unverified(), parse, dispatch.WithNamespace("made-up"),
		dispatch.WithStore(redisstore.New(client, redisstore.WithClaimTTL(crashClaimTTL))), dispatch.WithLogger(quietLogger()))
	if err := dispatch.On(d, func(ctx context.Context, e *madeUpOrderPaid) error {
		client.SAdd(ctx, "started-in-doomed-worker", e.OrderID)
		select {} // hang mid-callback until killed
	}); err != nil {
		panic(err)
	}
	w, err := q.NewWorker(d, redisqueue.WithConsumer("doomed"), redisqueue.WithConcurrency(5),
		redisqueue.WithPollInterval(50*time.Millisecond), redisqueue.WithClaimTimeout(time.Second))
	if err != nil {
		panic(err)
	}
	_ = w.Run(context.Background())
}

// A worker process killed (SIGKILL) in the middle of its callbacks loses
// nothing: after the claim timeout another worker claims its entries with
// XAUTOCLAIM and runs each callback once (the dead one never finished).
func TestWorker_KilledMidCallback(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	srv := startRedis(t)
	client := srv.Client()
	ctx := context.Background()
	q := newQueue(t, client, "crash")
	sv := svixVerifier(t)
	const n = 5
	for i := range n {
		require.Equal(t, http.StatusAccepted, ingestRecorder(q, sv.SignedHeader("msg_c"+itoa(i), time.Now(), orderBody(i)), orderBody(i)))
	}

	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), helperAddrEnv+"="+srv.Addr())
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	eventually(t, 30*time.Second, func() bool {
		select {
		case err := <-exited:
			t.Fatalf("the worker process exited early: %v\n%s", err, out.String())
		default:
		}
		return client.SCard(ctx, "started-in-doomed-worker").Val() == n
	}, "the doomed worker did not start its callbacks")
	require.NoError(t, cmd.Process.Kill())
	err := <-exited
	var exitErr *exec.ExitError
	require.True(t, errors.As(err, &exitErr), "the worker process should die of the kill: %v", err)

	s, err := q.Stats(ctx)
	require.NoError(t, err)
	assert.EqualValues(t, n, s.Pending, "the killed worker's entries stay pending")

	runs := newCounter()
	attempts := make(chan int, n)
	d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
		del, _ := dispatch.DeliveryFrom(ctx)
		en, _ := redisqueue.EntryFrom(ctx)
		if !del.Redelivery {
			return errors.New("a claimed entry should be marked as a redelivery")
		}
		runs.add(e.OrderID)
		attempts <- en.Attempt
		return nil
	}, redisstore.WithClaimTTL(crashClaimTTL))
	runWorker(t, fastWorker(t, q, d, redisqueue.WithConsumer("survivor"), redisqueue.WithClaimTimeout(time.Second)))
	eventually(t, 20*time.Second, func() bool {
		s, err := q.Stats(ctx)
		return err == nil && s.Length == 0 && runs.distinct() == n
	}, "the survivor did not process the killed worker's entries")
	for id, c := range runs.snapshot() {
		assert.Equal(t, 1, c, id)
	}
	for range n {
		assert.Equal(t, 2, <-attempts, "the killed attempt counts")
	}
}

// Redis killed and restarted (append-only file on) between ingest and work:
// every delivery that ingest acknowledged is still processed, once.
func TestQueue_RedisRestartKeepsAcknowledgedDeliveries(t *testing.T) {
	srv := startRedisAOF(t)
	client := srv.Client()
	ctx := context.Background()
	q := newQueue(t, client, "aof")
	sv := svixVerifier(t)
	const n = 300
	acked := map[string]bool{}
	for i := range n {
		if ingestRecorder(q, sv.SignedHeader("msg_a"+itoa(i), time.Now(), orderBody(i)), orderBody(i)) == http.StatusAccepted {
			acked["A-"+itoa(i)] = true
		}
	}
	require.Len(t, acked, n)

	// A worker takes some entries and is stopped mid-callback with them
	// pending, so that the pending list must survive the restart too.
	release := make(chan struct{})
	started := make(chan struct{}, n)
	d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
		started <- struct{}{}
		<-release
		return errors.New("interrupted")
	}, redisstore.WithKeyPrefix("first:"))
	stop := runWorker(t, fastWorker(t, q, d, redisqueue.WithConsumer("before"), redisqueue.WithShutdownTimeout(0)))
	<-started
	require.NoError(t, stop())
	close(release)

	srv.Stop() // SIGKILL: no clean shutdown, no final save
	srv.Restart()
	s, err := newQueue(t, srv.Client(), "aof").Stats(ctx)
	require.NoError(t, err)
	require.EqualValues(t, n, s.Length, "the restarted Redis lost entries")
	require.Positive(t, s.Pending, "the restarted Redis lost the pending list")

	runs := newCounter()
	for i := range 2 {
		client := srv.Client()
		d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
			runs.add(e.OrderID)
			return nil
		})
		runWorker(t, fastWorker(t, newQueue(t, client, "aof"), d, redisqueue.WithConsumer("after-"+itoa(i)),
			redisqueue.WithClaimTimeout(500*time.Millisecond), redisqueue.WithConcurrency(8)))
	}
	eventually(t, 30*time.Second, func() bool { return runs.distinct() == n }, "not every acknowledged delivery ran")
	got := runs.snapshot()
	for id := range acked {
		assert.Equal(t, 1, got[id], id)
	}
}

// Workers ride out a Redis restart (append-only file on) while they run:
// they pause, reconnect and process every delivery once, including those
// ingested after the restart.
func TestWorker_SurvivesRedisRestart(t *testing.T) {
	srv := startRedisAOF(t)
	ctx := context.Background()
	sv := svixVerifier(t)
	runs := newCounter()
	for i := range 2 {
		client := srv.Client()
		// A claim whose answer the outage swallowed blocks its delivery
		// until the claim expires: keep that short.
		d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
			time.Sleep(5 * time.Millisecond) // slow enough that the kill lands mid-backlog
			runs.add(e.OrderID)
			return nil
		}, redisstore.WithClaimTTL(time.Second))
		runWorker(t, fastWorker(t, newQueue(t, client, "restart"), d, redisqueue.WithConsumer("w"+itoa(i)),
			redisqueue.WithClaimTimeout(500*time.Millisecond)))
	}
	q := newQueue(t, srv.Client(), "restart")
	ingest := func(from, to int) {
		for i := from; i < to; i++ {
			require.Equal(t, http.StatusAccepted, ingestRecorder(q, sv.SignedHeader("msg_rs"+itoa(i), time.Now(), orderBody(i)), orderBody(i)))
		}
	}
	ingest(0, 100)
	before := runs.distinct()
	srv.Stop()
	time.Sleep(300 * time.Millisecond) // the workers see the outage
	srv.Restart()
	ingest(100, 200)
	eventually(t, 30*time.Second, func() bool {
		s, err := q.Stats(ctx)
		return err == nil && s.Length == 0 && runs.distinct() == 200
	}, "the workers did not process every delivery after the restart (%d ran)", runs.distinct())
	t.Logf("%d of the first 100 had run when Redis was killed", before)
	// The store retries marking a delivery done through the outage
	// (redisstore.WithRetry), so nothing ran twice either.
	for id, n := range runs.snapshot() {
		assert.Equal(t, 1, n, "order %s", id)
	}
}
