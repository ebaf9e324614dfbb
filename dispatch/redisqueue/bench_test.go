package redisqueue_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
	"github.com/typedhooks/typedhooks/dispatch/redisstore"
)

// benchDirect is the baseline: the dispatcher as an endpoint, running the
// callback before it answers, de-duplicating through the same Redis.
func benchDirect(b *testing.B, client redis.Cmdable, prefix string, cb func(context.Context, *madeUpOrderPaid) error) *dispatch.Dispatcher {
	d := dispatch.New(svixVerifier(b), parse, dispatch.WithNamespace("made-up"),
		dispatch.WithStore(redisstore.New(client, redisstore.WithKeyPrefix(prefix))), dispatch.WithLogger(quietLogger()))
	if err := dispatch.On(d, cb); err != nil {
		b.Fatal(err)
	}
	return d
}

func sleeper(d time.Duration) func(context.Context, *madeUpOrderPaid) error {
	return func(context.Context, *madeUpOrderPaid) error {
		if d > 0 {
			time.Sleep(d)
		}
		return nil
	}
}

// BenchmarkIngestLatency compares the time until the provider gets its
// answer: the queue's ingest (verify, parse, XADD) against the direct
// dispatcher (verify, parse, claim, callback, complete), for a callback that
// returns at once and one that takes 2 ms. Each iteration serves one
// delivery through each, alternately; the metrics are the mean latencies
// and their ratio (ingest/direct: below 1 means the provider is answered
// sooner through the queue).
func BenchmarkIngestLatency(b *testing.B) {
	srv := startRedis(b)
	for _, cb := range []time.Duration{0, 2 * time.Millisecond} {
		b.Run("callback="+cb.String(), func(b *testing.B) {
			client := srv.Client()
			q := newQueue(b, client, "bench-ingest-"+cb.String())
			d := benchDirect(b, client, "bench-ingest-"+cb.String()+":", sleeper(cb))
			sv := svixVerifier(b)
			serve := func(h http.Handler, id string, body []byte) time.Duration {
				r := httptest.NewRequest(http.MethodPost, "/", readCloser(body))
				r.Header = sv.SignedHeader(id, time.Now(), body)
				r.ContentLength = int64(len(body))
				w := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(w, r)
				el := time.Since(start)
				if w.Code/100 != 2 {
					b.Fatalf("status %d", w.Code)
				}
				return el
			}
			var direct, ingest time.Duration
			i := 0
			for b.Loop() {
				i++
				body := orderBody(i)
				id := "msg_" + strconv.Itoa(i)
				if i%2 == 0 {
					direct += serve(d, id, body)
					ingest += serve(q, id, body)
				} else {
					ingest += serve(q, id, body)
					direct += serve(d, id, body)
				}
			}
			b.ReportMetric(float64(ingest.Nanoseconds())/float64(i), "ingest-ns/delivery")
			b.ReportMetric(float64(direct.Nanoseconds())/float64(i), "direct-ns/delivery")
			b.ReportMetric(float64(ingest)/float64(direct), "ingest/direct")
			_ = client.Del(context.Background(), q.Stream()).Err()
		})
	}
}

// BenchmarkThroughput compares end-to-end throughput: b.N deliveries sent
// by 8 concurrent senders through the direct dispatcher, then through the
// queue's ingest and two workers (8 callbacks at a time each) until every
// callback ran. The metrics are deliveries per second of each and their
// ratio (queue/direct).
func BenchmarkThroughput(b *testing.B) {
	srv := startRedis(b)
	const senders = 8
	client := srv.Client()
	var seq atomic.Int64
	run := func(h http.Handler, n int) {
		sv := svixVerifier(b)
		var wg sync.WaitGroup
		next := make(chan int)
		for range senders {
			wg.Go(func() {
				for range next {
					i := int(seq.Add(1))
					body := orderBody(i)
					r := httptest.NewRequest(http.MethodPost, "/", readCloser(body))
					r.Header = sv.SignedHeader("msg_"+strconv.Itoa(i), time.Now(), body)
					w := httptest.NewRecorder()
					h.ServeHTTP(w, r)
					if w.Code/100 != 2 {
						b.Errorf("status %d", w.Code)
					}
				}
			})
		}
		for i := range n {
			next <- i
		}
		close(next)
		wg.Wait()
	}

	var processed atomic.Int64
	count := func(context.Context, *madeUpOrderPaid) error { processed.Add(1); return nil }
	d := benchDirect(b, client, "bench-direct:", count)
	q := newQueue(b, client, "bench-throughput")
	ctx, cancel := context.WithCancel(context.Background())
	var workers sync.WaitGroup
	for i := range 2 {
		c := srv.Client()
		wd := workerDispatcher(b, c, count, redisstore.WithKeyPrefix("bench-queue:"))
		w := fastWorker(b, newQueue(b, c, "bench-throughput"), wd, redisqueue.WithConcurrency(8), redisqueue.WithConsumer("bench-"+strconv.Itoa(i)))
		workers.Go(func() { _ = w.Run(ctx) })
	}
	defer func() { cancel(); workers.Wait() }()

	// b.N rather than b.Loop: each run sends its b.N deliveries through
	// both paths, and the workers finish after the last send.
	n := b.N
	b.ResetTimer()
	processed.Store(0)
	start := time.Now()
	run(d, n)
	direct := time.Since(start)
	processed.Store(0)
	start = time.Now()
	run(q, n)
	for processed.Load() < int64(n) {
		time.Sleep(time.Millisecond)
	}
	queued := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(n)/direct.Seconds(), "direct-deliveries/s")
	b.ReportMetric(float64(n)/queued.Seconds(), "queue-deliveries/s")
	b.ReportMetric(direct.Seconds()/queued.Seconds(), "queue/direct")
}
