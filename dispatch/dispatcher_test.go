package dispatch_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
)

// TestServeHTTP_StatusTable walks every row of the status table in the
// package documentation: the status, whether the body was parsed, and how
// many times the callback ran.
func TestServeHTTP_StatusTable(t *testing.T) {
	errBoom := errors.New("boom")
	stale := func() *http.Request {
		r := signedRequest("msg_stale", createdBody)
		old := time.Now().Add(-10 * time.Minute)
		r.Header.Set("Svix-Timestamp", strconv.FormatInt(old.Unix(), 10))
		r.Header.Set("Test-Signature", testSignature("msg_stale", old, []byte(createdBody)))
		return r
	}
	big := `{"type":"things.create.succeeded","name":"` + strings.Repeat("x", 2048) + `"}`

	tests := []struct {
		name      string
		opts      []dispatch.Option
		callback  func(context.Context, *thingCreated) error
		prepare   func(t *testing.T, d *dispatch.Dispatcher) // runs before the request
		request   func() *http.Request
		status    int
		parsed    bool
		callbacks int64
		header    map[string]string
	}{
		{
			name:      "handled",
			request:   func() *http.Request { return signedRequest("msg_1", createdBody) },
			status:    http.StatusOK,
			parsed:    true,
			callbacks: 1,
		},
		{
			name:    "no callback for the type",
			request: func() *http.Request { return signedRequest("msg_1", deletedBody) },
			status:  http.StatusOK,
			parsed:  true,
		},
		{
			name: "missing signature",
			request: func() *http.Request {
				r := signedRequest("msg_1", createdBody)
				r.Header.Del("Test-Signature")
				return r
			},
			status: http.StatusUnauthorized,
		},
		{
			name: "bad signature",
			request: func() *http.Request {
				r := signedRequest("msg_1", createdBody)
				r.Header.Set("Svix-Id", "msg_other")
				return r
			},
			status: http.StatusUnauthorized,
		},
		{
			name:    "stale timestamp",
			request: stale,
			status:  http.StatusUnauthorized,
		},
		{
			name:    "body over the limit, with Content-Length",
			opts:    []dispatch.Option{dispatch.WithMaxBodyBytes(1024)},
			request: func() *http.Request { return signedRequest("msg_1", big) },
			status:  http.StatusRequestEntityTooLarge,
		},
		{
			name: "body over the limit, chunked",
			opts: []dispatch.Option{dispatch.WithMaxBodyBytes(1024)},
			request: func() *http.Request {
				r := signedRequest("msg_1", big)
				r.ContentLength = -1
				return r
			},
			status: http.StatusRequestEntityTooLarge,
		},
		{
			// Only a hand-built request can understate its length:
			// net/http stops a served body at its Content-Length.
			name: "body over the limit, Content-Length understated",
			opts: []dispatch.Option{dispatch.WithMaxBodyBytes(1024)},
			request: func() *http.Request {
				r := signedRequest("msg_1", big)
				r.ContentLength = 10
				return r
			},
			status: http.StatusRequestEntityTooLarge,
		},
		{
			name:      "body at the limit",
			opts:      []dispatch.Option{dispatch.WithMaxBodyBytes(int64(len(big)))},
			request:   func() *http.Request { return signedRequest("msg_1", big) },
			status:    http.StatusOK,
			parsed:    true,
			callbacks: 1,
		},
		{
			name:    "not a JSON object",
			request: func() *http.Request { return signedRequest("msg_1", `["things.create.succeeded"]`) },
			status:  http.StatusBadRequest,
			parsed:  true,
		},
		{
			name:    "no event type",
			request: func() *http.Request { return signedRequest("msg_1", `{"id":7}`) },
			status:  http.StatusBadRequest,
			parsed:  true,
		},
		{
			name:      "callback returned an error",
			callback:  func(context.Context, *thingCreated) error { return errBoom },
			request:   func() *http.Request { return signedRequest("msg_1", createdBody) },
			status:    http.StatusInternalServerError,
			parsed:    true,
			callbacks: 1,
		},
		{
			name:      "callback panicked",
			callback:  func(context.Context, *thingCreated) error { panic("kaboom") },
			request:   func() *http.Request { return signedRequest("msg_1", createdBody) },
			status:    http.StatusInternalServerError,
			parsed:    true,
			callbacks: 1,
		},
		{
			name:    "method other than POST",
			request: func() *http.Request { return httptest.NewRequest(http.MethodGet, "/webhooks/test", nil) },
			status:  http.StatusMethodNotAllowed,
			header:  map[string]string{"Allow": "POST"},
		},
		{
			name: "same delivery id already handled",
			prepare: func(t *testing.T, d *dispatch.Dispatcher) {
				require.NoError(t, d.Dispatch(context.Background(), signedHeader("msg_1", []byte(createdBody)), []byte(createdBody)))
			},
			request:   func() *http.Request { return signedRequest("msg_1", createdBody) },
			status:    http.StatusOK,
			parsed:    true,
			callbacks: 1, // from prepare, not from the request
		},
		{
			name: "same delivery id being handled elsewhere",
			opts: func() []dispatch.Option {
				s := dispatch.NewMemoryStore()
				_, _, err := s.Claim(context.Background(), "test:msg_1")
				if err != nil {
					panic(err)
				}
				return []dispatch.Option{dispatch.WithStore(s), dispatch.WithNamespace("test"), dispatch.WithRetryAfter(1500 * time.Millisecond)}
			}(),
			request: func() *http.Request { return signedRequest("msg_1", createdBody) },
			status:  http.StatusConflict,
			parsed:  true,
			header:  map[string]string{"Retry-After": "2"},
		},
		{
			name:    "idempotency store error",
			opts:    []dispatch.Option{dispatch.WithStore(&failingStore{claimErr: errors.New("redis down")})},
			request: func() *http.Request { return signedRequest("msg_1", createdBody) },
			status:  http.StatusServiceUnavailable,
			parsed:  true,
			header:  map[string]string{"Retry-After": "5"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parse countingParse
			logger, _ := newTestLogger()
			d := dispatch.New(testVerifier, parse.Parse, append([]dispatch.Option{dispatch.WithLogger(logger)}, tt.opts...)...)
			var calls atomic.Int64
			cb := tt.callback
			if cb == nil {
				cb = func(context.Context, *thingCreated) error { return nil }
			}
			require.NoError(t, dispatch.On(d, func(ctx context.Context, e *thingCreated) error {
				calls.Add(1)
				return cb(ctx, e)
			}))
			if tt.prepare != nil {
				tt.prepare(t, d)
				parse.n.Store(0)
			}

			w := serve(d, tt.request())

			assert.Equal(t, tt.status, w.Code, "body: %s", w.Body)
			assert.Equal(t, tt.parsed, parse.n.Load() > 0, "parsed")
			assert.Equal(t, tt.callbacks, calls.Load(), "callback runs")
			for k, v := range tt.header {
				assert.Equal(t, v, w.Header().Get(k), k)
			}
			if tt.status != http.StatusOK {
				assert.Equal(t, http.StatusText(tt.status)+"\n", w.Body.String(), "no error details go to the sender")
			}
		})
	}
}

