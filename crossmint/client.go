package crossmint

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The Crossmint environments' base URLs, for [WithBaseURL]. Staging works
// on testnets with staging API keys, production on mainnets.
const (
	ProductionURL = "https://www.crossmint.com"
	StagingURL    = "https://staging.crossmint.com"
)

// actionsPath is where the Action Status API lives under the base URL.
const actionsPath = "/api/2022-06-09/actions/"

// Defaults of a client built without options.
const (
	// DefaultPollInterval is the time [Client.WaitForAction] waits between
	// polls. Mints usually confirm within seconds, and minutes under
	// congestion.
	DefaultPollInterval = 2 * time.Second
	// DefaultMaxAttempts bounds the requests one [Client.ActionStatus] makes
	// when Crossmint answers 429 or 5xx or the connection fails.
	DefaultMaxAttempts = 4
	// DefaultMaxRetryWait bounds one wait between attempts, a Retry-After
	// included.
	DefaultMaxRetryWait = 30 * time.Second
	// DefaultTimeout bounds each request when the HTTP client has no
	// timeout of its own and the context has no deadline.
	DefaultTimeout = 30 * time.Second
)

// maxResponseBytes bounds what is read of a response: an action status is
// a few kilobytes.
const maxResponseBytes = 1 << 20

// maxActionIDLength bounds an action id. Crossmint's are UUIDs.
const maxActionIDLength = 128

// The errors of the client. Those of an API answer come wrapped in an
// [*APIError] that errors.As finds, with the status code and Crossmint's
// message.
var (
	// ErrNotFound: Crossmint answered 404; no such action for this key.
	ErrNotFound = errors.New("crossmint: action not found")
	// ErrUnauthorized: Crossmint answered 401 or 403; the API key is
	// missing, wrong, of the other environment, or lacks the nfts.create
	// scope.
	ErrUnauthorized = errors.New("crossmint: unauthorized")
	// ErrRateLimited: Crossmint answered 429 to every attempt.
	ErrRateLimited = errors.New("crossmint: rate limited")
	// ErrInvalidActionID: the action id is empty, too long, or holds a
	// character other than letters, digits, '-', '_' and '.' (or is "." or
	// ".."); no request was made.
	ErrInvalidActionID = errors.New("crossmint: invalid action id")
	// ErrInvalidResponse: a 2xx answer that is not an action status (not
	// a JSON object, or about another action).
	ErrInvalidResponse = errors.New("crossmint: invalid action status response")
)

// APIError is an answer of the Crossmint API other than 2xx.
type APIError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Message is Crossmint's message (the message member of a JSON error
	// body, else the body's text, shortened), with the API key removed
	// should the body echo it.
	Message string
	// RetryAfter is the wait the Retry-After header asked for, or zero.
	RetryAfter time.Duration
	// Attempts is how many requests were made before giving up.
	Attempts int
}

// Error reports the status and Crossmint's message.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("crossmint: API answered %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

// Unwrap returns the sentinel for the status: [ErrNotFound],
// [ErrUnauthorized] or [ErrRateLimited], or nil.
func (e *APIError) Unwrap() error {
	switch {
	case e.StatusCode == http.StatusNotFound:
		return ErrNotFound
	case e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden:
		return ErrUnauthorized
	case e.StatusCode == http.StatusTooManyRequests:
		return ErrRateLimited
	}
	return nil
}

// ClientOption configures a [Client] built by [NewClient].
type ClientOption func(*Client) error

// WithBaseURL sets the API's base URL (default [ProductionURL]; use
// [StagingURL] for staging, or a test server's URL). The URL is the host's,
// such as "https://staging.crossmint.com"; one ending in "/api", as
// Crossmint's API reference writes its servers, is accepted too.
func WithBaseURL(rawURL string) ClientOption {
	return func(c *Client) error {
		u, err := url.Parse(rawURL)
		if err != nil {
			return fmt.Errorf("crossmint: base URL: %w", err)
		}
		if u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
			return fmt.Errorf("crossmint: base URL %q: want an http or https URL with a host", rawURL)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return fmt.Errorf("crossmint: base URL %q: must have no query, fragment or user", rawURL)
		}
		c.base = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), "/api")}
		return nil
	}
}

// WithHTTPClient sets the HTTP client requests go through (default: one
// with a [DefaultTimeout] timeout). Redirects to another scheme or host
// are not followed, so that the API key is never sent elsewhere; hc itself
// is not modified.
func WithHTTPClient(hc *http.Client) ClientOption {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("crossmint: WithHTTPClient(nil)")
		}
		c.hc = hc
		return nil
	}
}

