package redisqueue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

// Defaults of a [Queue] built without options.
const (
	// DefaultKeyPrefix keeps the queue's keys apart from the rest of a
	// shared Redis database.
	DefaultKeyPrefix = "typedhooks:"
	// DefaultGroup is the name of the consumer group the workers form.
	DefaultGroup = "workers"
	// DefaultRetryAfter is what the Retry-After header of a 503 answer
	// advises when Redis did not accept a delivery.
	DefaultRetryAfter = 10 * time.Second
)

// Errors of ingest, reported to observers (each wraps one sentinel; the
// other rejections wrap the sentinels of package dispatch:
// dispatch.ErrMethodNotAllowed, ErrBodyTooLarge, ErrVerification and
// ErrMalformed). dispatch.StatusCode gives 500 for these two; the handler
// answers both with 503.
var (
	// ErrUnavailable means Redis did not accept the delivery (unreachable,
	// timed out, out of memory): the provider is answered 503 and retries.
	ErrUnavailable = errors.New("redisqueue: Redis did not accept the delivery")
	// ErrBacklogFull means the stream already holds the number of entries
	// set with [WithMaxLength]: the provider is answered 503 and retries.
	ErrBacklogFull = errors.New("redisqueue: the queue's backlog is full")
)

// Option configures a [Queue] built by [New].
type Option func(*config)

type config struct {
	prefix     string
	group      string
	maxBody    int64
	maxLen     int64
	headers    []string
	retryAfter string
	logger     *slog.Logger
	observer   func(Outcome)
	stats      func(Stats)
}

// WithKeyPrefix sets the prefix of the queue's keys (default
// [DefaultKeyPrefix]).
func WithKeyPrefix(prefix string) Option { return func(c *config) { c.prefix = prefix } }

// WithGroup sets the consumer group's name (default [DefaultGroup]).
// Queues of the same name with different groups each receive every entry,
// which is rarely wanted: entries are deleted once one group acknowledged
// them.
func WithGroup(name string) Option { return func(c *config) { c.group = name } }

// WithMaxBodyBytes sets the largest body accepted at ingest (default
// dispatch.DefaultMaxBodyBytes); larger requests get 413. The workers'
// dispatcher must accept bodies as large (dispatch.WithMaxBodyBytes), or it
// refuses them and they go to the dead-letter stream. New panics if n is
// not positive.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) {
		if n <= 0 {
			panic(fmt.Sprintf("redisqueue: WithMaxBodyBytes(%d): the limit must be positive", n))
		}
		c.maxBody = n
	}
}

// WithMaxLength bounds the backlog: while the stream holds n entries or
// more (stored and not yet acknowledged), ingest answers 503 with
// Retry-After and stores nothing, so that the provider keeps the event and
// retries. 0 (the default) leaves the backlog bounded by Redis's memory
// alone. Entries are never trimmed: every acknowledged delivery is
// processed.
func WithMaxLength(n int64) Option { return func(c *config) { c.maxLen = n } }

// WithHeaders adds request headers to store with each delivery, beside the
// signing headers, Content-Type and User-Agent, which are always stored.
// Callbacks see the stored headers in dispatch.Delivery.Header.
func WithHeaders(names ...string) Option {
	return func(c *config) {
		for _, n := range names {
			c.headers = append(c.headers, http.CanonicalHeaderKey(n))
		}
	}
}

// WithRetryAfter sets the delay advised by the Retry-After header of 503
// answers (default [DefaultRetryAfter]), rounded up to whole seconds.
func WithRetryAfter(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			panic(fmt.Sprintf("redisqueue: WithRetryAfter(%v): the delay must not be negative", d))
		}
		c.retryAfter = strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)
	}
}

// WithLogger sets the logger of the queue and its workers (default
// slog.Default()). Rejections at ingest are logged at Warn, Redis failures,
// retries and dead letters at Error, periodic statistics at Debug.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithObserver sets a function called once per ingested or rejected request
// and once per processing attempt, like dispatch.WithObserver. It runs on
// the request's or the worker's goroutine: keep it fast.
func WithObserver(fn func(Outcome)) Option { return func(c *config) { c.observer = fn } }