func TestServeHTTP_ConcurrentDuplicatesRunOnce(t *testing.T) {
	const senders = 50
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))

	var calls atomic.Int64
	var others sync.WaitGroup // the senders that do not run the callback
	failFirst := true
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error {
		n := calls.Add(1)
		if n == 1 {
			// Hold the claim until every other sender has its answer, so
			// that all of them meet the claim in flight.
			others.Wait()
			if failFirst {
				return errors.New("first attempt fails")
			}
		}
		return nil
	}))

	post := func() int { return serve(d, signedRequest("msg_dup", createdBody)).Code }
	var (
		mu     sync.Mutex
		counts = map[int]int{}
	)
	var all sync.WaitGroup
	others.Add(senders - 1)
	for range senders {
		all.Go(func() {
			code := post()
			mu.Lock()
			counts[code]++
			mu.Unlock()
			if code != http.StatusInternalServerError {
				others.Done()
			}
		})
	}
	all.Wait()

	assert.Equal(t, int64(1), calls.Load(), "the callback ran exactly once")
	assert.Equal(t, map[int]int{http.StatusInternalServerError: 1, http.StatusConflict: senders - 1}, counts)

	// The failed delivery was released: the provider's retry runs it once
	// more, and every later duplicate is acknowledged without running it.
	assert.Equal(t, http.StatusOK, post())
	assert.Equal(t, int64(2), calls.Load())

	clear(counts)
	for range senders {
		all.Go(func() {
			code := post()
			mu.Lock()
			counts[code]++
			mu.Unlock()
		})
	}
	all.Wait()
	assert.Equal(t, int64(2), calls.Load(), "duplicates after success do not run")
	assert.Equal(t, map[int]int{http.StatusOK: senders}, counts)
}

