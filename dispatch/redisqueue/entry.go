package redisqueue

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/typedhooks/typedhooks/verify"
)

// Fields of a stream entry. The id and timestamp fields hold what the
// signature covered, not whatever headers the request carried.
const (
	fieldVersion  = "v"
	fieldBody     = "body"
	fieldHeader   = "header"
	fieldID       = "id"
	fieldTime     = "ts"
	fieldType     = "type"
	fieldReceived = "received"

	// Added to dead letters.
	fieldError    = "error"
	fieldAttempts = "attempts"
	fieldSource   = "source"
	fieldFailed   = "failed"

	entryVersion = "1"
)

// AttemptHeader is set by workers on the header they give the dispatcher:
// the attempt number, 1 for the first. Build the worker's dispatcher with
// dispatch.WithAttemptHeader(redisqueue.AttemptHeader) to have
// dispatch.Delivery.Redelivery report the queue's retries.
const AttemptHeader = "Typedhooks-Queue-Attempt"

// storedHeaders are stored with every delivery: what the signing schemes of
// package verify read, and what a callback may want to log.
var storedHeaders = [...]string{
	verify.HeaderSvixID, verify.HeaderSvixTimestamp, verify.HeaderSvixSignature,
	verify.HeaderWebhookID, verify.HeaderWebhookTimestamp, verify.HeaderWebhookSignature,
	http.CanonicalHeaderKey("X-Dynamic-Signature-256"),
	"Content-Type", "User-Agent",
}

// identityHeaders are the headers a dispatcher reads a delivery's id and
// signing time from. Workers replace them with what was verified at ingest.
var identityHeaders = [...]string{
	verify.HeaderSvixID, verify.HeaderWebhookID,
	verify.HeaderSvixTimestamp, verify.HeaderWebhookTimestamp,
}

// stored is a delivery as a worker reads it back.
type stored struct {
	body      []byte
	header    http.Header
	id        string
	timestamp string
	eventType string
	received  time.Time
}

// errCorrupt marks an entry a worker cannot decode: it goes to the
// dead-letter stream at once, since no retry can fix it.
var errCorrupt = errors.New("redisqueue: entry cannot be decoded")

func (q *Queue) entryValues(h http.Header, body []byte, id, ts, eventType string, received time.Time) ([]any, error) {
	keep := make(http.Header, len(q.keep))
	for name, vs := range h {
		if q.keep[name] {
			keep[name] = vs
		}
	}
	hj, err := json.Marshal(keep)
	if err != nil {
		return nil, err
	}
	return []any{
		fieldVersion, entryVersion,
		fieldBody, body,
		fieldHeader, hj,
		fieldID, id,
		fieldTime, ts,
		fieldType, eventType,
		fieldReceived, strconv.FormatInt(received.UnixMilli(), 10),
	}, nil
}

func decodeEntry(values map[string]any) (stored, error) {
	var s stored
	str := func(k string) string { v, _ := values[k].(string); return v }
	if v := str(fieldVersion); v != entryVersion {
		return s, fmt.Errorf("%w: format version %q, want %q", errCorrupt, v, entryVersion)
	}
	body, ok := values[fieldBody].(string)
	if !ok {
		return s, fmt.Errorf("%w: no body", errCorrupt)
	}
	s.body = []byte(body)
	if err := json.Unmarshal([]byte(str(fieldHeader)), &s.header); err != nil {
		return s, fmt.Errorf("%w: header: %w", errCorrupt, err)
	}
	if s.header == nil {
		s.header = http.Header{}
	}
	s.id, s.timestamp, s.eventType = str(fieldID), str(fieldTime), str(fieldType)
	if ms, err := strconv.ParseInt(str(fieldReceived), 10, 64); err == nil {
		s.received = time.UnixMilli(ms)
	}
	return s, nil
}

// dispatchHeader is the header a worker hands the dispatcher: the stored
// headers, with the identity headers replaced by the id and signing time
// verified at ingest, so that no header the signature did not cover can
// change the delivery's id.
func (s *stored) dispatchHeader(attempt int) http.Header {
	h := s.header
	for _, n := range identityHeaders {
		delete(h, n)
	}
	if s.id != "" {
		h[verify.HeaderSvixID] = []string{s.id}
	}
	if s.timestamp != "" {
		h[verify.HeaderSvixTimestamp] = []string{s.timestamp}
	}
	h[AttemptHeader] = []string{strconv.Itoa(attempt)}
	return h
}
