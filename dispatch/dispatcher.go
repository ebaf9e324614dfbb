package dispatch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/catalog"
	"github.com/typedhooks/typedhooks/verify"
)

// Verifier is verify.Verifier, named here so that the dispatcher's
// signature reads on its own: it checks that a delivery comes from the
// provider, from the request header and the raw body, before anything parses
// the body. *verify.Svix and *verify.Dynamic implement it; [VerifierFunc]
// adapts a function for other schemes.
//
// The dispatcher reads a delivery's id and signing time only from a
// verifier that implements verify.ResultVerifier (both of package verify
// do), and only what it reports as covered by the signature; it reads no
// id or timestamp header by itself.
type Verifier = verify.Verifier

// VerifierFunc adapts a function to the [Verifier] interface, for signing
// schemes that package verify does not cover. It reports no id or timestamp
// as signed, so deliveries are de-duplicated only on the event's own key;
// a verifier that signs an id reports it by implementing
// verify.ResultVerifier instead.
type VerifierFunc func(h http.Header, body []byte) error

// Verify calls f(h, body).
func (f VerifierFunc) Verify(h http.Header, body []byte) error { return f(h, body) }

// Unverified returns a verifier that accepts every delivery. It is for
// [Dispatcher.Dispatch] of deliveries that were verified when they were
// received and then stored (a queue you own).
//
// Unverified TRUSTS THE ID AND TIMESTAMP HEADERS IT IS GIVEN: it reports
// svix-id and svix-timestamp (or, without svix-id, webhook-id and
// webhook-timestamp) as verified, so the dispatcher de-duplicates on them
// when the event carries no key of its own. Store those headers only from
// a delivery that a real verifier accepted, and never let anyone else
// write to that queue: whoever can set them can make a delivery run again
// (or be skipped). To replay deliveries stored with their signing headers,
// verify them again with verify.WithoutTimestampCheck instead: their
// signing timestamps are too old for the live check, but the signature
// still holds. Never mount a dispatcher built with Unverified on a route
// that the internet can reach.
func Unverified() Verifier { return unverified{} }

type unverified struct{}

func (unverified) Verify(http.Header, []byte) error { return nil }

func (unverified) VerifyResult(h http.Header, _ []byte) (verify.Result, error) {
	return trustedHeaders(h), nil
}

// signsBodyOnly reports whether v, which reported signed for a delivery,
// says that its signature covered the body alone: it follows the
// verify.ResultVerifier contract and reported neither an id nor a time.
// Unverified knows nothing of what was signed, so it never says so.
func signsBodyOnly(v Verifier, signed verify.Result) bool {
	if _, ok := v.(verify.ResultVerifier); !ok {
		return false
	}
	if _, ok := v.(unverified); ok {
		return false
	}
	return signed.ID == "" && signed.Timestamp.IsZero()
}

// Callback handles one event. A non-nil error (or a panic) makes the
// delivery fail, so that the provider delivers it again later.
type Callback func(ctx context.Context, ev typedhooks.Event) error

// Defaults of a dispatcher built without options.
const (
	// DefaultMaxBodyBytes bounds the request body. Provider events are a
	// few kilobytes; the bound keeps a hostile client from making the
	// server buffer an unbounded body before the signature is checked.
	DefaultMaxBodyBytes = 1 << 20
	// DefaultNamespace is put in front of delivery ids in store keys when
	// [WithNamespace] is not used.
	DefaultNamespace = "default"
	// DefaultRetryAfter is what the Retry-After header of a 409 answer
	// advises: long enough for a typical callback to finish.
	DefaultRetryAfter = 5 * time.Second
)

// Outcome describes one finished delivery, for metrics (see [WithObserver]).
type Outcome struct {
	// Namespace is the dispatcher's namespace.
	Namespace string
	// EventType is the event's canonical type; empty when the body was not
	// parsed (verification, size or method failures, malformed bodies).
	EventType string
	// DeliveryID is the delivery's id (see [Delivery].ID), when known; an
	// id over [MaxIDBytes] is cut to its first 64 bytes followed by "...".
	DeliveryID string
	// Status is the HTTP status answered, or for [Dispatcher.Dispatch] the
	// one [StatusCode] gives for its error.
	Status int
	// Err is the error, nil on success and for duplicates.
	Err error
	// Duration is the time from the start of the request (or of the Dispatch
	// call) until the callbacks returned.
	Duration time.Duration
	// Duplicate reports a delivery already handled before; no callback ran.
	Duplicate bool
	// Handled reports whether at least one registered callback ran (rather
	// than the fallback), whether or not it succeeded.
	Handled bool
}