func TestServeHTTP_ConcurrentDuplicatesGet200Or409(t *testing.T) {
	const senders = 50
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
	var calls atomic.Int64
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error {
		calls.Add(1)
		time.Sleep(5 * time.Millisecond)
		return nil
	}))
	var wg sync.WaitGroup
	codes := make([]int, senders)
	for i := range senders {
		wg.Go(func() { codes[i] = serve(d, signedRequest("msg_race", createdBody)).Code })
	}
	wg.Wait()
	assert.Equal(t, int64(1), calls.Load())
	for _, c := range codes {
		assert.Contains(t, []int{http.StatusOK, http.StatusConflict}, c)
	}
}

func TestServeHTTP_PanicIsRecoveredAndLoggedWithStack(t *testing.T) {
	logger, logs := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error {
		var m map[string]int
		m["nil map"]++ // a real runtime panic
		return nil
	}))
	w := serve(d, signedRequest("msg_panic", createdBody))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	out := logs.String()
	assert.Contains(t, out, "level=ERROR")
	assert.Contains(t, out, "assignment to entry in nil map")
	assert.Contains(t, out, "stack=")
	assert.Contains(t, out, "dispatcher_test.go", "the stack points at the callback")
	assert.Contains(t, out, "delivery_id=msg_panic")

	err := d.Dispatch(context.Background(), signedHeader("msg_panic2", []byte(createdBody)), []byte(createdBody))
	require.ErrorIs(t, err, dispatch.ErrCallback)
	pe, ok := errors.AsType[*dispatch.PanicError](err)
	require.True(t, ok, "the error carries the panic: %v", err)
	assert.NotEmpty(t, pe.Stack)
}

func TestRegistrationAfterServingFails(t *testing.T) {
	start := map[string]func(d *dispatch.Dispatcher){
		"ServeHTTP": func(d *dispatch.Dispatcher) { serve(d, signedRequest("msg_1", createdBody)) },
		"Dispatch": func(d *dispatch.Dispatcher) {
			_ = d.Dispatch(context.Background(), signedHeader("msg_1", []byte(createdBody)), []byte(createdBody))
		},
		"rejected request": func(d *dispatch.Dispatcher) {
			serve(d, httptest.NewRequest(http.MethodGet, "/", nil))
		},
	}
	for name, serveOnce := range start {
		t.Run(name, func(t *testing.T) {
			logger, _ := newTestLogger()
			d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
			require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { return nil }))
			serveOnce(d)
			err := dispatch.On(d, func(context.Context, *thingDeleted) error { return nil })
			assert.ErrorIs(t, err, dispatch.ErrRegistrationClosed)
			assert.ErrorIs(t, d.OnType("x", func(context.Context, typedhooks.Event) error { return nil }), dispatch.ErrRegistrationClosed)
		})
	}
}

