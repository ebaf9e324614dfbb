package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/internal/kit"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/typedhookstest"
	"github.com/typedhooks/typedhooks/verify"
)

// result is what one run of the command printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs the command in-process, with stdin as standard input and no
// TYPEDHOOKS_SECRET in the environment.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code := c.main(args)
	return result{out.String(), errOut.String(), code}
}

func secretFor(provider string) string {
	if svix, _ := kit.IsSvix(provider); svix {
		return typedhookstest.SvixSecret
	}
	return typedhookstest.DynamicSecret
}

// receiver is an httptest server with a real dispatcher for each provider
// at /PROVIDER, verifying with the kit's secrets; it records every event a
// callback receives. Each reset starts new dispatchers, so that a sample
// sent again (Stytch and Dynamic bodies carry their own ids) is not
// de-duplicated away.
type receiver struct {
	t   *testing.T
	srv *httptest.Server
	mu  sync.Mutex
	mux http.Handler
	got []typedhooks.Event
	raw [][]byte
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{t: t}
	r.reset()
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		h := r.mux
		r.mu.Unlock()
		h.ServeHTTP(w, req)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) reset() {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	for _, p := range kit.Providers() {
		parse, err := kit.Parse(p)
		require.NoError(r.t, err)
		var v verify.Verifier
		if svix, _ := kit.IsSvix(p); svix {
			v, err = verify.NewSvix(typedhookstest.SvixSecret)
		} else {
			v, err = verify.NewDynamic(typedhookstest.DynamicSecret)
		}
		require.NoError(r.t, err)
		d := dispatch.New(v, parse, dispatch.WithLogger(quiet), dispatch.WithFallback(func(ctx context.Context, ev typedhooks.Event) error {
			del, _ := dispatch.DeliveryFrom(ctx)
			r.mu.Lock()
			defer r.mu.Unlock()
			r.got = append(r.got, ev)
			if del != nil {
				r.raw = append(r.raw, bytes.Clone(del.Body))
			}
			return nil
		}))
		mux.Handle("/"+p, d)
	}
	r.mu.Lock()
	r.mux, r.got, r.raw = mux, nil, nil
	r.mu.Unlock()
}

func (r *receiver) events() []typedhooks.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]typedhooks.Event(nil), r.got...)
}

func lines(s string) []string {
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}

func TestTypes(t *testing.T) {
	res := runCLI(t, "", "types", "crossmint")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	want, err := kit.EventTypes("crossmint")
	require.NoError(t, err)
	assert.Equal(t, want, lines(res.stdout))
	assert.Contains(t, want, "nfts.create.succeeded")
	assert.NotContains(t, want, "mint.succeeded", "legacy names only with --all")

	all := runCLI(t, "", "types", "--all", "crossmint")
	require.Equal(t, 0, all.code)
	assert.Contains(t, lines(all.stdout), "mint.succeeded")
	assert.Contains(t, lines(all.stdout), "credential:creation.succeeded")
	assert.Equal(t, lines(res.stdout), lines(all.stdout)[:len(want)], "current names first")

	after := runCLI(t, "", "types", "crossmint", "--all")
	assert.Equal(t, all, after, "flags are accepted after the positional arguments")

	dyn := runCLI(t, "", "types", "--all", "dynamic")
	assert.Contains(t, lines(dyn.stdout), "sanctions.wallet.blocked")
	assert.NotContains(t, lines(runCLI(t, "", "types", "dynamic").stdout), "sanctions.wallet.blocked")
}

func TestSample(t *testing.T) {
	res := runCLI(t, "", "sample", "crossmint", "nfts.create.succeeded")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, string(typedhookstest.Body("crossmint", "nfts.create.succeeded")), res.stdout)
	assert.Empty(t, res.stderr, "a documented example needs no note")

	made := runCLI(t, "", "sample", "stytch", "direct.member.create")
	require.Equal(t, 0, made.code)
	assert.True(t, json.Valid([]byte(made.stdout)))
	assert.Contains(t, made.stderr, "made up")

	legacy := runCLI(t, "", "sample", "crossmint", "mint.succeeded")
	require.Equal(t, 0, legacy.code)
	assert.Contains(t, legacy.stdout, `"type": "mint.succeeded"`)
	assert.Contains(t, legacy.stderr, "legacy name of nfts.create.succeeded")

	bad := runCLI(t, "", "sample", "crossmint", "no.such.type")
	assert.Equal(t, 2, bad.code)
	assert.Empty(t, bad.stdout)
	assert.Contains(t, bad.stderr, `crossmint has no event type "no.such.type"`)
}

// TestTriggerEveryType triggers every type `types --all` lists for every
// provider against real dispatchers: each arrives as that typed event.
// newEvent is each provider package's New: the Go type of each event type.
var newEvent = map[string]func(string) (typedhooks.Event, bool){
	"crossmint":   crossmint.New,
	"credentials": credentials.New,
	"stytch":      stytch.New,
	"dynamic":     dynamic.New,
}

