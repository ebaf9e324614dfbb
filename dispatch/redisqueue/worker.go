package redisqueue

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks/dispatch"
)

// Defaults of a [Worker] built without options.
const (
	// DefaultConcurrency is how many deliveries a worker processes at once.
	DefaultConcurrency = 4
	// DefaultMaxAttempts is how many times a delivery is tried before it is
	// moved to the dead-letter stream.
	DefaultMaxAttempts = 12
	// DefaultBackoffMin is the delay before the first retry; each further
	// retry waits twice as long, up to DefaultBackoffMax (with jitter). The
	// defaults spread 12 attempts over about half an hour.
	DefaultBackoffMin = time.Second
	// DefaultBackoffMax caps the delay between two attempts.
	DefaultBackoffMax = 10 * time.Minute
	// DefaultClaimTimeout is how long an entry may go untouched before
	// another worker claims it: its worker died or lost Redis. Live workers
	// touch their entries four times per timeout, so a slow callback is not
	// taken over.
	DefaultClaimTimeout = time.Minute
	// DefaultShutdownTimeout is how long Run waits, after its context ended,
	// for callbacks in progress to finish.
	DefaultShutdownTimeout = 30 * time.Second
	// DefaultPollInterval is the longest a worker blocks on Redis waiting
	// for new entries; it bounds how quickly Run notices its context ended.
	DefaultPollInterval = time.Second
	// DefaultStatsInterval is how often a worker reports [Stats] (see
	// [WithStatsObserver]).
	DefaultStatsInterval = 15 * time.Second
	// DefaultMaxScheduled bounds the retries a worker keeps scheduled in
	// memory (an id and a time each); beyond it the worker reads no new
	// entries until retries are due.
	DefaultMaxScheduled = 10000
)

// ErrAbandoned is the error recorded for an entry that was delivered to
// workers more than the maximum number of attempts without being
// acknowledged: its workers died or were stopped mid-callback every time.
var ErrAbandoned = errors.New("redisqueue: delivery abandoned by its workers too many times")

// WorkerOption configures a [Worker] built by [Queue.NewWorker].
type WorkerOption func(*workerConfig)

type workerConfig struct {
	consumer        string
	concurrency     int
	maxAttempts     int
	backoffMin      time.Duration
	backoffMax      time.Duration
	claimTimeout    time.Duration
	shutdownTimeout time.Duration
	poll            time.Duration
	statsInterval   time.Duration
	maxScheduled    int
}

// WithConsumer names the worker in the consumer group (default: host name,
// process id and a random suffix). Names must be unique among live workers.
func WithConsumer(name string) WorkerOption { return func(c *workerConfig) { c.consumer = name } }

// WithConcurrency sets how many deliveries the worker processes at once
// (default [DefaultConcurrency]).
func WithConcurrency(n int) WorkerOption { return func(c *workerConfig) { c.concurrency = n } }

// WithMaxAttempts sets how many times a delivery is tried before it goes to
// the dead-letter stream (default [DefaultMaxAttempts]). Errors that no
// retry can cure (dispatch.Retryable reports false) go there at once.
func WithMaxAttempts(n int) WorkerOption { return func(c *workerConfig) { c.maxAttempts = n } }

// WithBackoff sets the delay before the first retry and the cap of the
// doubling delays after it (defaults [DefaultBackoffMin],
// [DefaultBackoffMax]). Each delay is randomised by ±20%.
func WithBackoff(first, cap time.Duration) WorkerOption {
	return func(c *workerConfig) { c.backoffMin, c.backoffMax = first, cap }
}

// WithClaimTimeout sets how long an entry may go untouched before another
// worker claims it (default [DefaultClaimTimeout]).
func WithClaimTimeout(d time.Duration) WorkerOption {
	return func(c *workerConfig) { c.claimTimeout = d }
}

// WithShutdownTimeout sets how long Run waits for callbacks in progress
// after its context ended (default [DefaultShutdownTimeout]). Then their
// context is cancelled and Run returns; their entries stay pending.
func WithShutdownTimeout(d time.Duration) WorkerOption {
	return func(c *workerConfig) { c.shutdownTimeout = d }
}

// WithPollInterval sets the longest a worker blocks waiting for entries
// (default [DefaultPollInterval]).
func WithPollInterval(d time.Duration) WorkerOption { return func(c *workerConfig) { c.poll = d } }