// TestRegistrationRacingServing registers from many goroutines while
// requests arrive; under -race it shows that sealing is race-free, and each
// registration either lands before serving or fails cleanly.
func TestRegistrationRacingServing(t *testing.T) {
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithStore(nil))
	var ran atomic.Int64
	var wg sync.WaitGroup
	var accepted, refused atomic.Int64
	for range 20 {
		wg.Go(func() {
			err := dispatch.On(d, func(context.Context, *thingCreated) error { ran.Add(1); return nil })
			if err == nil {
				accepted.Add(1)
			} else {
				assert.ErrorIs(t, err, dispatch.ErrRegistrationClosed)
				refused.Add(1)
			}
		})
		wg.Go(func() { serve(d, signedRequest("msg_1", createdBody)) })
	}
	wg.Wait()
	assert.Equal(t, int64(20), accepted.Load()+refused.Load())
	ran.Store(0)
	require.Equal(t, http.StatusOK, serve(d, signedRequest("msg_2", createdBody)).Code)
	assert.Equal(t, accepted.Load(), ran.Load(), "every accepted callback runs")
}

func TestDeliveryFrom(t *testing.T) {
	type seen struct {
		d  dispatch.Delivery
		ok bool
	}
	run := func(t *testing.T, opts []dispatch.Option, header http.Header, body string) seen {
		t.Helper()
		logger, _ := newTestLogger()
		var got seen
		cb := func(ctx context.Context, _ typedhooks.Event) error {
			d, ok := dispatch.DeliveryFrom(ctx)
			got.ok = ok
			if ok {
				got.d = *d
				got.d.Body = append([]byte(nil), d.Body...) // valid only during the callback
			}
			return nil
		}
		d := dispatch.New(dispatch.Unverified(), testRegistry.Parse, append(opts, dispatch.WithLogger(logger), dispatch.WithFallback(cb))...)
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header = header
		require.Equal(t, http.StatusOK, serve(d, r).Code)
		require.True(t, got.ok, "the callback's context carries the delivery")
		return got
	}

	t.Run("svix headers", func(t *testing.T) {
		h := signedHeader("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", []byte(createdBody))
		h.Set("Svix-Timestamp", "1700000000")
		got := run(t, nil, h, createdBody)
		assert.Equal(t, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", got.d.ID)
		assert.Equal(t, time.Unix(1700000000, 0), got.d.Timestamp)
		assert.Equal(t, "things.create.succeeded", got.d.EventType)
		assert.Equal(t, createdBody, string(got.d.Body))
		assert.Equal(t, "application/json", got.d.Header.Get("Content-Type"))
		assert.False(t, got.d.Redelivery)
	})
	t.Run("standard webhooks headers", func(t *testing.T) {
		h := http.Header{}
		h.Set("webhook-id", "msg_std")
		h.Set("webhook-timestamp", "1700000001")
		got := run(t, nil, h, deletedBody)
		assert.Equal(t, "msg_std", got.d.ID)
		assert.Equal(t, time.Unix(1700000001, 0), got.d.Timestamp)
		assert.Equal(t, "things.delete.succeeded", got.d.EventType)
	})
	t.Run("id and redelivery from the body", func(t *testing.T) {
		got := run(t, nil, http.Header{}, `{"type":"keyed.event","messageId":"5a2a5360","redelivery":true}`)
		assert.Equal(t, "5a2a5360", got.d.ID)
		assert.True(t, got.d.Redelivery)
		assert.True(t, got.d.Timestamp.IsZero())
	})
	t.Run("the body's key wins over the transport id", func(t *testing.T) {
		h := http.Header{}
		h.Set("Svix-Id", "msg_header")
		got := run(t, nil, h, `{"type":"keyed.event","messageId":"5a2a5360"}`)
		assert.Equal(t, "5a2a5360", got.d.ID)
		assert.Equal(t, "msg_header", got.d.TransportID, "Unverified trusts the id header it is given")
		assert.False(t, got.d.Redelivery)
	})
	t.Run("Unverified reads one header set", func(t *testing.T) {
		h := http.Header{}
		h.Set("Svix-Timestamp", "1700000000")
		h.Set("Webhook-Id", "msg_std")
		h.Set("Webhook-Timestamp", "1700000001")
		got := run(t, nil, h, createdBody)
		assert.Equal(t, "msg_std", got.d.ID)
		assert.Equal(t, time.Unix(1700000001, 0), got.d.Timestamp, "the timestamp of the set the id came from")
	})
	t.Run("attempt header", func(t *testing.T) {
		h := http.Header{}
		h.Set("X-Attempt-Number", "2")
		got := run(t, []dispatch.Option{dispatch.WithAttemptHeader("x-attempt-number")}, h, createdBody)
		assert.True(t, got.d.Redelivery)
		h.Set("X-Attempt-Number", "1")
		got = run(t, []dispatch.Option{dispatch.WithAttemptHeader("x-attempt-number")}, h, createdBody)
		assert.False(t, got.d.Redelivery)
	})
	t.Run("unparseable timestamp", func(t *testing.T) {
		h := http.Header{}
		h.Set("Svix-Timestamp", "yesterday")
		got := run(t, nil, h, createdBody)
		assert.True(t, got.d.Timestamp.IsZero())
		assert.Empty(t, got.d.ID)
	})

	_, ok := dispatch.DeliveryFrom(context.Background())
	assert.False(t, ok)
}

func TestDeliveryContextPassesParentValuesAndCancellation(t *testing.T) {
	type key struct{}
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "parent value"))
	require.NoError(t, dispatch.On(d, func(ctx context.Context, _ *thingCreated) error {
		assert.Equal(t, "parent value", ctx.Value(key{}))
		cancel()
		<-ctx.Done()
		return ctx.Err()
	}))
	err := d.Dispatch(ctx, signedHeader("msg_ctx", []byte(createdBody)), []byte(createdBody))
	require.ErrorIs(t, err, dispatch.ErrCallback)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestDispatch_WithoutHTTP(t *testing.T) {
	errBoom := errors.New("boom")
	logger, _ := newTestLogger()
	store := &failingStore{IdempotencyStore: dispatch.NewMemoryStore()}
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithStore(store), dispatch.WithMaxBodyBytes(256))
	var got []string
	require.NoError(t, dispatch.On(d, func(_ context.Context, e *thingCreated) error {
		got = append(got, e.Name)
		if e.Name == "fail" {
			return errBoom
		}
		return nil
	}))
	body := func(name string) []byte {
		return []byte(`{"type":"things.create.succeeded","id":1,"name":"` + name + `"}`)
	}
	sign := func(id string, b []byte) http.Header { return signedHeader(id, b) }

	tests := []struct {
		name      string
		header    http.Header
		body      []byte
		want      error
		retryable bool
		status    int
	}{
		{"handled", sign("q1", body("ok")), body("ok"), nil, false, 200},
		{"duplicate", sign("q1", body("ok")), body("ok"), nil, false, 200},
		{"bad signature", sign("q2", body("ok")), body("tampered"), dispatch.ErrVerification, false, 401},
		{"malformed", sign("q3", []byte(`{"id":1}`)), []byte(`{"id":1}`), dispatch.ErrMalformed, false, 400},
		{"too large", nil, []byte(strings.Repeat(" ", 300)), dispatch.ErrBodyTooLarge, false, 413},
		{"callback error", sign("q4", body("fail")), body("fail"), dispatch.ErrCallback, true, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := d.Dispatch(context.Background(), tt.header, tt.body)
			if tt.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.want)
			}
			assert.Equal(t, tt.retryable, dispatch.Retryable(err))
			assert.Equal(t, tt.status, dispatch.StatusCode(err))
		})
	}
	assert.Equal(t, []string{"ok", "fail"}, got, "the duplicate did not run")
	err := d.Dispatch(context.Background(), sign("q4", body("fail")), body("fail"))
	assert.ErrorIs(t, err, errBoom, "the callback's own error is wrapped")
	assert.ErrorIs(t, d.Dispatch(context.Background(), sign("q2", body("ok")), body("tampered")), errBadSignature, "the verifier's error is wrapped")

	store.claimErr = errors.New("redis down")
	err = d.Dispatch(context.Background(), sign("q5", body("ok")), body("ok"))
	require.ErrorIs(t, err, dispatch.ErrStore)
	assert.True(t, dispatch.Retryable(err))
	assert.Equal(t, http.StatusServiceUnavailable, dispatch.StatusCode(err))
}