// Option configures a [Dispatcher] built by [New].
type Option func(*config)

type config struct {
	maxBody       int64
	store         IdempotencyStore
	namespace     string
	logger        *slog.Logger
	observer      func(Outcome)
	fallback      Callback
	retryAfter    string
	attemptHeader string
}

// WithMaxBodyBytes sets the largest body accepted (default
// [DefaultMaxBodyBytes]); larger requests are answered with 413 and are not
// verified. New panics if n is not positive.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) {
		if n <= 0 {
			panic(fmt.Sprintf("dispatch: WithMaxBodyBytes(%d): the limit must be positive", n))
		}
		c.maxBody = n
	}
}

// WithStore sets the store used to run each delivery's callbacks once
// (default: a [MemoryStore] of this dispatcher alone, with default
// settings). Use a shared store (package dispatch/redisstore) when several
// replicas receive the same endpoint's deliveries. WithStore(nil) turns
// de-duplication off.
func WithStore(s IdempotencyStore) Option {
	return func(c *config) { c.store = s }
}

// WithNamespace sets the namespace put in front of delivery ids in store
// keys (key = namespace + ":" + id; default [DefaultNamespace]). Dispatchers
// that share a store need distinct namespaces: a Svix message sent to two
// endpoints carries the same id to both.
func WithNamespace(name string) Option {
	return func(c *config) { c.namespace = name }
}

// WithLogger sets the logger (default: slog.Default() at the time of each
// message, so a later slog.SetDefault takes effect). Rejected deliveries
// are logged at Warn, callback and store failures at Error (panics with
// their stack), deliveries nobody handles at Info (by the default fallback)
// and duplicates at Debug.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}

// WithObserver sets a function called once per delivery, after the
// response is decided, for metrics and tracing. It runs on the request's
// goroutine: keep it fast and do not block.
func WithObserver(fn func(Outcome)) Option {
	return func(c *config) { c.observer = fn }
}

// WithFallback sets the callback for events that no registered callback
// handles: event types nobody registered, and events whose Go type does not
// match the typed callbacks registered for their type string (such as a
// *typedhooks.Unknown). The default fallback logs the event type at Info
// and acknowledges the delivery. A fallback that returns an error makes the
// delivery fail like any callback.
func WithFallback(fn Callback) Option {
	return func(c *config) { c.fallback = fn }
}

// WithRetryAfter sets the delay advised in the Retry-After header of 409
// and 503 answers (default [DefaultRetryAfter]); it is rounded up to whole
// seconds. New panics if d is negative.
func WithRetryAfter(d time.Duration) Option {
	return func(c *config) {
		if d < 0 {
			panic(fmt.Sprintf("dispatch: WithRetryAfter(%v): the delay must not be negative", d))
		}
		c.retryAfter = strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)
	}
}

// WithAttemptHeader names a request header that carries the attempt number
// (1 for the first delivery); a number above 1 sets [Delivery].Redelivery.
// None of the providers served by this module documents such a header, so
// there is none by default. No signature covers such a header: Redelivery
// is a hint for callbacks, and nothing the dispatcher decides depends on it.
func WithAttemptHeader(name string) Option {
	return func(c *config) { c.attemptHeader = http.CanonicalHeaderKey(name) }
}

// Dispatcher verifies, parses and de-duplicates webhook deliveries and runs
// the callbacks registered for their event types. It is an http.Handler for
// one endpoint (one provider and secret). Register callbacks with [On] and
// [Dispatcher.OnType] before serving; a Dispatcher is safe for concurrent
// use.
type Dispatcher struct {
	verifier Verifier
	parse    func([]byte) (typedhooks.Event, error)
	// parseOwned is parse's form that may keep the body it is given (nil
	// for parse functions of no provider package): for the bodies
	// ServeHTTP reads into buffers of their own (those too large for the
	// pool), it spares the event its copy of the body.
	parseOwned func([]byte) (typedhooks.Event, error)
	cfg        config

	// mu serialises registration and sealing; once sealed is set,
	// callbacks is never written again, so serving reads it without a lock.
	mu        sync.Mutex
	sealed    atomic.Bool
	callbacks map[string][]typedCallback
}