// WithPollInterval sets the time [Client.WaitForAction] waits between
// polls (default [DefaultPollInterval]).
func WithPollInterval(d time.Duration) ClientOption {
	return func(c *Client) error {
		if d <= 0 {
			return fmt.Errorf("crossmint: WithPollInterval(%v): must be positive", d)
		}
		c.pollInterval = d
		return nil
	}
}

// WithRetry sets how many requests one [Client.ActionStatus] makes at most
// when Crossmint answers 429 or 5xx or the connection fails (default
// [DefaultMaxAttempts]; 1 turns retries off), and the first wait between
// them, doubled at each retry with jitter (default 500ms). A Retry-After
// header replaces the computed wait. No wait is longer than
// [DefaultMaxRetryWait], nor outlives the context.
func WithRetry(maxAttempts int, firstWait time.Duration) ClientOption {
	return func(c *Client) error {
		if maxAttempts < 1 || firstWait < 0 {
			return fmt.Errorf("crossmint: WithRetry(%d, %v): want at least one attempt and a wait not negative", maxAttempts, firstWait)
		}
		c.maxAttempts, c.firstWait = maxAttempts, firstWait
		return nil
	}
}

// Client calls Crossmint's Action Status API. It is safe for concurrent
// use. It logs nothing, and neither its errors nor its printed form
// contain the API key.
type Client struct {
	apiKey       *secret
	base         *url.URL
	hc           *http.Client
	pollInterval time.Duration
	maxAttempts  int
	firstWait    time.Duration
}

// secret keeps the API key out of anything printed with fmt: behind a
// pointer, a Client printed as a field of another struct (where fmt calls
// no String method) shows an address, not the key.
type secret struct{ key string }

func (*secret) String() string   { return "[redacted]" }
func (*secret) GoString() string { return `"[redacted]"` }

// String describes the client without its API key.
func (c Client) String() string {
	return fmt.Sprintf("crossmint.Client{base: %s, apiKey: [redacted]}", c.base)
}

// GoString is String, so that %#v does not print the key either.
func (c Client) GoString() string { return c.String() }

// NewClient returns a client that authenticates with apiKey, a server-side
// API key of the Crossmint console (scope nfts.create) — production by
// default; see [WithBaseURL].
func NewClient(apiKey string, opts ...ClientOption) (*Client, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, errors.New("crossmint: NewClient: empty API key")
	}
	if strings.ContainsAny(apiKey, "\r\n") {
		return nil, errors.New("crossmint: NewClient: the API key holds a line break")
	}
	base, _ := url.Parse(ProductionURL)
	c := &Client{
		apiKey:       &secret{apiKey},
		base:         base,
		hc:           &http.Client{Timeout: DefaultTimeout},
		pollInterval: DefaultPollInterval,
		maxAttempts:  DefaultMaxAttempts,
		firstWait:    500 * time.Millisecond,
	}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	// A copy, so that the caller's client is left as it was.
	hc := *c.hc
	next := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != via[0].URL.Scheme || req.URL.Host != via[0].URL.Host {
			return http.ErrUseLastResponse
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	c.hc = &hc
	return c, nil
}

// validActionID reports whether id can go into the path as one segment
// that means itself: the unreserved characters of RFC 3986 but '~', and
// neither "." nor "..".
func validActionID(id string) bool {
	if id == "" || len(id) > maxActionIDLength || id == "." || id == ".." {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '_' || b == '.') {
			return false
		}
	}
	return true
}

// actionURL is the status URL of the action.
func (c *Client) actionURL(id string) string {
	u := *c.base
	// id has only unreserved characters, so the path needs no escaping
	// and cannot leave its segment.
	u.Path = u.Path + actionsPath + id
	u.RawPath = ""
	return u.String()
}

// ActionStatus asks Crossmint once for the state of the action (one GET,
// and more only to retry a 429, a 5xx or a failed connection, as set with
// [WithRetry]). Errors wrap [ErrInvalidActionID] (no request was made),
// [ErrNotFound], [ErrUnauthorized], [ErrRateLimited] or another
// [*APIError], [ErrInvalidResponse], or the context's error.
func (c *Client) ActionStatus(ctx context.Context, actionID string) (*Action, error) {
	if !validActionID(actionID) {
		return nil, fmt.Errorf("%w: %q", ErrInvalidActionID, shorten(actionID, 64))
	}
	target := c.actionURL(actionID)
	var lastErr error
	for attempt := 1; ; attempt++ {
		a, retryAfter, err := c.get(ctx, target, actionID)
		if err == nil {
			return a, nil
		}
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			apiErr.Attempts = attempt
		}
		lastErr = err
		if !retryable(ctx, err) || attempt >= c.maxAttempts {
			return nil, lastErr
		}
		wait := c.backoff(attempt, retryAfter)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			// Waiting would outlive the context: give the caller the
			// answer now rather than the context's error later.
			return nil, lastErr
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%w (last answer: %w)", ctx.Err(), lastErr)
		case <-t.C:
		}
	}
}

