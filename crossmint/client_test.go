package crossmint_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

const testAPIKey = "sk_staging_madeUpKey0123456789"

// fakeAPI answers as the Action Status API does: GET
// /api/2022-06-09/actions/{id} with the x-api-key header, each id with its
// own script of answers (the last one repeats).
type fakeAPI struct {
	t  *testing.T
	mu sync.Mutex
	// answers per action id.
	answers map[string][]func(w http.ResponseWriter)
	calls   map[string]int
	paths   []string
}

func newFakeAPI(t *testing.T) (*fakeAPI, *httptest.Server) {
	f := &fakeAPI{t: t, answers: map[string][]func(http.ResponseWriter){}, calls: map[string]int{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeAPI) on(id string, answers ...func(w http.ResponseWriter)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answers[id] = answers
}

func (f *fakeAPI) count(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[id]
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.paths = append(f.paths, r.URL.EscapedPath())
	f.mu.Unlock()
	if r.Method != http.MethodGet {
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	}
	if r.Header.Get("x-api-key") != testAPIKey {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":true,"message":"Malformed API key. Must be a valid client or server side API key."}`)
		return
	}
	id, ok := strings.CutPrefix(r.URL.EscapedPath(), "/api/2022-06-09/actions/")
	f.mu.Lock()
	answers := f.answers[id]
	n := f.calls[id]
	f.calls[id]++
	f.mu.Unlock()
	if !ok || len(answers) == 0 {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"error":true,"message":"Action %s not found"}`, id)
		return
	}
	answers[min(n, len(answers)-1)](w)
}

func jsonAnswer(status int, body []byte) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

func retryAfterAnswer(status int, retryAfter string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"message":"answer %d"}`, status)
	}
}

func newTestClient(t *testing.T, srv *httptest.Server, opts ...crossmint.ClientOption) *crossmint.Client {
	t.Helper()
	opts = append([]crossmint.ClientOption{
		crossmint.WithBaseURL(srv.URL), crossmint.WithHTTPClient(srv.Client()),
		crossmint.WithRetry(4, time.Millisecond), crossmint.WithPollInterval(5 * time.Millisecond),
	}, opts...)
	c, err := crossmint.NewClient(testAPIKey, opts...)
	require.NoError(t, err)
	return c
}

const pendingID = "66881a4d-eff9-467a-b19d-a2ff76eef5c2"

func TestActionStatus_Pending(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, jsonAnswer(200, actionFixture(t, "get-action-status.pending.json")))
	a, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	require.NoError(t, err)
	assert.Equal(t, pendingID, a.ActionID)
	assert.Equal(t, crossmint.ActionPending, a.Status)
	assert.Equal(t, []string{"/api/2022-06-09/actions/" + pendingID}, api.paths)
	_, err = a.Event()
	assert.ErrorIs(t, err, crossmint.ErrActionPending)
}

func TestActionStatus_SucceededAndFailed(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, jsonAnswer(200, actionFixture(t, "madeup_nfts.create.succeeded.json")))
	api.on("cf9985d3-3341-4fd6-bd0e-548ef97a3486", jsonAnswer(200, actionFixture(t, "madeup_nfts.create.failed.json")))
	c := newTestClient(t, srv)

	a, err := c.ActionStatus(context.Background(), pendingID)
	require.NoError(t, err)
	assert.Equal(t, crossmint.ActionSucceeded, a.Status)
	ev, err := a.Event()
	require.NoError(t, err)
	eventtest.As[*crossmint.NFTCreateSucceeded](t, ev)

	a, err = c.ActionStatus(context.Background(), "cf9985d3-3341-4fd6-bd0e-548ef97a3486")
	require.NoError(t, err)
	assert.Equal(t, crossmint.ActionFailed, a.Status)
	ev, err = a.Event()
	require.NoError(t, err)
	assert.Equal(t, "execution_reverted", eventtest.As[*crossmint.NFTCreateFailed](t, ev).Data.Error.Reason)
}

func TestActionStatus_NotFound(t *testing.T) {
	api, srv := newFakeAPI(t)
	_, err := newTestClient(t, srv).ActionStatus(context.Background(), "no-such-action")
	require.ErrorIs(t, err, crossmint.ErrNotFound)
	var apiErr *crossmint.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "Action no-such-action not found", apiErr.Message)
	assert.Equal(t, 1, api.count("no-such-action"), "a 404 is not retried")
	assert.NotErrorIs(t, err, crossmint.ErrUnauthorized)
}