// typedCallback is a registered callback; it reports handled=false when the
// event's Go type is not the one it was registered for.
type typedCallback func(ctx context.Context, ev typedhooks.Event) (handled bool, err error)

// New returns a dispatcher that checks each delivery with v (a verifier of
// package verify, such as verify.NewSvix for Crossmint and Stytch or
// verify.NewDynamic for Dynamic) and decodes it with parse (a provider package's Parse function, such as crossmint.Parse).
// New panics if v or parse is nil, v included when it is a nil pointer of
// a verifier type (such as the nil *verify.Svix that verify.NewSvix returns
// with its error), since all are programming errors; see [Unverified] for
// deliveries verified earlier.
func New(v verify.Verifier, parse func([]byte) (typedhooks.Event, error), opts ...Option) *Dispatcher {
	if isNil(v) {
		// A nil pointer inside the interface (verify.NewSvix's result when
		// its error was discarded) would pass a plain nil check and panic
		// on the first request instead.
		panic(fmt.Sprintf("dispatch: New called with a nil Verifier (%T); check the error of the verifier's constructor", v))
	}
	if parse == nil {
		panic("dispatch: New called with a nil parse function")
	}
	d := &Dispatcher{
		verifier:   v,
		parse:      parse,
		parseOwned: catalog.Owned(parse),
		cfg: config{
			maxBody:    DefaultMaxBodyBytes,
			store:      NewMemoryStore(),
			namespace:  DefaultNamespace,
			retryAfter: strconv.Itoa(int(DefaultRetryAfter / time.Second)),
		},
		callbacks: map[string][]typedCallback{},
	}
	for _, opt := range opts {
		opt(&d.cfg)
	}
	if d.cfg.fallback == nil {
		d.cfg.fallback = func(ctx context.Context, ev typedhooks.Event) error {
			attrs := []slog.Attr{slog.String("event_type", ev.EventType()), slog.String("go_type", fmt.Sprintf("%T", ev))}
			if del, ok := DeliveryFrom(ctx); ok {
				attrs = append(attrs, slog.String("delivery_id", del.ID))
			}
			d.logger().LogAttrs(ctx, slog.LevelInfo, "dispatch: no callback for event; acknowledged", attrs...)
			return nil
		}
	}
	return d
}

// On registers fn for the events of Go type P, under the type string that
// P's EventType method returns. The callback receives the typed event, with
// no type assertion in user code:
//
//	dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error { ... })
//
// Several callbacks may be registered for one type: they run in
// registration order, and the first error stops the chain (the provider's
// retry runs all of them again, so the later ones would run twice
// otherwise). On returns [ErrRegistrationClosed] once d has started serving,
// and an error for a nil fn.
//
// On also returns an error when d's parse function is a provider package's
// Parse (crossmint.Parse, credentials.Parse, stytch.Parse, dynamic.Parse)
// and P is not one of the types it produces, such as a Stytch event on a
// Crossmint dispatcher: the callback could never run; other parse functions
// are not checked. It returns an error, too, for a P whose zero value
// reports no event type, such as *typedhooks.Unknown (its type is in the
// body, not in the Go type): such a callback could never be looked up. Use
// [Dispatcher.OnType] for a type the provider package does not model yet,
// or [WithFallback] for every event no callback handles.
func On[E any, P interface {
	*E
	typedhooks.Event
}](d *Dispatcher, fn func(context.Context, P) error) error {
	if fn == nil {
		return errors.New("dispatch: On called with a nil callback")
	}
	eventType := P(new(E)).EventType()
	if eventType == "" {
		return fmt.Errorf("dispatch: On: %v reports no event type of its own, so the callback could never run; register by type string with OnType, or take every unhandled event with WithFallback", reflect.TypeFor[P]())
	}
	if ok, _ := catalog.Produces(d.parse, reflect.TypeFor[P]()); !ok {
		return fmt.Errorf("dispatch: On: the dispatcher's parse function never produces %v, so the callback could never run (registered on the wrong provider's dispatcher?)", reflect.TypeFor[P]())
	}
	return d.add(eventType, func(ctx context.Context, ev typedhooks.Event) (bool, error) {
		e, ok := ev.(P)
		if !ok {
			return false, nil
		}
		return true, fn(ctx, e)
	})
}