func TestTriggerEveryType(t *testing.T) {
	r := newReceiver(t)
	for _, p := range kit.Providers() {
		listed := runCLI(t, "", "types", "--all", p)
		require.Equal(t, 0, listed.code)
		legacy, err := kit.LegacyTypes(p)
		require.NoError(t, err)
		for _, typ := range lines(listed.stdout) {
			t.Run(p+"/"+typ, func(t *testing.T) {
				r.reset()
				res := runCLI(t, "", "trigger", "--url", r.srv.URL+"/"+p, "--secret", secretFor(p), p, typ)
				require.Equal(t, 0, res.code, res.stderr)
				assert.Equal(t, "200 OK\n", res.stdout)
				got := r.events()
				require.Len(t, got, 1)
				_, unknown := got[0].(*typedhooks.Unknown)
				require.False(t, unknown, "%s %s arrived as *typedhooks.Unknown", p, typ)
				// The type asked for (or, for a legacy name, its current
				// name), as the Go type the provider package maps it to.
				wantType := typ
				if current, ok := legacy[typ]; ok {
					wantType = current
				}
				assert.Equal(t, wantType, got[0].EventType())
				want, ok := newEvent[p](typ)
				require.True(t, ok, "%s maps %s to a Go type", p, typ)
				assert.IsType(t, want, got[0])
			})
		}
	}
}

// TestTrigger_NewIDEachTime: one dispatcher runs its callbacks for every
// trigger of the same type, as for new events; with --keep-id the sample is
// sent byte for byte, and a de-duplicating dispatcher handles it once.
func TestTrigger_NewIDEachTime(t *testing.T) {
	r := newReceiver(t)
	for range 2 {
		res := runCLI(t, "", "trigger", "--url", r.srv.URL+"/stytch", "--secret", typedhookstest.SvixSecret, "stytch", "direct.member.create")
		require.Equal(t, 0, res.code, res.stderr)
	}
	require.Len(t, r.events(), 2)
	assert.NotEqual(t, r.raw[0], r.raw[1], "a new event id each time")

	r.reset()
	for range 2 {
		res := runCLI(t, "", "trigger", "--keep-id", "--url", r.srv.URL+"/dynamic", "--secret", typedhookstest.DynamicSecret, "dynamic", "wallet.created")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Equal(t, "200 OK\n", res.stdout)
	}
	require.Len(t, r.events(), 1, "the same messageId twice is one delivery")
	assert.Equal(t, string(typedhookstest.Body("dynamic", "wallet.created")), string(r.raw[0]))
}

func TestTrigger_Failures(t *testing.T) {
	r := newReceiver(t)

	wrong := runCLI(t, "", "trigger", "--url", r.srv.URL+"/stytch", "--secret", "whsec_YW5vdGhlci1zZWNyZXQtYWx0b2dldGhlcg==", "stytch", "direct.user.create")
	assert.Equal(t, 1, wrong.code)
	assert.Equal(t, "401 Unauthorized\n", wrong.stdout)
	assert.Contains(t, wrong.stderr, "another secret")
	assert.Empty(t, r.events())

	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-req.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	defer close(release) // before Close, which waits for the handler
	start := time.Now()
	to := runCLI(t, "", "trigger", "--timeout", "100ms", "--url", slow.URL, "--secret", typedhookstest.DynamicSecret, "dynamic", "ping")
	assert.Equal(t, 1, to.code)
	assert.Contains(t, to.stderr, "within 100ms (--timeout)")
	assert.Less(t, time.Since(start), 3*time.Second)

	moved := httptest.NewServer(http.RedirectHandler("https://example.com/hooks", http.StatusMovedPermanently))
	defer moved.Close()
	redirect := runCLI(t, "", "trigger", "--url", moved.URL, "--secret", typedhookstest.DynamicSecret, "dynamic", "ping")
	assert.Equal(t, 1, redirect.code)
	assert.Equal(t, "301 Moved Permanently\n", redirect.stdout)
	assert.Contains(t, redirect.stderr, "redirects to https://example.com/hooks")

	for name, args := range map[string][]string{
		"no url":        {"trigger", "--secret", typedhookstest.SvixSecret, "stytch", "direct.user.create"},
		"bad url":       {"trigger", "--url", "localhost:8080", "--secret", typedhookstest.SvixSecret, "stytch", "direct.user.create"},
		"no secret":     {"trigger", "--url", r.srv.URL, "stytch", "direct.user.create"},
		"dyn for svix":  {"trigger", "--url", r.srv.URL, "--secret", "dyn_abc", "stytch", "direct.user.create"},
		"bad provider":  {"trigger", "--url", r.srv.URL, "--secret", "x", "github", "push"},
		"bad type":      {"trigger", "--url", r.srv.URL, "--secret", typedhookstest.SvixSecret, "stytch", "push"},
		"missing type":  {"trigger", "--url", r.srv.URL, "--secret", typedhookstest.SvixSecret, "stytch"},
		"extra arg":     {"trigger", "--url", r.srv.URL, "--secret", typedhookstest.SvixSecret, "stytch", "direct.user.create", "x"},
		"zero timeout":  {"trigger", "--timeout", "0s", "--url", r.srv.URL, "--secret", typedhookstest.SvixSecret, "stytch", "direct.user.create"},
		"unknown flag":  {"trigger", "--nope", "stytch", "direct.user.create"},
		"send no file":  {"send", "--url", r.srv.URL, "--secret", typedhookstest.SvixSecret, "stytch"},
		"verify nobody": {"verify", "--secret", typedhookstest.SvixSecret, "stytch"},
	} {
		t.Run(name, func(t *testing.T) {
			res := runCLI(t, "", args...)
			assert.Equal(t, 2, res.code, res.stderr)
			assert.Empty(t, res.stdout)
			assert.True(t, strings.HasPrefix(res.stderr, "typedhooks "), res.stderr)
			assert.NotContains(t, res.stderr, "goroutine", "no stack traces")
		})
	}
	assert.Empty(t, r.events())
}

