package redisqueue_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
)

// 10,000 deliveries from concurrent senders through two ingest handlers
// (two replicas, each with its own Redis client) and three workers: every
// acknowledged delivery runs its callback exactly once, including the
// deliveries the "provider" sent twice (a retry after a lost answer), which
// land on either replica.
func TestQueue_TenThousandDeliveriesRunOnce(t *testing.T) {
	const (
		deliveries = 10000
		resent     = 500 // of them sent a second time, with a new signature
		senders    = 16
		workers    = 3
	)
	srv := startRedis(t)
	var urls []string
	for range 2 {
		urls = append(urls, serve(t, newQueue(t, srv.Client(), "load")).URL)
	}
	runs := newCounter()
	var accepted atomic.Int64
	for i := range workers {
		client := srv.Client()
		q := newQueue(t, client, "load")
		d := workerDispatcher(t, client, func(ctx context.Context, e *madeUpOrderPaid) error {
			runs.add(e.OrderID)
			return nil
		})
		runWorker(t, fastWorker(t, q, d, redisqueue.WithConsumer("worker-"+itoa(i)), redisqueue.WithConcurrency(8)))
	}

	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: senders}, Timeout: 30 * time.Second}
	t.Cleanup(httpClient.CloseIdleConnections)
	work := make(chan int)
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range senders {
		wg.Go(func() {
			for n := range work {
				i := n % deliveries
				status, err := postSigned(t, httpClient, urls[n%2], "msg_"+itoa(i), orderBody(i))
				if err != nil || status != http.StatusAccepted {
					failed.Add(1)
					continue
				}
				accepted.Add(1)
			}
		})
	}
	start := time.Now()
	for n := range deliveries + resent {
		work <- n
	}
	close(work)
	wg.Wait()
	require.Zero(t, failed.Load(), "ingest refused deliveries")
	t.Logf("ingested %d deliveries in %v", accepted.Load(), time.Since(start))

	q := newQueue(t, srv.Client(), "load")
	eventually(t, 60*time.Second, func() bool {
		if runs.distinct() < deliveries {
			return false
		}
		s, err := q.Stats(context.Background())
		return err == nil && s.Length == 0 && s.Pending == 0
	}, "not every delivery ran and was acknowledged (%d of %d ran)", runs.distinct(), deliveries)
	t.Logf("processed all in %v", time.Since(start))
	for id, n := range runs.snapshot() {
		if !assert.Equal(t, 1, n, "order %s ran %d times", id, n) {
			break
		}
	}
	assert.Equal(t, deliveries, runs.distinct())
	s, err := q.Stats(context.Background())
	require.NoError(t, err)
	assert.Zero(t, s.DeadLetters)
}