// OnType registers fn for every event whose EventType is eventType,
// whatever its Go type: the way to handle types that a provider package
// does not model yet (they arrive as *typedhooks.Unknown) or custom types.
// Ordering and errors are as for [On].
func (d *Dispatcher) OnType(eventType string, fn Callback) error {
	if eventType == "" {
		return errors.New("dispatch: OnType called with an empty event type")
	}
	if fn == nil {
		return errors.New("dispatch: OnType called with a nil callback")
	}
	return d.add(eventType, func(ctx context.Context, ev typedhooks.Event) (bool, error) {
		return true, fn(ctx, ev)
	})
}

func (d *Dispatcher) add(eventType string, cb typedCallback) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sealed.Load() {
		return fmt.Errorf("%w: callback for %q", ErrRegistrationClosed, eventType)
	}
	d.callbacks[eventType] = append(d.callbacks[eventType], cb)
	return nil
}

// seal ends registration. Taking the mutex orders every earlier
// registration before the flag; readers that see the flag (an atomic load)
// see the complete table.
func (d *Dispatcher) seal() {
	if d.sealed.Load() {
		return
	}
	d.mu.Lock()
	d.sealed.Store(true)
	d.mu.Unlock()
}

// bodyBuffer is a pooled read buffer; the pool holds pointers so that Put
// does not allocate.
type bodyBuffer struct{ b []byte }

// maxPooledBuffer keeps the occasional large body from pinning its buffer
// in the pool for good: bodies up to 64 KiB are read into pooled buffers,
// with the spare byte readBody adds.
const maxPooledBuffer = 64<<10 + 1

var bufferPool = sync.Pool{New: func() any { return &bodyBuffer{b: make([]byte, 0, 4<<10)} }}

// ServeHTTP handles one webhook delivery: see the package documentation for
// the statuses it answers with. The answer carries no body on success and
// the status text otherwise; error details go to the log, not to the
// sender.
func (d *Dispatcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var start time.Time
	if d.cfg.observer != nil {
		start = time.Now()
	}
	d.seal()
	var res result
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		res.err = fmt.Errorf("%w: %s", ErrMethodNotAllowed, r.Method)
	} else if r.ContentLength > d.cfg.maxBody {
		res.err = fmt.Errorf("%w: Content-Length %d is over the limit of %d bytes", ErrBodyTooLarge, r.ContentLength, d.cfg.maxBody)
	} else {
		var rd io.Reader = http.NoBody
		if r.Body != nil { // only a hand-built request lacks one
			rd = r.Body
			if r.ContentLength < 0 {
				// A body of unknown length: MaxBytesReader also makes
				// net/http close the connection when it runs over. With a
				// Content-Length (checked above) net/http stops the body at
				// that length, and readBody's own limit covers the rest.
				rd = http.MaxBytesReader(w, r.Body, d.cfg.maxBody)
			}
		}
		buf := bufferPool.Get().(*bodyBuffer)
		body, err := readBody(rd, buf.b[:0], r.ContentLength, d.cfg.maxBody)
		if err != nil {
			res.err = bodyError(err, d.cfg.maxBody)
		} else {
			// A body too large for the pool is in an array nothing else
			// uses: a provider's event may keep it instead of a copy.
			res = d.dispatch(r.Context(), r.Header, body, cap(body) > maxPooledBuffer)
		}
		if cap(body) <= maxPooledBuffer {
			buf.b = body[:0]
			bufferPool.Put(buf)
		}
	}
	status := StatusCode(res.err)
	if status == http.StatusOK {
		w.WriteHeader(http.StatusOK)
	} else {
		if status == http.StatusConflict || status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", d.cfg.retryAfter)
		}
		d.logFailure(r.Context(), res)
		http.Error(w, http.StatusText(status), status)
	}
	d.observe(start, res, status)
}

