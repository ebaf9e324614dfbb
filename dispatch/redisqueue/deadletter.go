package redisqueue

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DeadLetter is a delivery that failed its last attempt (or that no retry
// could cure), as kept in the dead-letter stream.
type DeadLetter struct {
	// ID is the entry's id in the dead-letter stream, for [Queue.Redrive].
	ID string
	// SourceID is the id the entry had in the queue's stream.
	SourceID string
	// DeliveryID is the delivery id the signature covered, if any.
	DeliveryID string
	// EventType is the event's type.
	EventType string
	// Attempts is how many times it was tried.
	Attempts int
	// Error is the last error.
	Error string
	// ReceivedAt is when ingest received it; FailedAt when it was moved.
	ReceivedAt, FailedAt time.Time
	// Header holds the stored request headers.
	Header http.Header
	// Body is the raw body, as received.
	Body []byte
}

// DeadLetters returns up to count dead letters, oldest first, starting
// after the dead-letter id after ("" for the first). Page through them by
// passing the last ID returned.
func (q *Queue) DeadLetters(ctx context.Context, after string, count int64) ([]DeadLetter, error) {
	start := "-"
	if after != "" {
		start = "(" + after
	}
	msgs, err := q.client.XRangeN(ctx, q.dead, start, "+", count).Result()
	if err != nil {
		return nil, fmt.Errorf("redisqueue: reading %s: %w", q.dead, err)
	}
	out := make([]DeadLetter, 0, len(msgs))
	for _, m := range msgs {
		str := func(k string) string { v, _ := m.Values[k].(string); return v }
		dl := DeadLetter{ID: m.ID, SourceID: str(fieldSource), Error: str(fieldError)}
		dl.Attempts, _ = strconv.Atoi(str(fieldAttempts))
		if ms, err := strconv.ParseInt(str(fieldFailed), 10, 64); err == nil {
			dl.FailedAt = time.UnixMilli(ms)
		}
		if s, err := decodeEntry(m.Values); err == nil {
			dl.DeliveryID, dl.EventType, dl.ReceivedAt, dl.Header, dl.Body = s.id, s.eventType, s.received, s.header, s.body
		} else {
			dl.EventType = str(fieldType)
			dl.Body = []byte(str(fieldBody))
		}
		out = append(out, dl)
	}
	return out, nil
}

// redriveScript moves dead letters back to the queue's stream as new
// entries (without the dead-letter fields), atomically per entry.
var redriveScript = redis.NewScript(`
local n = 0
local skip = {error = true, attempts = true, source = true, failed = true}
for i = 1, #ARGV do
	local e = redis.call('XRANGE', KEYS[1], ARGV[i], ARGV[i])
	if #e == 1 then
		local f = e[1][2]
		local out = {}
		for j = 1, #f, 2 do
			if not skip[f[j]] then
				out[#out + 1] = f[j]
				out[#out + 1] = f[j + 1]
			end
		end
		redis.call('XADD', KEYS[2], '*', unpack(out))
		redis.call('XDEL', KEYS[1], ARGV[i])
		n = n + 1
	end
end
return n
`)

// Redrive moves the dead letters with the given ids back to the queue, as
// new entries whose attempts start again at 1, and returns how many it
// moved (ids no longer in the dead-letter stream are skipped). An id that
// is not a stream id ("<ms>" or "<ms>-<seq>") fails the call before anything
// is moved. Fix the cause first: a redriven delivery that fails again comes
// back after the maximum number of attempts.
func (q *Queue) Redrive(ctx context.Context, ids ...string) (int, error) {
	// Checked here because Redis would stop the script at a malformed id
	// with the entries before it already moved.
	for _, id := range ids {
		if !validStreamID(id) {
			return 0, fmt.Errorf("redisqueue: redriving from %s: %q is not a stream entry id", q.dead, id)
		}
	}
	moved := 0
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), scriptChunk)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		n, err := redriveScript.Run(ctx, q.client, []string{q.dead, q.stream}, args...).Int()
		moved += n
		if err != nil {
			return moved, fmt.Errorf("redisqueue: redriving from %s: %w", q.dead, err)
		}
	}
	return moved, nil
}

// DiscardDeadLetters deletes the dead letters with the given ids for good
// and returns how many it deleted. The dead-letter stream is never trimmed
// otherwise: deliveries stay there until they are re-driven or discarded.
func (q *Queue) DiscardDeadLetters(ctx context.Context, ids ...string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	n, err := q.client.XDel(ctx, q.dead, ids...).Result()
	if err != nil {
		return int(n), fmt.Errorf("redisqueue: deleting from %s: %w", q.dead, err)
	}
	return int(n), nil
}

// validStreamID reports whether id is a complete stream entry id: "<ms>" or
// "<ms>-<seq>", each a decimal uint64.
func validStreamID(id string) bool {
	ms, seq, found := strings.Cut(id, "-")
	if _, err := strconv.ParseUint(ms, 10, 64); err != nil {
		return false
	}
	if !found {
		return true
	}
	_, err := strconv.ParseUint(seq, 10, 64)
	return err == nil
}