// WithStatsInterval sets how often the worker reports [Stats] to the
// queue's stats observer and logs them at Debug (default
// [DefaultStatsInterval]).
func WithStatsInterval(d time.Duration) WorkerOption {
	return func(c *workerConfig) { c.statsInterval = d }
}

// WithMaxScheduled bounds the retries the worker keeps scheduled (default
// [DefaultMaxScheduled]).
func WithMaxScheduled(n int) WorkerOption { return func(c *workerConfig) { c.maxScheduled = n } }

// Entry is the queue's metadata of the delivery a callback runs for, beside
// dispatch.Delivery. Callbacks get it with [EntryFrom].
type Entry struct {
	// Queue is the queue's name.
	Queue string
	// ID is the stream entry's id.
	ID string
	// Attempt is 1 the first time a worker runs the delivery.
	Attempt int
	// ReceivedAt is when ingest received the delivery.
	ReceivedAt time.Time
}

type entryKey struct{}

// EntryFrom returns the queue entry a callback receiving ctx runs for, and
// false when ctx does not come from a [Worker].
func EntryFrom(ctx context.Context) (*Entry, bool) {
	e, ok := ctx.Value(entryKey{}).(*Entry)
	return e, ok
}

// Worker is one consumer of a queue's consumer group: it runs the
// callbacks of a dispatcher for the queue's entries. Start as many as the
// callbacks' throughput needs, in one process or several.
type Worker struct {
	q   *Queue
	d   *dispatch.Dispatcher
	cfg workerConfig

	running atomic.Bool

	mu        sync.Mutex
	inflight  map[string]struct{}
	scheduled retryHeap
	byID      map[string]*retry

	// ackMu orders acknowledgements before the end of Run: once abandoned
	// is set, callbacks that finish late leave their entries pending.
	ackMu     sync.RWMutex
	abandoned bool
}

// NewWorker returns a worker that runs d's callbacks for the queue's
// entries. d must be built with dispatch.Unverified() and the same parse
// function as the queue: the signature was checked at ingest, and checking
// it again against the clock would reject every delivery older than the
// tolerance. The worker gives d the id and signing time the signature
// covered as the svix-id and svix-timestamp headers, so dispatch.Delivery
// holds them. d should de-duplicate through a store all workers share
// (dispatch/redisstore): entries are delivered at least once.
func (q *Queue) NewWorker(d *dispatch.Dispatcher, opts ...WorkerOption) (*Worker, error) {
	if d == nil {
		return nil, errors.New("redisqueue: NewWorker called with a nil dispatcher")
	}
	host, _ := os.Hostname()
	w := &Worker{
		q: q,
		d: d,
		cfg: workerConfig{
			consumer:        fmt.Sprintf("%s-%d-%s", host, os.Getpid(), strconv.FormatUint(rand.Uint64()&0xffffff, 36)),
			concurrency:     DefaultConcurrency,
			maxAttempts:     DefaultMaxAttempts,
			backoffMin:      DefaultBackoffMin,
			backoffMax:      DefaultBackoffMax,
			claimTimeout:    DefaultClaimTimeout,
			shutdownTimeout: DefaultShutdownTimeout,
			poll:            DefaultPollInterval,
			statsInterval:   DefaultStatsInterval,
			maxScheduled:    DefaultMaxScheduled,
		},
		inflight: map[string]struct{}{},
		byID:     map[string]*retry{},
	}
	for _, opt := range opts {
		opt(&w.cfg)
	}
	c := w.cfg
	switch {
	case c.consumer == "":
		return nil, errors.New("redisqueue: empty consumer name")
	case c.concurrency < 1, c.maxAttempts < 1, c.maxScheduled < 1:
		return nil, fmt.Errorf("redisqueue: concurrency (%d), max attempts (%d) and max scheduled (%d) must be positive", c.concurrency, c.maxAttempts, c.maxScheduled)
	case c.backoffMin <= 0 || c.backoffMax < c.backoffMin:
		return nil, fmt.Errorf("redisqueue: backoff %v..%v: the first delay must be positive and not above the cap", c.backoffMin, c.backoffMax)
	case c.claimTimeout < 4*time.Millisecond, c.poll < time.Millisecond, c.shutdownTimeout < 0, c.statsInterval <= 0:
		return nil, errors.New("redisqueue: claim timeout, poll interval and stats interval must be positive (claim timeout at least 4ms), shutdown timeout not negative")
	}
	return w, nil
}

