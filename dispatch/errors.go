package dispatch

import (
	"errors"
	"log/slog"
	"net/http"
)

// Errors returned by [Dispatcher.Dispatch] and reported to observers. Each
// error the dispatcher returns wraps exactly one of them (test with
// errors.Is), and [StatusCode] and [Retryable] classify by them.
var (
	// ErrVerification means the signature, the signing headers or the
	// signing timestamp did not check out. The body was not parsed. The
	// verifier's own error is wrapped too. Permanent for this request.
	ErrVerification = errors.New("dispatch: webhook verification failed")
	// ErrBodyTooLarge means the body was over the dispatcher's limit (see
	// [WithMaxBodyBytes]). Permanent.
	ErrBodyTooLarge = errors.New("dispatch: request body too large")
	// ErrMalformed means the body could not be read, is not a JSON object,
	// or carries no event type. Permanent.
	ErrMalformed = errors.New("dispatch: malformed webhook body")
	// ErrMethodNotAllowed means the request was not a POST. Only the HTTP
	// handler returns it.
	ErrMethodNotAllowed = errors.New("dispatch: method not allowed")
	// ErrCallback means a callback returned an error or panicked; the
	// callback's error is wrapped too. The delivery was released, so a retry
	// runs the callbacks again. Retryable.
	ErrCallback = errors.New("dispatch: callback failed")
	// ErrInFlight means another request holds a claim on the same delivery
	// right now. Acknowledging would lose the event if that request failed,
	// so the provider is told to come back later. Retryable.
	ErrInFlight = errors.New("dispatch: delivery is being handled by another request")
	// ErrStore means the idempotency store failed, so the callbacks were not
	// run: running them unprotected could run them twice. Retryable.
	ErrStore = errors.New("dispatch: idempotency store failed")
	// ErrInternal means the verifier or the parse function panicked: a bug
	// or misconfiguration on the receiving side, never the sender's fault.
	// The panic is recovered (the server keeps running), wrapped as a
	// [*PanicError] and logged with its stack; the answer is 500 so that
	// the provider retries once it is fixed. No callback ran. Retryable.
	ErrInternal = errors.New("dispatch: verifier or parse function panicked")
	// ErrRegistrationClosed is returned by [On] and [Dispatcher.OnType] once
	// the dispatcher has started serving (its first ServeHTTP or Dispatch
	// call): the callback table is read without locks from then on.
	ErrRegistrationClosed = errors.New("dispatch: registration after the dispatcher started serving")
)

// errorClass is how the dispatcher treats one sentinel: the HTTP status it
// answers with, whether the provider's retry may succeed, and the level the
// failure is logged at.
type errorClass struct {
	err       error
	status    int
	retryable bool
	level     slog.Level
}

// errorClasses is the one table behind StatusCode, Retryable and logging.
var errorClasses = []errorClass{
	{ErrVerification, http.StatusUnauthorized, false, slog.LevelWarn},
	{ErrBodyTooLarge, http.StatusRequestEntityTooLarge, false, slog.LevelWarn},
	{ErrMalformed, http.StatusBadRequest, false, slog.LevelWarn},
	{ErrMethodNotAllowed, http.StatusMethodNotAllowed, false, slog.LevelInfo},
	{ErrInFlight, http.StatusConflict, true, slog.LevelInfo},
	{ErrStore, http.StatusServiceUnavailable, true, slog.LevelError},
	{ErrCallback, http.StatusInternalServerError, true, slog.LevelError},
	{ErrInternal, http.StatusInternalServerError, true, slog.LevelError},
}

// unknownClass applies to errors that wrap none of the sentinels: they come
// from a custom verifier or parse function that broke its contract, so they
// are treated as server failures that a retry may cure.
var unknownClass = errorClass{status: http.StatusInternalServerError, retryable: true, level: slog.LevelError}

func classify(err error) errorClass {
	for _, c := range errorClasses {
		if errors.Is(err, c.err) {
			return c
		}
	}
	return unknownClass
}

// StatusCode returns the HTTP status a webhook endpoint should answer with
// after err, an error returned by [Dispatcher.Dispatch]: 200 for nil, 401
// for [ErrVerification], 413 for [ErrBodyTooLarge], 400 for [ErrMalformed],
// 405 for [ErrMethodNotAllowed], 409 for [ErrInFlight], 503 for [ErrStore],
// and 500 for [ErrCallback], [ErrInternal] and any other error.
func StatusCode(err error) int {
	if err == nil {
		return http.StatusOK
	}
	return classify(err).status
}

// Retryable reports whether delivering the same request again may succeed:
// true after a callback failure, a delivery in flight elsewhere, a store
// failure, a panicking verifier or parse function ([ErrInternal]) or an
// unclassified error; false for nil and for verification,
// size, method and malformed-body errors. A queue consumer uses it to choose
// between retrying a message and dead-lettering it.
func Retryable(err error) bool {
	if err == nil {
		return false
	}
	return classify(err).retryable
}
