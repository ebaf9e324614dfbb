package dispatch_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/internal/wire"
	"github.com/typedhooks/typedhooks/verify"
)

// The test-only provider: two typed events in the Svix envelope shape, and
// one that carries its delivery id and redelivery flag in the body the way
// Dynamic does.

type thingCreated struct {
	Type string        `json:"type"`
	ID   typedhooks.ID `json:"id"`
	Name string        `json:"name,omitempty"`
}

func (*thingCreated) EventType() string { return "things.create.succeeded" }

type thingDeleted struct {
	Type string        `json:"type"`
	ID   typedhooks.ID `json:"id"`
}

func (*thingDeleted) EventType() string { return "things.delete.succeeded" }

type keyedEvent struct {
	Type       string `json:"type"`
	MessageID  string `json:"messageId"`
	Redelivery bool   `json:"redelivery"`
}

func (*keyedEvent) EventType() string        { return "keyed.event" }
func (e *keyedEvent) IdempotencyKey() string { return e.MessageID }
func (e *keyedEvent) IsRedelivery() bool     { return e.Redelivery }

var testRegistry = func() *wire.Registry {
	r := wire.NewRegistry("test", wire.FoldingLocator("type"))
	wire.Register[thingCreated](r)
	wire.Register[thingDeleted](r)
	wire.Register[keyedEvent](r)
	return r
}()

// countingParse wraps the test registry's Parse and counts its calls, so a
// test can tell that a rejected body was never parsed.
type countingParse struct{ n atomic.Int64 }

func (c *countingParse) Parse(body []byte) (typedhooks.Event, error) {
	c.n.Add(1)
	return testRegistry.Parse(body)
}

// The test verifier signs like Svix does (HMAC-SHA256 over id.timestamp.body,
// timestamp within five minutes) but with a hex digest in one test header,
// so that these tests do not depend on package verify.

const testSecret = "test-secret"

var errBadSignature = errors.New("test verifier: bad signature")

func testSignature(id string, ts time.Time, body []byte) string {
	mac := hmac.New(sha256.New, []byte(testSecret))
	fmt.Fprintf(mac, "%s.%d.", id, ts.Unix())
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// testVerifier reports the Svix-Id and Svix-Timestamp it checked as signed,
// as verify.ResultVerifier asks.
var testVerifier testSigVerifier

type testSigVerifier struct{}

func (testSigVerifier) Verify(h http.Header, body []byte) error {
	_, err := testSigVerifier{}.VerifyResult(h, body)
	return err
}

func (testSigVerifier) VerifyResult(h http.Header, body []byte) (verify.Result, error) {
	sig := h.Get("Test-Signature")
	if sig == "" {
		return verify.Result{}, fmt.Errorf("%w: missing header", errBadSignature)
	}
	sec, err := strconv.ParseInt(h.Get("Svix-Timestamp"), 10, 64)
	if err != nil {
		return verify.Result{}, fmt.Errorf("%w: bad timestamp", errBadSignature)
	}
	ts := time.Unix(sec, 0)
	if time.Since(ts) > 5*time.Minute {
		return verify.Result{}, fmt.Errorf("%w: timestamp too old", errBadSignature)
	}
	id := h.Get("Svix-Id")
	if !hmac.Equal([]byte(sig), []byte(testSignature(id, ts, body))) {
		return verify.Result{}, fmt.Errorf("%w: no match", errBadSignature)
	}
	return verify.Result{ID: id, Timestamp: ts}, nil
}

// signedHeader returns the header of a delivery with the given id (none if
// id is empty), signed now.
func signedHeader(id string, body []byte) http.Header {
	ts := time.Now()
	h := http.Header{}
	if id != "" {
		h.Set("Svix-Id", id)
	}
	h.Set("Svix-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	h.Set("Test-Signature", testSignature(id, ts, body))
	h.Set("Content-Type", "application/json")
	return h
}

func signedRequest(id, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhooks/test", strings.NewReader(body))
	for k, v := range signedHeader(id, []byte(body)) {
		r.Header[k] = v
	}
	return r
}

func serve(d http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	d.ServeHTTP(w, r)
	return w
}

// logBuffer is a slog handler target that tests can read while the
// dispatcher writes from other goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newTestLogger() (*slog.Logger, *logBuffer) {
	buf := &logBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// failingStore is an IdempotencyStore whose methods fail on demand.
type failingStore struct {
	dispatch.IdempotencyStore
	claimErr, completeErr, releaseErr error
	completes, releases               atomic.Int64
}

func (s *failingStore) Claim(ctx context.Context, key string) (dispatch.ClaimStatus, string, error) {
	if s.claimErr != nil {
		return 0, "", s.claimErr
	}
	return s.IdempotencyStore.Claim(ctx, key)
}

func (s *failingStore) Complete(ctx context.Context, key, token string) error {
	s.completes.Add(1)
	if s.completeErr != nil {
		return s.completeErr
	}
	return s.IdempotencyStore.Complete(ctx, key, token)
}

func (s *failingStore) Release(ctx context.Context, key, token string) error {
	s.releases.Add(1)
	if s.releaseErr != nil {
		return s.releaseErr
	}
	return s.IdempotencyStore.Release(ctx, key, token)
}

const (
	createdBody = `{"type":"things.create.succeeded","id":7,"name":"first"}`
	deletedBody = `{"type":"things.delete.succeeded","id":"7"}`
	unknownBody = `{"type":"things.teleport.succeeded","id":"7"}`
)