func TestTrigger_SecretFromEnvironment(t *testing.T) {
	r := newReceiver(t)
	var out, errOut bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(k string) string {
		if k == "TYPEDHOOKS_SECRET" {
			return typedhookstest.SvixSecret
		}
		return ""
	}}
	require.Equal(t, 0, c.main([]string{"trigger", "--url", r.srv.URL + "/crossmint", "crossmint", "users.created"}), errOut.String())
	require.Len(t, r.events(), 1)
}

func TestSend(t *testing.T) {
	r := newReceiver(t)
	body := `{"type":"users.created","data":{"id":"u_1","email":"ada@example.com"}}`
	file := filepath.Join(t.TempDir(), "body.json")
	require.NoError(t, os.WriteFile(file, []byte(body), 0o600))

	res := runCLI(t, "", "send", "--url", r.srv.URL+"/crossmint", "--secret", typedhookstest.SvixSecret, "--file", file, "crossmint")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "200 OK\n", res.stdout)
	require.Len(t, r.events(), 1)
	assert.Equal(t, "users.created", r.events()[0].EventType())
	assert.Equal(t, body, string(r.raw[0]), "sent byte for byte")

	r.reset()
	dyn := string(typedhookstest.Body("dynamic", "wallet.created"))
	res = runCLI(t, dyn, "send", "dynamic", "--url", r.srv.URL+"/dynamic", "--secret", typedhookstest.DynamicSecret, "--file", "-")
	require.Equal(t, 0, res.code, res.stderr)
	require.Len(t, r.events(), 1)
	assert.Equal(t, "wallet.created", r.events()[0].EventType())

	r.reset()
	res = runCLI(t, "not json", "send", "--url", r.srv.URL+"/stytch", "--secret", typedhookstest.SvixSecret, "--file", "-", "stytch")
	assert.Equal(t, 1, res.code)
	assert.Equal(t, "400 Bad Request\n", res.stdout)
	assert.Contains(t, res.stderr, "not valid JSON")

	res = runCLI(t, "", "send", "--url", r.srv.URL+"/stytch", "--secret", typedhookstest.SvixSecret, "--file", filepath.Join(t.TempDir(), "missing.json"), "stytch")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "reading the body")
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"types", "sample", "trigger", "send", "verify"} {
		for _, flag := range []string{"--help", "-h"} {
			res := runCLI(t, "", cmd, flag)
			assert.Equal(t, 0, res.code, cmd)
			assert.True(t, strings.HasPrefix(res.stdout, "usage: typedhooks "+cmd), res.stdout)
			assert.Empty(t, res.stderr)
		}
	}
	res := runCLI(t, "", "--help")
	assert.Equal(t, 0, res.code)
	for _, cmd := range []string{"types", "sample", "trigger", "send", "verify"} {
		assert.Contains(t, res.stdout, "typedhooks "+cmd)
	}
	res = runCLI(t, "", "help", "verify")
	assert.Equal(t, 0, res.code)
	assert.Contains(t, res.stdout, "usage: typedhooks verify")

	res = runCLI(t, "")
	assert.Equal(t, 2, res.code)
	assert.Empty(t, res.stdout)
	assert.Contains(t, res.stderr, "Usage:")
	res = runCLI(t, "", "frobnicate")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `unknown command "frobnicate"`)
}

// TestDoubleDash: after "--" everything is positional.
func TestDoubleDash(t *testing.T) {
	res := runCLI(t, "", "types", "--", "--all")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `unknown provider "--all"`)
}