func TestStatusCodeAndRetryable(t *testing.T) {
	tests := []struct {
		err       error
		status    int
		retryable bool
	}{
		{nil, 200, false},
		{dispatch.ErrVerification, 401, false},
		{dispatch.ErrBodyTooLarge, 413, false},
		{dispatch.ErrMalformed, 400, false},
		{dispatch.ErrMethodNotAllowed, 405, false},
		{dispatch.ErrInFlight, 409, true},
		{dispatch.ErrStore, 503, true},
		{dispatch.ErrCallback, 500, true},
		{errors.New("something else"), 500, true},
	}
	for _, tt := range tests {
		wrapped := tt.err
		if tt.err != nil {
			wrapped = errors.Join(errors.New("context"), tt.err)
		}
		assert.Equal(t, tt.status, dispatch.StatusCode(wrapped), "%v", tt.err)
		assert.Equal(t, tt.retryable, dispatch.Retryable(wrapped), "%v", tt.err)
	}
}

func TestFallback(t *testing.T) {
	t.Run("default acknowledges and logs at Info", func(t *testing.T) {
		logger, logs := newTestLogger()
		d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
		assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_f1", unknownBody)).Code)
		assert.Contains(t, logs.String(), "level=INFO")
		assert.Contains(t, logs.String(), "event_type=things.teleport.succeeded")
		assert.Contains(t, logs.String(), "delivery_id=msg_f1")
	})
	t.Run("custom fallback gets unregistered and mismatched events", func(t *testing.T) {
		logger, _ := newTestLogger()
		var got []string
		d := dispatch.New(testVerifier, func(b []byte) (typedhooks.Event, error) {
			ev, err := testRegistry.Parse(b)
			if c, ok := ev.(*thingCreated); ok && c.Name == "as unknown" {
				// A parser that does not know the type hands it over raw.
				return &typedhooks.Unknown{Type: c.EventType(), Raw: b}, nil
			}
			return ev, err
		}, dispatch.WithLogger(logger), dispatch.WithFallback(func(_ context.Context, ev typedhooks.Event) error {
			got = append(got, ev.EventType()+" "+strings.TrimPrefix(fmt.Sprintf("%T", ev), "*"))
			return nil
		}))
		var typed int
		require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { typed++; return nil }))
		assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_f2", unknownBody)).Code)
		assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_f3", deletedBody)).Code)
		mismatched := `{"type":"things.create.succeeded","name":"as unknown"}`
		assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_f4", mismatched)).Code)
		assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_f5", createdBody)).Code)
		assert.Equal(t, []string{
			"things.teleport.succeeded typedhooks.Unknown",
			"things.delete.succeeded dispatch_test.thingDeleted",
			"things.create.succeeded typedhooks.Unknown",
		}, got)
		assert.Equal(t, 1, typed)
	})
	t.Run("failing fallback fails the delivery", func(t *testing.T) {
		logger, _ := newTestLogger()
		d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger),
			dispatch.WithFallback(func(context.Context, typedhooks.Event) error { return errors.New("no") }))
		assert.Equal(t, http.StatusInternalServerError, serve(d, signedRequest("msg_f6", unknownBody)).Code)
	})
}