// retryable reports whether another attempt may succeed: a 429 or 5xx
// answer, or a failed connection while the context is still live.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode == http.StatusTooManyRequests || apiErr.StatusCode >= 500
	}
	var te *transportError
	return errors.As(err, &te)
}

// transportError marks a request that got no answer (connection refused or
// reset, timeout of the HTTP client), which another attempt may get.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// backoff is the wait before attempt+1: Retry-After when the server gave
// one, else firstWait doubled per attempt with up to half of it as
// jitter, both bounded by DefaultMaxRetryWait.
func (c *Client) backoff(attempt int, retryAfter time.Duration) time.Duration {
	wait := retryAfter
	if wait <= 0 {
		wait = c.firstWait << min(attempt-1, 20)
		if wait > 0 {
			wait += rand.N(wait/2 + 1)
		}
	}
	return min(wait, DefaultMaxRetryWait)
}

// get makes one request. It returns the Retry-After of a failed answer.
func (c *Client) get(ctx context.Context, target, actionID string) (*Action, time.Duration, error) {
	if _, ok := ctx.Deadline(); !ok && c.hc.Timeout == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("crossmint: building the request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Api-Key", c.apiKey.key)
	resp, err := c.hc.Do(req)
	if err != nil {
		// url.Error holds the URL, which holds no key.
		return nil, 0, &transportError{fmt.Errorf("crossmint: GET action %s: %w", actionID, err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, 0, &transportError{fmt.Errorf("crossmint: GET action %s: reading the answer: %w", actionID, err)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, retryAfter(resp.Header.Get("Retry-After")), &APIError{
			StatusCode: resp.StatusCode,
			Message:    shorten(c.redact(errorMessage(body)), 300),
			RetryAfter: retryAfter(resp.Header.Get("Retry-After")),
		}
	}
	if len(body) > maxResponseBytes {
		return nil, 0, fmt.Errorf("%w: over %d bytes", ErrInvalidResponse, maxResponseBytes)
	}
	a, err := ParseAction(body)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %s: %w", ErrInvalidResponse, shorten(c.redact(string(body)), 120), err)
	}
	switch a.ActionID {
	case actionID:
	case "":
		// The path said which action this is.
		a.ActionID = actionID
	default:
		return nil, 0, fmt.Errorf("%w: asked for action %s, got %s", ErrInvalidResponse, actionID, shorten(c.redact(a.ActionID), 64))
	}
	return a, 0, nil
}

// redact removes the API key from s, should Crossmint's answer echo it. It
// runs before s is shortened, so that a key at the cut leaves no part.
func (c *Client) redact(s string) string {
	return strings.ReplaceAll(s, c.apiKey.key, "[redacted]")
}

// errorMessage is the message member of a JSON error body (or its error
// member when that is a string), else the body's text, whole: the caller
// redacts it, then shortens it.
func errorMessage(body []byte) string {
	var e struct {
		Message any `json:"message"`
		Error   any `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil {
		if s, ok := e.Message.(string); ok && s != "" {
			return s
		}
		if s, ok := e.Error.(string); ok && s != "" {
			return s
		}
	}
	return strings.TrimSpace(string(body))
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// shorten cuts s to n bytes at most, marking the cut, and keeps it on one
// line.
func shorten(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// WaitForAction polls the action's status until it succeeded or failed, and
// returns it. A status Crossmint does not document (it documents pending,
// succeeded and failed) is polled like pending, and shows in the error if
// ctx ends first. It waits the poll interval ([WithPollInterval]) between
// polls; a 429 or 5xx that outlived ActionStatus's retries, or a failed
// connection, is waited out the same way. It returns at once on an error
// that polling cannot mend ([ErrNotFound], [ErrUnauthorized],
// [ErrInvalidActionID], [ErrInvalidResponse]). When ctx ends first it
// returns the last status seen (nil if none) and an error wrapping the
// context's.
func (c *Client) WaitForAction(ctx context.Context, actionID string) (*Action, error) {
	var last *Action
	for {
		a, err := c.ActionStatus(ctx, actionID)
		switch {
		case err == nil:
			last = a
			if a.Done() {
				return a, nil
			}
		case ctx.Err() != nil:
			return last, fmt.Errorf("crossmint: waiting for action %s: %w", actionID, ctx.Err())
		case !retryable(ctx, err):
			return last, err
		}
		t := time.NewTimer(c.pollInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			status := "no answer yet"
			if last != nil {
				status = "still " + last.Status
			}
			return last, fmt.Errorf("crossmint: waiting for action %s (%s): %w", actionID, status, ctx.Err())
		case <-t.C:
		}
	}
}