// readBody appends everything r holds to b, and fails with an
// *http.MaxBytesError once it has read more than limit bytes. It grows b by
// hand rather than through bytes.Buffer so that a pooled slice of the right
// size serves every request without copying.
func readBody(r io.Reader, b []byte, contentLength, limit int64) ([]byte, error) {
	if contentLength > 0 && int64(cap(b)) <= contentLength {
		// One spare byte lets the final read see EOF without growing.
		b = make([]byte, 0, contentLength+1)
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return b, &http.MaxBytesError{Limit: limit}
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

func bodyError(err error, limit int64) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return fmt.Errorf("%w: over the limit of %d bytes", ErrBodyTooLarge, limit)
	}
	return fmt.Errorf("%w: reading the body: %w", ErrMalformed, err)
}

// Dispatch verifies, parses and de-duplicates one delivery and runs its
// callbacks, as ServeHTTP does, without HTTP: for deliveries read from a
// queue or replayed from storage. header must hold the signing headers
// under their canonical names (as net/http and http.Header.Set produce).
//
// It returns nil when the callbacks succeeded, when no callback was
// registered for the event (the fallback ran), and for a delivery already
// handled. Otherwise the error wraps one of [ErrBodyTooLarge] (the body is
// over the dispatcher's limit), [ErrVerification], [ErrMalformed],
// [ErrCallback], [ErrInFlight], [ErrStore] or [ErrInternal]; use
// [Retryable] to decide whether to try again and [StatusCode] to answer
// over HTTP. body is not retained after Dispatch returns.
func (d *Dispatcher) Dispatch(ctx context.Context, header http.Header, body []byte) error {
	var start time.Time
	if d.cfg.observer != nil {
		start = time.Now()
	}
	d.seal()
	var res result
	if int64(len(body)) > d.cfg.maxBody {
		res.err = fmt.Errorf("%w: %d bytes, over the limit of %d bytes", ErrBodyTooLarge, len(body), d.cfg.maxBody)
	} else {
		res = d.dispatch(ctx, header, body, false)
	}
	if res.err != nil {
		d.logFailure(ctx, res)
	}
	d.observe(start, res, StatusCode(res.err))
	return res.err
}

// result is what one delivery came to, for the answer, the log and the
// observer.
type result struct {
	eventType string
	id        string
	err       error
	duplicate bool
	handled   bool
}

// dispatch is what ServeHTTP and Dispatch share. owned says that body is in
// a buffer of its own that nothing will reuse, so the event may keep it.
func (d *Dispatcher) dispatch(ctx context.Context, h http.Header, body []byte, owned bool) (res result) {
	signed, err := d.verify(h, body)
	if err != nil {
		res.err = err
		return res
	}
	parse := d.parse
	if owned && d.parseOwned != nil {
		parse = d.parseOwned
	}
	ev, err := d.parseSafely(parse, body)
	if err != nil {
		if errors.Is(err, ErrInternal) {
			res.err = err
			return res
		}
		res.err = fmt.Errorf("%w: %w", ErrMalformed, err)
		return res
	}
	if ev == nil {
		res.err = fmt.Errorf("%w: the parse function returned no event", ErrMalformed)
		return res
	}

	dc := &deliveryContext{Context: ctx}
	dc.d.fill(signed, h, body, ev, d.cfg.attemptHeader)
	if dc.d.ID == "" && signsBodyOnly(d.verifier, signed) {
		dc.d.ID = bodyKey(body)
	}
	return d.handle(dc, ev)
}

// verify runs the verifier, recovering a panic (a verifier built from a
// discarded error, a bug in a custom one) into an error wrapping
// [ErrInternal], so that it never takes the server down.
func (d *Dispatcher) verify(h http.Header, body []byte) (signed verify.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			signed, err = verify.Result{}, fmt.Errorf("%w: the verifier (%T) panicked: %w", ErrInternal, d.verifier, &PanicError{Value: p, Stack: debug.Stack()})
		}
	}()
	if rv, ok := d.verifier.(verify.ResultVerifier); ok {
		signed, err = rv.VerifyResult(h, body)
	} else {
		err = d.verifier.Verify(h, body)
	}
	if err != nil {
		return verify.Result{}, fmt.Errorf("%w: %w", ErrVerification, err)
	}
	return signed, nil
}

