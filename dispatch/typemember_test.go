package dispatch_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

// TestServeHTTP_MadeUpTypeMemberSpelledTwiceReachesOneCallback sends, over
// a real HTTP server, validly signed Crossmint bodies that name the type
// member twice, the second time in another spelling that encoding/json
// matches to the same field ("TYPE", "T\u0059PE", "Type"). Exactly one
// callback runs: the one for the type the event's Type field holds, which
// is also what the event encodes back to. (The body is MADE-UP; Crossmint
// sends one type member.)
func TestServeHTTP_MadeUpTypeMemberSpelledTwiceReachesOneCallback(t *testing.T) {
	signer, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	require.NoError(t, err)
	d := dispatch.New(signer, crossmint.Parse, dispatch.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))

	var mu sync.Mutex
	var calls []string // "Go type: Type field"
	require.NoError(t, dispatch.On(d, func(_ context.Context, e *crossmint.NFTCreateSucceeded) error {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, "NFTCreateSucceeded: "+e.Type)
		return nil
	}))
	require.NoError(t, dispatch.On(d, func(_ context.Context, e *crossmint.NFTCreateFailed) error {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, "NFTCreateFailed: "+e.Type)
		return nil
	}))
	srv := httptest.NewServer(d)
	defer srv.Close()

	for i, second := range []string{`"TYPE"`, `"T\u0059PE"`, `"Type"`, `"typ\u0065"`} {
		// A fresh actionId each time: Crossmint action events are
		// de-duplicated on their action id and type.
		body := `{"actionId":"a` + string(rune('1'+i)) + `","type":"nfts.create.succeeded","data":{"chain":"polygon"},` + second + `:"nfts.create.failed"}`
		req, err := signer.SignedRequest(srv.URL, "msg_typemember_"+string(rune('a'+i)), time.Now(), []byte(body))
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, body)
	}
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, calls, 4)
	for _, c := range calls {
		assert.Equal(t, "NFTCreateFailed: nfts.create.failed", c, "the last member counts, as in encoding/json: %s", strings.Join(calls, "; "))
	}
}