func TestOnType(t *testing.T) {
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
	var order []string
	require.NoError(t, d.OnType("things.teleport.succeeded", func(_ context.Context, ev typedhooks.Event) error {
		u, ok := ev.(*typedhooks.Unknown)
		require.True(t, ok, "an unregistered type arrives as Unknown, got %T", ev)
		assert.JSONEq(t, unknownBody, string(u.Raw))
		order = append(order, "teleport")
		return nil
	}))
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { order = append(order, "typed 1"); return nil }))
	require.NoError(t, d.OnType("things.create.succeeded", func(_ context.Context, ev typedhooks.Event) error {
		_, ok := ev.(*thingCreated)
		assert.True(t, ok, "OnType receives the typed event too")
		order = append(order, "by type")
		return nil
	}))
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { order = append(order, "typed 2"); return nil }))

	assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_t1", unknownBody)).Code)
	assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_t2", createdBody)).Code)
	assert.Equal(t, []string{"teleport", "typed 1", "by type", "typed 2"}, order, "all callbacks run, in registration order")
}

func TestFirstCallbackErrorStopsTheChain(t *testing.T) {
	logger, _ := newTestLogger()
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
	var order []string
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { order = append(order, "1"); return nil }))
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { order = append(order, "2"); return errors.New("2 fails") }))
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { order = append(order, "3"); return nil }))
	err := d.Dispatch(context.Background(), signedHeader("msg_c", []byte(createdBody)), []byte(createdBody))
	require.ErrorIs(t, err, dispatch.ErrCallback)
	assert.Contains(t, err.Error(), "2 fails")
	assert.Equal(t, []string{"1", "2"}, order)
}