// parseSafely runs parse, recovering a panic like verify does.
func (d *Dispatcher) parseSafely(parse func([]byte) (typedhooks.Event, error), body []byte) (ev typedhooks.Event, err error) {
	defer func() {
		if p := recover(); p != nil {
			ev, err = nil, fmt.Errorf("%w: the parse function panicked: %w", ErrInternal, &PanicError{Value: p, Stack: debug.Stack()})
		}
	}()
	return parse(body)
}

// Deliver runs the callbacks registered for ev, an event that comes from a
// trusted source rather than from a signed request: the result of a status
// API the service polled with its own credentials (see crossmint's action
// status client), or an event read back from storage this service owns. It
// skips verification and parsing, and is otherwise what [Dispatcher.Dispatch]
// does: the same callbacks and fallback, the same idempotency store and
// namespace, the same error sentinels ([ErrCallback], [ErrInFlight],
// [ErrStore], [ErrMalformed]), observer and logging.
//
// The de-duplication key is the event's own key: ev must implement
// typedhooks.IdempotencyKeyer. Since a webhook for the same event is keyed
// the same way (see [Delivery].ID), an event that arrives both by webhook and
// through Deliver, in either order and on any replica sharing the store, runs
// the callbacks once. An event without a key (it does not implement
// typedhooks.IdempotencyKeyer, or returns "") is refused with an error
// wrapping [ErrMalformed] and runs no callback, because nothing could
// recognise it when it comes again; only a dispatcher built with
// WithStore(nil), which de-duplicates nothing, runs it. A key longer than
// [MaxIDBytes] is refused the same way. A nil ev is refused too.
//
// In the callbacks' [Delivery], ID is the event's key, Header and Body are
// nil, Timestamp is zero and Redelivery comes from the event
// (typedhooks.Redeliverer). Deliver returns nil when the callbacks succeeded,
// when the fallback ran, and when the event was handled before.
func (d *Dispatcher) Deliver(ctx context.Context, ev typedhooks.Event) error {
	var start time.Time
	if d.cfg.observer != nil {
		start = time.Now()
	}
	d.seal()
	var res result
	if isNil(ev) {
		res.err = fmt.Errorf("%w: Deliver called with a nil event", ErrMalformed)
	} else {
		dc := &deliveryContext{Context: ctx}
		dc.d.fillEvent(ev)
		if dc.d.ID == "" && d.cfg.store != nil {
			res.eventType = dc.d.EventType
			res.err = fmt.Errorf("%w: Deliver: event %s (%T) carries no idempotency key, so it could run twice", ErrMalformed, dc.d.EventType, ev)
		} else {
			res = d.handle(dc, ev)
		}
	}
	if res.err != nil {
		d.logFailure(ctx, res)
	}
	d.observe(start, res, StatusCode(res.err))
	return res.err
}

// isNil reports whether v is nil or a nil pointer, map, function, slice or
// channel inside a non-nil interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Slice, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return rv.IsNil()
	}
	return false
}