func TestActionStatus_Unauthorized(t *testing.T) {
	_, srv := newFakeAPI(t)
	c, err := crossmint.NewClient("sk_staging_wrongKey", crossmint.WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, err = c.ActionStatus(context.Background(), pendingID)
	require.ErrorIs(t, err, crossmint.ErrUnauthorized)
	var apiErr *crossmint.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 401, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "Malformed API key")

	// 403 too.
	api, srv2 := newFakeAPI(t)
	api.on("x", retryAfterAnswer(403, ""))
	_, err = newTestClient(t, srv2).ActionStatus(context.Background(), "x")
	assert.ErrorIs(t, err, crossmint.ErrUnauthorized)
}

func TestActionStatus_429HonoursRetryAfter(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, retryAfterAnswer(429, "1"), jsonAnswer(200, actionFixture(t, "get-action-status.pending.json")))
	start := time.Now()
	a, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	require.NoError(t, err)
	assert.Equal(t, pendingID, a.ActionID)
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond, "Retry-After: 1 was not waited for")
	assert.Equal(t, 2, api.count(pendingID))
}

func TestActionStatus_429OutlivingTheRetriesIsErrRateLimited(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, retryAfterAnswer(429, "0"))
	_, err := newTestClient(t, srv, crossmint.WithRetry(3, time.Millisecond)).ActionStatus(context.Background(), pendingID)
	require.ErrorIs(t, err, crossmint.ErrRateLimited)
	var apiErr *crossmint.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 429, apiErr.StatusCode)
	assert.Equal(t, 3, apiErr.Attempts)
	assert.Equal(t, 3, api.count(pendingID), "attempts are bounded")
}

// A Retry-After longer than what is left of the context is not waited for:
// the caller gets the rate limit at once, not a deadline error later.
func TestActionStatus_RetryAfterBeyondTheDeadlineGivesUpAtOnce(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, retryAfterAnswer(429, "20"))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := newTestClient(t, srv).ActionStatus(ctx, pendingID)
	require.ErrorIs(t, err, crossmint.ErrRateLimited)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, 1, api.count(pendingID))
}

// A Retry-After given as an HTTP date is honoured too.
func TestActionStatus_RetryAfterAsHTTPDate(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", time.Now().Add(1500*time.Millisecond).UTC().Format(http.TimeFormat))
		w.WriteHeader(503)
	}, jsonAnswer(200, actionFixture(t, "get-action-status.pending.json")))
	start := time.Now()
	_, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 400*time.Millisecond)
}

func TestActionStatus_500Then200(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, retryAfterAnswer(500, ""), retryAfterAnswer(502, ""), jsonAnswer(200, actionFixture(t, "madeup_nfts.create.succeeded.json")))
	a, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	require.NoError(t, err)
	assert.Equal(t, crossmint.ActionSucceeded, a.Status)
	assert.Equal(t, 3, api.count(pendingID))
}

func TestActionStatus_500EveryTimeIsAnAPIError(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, retryAfterAnswer(500, ""))
	_, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	var apiErr *crossmint.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 500, apiErr.StatusCode)
	assert.Equal(t, 4, api.count(pendingID))
	for _, sentinel := range []error{crossmint.ErrNotFound, crossmint.ErrUnauthorized, crossmint.ErrRateLimited} {
		assert.NotErrorIs(t, err, sentinel)
	}
}

func TestActionStatus_SlowAnswerCutByTheContext(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newTestClient(t, srv).ActionStatus(ctx, pendingID)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestActionStatus_BodyThatIsNotJSON(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>Our site is down for maintenance</body></html>")
	})
	_, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	require.ErrorIs(t, err, crossmint.ErrInvalidResponse)
	assert.Contains(t, err.Error(), "maintenance")
	assert.Equal(t, 1, api.count(pendingID), "a malformed 200 is not retried")

	// A non-JSON error body becomes the message.
	api.on("gw", func(w http.ResponseWriter) { w.WriteHeader(404); fmt.Fprint(w, "no route\n") })
	_, err = newTestClient(t, srv).ActionStatus(context.Background(), "gw")
	var apiErr *crossmint.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "no route", apiErr.Message)
}

func TestActionStatus_AnswerForAnotherActionIsRefused(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on("other-id", jsonAnswer(200, actionFixture(t, "get-action-status.pending.json")))
	_, err := newTestClient(t, srv).ActionStatus(context.Background(), "other-id")
	assert.ErrorIs(t, err, crossmint.ErrInvalidResponse)
}

