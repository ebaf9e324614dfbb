package main

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/verify"
)

// The Svix docs' sample secret, for the tests only.
const testSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestEveryRouterServesTheDispatcher mounts the same dispatcher on each
// router and checks what a provider would see: the signed delivery reaches
// the typed callback (200), a forged one is refused (401), and the router
// itself refuses other methods (405).
func TestEveryRouterServesTheDispatcher(t *testing.T) {
	body, err := os.ReadFile("../../internal/samples/crossmint/nfts.create.succeeded.evm.json")
	require.NoError(t, err)
	signer, err := verify.NewSvix(testSecret)
	require.NoError(t, err)
	forger, err := verify.NewSvix("whsec_Zm9yZ2VkLXNlY3JldC1mb3ItdGVzdHM=")
	require.NoError(t, err)

	require.Equal(t, []string{"chi", "echo", "gin", "gorilla", "servemux"}, routerNames())
	for _, name := range routerNames() {
		t.Run(name, func(t *testing.T) {
			logs := &syncBuffer{}
			webhook, err := newWebhook(testSecret, slog.New(slog.NewTextHandler(logs, nil)))
			require.NoError(t, err)
			h, err := newRouter(name, webhook)
			require.NoError(t, err)
			srv := httptest.NewServer(h)
			defer srv.Close()

			send := func(r *http.Request) int {
				resp, err := http.DefaultClient.Do(r)
				require.NoError(t, err)
				resp.Body.Close()
				return resp.StatusCode
			}
			r, err := signer.SignedRequest(srv.URL+webhookPath, "msg_"+name, time.Now(), body)
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, send(r))
			assert.Contains(t, logs.String(), "NFT minted", "the typed callback ran")
			assert.Equal(t, 1, strings.Count(logs.String(), "NFT minted"))

			r, err = forger.SignedRequest(srv.URL+webhookPath, "msg_forged", time.Now(), body)
			require.NoError(t, err)
			assert.Equal(t, http.StatusUnauthorized, send(r))

			r, err = http.NewRequest(http.MethodGet, srv.URL+webhookPath, nil)
			require.NoError(t, err)
			assert.Equal(t, http.StatusMethodNotAllowed, send(r))
		})
	}
}

func TestNewRouter_UnknownName(t *testing.T) {
	_, err := newRouter("martini", http.NotFoundHandler())
	assert.ErrorContains(t, err, "martini")
}

func TestNewWebhook_RejectsBadSecret(t *testing.T) {
	_, err := newWebhook("", slog.Default())
	assert.ErrorIs(t, err, verify.ErrInvalidSecret)
}