// handle de-duplicates one parsed (or trusted) event and runs its
// callbacks; dc carries its delivery metadata.
func (d *Dispatcher) handle(dc *deliveryContext, ev typedhooks.Event) (res result) {
	ctx := dc.Context
	res.eventType, res.id = dc.d.EventType, dc.d.ID
	if len(dc.d.ID) > MaxIDBytes {
		res.id = dc.d.ID[:64] + "..."
		res.err = fmt.Errorf("%w: delivery id of %d bytes, over the limit of %d", ErrMalformed, len(dc.d.ID), MaxIDBytes)
		return res
	}

	store := d.cfg.store
	if store == nil || dc.d.ID == "" {
		res.handled, res.err = d.run(dc, ev)
		return res
	}

	key := d.cfg.namespace + ":" + dc.d.ID
	status, token, err := store.Claim(ctx, key)
	switch {
	case err != nil:
		res.err = fmt.Errorf("%w: claim %q: %w", ErrStore, key, err)
		return res
	case status == AlreadyDone:
		res.duplicate = true
		d.logger().LogAttrs(ctx, slog.LevelDebug, "dispatch: duplicate delivery acknowledged",
			slog.String("namespace", d.cfg.namespace), slog.String("delivery_id", res.id), slog.String("event_type", res.eventType))
		return res
	case status == InFlight:
		res.err = fmt.Errorf("%w: %q", ErrInFlight, key)
		return res
	case status != Claimed:
		res.err = fmt.Errorf("%w: claim %q: unknown claim status %d", ErrStore, key, status)
		return res
	}

	res.handled, res.err = d.run(dc, ev)

	// The outcome of the callbacks is settled; recording it must not fail
	// because the sender hung up.
	bg := context.WithoutCancel(ctx)
	if res.err == nil {
		if err := store.Complete(bg, key, token); err != nil {
			// The callbacks ran: answering 503 would make the provider
			// deliver again and run them twice once the claim expires.
			d.logger().LogAttrs(ctx, slog.LevelError, "dispatch: could not mark delivery done; a retry may run it again",
				slog.String("key", key), slog.Any("error", err))
		}
	} else if err := store.Release(bg, key, token); err != nil {
		d.logger().LogAttrs(ctx, slog.LevelError, "dispatch: could not release failed delivery; retries get 409 until the claim expires",
			slog.String("key", key), slog.Any("error", err))
	}
	return res
}

// run calls the callbacks registered for the event's type, in order, or the
// fallback when none of them takes the event.
func (d *Dispatcher) run(ctx *deliveryContext, ev typedhooks.Event) (handled bool, err error) {
	for _, cb := range d.callbacks[ctx.d.EventType] {
		took, err := callSafely(ctx, cb, ev)
		handled = handled || took
		if err != nil {
			return handled, fmt.Errorf("%w: %s: %w", ErrCallback, ctx.d.EventType, err)
		}
	}
	if handled {
		return true, nil
	}
	fallback := d.cfg.fallback
	if _, err := callSafely(ctx, func(ctx context.Context, ev typedhooks.Event) (bool, error) {
		return true, fallback(ctx, ev)
	}, ev); err != nil {
		return false, fmt.Errorf("%w: fallback for %s: %w", ErrCallback, ctx.d.EventType, err)
	}
	return false, nil
}

// PanicError is wrapped by the error of a delivery whose callback panicked.
// The panic is recovered so that one bad event does not take the server
// down, and the provider retries the delivery (500).
type PanicError struct {
	// Value is what the callback passed to panic.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

// Error reports the panic value; the stack is logged separately.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

func callSafely(ctx context.Context, cb typedCallback, ev typedhooks.Event) (handled bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			handled, err = true, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return cb(ctx, ev)
}

func (d *Dispatcher) logger() *slog.Logger {
	if d.cfg.logger != nil {
		return d.cfg.logger
	}
	return slog.Default()
}

func (d *Dispatcher) logFailure(ctx context.Context, res result) {
	c := classify(res.err)
	attrs := make([]slog.Attr, 0, 5)
	attrs = append(attrs, slog.String("namespace", d.cfg.namespace), slog.Any("error", res.err))
	if res.eventType != "" {
		attrs = append(attrs, slog.String("event_type", res.eventType))
	}
	if res.id != "" {
		attrs = append(attrs, slog.String("delivery_id", res.id))
	}
	if pe, ok := errors.AsType[*PanicError](res.err); ok {
		attrs = append(attrs, slog.String("stack", string(pe.Stack)))
	}
	d.logger().LogAttrs(ctx, c.level, "dispatch: delivery failed", attrs...)
}

func (d *Dispatcher) observe(start time.Time, res result, status int) {
	if d.cfg.observer == nil {
		return
	}
	d.cfg.observer(Outcome{
		Namespace:  d.cfg.namespace,
		EventType:  res.eventType,
		DeliveryID: res.id,
		Status:     status,
		Err:        res.err,
		Duration:   time.Since(start),
		Duplicate:  res.duplicate,
		Handled:    res.handled,
	})
}