func TestRegistrationErrors(t *testing.T) {
	d := dispatch.New(testVerifier, testRegistry.Parse)
	assert.Error(t, dispatch.On[thingCreated](d, nil))
	assert.Error(t, d.OnType("", func(context.Context, typedhooks.Event) error { return nil }))
	assert.Error(t, d.OnType("x", nil))
	assert.Panics(t, func() { dispatch.New(nil, testRegistry.Parse) })
	assert.Panics(t, func() { dispatch.New(testVerifier, nil) })
	assert.Panics(t, func() { dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithMaxBodyBytes(0)) })
	assert.Panics(t, func() { dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithRetryAfter(-time.Second)) })
}

func TestObserver(t *testing.T) {
	logger, _ := newTestLogger()
	var outcomes []dispatch.Outcome
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithNamespace("things"),
		dispatch.WithObserver(func(o dispatch.Outcome) { outcomes = append(outcomes, o) }))
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { time.Sleep(time.Millisecond); return nil }))

	serve(d, signedRequest("msg_o1", createdBody))
	serve(d, signedRequest("msg_o1", createdBody))
	serve(d, signedRequest("msg_o2", unknownBody))
	r := signedRequest("msg_o3", createdBody)
	r.Header.Set("Test-Signature", "forged")
	serve(d, r)

	require.Len(t, outcomes, 4)
	first := outcomes[0]
	assert.Equal(t, "things", first.Namespace)
	assert.Equal(t, "things.create.succeeded", first.EventType)
	assert.Equal(t, "msg_o1", first.DeliveryID)
	assert.Equal(t, 200, first.Status)
	assert.NoError(t, first.Err)
	assert.True(t, first.Handled)
	assert.False(t, first.Duplicate)
	assert.GreaterOrEqual(t, first.Duration, time.Millisecond)

	assert.True(t, outcomes[1].Duplicate)
	assert.False(t, outcomes[1].Handled)
	assert.Equal(t, 200, outcomes[1].Status)

	assert.False(t, outcomes[2].Handled, "the fallback took it")
	assert.Equal(t, "things.teleport.succeeded", outcomes[2].EventType)

	assert.Equal(t, 401, outcomes[3].Status)
	assert.ErrorIs(t, outcomes[3].Err, dispatch.ErrVerification)
	assert.Empty(t, outcomes[3].EventType, "not parsed")
}

