package main

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/verify"
)

// Secrets for the tests only: the Svix docs' sample secret, a second one
// for Stytch, and a Dynamic secret in the dashboard's style.
const (
	crossmintSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	stytchSecret    = "whsec_dGVzdC1vbmx5LXN0eXRjaC1zZWNyZXQtMTIz"
	dynamicSecret   = "dyn_test_only_secret"
)

// Documented provider bodies, as paths in internal/samples.
const (
	crossmintFixture = "crossmint/nfts.create.succeeded.evm.json"
	stytchFixture    = "stytch/direct.user.create.json"
	dynamicFixture   = "dynamic/wallet.delegation.created.json"
)

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

func testLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewJSONHandler(buf, nil)), buf
}

func mustSvix(t *testing.T, secret string) *verify.Svix {
	t.Helper()
	v, err := verify.NewSvix(secret)
	require.NoError(t, err)
	return v
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(samples.FS(), name)
	require.NoError(t, err)
	return b
}

func TestNewMux_DeliversEachProvider(t *testing.T) {
	logger, logs := testLogger()
	mux, err := newMux(config{CrossmintSecret: crossmintSecret, StytchSecret: stytchSecret, DynamicSecret: dynamicSecret}, logger)
	require.NoError(t, err)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dyn, err := verify.NewDynamic(dynamicSecret)
	require.NoError(t, err)
	svixReq := func(secret, path, id string, body []byte) *http.Request {
		r, err := mustSvix(t, secret).SignedRequest(srv.URL+path, id, time.Now(), body)
		require.NoError(t, err)
		return r
	}
	dynReq := func(body []byte) *http.Request {
		r, err := dyn.SignedRequest(srv.URL+"/webhooks/dynamic", body)
		require.NoError(t, err)
		return r
	}
	get := func(path string) *http.Request {
		r, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		require.NoError(t, err)
		return r
	}

	tests := []struct {
		name   string
		req    *http.Request
		status int
		log    string
	}{
		{"crossmint", svixReq(crossmintSecret, "/webhooks/crossmint", "msg_c1", fixture(t, crossmintFixture)), 200, `"msg":"NFT minted"`},
		{"stytch", svixReq(stytchSecret, "/webhooks/stytch", "msg_s1", fixture(t, stytchFixture)), 200, `"provider":"stytch"`},
		{"dynamic", dynReq(fixture(t, dynamicFixture)), 200, `"provider":"dynamic"`},
		{"crossmint signed with stytch's secret", svixReq(stytchSecret, "/webhooks/crossmint", "msg_c2", fixture(t, crossmintFixture)), 401, `"level":"WARN"`},
		{"wrong method", get("/webhooks/crossmint"), 405, ""},
		{"unknown provider", svixReq(crossmintSecret, "/webhooks/other", "msg_o", fixture(t, crossmintFixture)), 404, ""},
		{"health check", get("/healthz"), 204, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tt.req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			if tt.log != "" {
				assert.Contains(t, logs.String(), tt.log)
			}
		})
	}
}

func TestNewMux_MountsOnlyConfiguredProviders(t *testing.T) {
	logger, _ := testLogger()
	mux, err := newMux(config{DynamicSecret: dynamicSecret}, logger)
	require.NoError(t, err)
	r, err := mustSvix(t, crossmintSecret).SignedRequest("/webhooks/crossmint", "msg_1", time.Now(), fixture(t, crossmintFixture))
	require.NoError(t, err)
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	assert.Equal(t, http.StatusNotFound, w.Code)
}

func TestNewMux_RejectsBadSecrets(t *testing.T) {
	logger, _ := testLogger()
	_, err := newMux(config{CrossmintSecret: "whsec_not base64!"}, logger)
	assert.ErrorIs(t, err, verify.ErrInvalidSecret)
	assert.ErrorContains(t, err, "crossmint")
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{"STYTCH_WEBHOOK_SECRET": stytchSecret, "DYNAMIC_WEBHOOK_SECRET": dynamicSecret}
	cfg, err := configFromEnv(func(k string) string { return env[k] })
	require.NoError(t, err)
	assert.Equal(t, config{StytchSecret: stytchSecret, DynamicSecret: dynamicSecret}, cfg)

	_, err = configFromEnv(func(string) string { return "" })
	assert.ErrorContains(t, err, "CROSSMINT_WEBHOOK_SECRET")
}

func TestNewServer_HasTimeouts(t *testing.T) {
	srv := newServer(http.NotFoundHandler())
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout,
	} {
		assert.Positive(t, d, name)
	}
	assert.Greater(t, srv.WriteTimeout, 15*time.Second, "longer than the providers wait for an answer")
}

// TestServe_ShutsDownGracefully cancels the context while a request is in
// progress: the request completes, then serve returns without error.
func TestServe_ShutsDownGracefully(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	handler := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		close(started)
		<-release
		w.WriteHeader(http.StatusOK)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, handler, 5*time.Second) }()

	status := make(chan int, 1)
	go func() {
		resp, err := http.Post("http://"+ln.Addr().String()+"/", "application/json", nil)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	<-started
	cancel()
	select {
	case err := <-done:
		t.Fatalf("serve returned before the request finished: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	assert.Equal(t, http.StatusOK, <-status, "the request in progress completes")
	require.NoError(t, <-done)

	_, err = net.DialTimeout("tcp", ln.Addr().String(), time.Second)
	assert.Error(t, err, "the listener is closed")
}
