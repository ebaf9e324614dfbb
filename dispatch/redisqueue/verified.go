package redisqueue

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

// verifyDelivery checks the signature and returns the delivery id and
// signing time it covered, as header texts, read from a verifier that
// implements verify.ResultVerifier (both of package verify do). A verifier
// that does not is taken to have verified the body only, as package
// dispatch does: the entry then carries no id or timestamp, and the workers
// de-duplicate on the event's own key. No header the signature did not
// cover ever reaches the stream as the id. A panicking verifier is
// recovered into dispatch.ErrInternal.
func verifyDelivery(v verify.Verifier, h http.Header, body []byte) (id, ts string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: verifier: %v\n%s", dispatch.ErrInternal, p, debug.Stack())
		}
	}()
	rv, ok := v.(verify.ResultVerifier)
	if !ok {
		if err := v.Verify(h, body); err != nil {
			return "", "", fmt.Errorf("%w: %w", dispatch.ErrVerification, err)
		}
		return "", "", nil
	}
	res, err := rv.VerifyResult(h, body)
	if err != nil {
		return "", "", fmt.Errorf("%w: %w", dispatch.ErrVerification, err)
	}
	if res.ID == "" && res.Timestamp.IsZero() {
		// The signature covered the body alone (verify.Dynamic): key the
		// entry on its digest, as dispatch keys such a delivery over HTTP,
		// so that the same bytes delivered again run once here too.
		sum := sha256.Sum256(body)
		return "sha256:" + hex.EncodeToString(sum[:]), "", nil
	}
	if !res.Timestamp.IsZero() {
		ts = strconv.FormatInt(res.Timestamp.Unix(), 10)
	}
	return res.ID, ts, nil
}

// parseDelivery parses the body and checks what the workers' dispatcher
// would refuse, so that nothing enters the stream that can never succeed:
// a body the parse function rejects, and ids over dispatch.MaxIDBytes.
func parseDelivery(parse func([]byte) (typedhooks.Event, error), body []byte, id string) (ev typedhooks.Event, err error) {
	defer func() {
		if p := recover(); p != nil {
			ev, err = nil, fmt.Errorf("%w: parse: %v\n%s", dispatch.ErrInternal, p, debug.Stack())
		}
	}()
	if len(id) > dispatch.MaxIDBytes {
		return nil, fmt.Errorf("%w: delivery id of %d bytes, over the limit of %d", dispatch.ErrMalformed, len(id), dispatch.MaxIDBytes)
	}
	ev, err = parse(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", dispatch.ErrMalformed, err)
	}
	if ev == nil {
		return nil, fmt.Errorf("%w: the parse function returned no event", dispatch.ErrMalformed)
	}
	if k, ok := ev.(typedhooks.IdempotencyKeyer); ok {
		if key := k.IdempotencyKey(); len(key) > dispatch.MaxIDBytes {
			return nil, fmt.Errorf("%w: event key of %d bytes, over the limit of %d", dispatch.ErrMalformed, len(key), dispatch.MaxIDBytes)
		}
	}
	return ev, nil
}
