package redisqueue_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch/redisqueue"
)

// While no worker runs, ingest keeps answering as fast as at the start, the
// stream grows, and the backlog lives in Redis, not in the process: its
// heap does not grow with the backlog. Then workers drain it.
func TestQueue_BackpressureWhileWorkersStopped(t *testing.T) {
	const (
		n       = 4000
		senders = 4
		pad     = 4 << 10 // bytes of padding per body: 16 MiB of backlog
	)
	srv := startRedis(t)
	client := srv.Client()
	ctx := context.Background()
	q := newQueue(t, client, "backlog")
	sv := svixVerifier(t)
	padding := strings.Repeat("x", pad)
	body := func(i int) []byte {
		return fmt.Appendf(nil, `{"type":"orders.paid","orderId":"A-%d","note":"%s"}`, i, padding)
	}
	redisMemory := func() int64 {
		info := client.Info(ctx, "memory").Val()
		for line := range strings.SplitSeq(info, "\r\n") {
			if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
				n, _ := strconv.ParseInt(v, 10, 64)
				return n
			}
		}
		t.Fatal("no used_memory in INFO")
		return 0
	}
	heap := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}

	// Warm up pools and connections, so that they do not count as growth.
	for i := range 50 {
		require.Equal(t, http.StatusAccepted, ingestRecorder(q, sv.SignedHeader("msg_w"+itoa(i), time.Now(), body(-1-i)), body(-1-i)))
	}
	heapBefore, redisBefore := heap(), redisMemory()

	latencies := make([]time.Duration, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for i := range next {
				b := body(i)
				h := sv.SignedHeader("msg_b"+itoa(i), time.Now(), b)
				start := time.Now()
				status := ingestRecorder(q, h, b)
				latencies[i] = time.Since(start)
				if status != http.StatusAccepted {
					t.Errorf("delivery %d: status %d", i, status)
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()

	heapGrowth, redisGrowth := heap()-heapBefore, redisMemory()-redisBefore
	s, err := q.Stats(ctx)
	require.NoError(t, err)
	assert.EqualValues(t, n+50, s.Length, "the stream holds the whole backlog")
	t.Logf("backlog %d entries: Redis memory +%d KiB, process heap %+d KiB", s.Length, redisGrowth>>10, heapGrowth>>10)
	assert.Greater(t, redisGrowth, int64(n*pad), "the backlog should be in Redis")
	assert.Less(t, heapGrowth, int64(n*pad/8), "the process heap grew with the backlog")

	median := func(d []time.Duration) time.Duration {
		d = slices.Clone(d)
		slices.Sort(d)
		return d[len(d)/2]
	}
	first, last := median(latencies[:n/10]), median(latencies[n-n/10:])
	t.Logf("median ingest latency: first tenth %v, last tenth %v", first, last)
	// Generous bounds, for a shared machine under -race: a cost that grew
	// with the backlog (4,000 entries, 16 MiB) would be far above them.
	assert.Less(t, last, 3*first+3*time.Millisecond, "ingest slowed down as the backlog grew")

	runs := newCounter()
	for i := range 2 {
		c := srv.Client()
		d := workerDispatcher(t, c, func(ctx context.Context, e *madeUpOrderPaid) error {
			runs.add(e.OrderID)
			return nil
		})
		runWorker(t, fastWorker(t, newQueue(t, c, "backlog"), d, redisqueue.WithConcurrency(8), redisqueue.WithConsumer("w"+itoa(i))))
	}
	eventually(t, 60*time.Second, func() bool {
		s, err := q.Stats(ctx)
		return err == nil && s.Length == 0
	}, "the workers did not drain the backlog")
	assert.Equal(t, n+50, runs.distinct())
	for id, c := range runs.snapshot() {
		if !assert.Equal(t, 1, c, id) {
			break
		}
	}
}
