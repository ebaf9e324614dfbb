package redisqueue_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/verify"
)

// The made-up provider the tests serve (the queue does not care which
// provider it serves), signed the way Svix signs.
type madeUpOrderPaid = eventtest.MadeUpOrderPaid

var parse = eventtest.ParseMadeUp

// The example secret of Svix's "verifying payloads manually" page.
const svixSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

func svixVerifier(t testing.TB, opts ...verify.Option) *verify.Svix {
	t.Helper()
	v, err := verify.NewSvix(svixSecret, opts...)
	require.NoError(t, err)
	return v
}

func orderBody(n int) []byte {
	return fmt.Appendf(nil, `{"type":"orders.paid","orderId":"A-%d"}`, n)
}

// quietLogger drops everything below Error, so that expected retries do
// not flood the test output.
func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// newQueue returns a queue named name in client with test-friendly
// defaults.
func newQueue(t testing.TB, client redis.Cmdable, name string, opts ...redisqueue.Option) *redisqueue.Queue {
	t.Helper()
	q, err := redisqueue.New(client, name, svixVerifier(t), parse, append([]redisqueue.Option{redisqueue.WithLogger(quietLogger())}, opts...)...)
	require.NoError(t, err)
	return q
}

// workerDispatcher is a dispatcher the way a worker needs one: unverified
// (the queue verified at ingest) and de-duplicating through Redis.
func workerDispatcher(t testing.TB, client redis.Cmdable, cb func(context.Context, *madeUpOrderPaid) error, opts ...redisstore.Option) *dispatch.Dispatcher {
	t.Helper()
	d := dispatch.New(dispatch.Unverified(), parse,
		dispatch.WithNamespace("made-up"),
		dispatch.WithStore(redisstore.New(client, opts...)),
		dispatch.WithLogger(quietLogger()),
		dispatch.WithAttemptHeader(redisqueue.AttemptHeader))
	require.NoError(t, dispatch.On(d, cb))
	return d
}

// fastWorker returns a worker with short timings, for tests.
func fastWorker(t testing.TB, q *redisqueue.Queue, d *dispatch.Dispatcher, opts ...redisqueue.WorkerOption) *redisqueue.Worker {
	t.Helper()
	w, err := q.NewWorker(d, append([]redisqueue.WorkerOption{
		redisqueue.WithPollInterval(50 * time.Millisecond),
		redisqueue.WithBackoff(20*time.Millisecond, 200*time.Millisecond),
		redisqueue.WithClaimTimeout(2 * time.Second),
		redisqueue.WithShutdownTimeout(5 * time.Second),
	}, opts...)...)
	require.NoError(t, err)
	return w
}

// runWorker runs w until the test ends (or stop is called) and reports
// Run's return through the returned function, which waits for it.
func runWorker(t testing.TB, w *redisqueue.Worker) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return stop
}

// signedRequest is one attempt of Svix delivery id, signed now.
func signedRequest(t testing.TB, url, id string, body []byte) *http.Request {
	t.Helper()
	r, err := svixVerifier(t).SignedRequest(url, id, time.Now(), body)
	require.NoError(t, err)
	return r
}

// serve runs q's ingest on a loopback HTTP server.
func serve(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// postSigned sends one signed delivery to url and returns the status.
func postSigned(t testing.TB, client *http.Client, url, id string, body []byte) (int, error) {
	resp, err := client.Do(signedRequest(t, url, id, body))
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// eventually polls cond every 10ms until it holds or timeout passes.
func eventually(t testing.TB, timeout time.Duration, cond func() bool, msg string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v: "+msg, append([]any{timeout}, args...)...)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// counter counts callback runs per order id.
type counter struct {
	mu   sync.Mutex
	runs map[string]int
}

func newCounter() *counter { return &counter{runs: map[string]int{}} }

func (c *counter) add(id string) {
	c.mu.Lock()
	c.runs[id]++
	c.mu.Unlock()
}

func (c *counter) distinct() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.runs)
}

func (c *counter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := make(map[string]int, len(c.runs))
	for k, v := range c.runs {
		m[k] = v
	}
	return m
}

func itoa(n int) string { return strconv.Itoa(n) }

func readCloser(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
