package redisqueue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/typedhooks/typedhooks/dispatch"
)

// addScript adds the entry unless the backlog already holds ARGV[1]
// entries, in one step so that concurrent ingests cannot overshoot.
var addScript = redis.NewScript(`
if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then
	return false
end
return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
`)

// ServeHTTP stores one webhook delivery. It answers:
//
//	situation                                    status
//	stored in the stream (Redis accepted XADD)   202
//	missing or bad signature, stale timestamp    401   nothing stored
//	body over the limit                          413   nothing stored
//	body the parse function rejects, id too long 400   nothing stored
//	the verifier or parse function panicked      500   nothing stored; logged with the stack
//	method other than POST                       405   (Allow: POST)
//	Redis unavailable, or the backlog is full    503   Retry-After set; nothing acknowledged
//
// The answer has no body on success and the status text otherwise; details
// go to the log.
func (q *Queue) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	o := Outcome{Stage: Ingest}
	o.EntryID, o.DeliveryID, o.EventType, o.Err = q.ingest(w, r, start)
	o.Status = statusOf(o.Err)
	if o.Err == nil {
		w.WriteHeader(o.Status)
	} else {
		level := slog.LevelWarn
		if o.Status >= http.StatusInternalServerError {
			level = slog.LevelError
		}
		if o.Status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", q.cfg.retryAfter)
		}
		q.logger().LogAttrs(r.Context(), level, "redisqueue: delivery refused",
			slog.String("queue", q.name), slog.Int("status", o.Status), slog.Any("error", o.Err))
		http.Error(w, http.StatusText(o.Status), o.Status)
	}
	o.Duration = time.Since(start)
	q.observe(o)
}

func statusOf(err error) int {
	switch {
	case err == nil:
		return http.StatusAccepted
	case errors.Is(err, ErrUnavailable), errors.Is(err, ErrBacklogFull):
		return http.StatusServiceUnavailable
	}
	return dispatch.StatusCode(err)
}

func (q *Queue) ingest(w http.ResponseWriter, r *http.Request, received time.Time) (entryID, id, eventType string, err error) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return "", "", "", fmt.Errorf("%w: %s", dispatch.ErrMethodNotAllowed, r.Method)
	}
	if r.ContentLength > q.cfg.maxBody {
		return "", "", "", fmt.Errorf("%w: Content-Length %d is over the limit of %d bytes", dispatch.ErrBodyTooLarge, r.ContentLength, q.cfg.maxBody)
	}
	var rd io.Reader = http.NoBody
	if r.Body != nil { // only a hand-built request lacks one
		rd = http.MaxBytesReader(w, r.Body, q.cfg.maxBody)
	}
	body, err := io.ReadAll(rd) // the entry keeps it: no pooled buffer to reuse
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return "", "", "", fmt.Errorf("%w: over the limit of %d bytes", dispatch.ErrBodyTooLarge, q.cfg.maxBody)
		}
		return "", "", "", fmt.Errorf("%w: reading the body: %w", dispatch.ErrMalformed, err)
	}
	id, ts, err := verifyDelivery(q.verifier, r.Header, body)
	if err != nil {
		return "", "", "", err
	}
	ev, err := parseDelivery(q.parse, body, id)
	if err != nil {
		return "", "", "", err
	}
	eventType = ev.EventType()
	values, err := q.entryValues(r.Header, body, id, ts, eventType, received)
	if err != nil {
		return "", id, eventType, fmt.Errorf("%w: encoding the entry: %w", ErrUnavailable, err)
	}
	entryID, err = q.add(r.Context(), values)
	return entryID, id, eventType, err
}

// add writes the entry and returns its stream id once Redis accepted it.
func (q *Queue) add(ctx context.Context, values []any) (string, error) {
	if q.cfg.maxLen <= 0 {
		id, err := q.client.XAdd(ctx, &redis.XAddArgs{Stream: q.stream, Values: values}).Result()
		if err != nil {
			return "", fmt.Errorf("%w: XADD %s: %w", ErrUnavailable, q.stream, err)
		}
		return id, nil
	}
	args := append([]any{q.cfg.maxLen}, values...)
	id, err := addScript.Run(ctx, q.client, []string{q.stream}, args...).Text()
	if errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("%w: %s holds %d entries or more", ErrBacklogFull, q.stream, q.cfg.maxLen)
	}
	if err != nil {
		return "", fmt.Errorf("%w: XADD %s: %w", ErrUnavailable, q.stream, err)
	}
	return id, nil
}
