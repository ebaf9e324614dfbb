package dispatch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/dispatch"
)

// FuzzServeHTTP sends arbitrary bodies through an unverified dispatcher: it
// must never panic, answer only with statuses from the documented table,
// and run a callback exactly when it answers 200 for a parsed event.
func FuzzServeHTTP(f *testing.F) {
	for _, s := range []string{
		createdBody, deletedBody, unknownBody, `{"type":"keyed.event","messageId":"m1","redelivery":true}`,
		`{"type":"things.create.succeeded","id":{"x":1},"name":5}`, `{"type":""}`, `[]`, ``, `{"type":"a"} trailing`,
		strings.Repeat(`{"a":`, 50),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var calls int
		count := func(context.Context, typedhooks.Event) error { calls++; return nil }
		d := dispatch.New(dispatch.Unverified(), testRegistry.Parse, dispatch.WithLogger(quiet),
			dispatch.WithMaxBodyBytes(4096), dispatch.WithStore(nil), dispatch.WithFallback(count))
		require.NoError(t, d.OnType("things.create.succeeded", count))
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body)))
		w := httptest.NewRecorder()
		d.ServeHTTP(w, r)

		_, parseErr := testRegistry.Parse(body)
		switch {
		case len(body) > 4096:
			require.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
			require.Zero(t, calls)
		case parseErr != nil:
			require.Equal(t, http.StatusBadRequest, w.Code)
			require.Zero(t, calls)
		default:
			require.Equal(t, http.StatusOK, w.Code)
			require.Equal(t, 1, calls)
		}
	})
}