func TestActionStatus_MaliciousIDsNeverReachAnotherPath(t *testing.T) {
	api, srv := newFakeAPI(t)
	c := newTestClient(t, srv)
	for _, id := range []string{
		"", ".", "..", "../collections", "a/b", "/etc/passwd", "a?b=c", "a#frag", "%2F", "a%2F..%2Fb",
		"..%2f", "a b", "a\nb", "a\\b", "ü", "a;b", "a:b", "a@b", "~", strings.Repeat("a", 129),
	} {
		_, err := c.ActionStatus(context.Background(), id)
		assert.ErrorIs(t, err, crossmint.ErrInvalidActionID, "%q", id)
		_, err = c.WaitForAction(context.Background(), id)
		assert.ErrorIs(t, err, crossmint.ErrInvalidActionID, "%q", id)
	}
	assert.Empty(t, api.paths, "no request may be made for an invalid id")

	// Ids of every allowed character reach exactly their own path.
	api.on("A-z_0.9", jsonAnswer(200, []byte(`{"actionId":"A-z_0.9","action":"nfts.create","status":"pending"}`)))
	_, err := c.ActionStatus(context.Background(), "A-z_0.9")
	require.NoError(t, err)
	assert.Equal(t, []string{"/api/2022-06-09/actions/A-z_0.9"}, api.paths)
}

func TestWaitForAction_PollsUntilAnOutcome(t *testing.T) {
	api, srv := newFakeAPI(t)
	pending := jsonAnswer(200, actionFixture(t, "get-action-status.pending.json"))
	api.on(pendingID, pending, pending, retryAfterAnswer(503, "0"), pending, jsonAnswer(200, actionFixture(t, "madeup_nfts.create.succeeded.json")))
	a, err := newTestClient(t, srv, crossmint.WithRetry(1, 0)).WaitForAction(context.Background(), pendingID)
	require.NoError(t, err)
	assert.Equal(t, crossmint.ActionSucceeded, a.Status)
	assert.Equal(t, 5, api.count(pendingID), "a 503 between polls is waited out")
}

func TestWaitForAction_BoundedByTheContext(t *testing.T) {
	api, srv := newFakeAPI(t)
	api.on(pendingID, jsonAnswer(200, actionFixture(t, "get-action-status.pending.json")))
	ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
	defer cancel()
	a, err := newTestClient(t, srv, crossmint.WithPollInterval(20*time.Millisecond)).WaitForAction(ctx, pendingID)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, a, "the last status seen is returned")
	assert.Equal(t, crossmint.ActionPending, a.Status)
	assert.GreaterOrEqual(t, api.count(pendingID), 2)
}

func TestWaitForAction_StopsOnNotFound(t *testing.T) {
	api, srv := newFakeAPI(t)
	_, err := newTestClient(t, srv).WaitForAction(context.Background(), "gone")
	assert.ErrorIs(t, err, crossmint.ErrNotFound)
	assert.Equal(t, 1, api.count("gone"))
}

// The key goes in the x-api-key header only: not in the URL, not in any
// error or printed form of the client, even when the server echoes it.
func TestClient_NeverShowsTheAPIKey(t *testing.T) {
	var logs bytes.Buffer
	prev := log.Writer()
	log.SetOutput(&logs)
	t.Cleanup(func() { log.SetOutput(prev) })
	var seen atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.URL.String())
		w.WriteHeader(401)
		fmt.Fprintf(w, `{"message":"key %s is not valid"}`, r.Header.Get("X-API-KEY"))
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv)
	_, err := c.ActionStatus(context.Background(), pendingID)
	require.ErrorIs(t, err, crossmint.ErrUnauthorized)
	var apiErr *crossmint.APIError
	require.ErrorAs(t, err, &apiErr)
	for _, s := range []string{err.Error(), apiErr.Message, fmt.Sprintf("%+v", apiErr), fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%v", *c), fmt.Sprintf("%+v", struct{ c crossmint.Client }{*c}), seen.Load().(string), logs.String()} {
		assert.NotContains(t, s, testAPIKey)
	}
	assert.Contains(t, apiErr.Message, "[redacted]")
}

// A redirect to another host is not followed, so the key is not sent there.
func TestClient_DoesNotFollowARedirectElsewhere(t *testing.T) {
	var leaked atomic.Bool
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != "" {
			leaked.Store(true)
		}
	}))
	t.Cleanup(evil.Close)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	_, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	var apiErr *crossmint.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	assert.False(t, leaked.Load())
}

func TestNewClient_Options(t *testing.T) {
	_, err := crossmint.NewClient("")
	assert.Error(t, err)
	_, err = crossmint.NewClient("k\r\nX-Evil: 1")
	assert.Error(t, err)
	for _, bad := range []string{"ftp://x", "no-scheme", "https://", "https://h/?q=1", "https://u:p@h"} {
		_, err = crossmint.NewClient("k", crossmint.WithBaseURL(bad))
		assert.Error(t, err, bad)
	}
	_, err = crossmint.NewClient("k", crossmint.WithHTTPClient(nil))
	assert.Error(t, err)
	_, err = crossmint.NewClient("k", crossmint.WithPollInterval(0))
	assert.Error(t, err)
	_, err = crossmint.NewClient("k", crossmint.WithRetry(0, time.Second))
	assert.Error(t, err)

	c, err := crossmint.NewClient("k")
	require.NoError(t, err)
	assert.Contains(t, c.String(), crossmint.ProductionURL)
	c, err = crossmint.NewClient("k", crossmint.WithBaseURL(crossmint.StagingURL))
	require.NoError(t, err)
	assert.Contains(t, c.String(), crossmint.StagingURL)
}