// Consumer returns the worker's name in the consumer group.
func (w *Worker) Consumer() string { return w.cfg.consumer }

// job is one entry to process.
type job struct {
	id      string
	values  map[string]any
	attempt int
}

// retry is an entry of this worker waiting for its next attempt. recheck
// marks a wait that does not count as an attempt (the delivery was in
// flight elsewhere, or the store failed).
type retry struct {
	id      string
	attempt int
	due     time.Time
	recheck bool
	index   int
}

type retryHeap []*retry

func (h retryHeap) Len() int           { return len(h) }
func (h retryHeap) Less(i, j int) bool { return h[i].due.Before(h[j].due) }
func (h retryHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i]; h[i].index = i; h[j].index = j }
func (h *retryHeap) Push(x any)        { r := x.(*retry); r.index = len(*h); *h = append(*h, r) }
func (h *retryHeap) Pop() any {
	old := *h
	r := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return r
}

// Run processes entries until ctx ends. Then it reads no more entries,
// waits up to the shutdown timeout for callbacks in progress (acknowledging
// those that succeed), cancels the context of those still running and
// returns; their entries stay pending, as do those waiting for a retry,
// and another worker claims them after the claim timeout. Run returns nil after such a shutdown; Redis errors
// are logged and retried, not returned. A worker runs once.
func (w *Worker) Run(ctx context.Context) error {
	if !w.running.CompareAndSwap(false, true) {
		return errors.New("redisqueue: Worker.Run called twice")
	}
	log := w.q.logger()
	cbCtx, cancelCallbacks := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelCallbacks()
	bgCtx, stopBackground := context.WithCancel(context.Background())
	var background sync.WaitGroup // heartbeat and stats
	background.Go(func() { w.heartbeat(bgCtx) })
	background.Go(func() { w.reportStats(bgCtx) })

	sem := make(chan struct{}, w.cfg.concurrency)
	var wg sync.WaitGroup
	var (
		groupReady bool
		cursor     = "0-0"
		lastClaim  time.Time
		failures   int
	)
	for ctx.Err() == nil {
		if !groupReady {
			if err := w.q.ensureGroup(ctx); err != nil {
				w.pause(ctx, &failures, err)
				continue
			}
			groupReady = true
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		free := 1
	fill:
		for free < cap(sem) {
			select {
			case sem <- struct{}{}:
				free++
			default:
				break fill
			}
		}
		jobs, err := w.fetch(ctx, free, &cursor, &lastClaim)
		for range free - len(jobs) {
			<-sem
		}
		for _, j := range jobs {
			wg.Go(func() {
				defer func() { <-sem }()
				w.process(cbCtx, j)
			})
		}
		if err != nil && ctx.Err() == nil {
			if isNoGroup(err) {
				groupReady = false
			}
			w.pause(ctx, &failures, err)
		} else {
			failures = 0
		}
	}

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	timer := time.NewTimer(w.cfg.shutdownTimeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		w.ackMu.Lock()
		w.abandoned = true
		w.ackMu.Unlock()
		cancelCallbacks()
		w.mu.Lock()
		n := len(w.inflight)
		w.mu.Unlock()
		log.LogAttrs(context.Background(), slog.LevelWarn, "redisqueue: shutdown timeout passed; deliveries in progress left pending for another worker",
			slog.String("queue", w.q.name), slog.String("consumer", w.cfg.consumer), slog.Int("in_flight", n))
	}
	stopBackground()
	background.Wait()
	w.leaveGroup()
	return nil
}

// leaveGroup removes the consumer from the group when it holds no entries,
// so that the names of stopped workers do not pile up; a consumer that still
// holds entries stays until another worker claimed them.
func (w *Worker) leaveGroup() {
	w.ackMu.RLock()
	defer w.ackMu.RUnlock()
	w.mu.Lock()
	busy := len(w.inflight) > 0 || len(w.byID) > 0
	w.mu.Unlock()
	if busy || w.abandoned {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	held, err := w.q.client.XPendingExt(ctx, &redis.XPendingExtArgs{
		Stream: w.q.stream, Group: w.q.cfg.group, Consumer: w.cfg.consumer, Start: "-", End: "+", Count: 1,
	}).Result()
	if err != nil || len(held) > 0 {
		return
	}
	_ = w.q.client.XGroupDelConsumer(ctx, w.q.stream, w.q.cfg.group, w.cfg.consumer).Err()
}

// pause waits after a Redis failure, longer after each consecutive one.
func (w *Worker) pause(ctx context.Context, failures *int, err error) {
	*failures++
	d := min(w.cfg.poll*time.Duration(1<<min(*failures-1, 5)), 10*time.Second)
	w.q.logger().LogAttrs(ctx, slog.LevelError, "redisqueue: worker cannot reach the queue; retrying",
		slog.String("queue", w.q.name), slog.String("consumer", w.cfg.consumer), slog.Any("error", err), slog.Duration("retry_in", d))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// fetch returns up to n entries to process: due retries first, then
// entries idle past the claim timeout (their worker died), then new ones.
func (w *Worker) fetch(ctx context.Context, n int, cursor *string, lastClaim *time.Time) ([]job, error) {
	jobs, err := w.claimDue(ctx, n)
	if err != nil {
		return jobs, err
	}
	if len(jobs) < n && time.Since(*lastClaim) >= w.cfg.claimTimeout/2 {
		claimed, err := w.autoclaim(ctx, n-len(jobs), cursor, lastClaim)
		jobs = append(jobs, claimed...)
		if err != nil {
			return jobs, err
		}
	}
	w.mu.Lock()
	full := len(w.scheduled) >= w.cfg.maxScheduled
	next := time.Duration(-1)
	if len(w.scheduled) > 0 {
		next = max(time.Until(w.scheduled[0].due), time.Millisecond)
	}
	w.mu.Unlock()
	if len(jobs) > 0 || full {
		if full && len(jobs) == 0 {
			// Wait for the next retry without reading new entries.
			t := time.NewTimer(min(next, w.cfg.poll))
			select {
			case <-t.C:
			case <-ctx.Done():
			}
			t.Stop()
		}
		return jobs, nil
	}
	block := w.cfg.poll
	if next >= 0 && next < block {
		block = next
	}
	streams, err := w.q.client.XReadGroup(ctx, &redis.XReadGroupArgs{
		Group:    w.q.cfg.group,
		Consumer: w.cfg.consumer,
		Streams:  []string{w.q.stream, ">"},
		Count:    int64(n),
		Block:    block,
	}).Result()
	if err != nil {
		if errors.Is(err, redis.Nil) {
			return nil, nil
		}
		return nil, fmt.Errorf("redisqueue: XREADGROUP %s: %w", w.q.stream, err)
	}
	for _, s := range streams {
		for _, m := range s.Messages {
			jobs = append(jobs, job{id: m.ID, values: m.Values, attempt: 1})
		}
	}
	w.track(jobs)
	return jobs, nil
}

// track records jobs as in flight, for the heartbeat.
func (w *Worker) track(jobs []job) {
	w.mu.Lock()
	for _, j := range jobs {
		w.inflight[j.id] = struct{}{}
	}
	w.mu.Unlock()
}

// ownScript acts on entries only while this consumer still owns them, so
// that a worker that was slow never takes an entry back from the worker that
// claimed it. 'touch' resets their idle time (XCLAIM JUSTID, which keeps the
// delivery count) and returns the ids still owned. 'fetch' takes pairs of
// (id, recheck): it claims each entry again with its delivery count plus
// one (plus zero for a recheck) and returns {id, fields, count} for each.
var ownScript = redis.NewScript(`
local out = {}
local fetch = ARGV[3] == 'fetch'
local step = 1
if fetch then step = 2 end
for i = 4, #ARGV, step do
	local id = ARGV[i]
	local p = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
	if #p == 1 and p[1][2] == ARGV[2] then
		if fetch then
			local n = p[1][4]
			if ARGV[i + 1] == '0' then n = n + 1 end
			local c = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, id, 'RETRYCOUNT', n)
			if type(c[1]) == 'table' then
				out[#out + 1] = {id, c[1][2], n}
			end
		else
			redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, id, 'JUSTID')
			out[#out + 1] = id
		end
	end
end
return out
`)

// scriptChunk bounds the ids one script call handles, so that a worker
// with many entries does not block Redis for long.
const scriptChunk = 256

// claimDue takes back the entries whose retry is due.
func (w *Worker) claimDue(ctx context.Context, n int) ([]job, error) {
	now := time.Now()
	w.mu.Lock()
	var due []*retry
	for len(due) < n && len(w.scheduled) > 0 && !w.scheduled[0].due.After(now) {
		r := heap.Pop(&w.scheduled).(*retry)
		delete(w.byID, r.id)
		due = append(due, r)
	}
	w.mu.Unlock()
	if len(due) == 0 {
		return nil, nil
	}
	args := []any{w.q.cfg.group, w.cfg.consumer, "fetch"}
	for _, r := range due {
		recheck := "0"
		if r.recheck {
			recheck = "1"
		}
		args = append(args, r.id, recheck)
	}
	reply, err := ownScript.Run(ctx, w.q.client, []string{w.q.stream}, args...).Slice()
	if err != nil {
		// Try again after a poll interval; the entries stay pending.
		w.mu.Lock()
		for _, r := range due {
			r.due = now.Add(w.cfg.poll)
			w.schedule(r)
		}
		w.mu.Unlock()
		return nil, fmt.Errorf("redisqueue: claiming due retries: %w", err)
	}
	jobs := make([]job, 0, len(reply))
	for _, item := range reply {
		j, ok := parseFetched(item)
		if ok {
			jobs = append(jobs, j)
		}
	}
	// Entries not returned were acknowledged or claimed by another worker.
	w.track(jobs)
	return jobs, nil
}

func parseFetched(item any) (job, bool) {
	t, ok := item.([]any)
	if !ok || len(t) != 3 {
		return job{}, false
	}
	id, _ := t[0].(string)
	fields, _ := t[1].([]any)
	n, _ := t[2].(int64)
	values := make(map[string]any, len(fields)/2)
	for i := 0; i+1 < len(fields); i += 2 {
		k, _ := fields[i].(string)
		values[k] = fields[i+1]
	}
	return job{id: id, values: values, attempt: int(n)}, id != ""
}

// autoclaim takes over entries idle past the claim timeout.
func (w *Worker) autoclaim(ctx context.Context, n int, cursor *string, lastClaim *time.Time) ([]job, error) {
	msgs, next, err := w.q.client.XAutoClaim(ctx, &redis.XAutoClaimArgs{
		Stream:   w.q.stream,
		Group:    w.q.cfg.group,
		Consumer: w.cfg.consumer,
		MinIdle:  w.cfg.claimTimeout,
		Start:    *cursor,
		Count:    int64(n),
	}).Result()
	if err != nil {
		return nil, fmt.Errorf("redisqueue: XAUTOCLAIM %s: %w", w.q.stream, err)
	}
	*cursor = next
	if next == "0-0" {
		// The scan went round the whole pending list: rest until the next
		// half claim timeout.
		*lastClaim = time.Now()
	}
	if len(msgs) == 0 {
		return nil, nil
	}
	// XAUTOCLAIM counted the delivery; read the count back for the attempt.
	pipe := w.q.client.Pipeline()
	counts := make([]*redis.XPendingExtCmd, len(msgs))
	for i, m := range msgs {
		counts[i] = pipe.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: w.q.stream, Group: w.q.cfg.group, Start: m.ID, End: m.ID, Count: 1})
	}
	_, _ = pipe.Exec(ctx)
	jobs := make([]job, 0, len(msgs))
	w.mu.Lock()
	for i, m := range msgs {
		// Entries this worker already holds (its heartbeat was late) are
		// being handled here; only their idle time was reset.
		_, running := w.inflight[m.ID]
		_, waiting := w.byID[m.ID]
		if running || waiting {
			msgs[i].ID = ""
		}
	}
	w.mu.Unlock()
	for i, m := range msgs {
		if m.ID == "" {
			continue
		}
		attempt := w.cfg.maxAttempts // unknown: one more failure dead-letters it
		if p, err := counts[i].Result(); err == nil && len(p) == 1 {
			attempt = int(p[0].RetryCount)
		}
		jobs = append(jobs, job{id: m.ID, values: m.Values, attempt: attempt})
	}
	w.q.logger().LogAttrs(ctx, slog.LevelWarn, "redisqueue: claimed entries idle past the claim timeout",
		slog.String("queue", w.q.name), slog.String("consumer", w.cfg.consumer), slog.Int("entries", len(jobs)))
	w.track(jobs)
	return jobs, nil
}

// heartbeat keeps this worker's entries (in progress or waiting for a
// retry) from looking abandoned, and forgets the ones it no longer owns.
func (w *Worker) heartbeat(ctx context.Context) {
	t := time.NewTicker(w.cfg.claimTimeout / 4)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.mu.Lock()
		ids := make([]string, 0, len(w.inflight)+len(w.byID))
		for id := range w.inflight {
			ids = append(ids, id)
		}
		for id := range w.byID {
			ids = append(ids, id)
		}
		w.mu.Unlock()
		for len(ids) > 0 {
			chunk := ids[:min(len(ids), scriptChunk)]
			ids = ids[len(chunk):]
			args := []any{w.q.cfg.group, w.cfg.consumer, "touch"}
			for _, id := range chunk {
				args = append(args, id)
			}
			kept, err := ownScript.Run(ctx, w.q.client, []string{w.q.stream}, args...).StringSlice()
			if err != nil {
				if ctx.Err() == nil {
					w.q.logger().LogAttrs(ctx, slog.LevelWarn, "redisqueue: heartbeat failed",
						slog.String("queue", w.q.name), slog.String("consumer", w.cfg.consumer), slog.Any("error", err))
				}
				break
			}
			owned := make(map[string]bool, len(kept))
			for _, id := range kept {
				owned[id] = true
			}
			w.mu.Lock()
			for _, id := range chunk {
				if r, ok := w.byID[id]; ok && !owned[id] {
					// Another worker claimed it: its retry is theirs now.
					heap.Remove(&w.scheduled, r.index)
					delete(w.byID, id)
				}
			}
			w.mu.Unlock()
		}
	}
}

