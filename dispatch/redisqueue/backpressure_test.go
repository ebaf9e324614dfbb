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

	next := make(chan int)
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for i := range next {
				b := body(i)
				h := sv.SignedHeader("msg_b"+itoa(i), time.Now(), b)
				if status := ingestRecorder(q, h, b); status != http.StatusAccepted {
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

	// Ingest costs the same on top of the backlog as on an empty stream:
	// deliveries to the two, alternated, so that the machine's noise falls
	// on both alike (a cost that grew with the backlog, 4,000 entries and
	// 16 MiB, would be far above the bound).
	empty := newQueue(t, client, "empty")
	const rounds = 200
	var onBacklog, onEmpty []time.Duration
	for i := range rounds {
		for j, dst := range [2]*redisqueue.Queue{q, empty} {
			if i%2 == 1 {
				dst = [2]*redisqueue.Queue{empty, q}[j]
			}
			b := body(n + i)
			h := sv.SignedHeader("msg_p"+itoa(i), time.Now(), b)
			start := time.Now()
			require.Equal(t, http.StatusAccepted, ingestRecorder(dst, h, b))
			if dst == q {
				onBacklog = append(onBacklog, time.Since(start))
			} else {
				onEmpty = append(onEmpty, time.Since(start))
			}
		}
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	withBacklog, without := median(onBacklog), median(onEmpty)
	t.Logf("median ingest latency: on the backlog %v, on an empty stream %v", withBacklog, without)
	assert.Less(t, withBacklog, 2*without+time.Millisecond, "ingest slowed down as the backlog grew")

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
	assert.Equal(t, n+50+rounds, runs.distinct())
	for id, c := range runs.snapshot() {
		if !assert.Equal(t, 1, c, id) {
			break
		}
	}
}