func TestDeduplicationScope(t *testing.T) {
	logger, _ := newTestLogger()
	t.Run("deliveries without an id run every time", func(t *testing.T) {
		d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger))
		var calls int
		require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { calls++; return nil }))
		serve(d, signedRequest("", createdBody))
		serve(d, signedRequest("", createdBody))
		assert.Equal(t, 2, calls)
	})
	t.Run("WithStore(nil) turns de-duplication off", func(t *testing.T) {
		d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithStore(nil))
		var calls int
		require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { calls++; return nil }))
		serve(d, signedRequest("msg_same", createdBody))
		serve(d, signedRequest("msg_same", createdBody))
		assert.Equal(t, 2, calls)
	})
	t.Run("namespaces keep dispatchers apart in a shared store", func(t *testing.T) {
		store := dispatch.NewMemoryStore()
		var calls int
		for _, ns := range []string{"crossmint", "stytch", "crossmint"} {
			d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithStore(store), dispatch.WithNamespace(ns))
			require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { calls++; return nil }))
			serve(d, signedRequest("msg_shared", createdBody))
		}
		assert.Equal(t, 2, calls)
		st, _, err := store.Claim(context.Background(), "stytch:msg_shared")
		require.NoError(t, err)
		assert.Equal(t, dispatch.AlreadyDone, st)
	})
	t.Run("store failures after the callbacks", func(t *testing.T) {
		lg, logs := newTestLogger()
		store := &failingStore{IdempotencyStore: dispatch.NewMemoryStore(), completeErr: errors.New("complete down"), releaseErr: errors.New("release down")}
		d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(lg), dispatch.WithStore(store))
		require.NoError(t, dispatch.On(d, func(_ context.Context, e *thingCreated) error {
			if e.Name == "fail" {
				return errors.New("fails")
			}
			return nil
		}))
		assert.Equal(t, http.StatusOK, serve(d, signedRequest("msg_s1", createdBody)).Code,
			"the callbacks ran: a 503 would make them run twice")
		assert.Contains(t, logs.String(), "complete down")
		assert.Equal(t, http.StatusInternalServerError,
			serve(d, signedRequest("msg_s2", `{"type":"things.create.succeeded","name":"fail"}`)).Code)
		assert.Contains(t, logs.String(), "release down")
		assert.Equal(t, int64(1), store.completes.Load())
		assert.Equal(t, int64(1), store.releases.Load())
	})
}

func TestServeHTTP_CompletesEvenWhenTheSenderHangsUp(t *testing.T) {
	logger, _ := newTestLogger()
	store := &recordingCtxStore{MemoryStore: dispatch.NewMemoryStore()}
	d := dispatch.New(testVerifier, testRegistry.Parse, dispatch.WithLogger(logger), dispatch.WithStore(store))
	ctx, cancel := context.WithCancel(context.Background())
	require.NoError(t, dispatch.On(d, func(context.Context, *thingCreated) error { cancel(); return nil }))
	r := signedRequest("msg_hangup", createdBody).WithContext(ctx)
	serve(d, r)
	assert.NoError(t, store.completeCtxErr, "Complete gets a context that the hang-up did not cancel")
	st, _, _ := store.Claim(context.Background(), dispatch.DefaultNamespace+":msg_hangup")
	assert.Equal(t, dispatch.AlreadyDone, st)
}

type recordingCtxStore struct {
	*dispatch.MemoryStore
	completeCtxErr error
}

func (s *recordingCtxStore) Complete(ctx context.Context, key, token string) error {
	s.completeCtxErr = ctx.Err()
	return s.MemoryStore.Complete(ctx, key, token)
}

func TestDefaultLoggerFollowsSlogSetDefault(t *testing.T) {
	d := dispatch.New(testVerifier, testRegistry.Parse)
	logger, logs := newTestLogger()
	old := slog.Default()
	slog.SetDefault(logger)
	defer slog.SetDefault(old)
	serve(d, signedRequest("msg_l", unknownBody))
	assert.Contains(t, logs.String(), "event_type=things.teleport.succeeded")
}