// The API reference writes its servers with /api; both forms reach the
// same path.
func TestWithBaseURL_AcceptsTheAPIReferenceForm(t *testing.T) {
	for _, suffix := range []string{"", "/", "/api", "/api/"} {
		api, srv := newFakeAPI(t)
		api.on(pendingID, jsonAnswer(200, actionFixture(t, "get-action-status.pending.json")))
		c, err := crossmint.NewClient(testAPIKey, crossmint.WithBaseURL(srv.URL+suffix))
		require.NoError(t, err)
		_, err = c.ActionStatus(context.Background(), pendingID)
		require.NoError(t, err, suffix)
		assert.Equal(t, []string{"/api/2022-06-09/actions/" + pendingID}, api.paths, suffix)
	}
}

func TestAPIError_Unwrap(t *testing.T) {
	for code, want := range map[int]error{404: crossmint.ErrNotFound, 401: crossmint.ErrUnauthorized, 403: crossmint.ErrUnauthorized, 429: crossmint.ErrRateLimited, 500: nil, 400: nil} {
		err := error(&crossmint.APIError{StatusCode: code, Message: "m"})
		if want == nil {
			assert.Nil(t, errors.Unwrap(err), code)
			continue
		}
		assert.ErrorIs(t, err, want, code)
		assert.Contains(t, err.Error(), fmt.Sprint(code))
	}
}

// A connection dropped without an answer is retried like a 5xx.
func TestActionStatus_DroppedConnectionIsRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		jsonAnswer(200, actionFixture(t, "get-action-status.pending.json"))(w)
	}))
	t.Cleanup(srv.Close)
	a, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	require.NoError(t, err)
	assert.Equal(t, pendingID, a.ActionID)
	assert.EqualValues(t, 2, n.Load())
}

// The request is the documented one: GET, the key in x-api-key, JSON
// accepted, no body and no query.
func TestActionStatus_RequestAsDocumented(t *testing.T) {
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		jsonAnswer(200, actionFixture(t, "get-action-status.pending.json"))(w)
	}))
	t.Cleanup(srv.Close)
	_, err := newTestClient(t, srv).ActionStatus(context.Background(), pendingID)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, http.MethodGet, got.Method)
	assert.Equal(t, "/api/2022-06-09/actions/"+pendingID, got.URL.Path)
	assert.Empty(t, got.URL.RawQuery)
	assert.Equal(t, testAPIKey, got.Header.Get("X-API-KEY"))
	assert.Equal(t, "application/json", got.Header.Get("Accept"))
	assert.EqualValues(t, 0, got.ContentLength)
}

// An answer that echoes the key where the message is cut shows no part of
// it: the key is removed before the message is shortened.
func TestClient_KeyAtTheCutIsNotShownInPart(t *testing.T) {
	prefix := testAPIKey[:len(testAPIKey)/2]
	for _, pad := range []int{280, 290, 95, 110} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if pad < 200 {
				// A 2xx answer that is not an action status, whose text
				// the error quotes up to 120 bytes.
				fmt.Fprintf(w, "%s%s", strings.Repeat("x", pad), r.Header.Get("X-API-KEY"))
				return
			}
			w.WriteHeader(401) // whose message the error quotes up to 300 bytes
			fmt.Fprintf(w, `{"message":"%s%s"}`, strings.Repeat("x", pad), r.Header.Get("X-API-KEY"))
		}))
		c := newTestClient(t, srv)
		_, err := c.ActionStatus(context.Background(), pendingID)
		srv.Close()
		require.Error(t, err)
		assert.NotContains(t, err.Error(), prefix, "pad %d", pad)
	}
}

func TestWaitForAction_UndocumentedStatusIsPolledLikePending(t *testing.T) {
	api, srv := newFakeAPI(t)
	// "queued" is made up: Crossmint documents pending, succeeded and failed.
	queued := jsonAnswer(200, []byte(`{"actionId":"`+pendingID+`","action":"nfts.create","status":"queued"}`))
	api.on(pendingID, queued)
	ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
	defer cancel()
	a, err := newTestClient(t, srv, crossmint.WithPollInterval(20*time.Millisecond)).WaitForAction(ctx, pendingID)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "still queued", "the error names the status it waited on")
	require.NotNil(t, a)
	assert.False(t, a.Done())
	assert.GreaterOrEqual(t, api.count(pendingID), 2)
}