// WithStatsObserver sets a function that workers call with the queue's
// [Stats] every stats interval (see [WithStatsInterval]), for gauges such as
// the backlog and the age of the oldest pending entry.
func WithStatsObserver(fn func(Stats)) Option { return func(c *config) { c.stats = fn } }

// Stage says which side of the queue an [Outcome] comes from.
type Stage int

const (
	// Ingest is the HTTP handler storing a delivery.
	Ingest Stage = iota + 1
	// Work is a worker running a delivery's callbacks.
	Work
)

// String returns "ingest" or "work".
func (s Stage) String() string {
	switch s {
	case Ingest:
		return "ingest"
	case Work:
		return "work"
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// Outcome describes one request at ingest or one processing attempt, for
// metrics (see [WithObserver]).
type Outcome struct {
	// Stage is Ingest or Work.
	Stage Stage
	// Queue is the queue's name.
	Queue string
	// EntryID is the stream entry's id; empty for a rejected request.
	EntryID string
	// DeliveryID is the delivery id the signature covered, when there is one.
	DeliveryID string
	// EventType is the event's type; empty when the body was not parsed.
	EventType string
	// Status is, at ingest, the HTTP status answered.
	Status int
	// Attempt is, at work, the attempt number (1 for the first delivery to
	// a worker).
	Attempt int
	// Err is the error: the rejection at ingest, the dispatcher's error at
	// work; nil on success.
	Err error
	// Retry reports, at work, that the entry stays pending and is tried
	// again after a backoff.
	Retry bool
	// DeadLettered reports, at work, that the entry was moved to the
	// dead-letter stream.
	DeadLettered bool
	// Duration is the time the request or the attempt took.
	Duration time.Duration
}

// Queue is a Redis stream of verified webhook deliveries. It is the
// http.Handler that stores them (see [Queue.ServeHTTP]); [Queue.NewWorker]
// makes the workers that process them. A Queue is safe for concurrent use.
type Queue struct {
	client   redis.Cmdable
	name     string
	stream   string
	dead     string
	errs     string
	verifier verify.Verifier
	parse    func([]byte) (typedhooks.Event, error)
	keep     map[string]bool
	cfg      config
}

// New returns the queue called name (one per endpoint: provider and
// secret) in client, which may be a *redis.Client, *redis.ClusterClient or
// any redis.UniversalClient. Ingest checks each delivery with v (such as
// verify.NewSvix) and parses it with parse (such as crossmint.Parse); the
// parsed event is thrown away, the check only keeps what can never succeed
// out of the stream.
//
// The client's timeouts bound how long ingest waits for Redis before
// answering 503: keep them well under the provider's delivery timeout (15 s
// for Svix). New returns an error for a nil client, verifier or parse
// function and an empty name.
func New(client redis.Cmdable, name string, v verify.Verifier, parse func([]byte) (typedhooks.Event, error), opts ...Option) (*Queue, error) {
	switch {
	case client == nil:
		return nil, errors.New("redisqueue: New called with a nil client")
	case v == nil || isNilPointer(v):
		return nil, errors.New("redisqueue: New called with a nil verifier (did verify.NewSvix or verify.NewDynamic return an error?)")
	case parse == nil:
		return nil, errors.New("redisqueue: New called with a nil parse function")
	case name == "" || strings.ContainsAny(name, "{}"):
		return nil, fmt.Errorf("redisqueue: queue name %q must be non-empty and hold no braces", name)
	}
	q := &Queue{
		client:   client,
		name:     name,
		verifier: v,
		parse:    parse,
		cfg: config{
			prefix:     DefaultKeyPrefix,
			group:      DefaultGroup,
			maxBody:    dispatch.DefaultMaxBodyBytes,
			retryAfter: strconv.Itoa(int(DefaultRetryAfter / time.Second)),
		},
	}
	for _, opt := range opts {
		opt(&q.cfg)
	}
	// The braces make the three keys one Redis Cluster hash slot, so that
	// the transactions and scripts that touch several of them work there.
	base := q.cfg.prefix + "{" + name + "}"
	q.stream, q.dead, q.errs = base+":stream", base+":dead", base+":errors"
	q.keep = map[string]bool{}
	for _, n := range append(storedHeaders[:], q.cfg.headers...) {
		q.keep[n] = true
	}
	return q, nil
}

// Name returns the queue's name.
func (q *Queue) Name() string { return q.name }

// Stream returns the key of the queue's stream.
func (q *Queue) Stream() string { return q.stream }

// DeadLetterStream returns the key of the queue's dead-letter stream.
func (q *Queue) DeadLetterStream() string { return q.dead }

// Group returns the name of the workers' consumer group.
func (q *Queue) Group() string { return q.cfg.group }

func (q *Queue) logger() *slog.Logger {
	if q.cfg.logger != nil {
		return q.cfg.logger
	}
	return slog.Default()
}

func (q *Queue) observe(o Outcome) {
	if q.cfg.observer != nil {
		o.Queue = q.name
		q.cfg.observer(o)
	}
}

// ensureGroup creates the consumer group (and the stream) if missing. The
// group starts at the beginning of the stream so that deliveries stored
// before the first worker ran are processed too.
func (q *Queue) ensureGroup(ctx context.Context) error {
	err := q.client.XGroupCreateMkStream(ctx, q.stream, q.cfg.group, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("redisqueue: creating group %q on %s: %w", q.cfg.group, q.stream, err)
	}
	return nil
}

// Stats is a snapshot of a queue, from [Queue.Stats].
type Stats struct {
	// Queue is the queue's name.
	Queue string
	// Length is the number of entries in the stream: stored and not yet
	// acknowledged (acknowledged entries are deleted), pending or not.
	Length int64
	// Pending is the number of entries delivered to a worker and not yet
	// acknowledged: being processed, waiting for a retry, or held by a
	// worker that died.
	Pending int64
	// Lag is the number of entries no worker has read yet, or -1 when Redis
	// cannot tell (entries were deleted from the middle of the stream).
	Lag int64
	// OldestPendingAge is how long ago the oldest pending entry was stored;
	// zero when nothing is pending.
	OldestPendingAge time.Duration
	// DeadLetters is the number of entries in the dead-letter stream.
	DeadLetters int64
	// Consumers is the number of consumers the group knows.
	Consumers int64
}

// Stats reads the queue's current state from Redis.
func (q *Queue) Stats(ctx context.Context) (Stats, error) {
	s := Stats{Queue: q.name, Lag: -1}
	pipe := q.client.Pipeline()
	length := pipe.XLen(ctx, q.stream)
	dead := pipe.XLen(ctx, q.dead)
	pending := pipe.XPending(ctx, q.stream, q.cfg.group)
	groups := pipe.XInfoGroups(ctx, q.stream)
	_, _ = pipe.Exec(ctx)
	var err error
	if s.Length, err = length.Result(); err != nil {
		return s, fmt.Errorf("redisqueue: stats of %s: %w", q.stream, err)
	}
	if s.DeadLetters, err = dead.Result(); err != nil {
		return s, fmt.Errorf("redisqueue: stats of %s: %w", q.dead, err)
	}
	if p, err := pending.Result(); err == nil {
		s.Pending = p.Count
		if p.Count > 0 {
			if t, ok := idTime(p.Lower); ok {
				s.OldestPendingAge = max(time.Since(t), 0)
			}
		}
	} else if !isNoGroup(err) {
		return s, fmt.Errorf("redisqueue: pending entries of %s: %w", q.stream, err)
	}
	if gs, err := groups.Result(); err == nil {
		for _, g := range gs {
			if g.Name == q.cfg.group {
				s.Lag, s.Consumers = g.Lag, g.Consumers
			}
		}
	} else if !isNoGroup(err) && !errors.Is(err, redis.Nil) && !strings.HasPrefix(err.Error(), "ERR no such key") {
		return s, fmt.Errorf("redisqueue: groups of %s: %w", q.stream, err)
	}
	return s, nil
}

// idTime returns the time in a stream entry id ("<ms>-<seq>").
func idTime(id string) (time.Time, bool) {
	ms, _, _ := strings.Cut(id, "-")
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(n), true
}

// isNilPointer reports a nil pointer inside a non-nil interface, such as
// the nil *verify.Svix that verify.NewSvix returns with its error.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

func isNoGroup(err error) bool { return err != nil && strings.HasPrefix(err.Error(), "NOGROUP") }
