package typedhooks

import "errors"

// Errors returned by the decoders of every provider package. They are wrapped
// with the provider's name, so test for them with errors.Is.
var (
	// ErrNotObject means the body is not a single JSON object.
	ErrNotObject = errors.New("body is not a JSON object")
	// ErrNoEventType means the body is a JSON object but the fields that name
	// the event type are missing, empty or not strings.
	ErrNoEventType = errors.New("no event type in body")
)