// schedule adds r to the retries; w.mu must be held.
func (w *Worker) schedule(r *retry) {
	heap.Push(&w.scheduled, r)
	w.byID[r.id] = r
}

// backoff returns the delay after the given failed attempt: first, 2×first,
// 4×first... up to the cap, randomised by ±20% so that retries of a burst
// spread out.
func (w *Worker) backoff(attempt int) time.Duration {
	d := w.cfg.backoffMax
	if attempt < 40 {
		d = min(w.cfg.backoffMin<<(attempt-1), w.cfg.backoffMax)
		if d <= 0 {
			d = w.cfg.backoffMax
		}
	}
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// process runs one entry through the dispatcher and settles it.
func (w *Worker) process(cbCtx context.Context, j job) {
	start := time.Now()
	o := Outcome{Stage: Work, EntryID: j.id, Attempt: j.attempt}
	s, err := decodeEntry(j.values)
	o.DeliveryID, o.EventType = s.id, s.eventType
	switch {
	case err != nil:
	case j.attempt > w.cfg.maxAttempts:
		last, _ := w.q.client.HGet(cbCtx, w.q.errs, j.id).Result()
		if last == "" {
			last = "none recorded: the workers stopped mid-callback"
		}
		err = fmt.Errorf("%w: %d deliveries to workers (last error: %s)", ErrAbandoned, j.attempt-1, last)
		j.attempt--
	default:
		ctx := context.WithValue(cbCtx, entryKey{}, &Entry{Queue: w.q.name, ID: j.id, Attempt: j.attempt, ReceivedAt: s.received})
		err = w.d.Dispatch(ctx, s.dispatchHeader(j.attempt), s.body)
	}

	w.ackMu.RLock()
	defer w.ackMu.RUnlock()
	w.mu.Lock()
	delete(w.inflight, j.id)
	w.mu.Unlock()
	if w.abandoned {
		return // Run returned: the entry stays pending for another worker
	}
	bg, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	log := w.q.logger()
	attrs := []slog.Attr{slog.String("queue", w.q.name), slog.String("entry", j.id), slog.String("delivery_id", s.id),
		slog.String("event_type", s.eventType), slog.Int("attempt", j.attempt)}
	switch {
	case err == nil:
		if aerr := w.ack(bg, j.id); aerr != nil {
			// The callbacks ran and the store marked the delivery done:
			// when the entry is claimed again the dispatcher skips it.
			log.LogAttrs(bg, slog.LevelError, "redisqueue: could not acknowledge a processed entry; it will be claimed again and skipped as a duplicate",
				append(attrs, slog.Any("error", aerr))...)
		}
	case errors.Is(err, dispatch.ErrInFlight) || errors.Is(err, dispatch.ErrStore):
		// Not the event's fault: wait without spending an attempt.
		o.Retry = true
		w.later(j, true)
	case errors.Is(err, errCorrupt) || errors.Is(err, ErrAbandoned) || !dispatch.Retryable(err) || j.attempt >= w.cfg.maxAttempts:
		if derr := w.deadLetter(bg, j, err); derr != nil {
			log.LogAttrs(bg, slog.LevelError, "redisqueue: could not move an entry to the dead-letter stream; it stays pending",
				append(attrs, slog.Any("error", derr))...)
			o.Retry = true
			w.later(j, true)
		} else {
			o.DeadLettered = true
			log.LogAttrs(bg, slog.LevelError, "redisqueue: delivery moved to the dead-letter stream",
				append(attrs, slog.String("dead_letters", w.q.dead), slog.Any("error", err))...)
		}
	default:
		o.Retry = true
		if herr := w.q.client.HSet(bg, w.q.errs, j.id, clip(err.Error())).Err(); herr != nil {
			log.LogAttrs(bg, slog.LevelWarn, "redisqueue: could not record the error", append(attrs, slog.Any("error", herr))...)
		}
		d := w.later(j, false)
		log.LogAttrs(bg, slog.LevelWarn, "redisqueue: delivery failed; retrying",
			append(attrs, slog.Any("error", err), slog.Duration("retry_in", d))...)
	}
	o.Err = err
	o.Duration = time.Since(start)
	w.q.observe(o)
}

// later schedules the entry's next attempt and returns the delay.
func (w *Worker) later(j job, recheck bool) time.Duration {
	d := w.backoff(j.attempt)
	w.mu.Lock()
	if _, ok := w.byID[j.id]; !ok {
		w.schedule(&retry{id: j.id, attempt: j.attempt, due: time.Now().Add(d), recheck: recheck})
	}
	w.mu.Unlock()
	return d
}

// ack acknowledges and deletes a processed entry, so that the stream holds
// only the backlog.
func (w *Worker) ack(ctx context.Context, id string) error {
	pipe := w.q.client.TxPipeline()
	pipe.XAck(ctx, w.q.stream, w.q.cfg.group, id)
	pipe.XDel(ctx, w.q.stream, id)
	pipe.HDel(ctx, w.q.errs, id)
	_, err := pipe.Exec(ctx)
	return err
}

// deadLetter moves the entry to the dead-letter stream with its error, in
// one transaction: it is never in neither stream.
func (w *Worker) deadLetter(ctx context.Context, j job, cause error) error {
	values := make(map[string]any, len(j.values)+4)
	for k, v := range j.values {
		values[k] = v
	}
	values[fieldError] = clip(cause.Error())
	values[fieldAttempts] = strconv.Itoa(j.attempt)
	values[fieldSource] = j.id
	values[fieldFailed] = strconv.FormatInt(time.Now().UnixMilli(), 10)
	pipe := w.q.client.TxPipeline()
	pipe.XAdd(ctx, &redis.XAddArgs{Stream: w.q.dead, Values: values})
	pipe.XAck(ctx, w.q.stream, w.q.cfg.group, j.id)
	pipe.XDel(ctx, w.q.stream, j.id)
	pipe.HDel(ctx, w.q.errs, j.id)
	_, err := pipe.Exec(ctx)
	return err
}

// reportStats gives the queue's stats to the stats observer and the log
// every stats interval until ctx ends.
func (w *Worker) reportStats(ctx context.Context) {
	t := time.NewTicker(w.cfg.statsInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if w.q.cfg.stats == nil && !w.q.logger().Enabled(ctx, slog.LevelDebug) {
			continue
		}
		s, err := w.q.Stats(ctx)
		if err != nil {
			continue
		}
		w.q.logger().LogAttrs(ctx, slog.LevelDebug, "redisqueue: stats", slog.String("queue", s.Queue),
			slog.Int64("length", s.Length), slog.Int64("pending", s.Pending), slog.Int64("lag", s.Lag),
			slog.Duration("oldest_pending_age", s.OldestPendingAge), slog.Int64("dead_letters", s.DeadLetters))
		if w.q.cfg.stats != nil {
			w.q.cfg.stats(s)
		}
	}
}

// clip bounds an error text kept in Redis.
func clip(s string) string {
	const limit = 2048
	if len(s) > limit {
		return s[:limit] + "..."
	}
	return s
}
