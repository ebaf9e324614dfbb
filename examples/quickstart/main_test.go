package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/samples"
)

// TestRun drives exactly what `go run ./examples/quickstart` does and checks
// its output: one line per sample, each naming a typed Go event, and the
// closing summary.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out))

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.GreaterOrEqual(t, len(lines), 2, out.String())
	assert.True(t, strings.HasPrefix(lines[0], "listening on http://127.0.0.1:"), lines[0])

	var names []string
	notDocumented := 0
	for _, set := range sampleSets {
		names = append(names, set.names()...)
		for _, n := range set.names() {
			if samples.MadeUp(n) {
				notDocumented++
			}
		}
	}
	events := lines[1 : len(lines)-1]
	assert.Len(t, events, len(names), "one line per sample")
	perProvider := map[string]int{}
	marked := 0
	for _, l := range events {
		f := strings.Fields(l)
		if len(f) == 4 { // a provenance mark
			assert.Contains(t, []string{"(made-up)", "(reconstructed)"}, f[3], l)
			marked++
			f = f[:3]
		}
		require.Len(t, f, 3, l)
		perProvider[f[0]]++
		assert.NotEqual(t, "*typedhooks.Unknown", f[2], l)
		assert.Contains(t, f[2], "*"+f[0]+".", "the Go type lives in the provider's package: %s", l)
	}
	for _, p := range []string{"crossmint", "credentials", "stytch", "dynamic"} {
		assert.Positive(t, perProvider[p], "no %s sample delivered", p)
	}
	assert.Equal(t, notDocumented, marked, "every made-up or reconstructed sample is marked")
	assert.Equal(t, 6, notDocumented, "three made-up credential events, three reconstructed bodies")
	assert.Equal(t, fmt.Sprintf("all %d samples delivered as typed events (%d of them not documented examples, marked)", len(names), notDocumented), lines[len(lines)-1])
}

// TestRunStopsWhenCancelled: a cancelled context (Ctrl-C) ends the run with
// an error instead of reporting success.
func TestRunStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	err := run(ctx, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "samples not delivered")
}

// TestEveryProviderIsSent makes sure the quickstart sends the bodies of
// every provider directory the module embeds, so that a provider added there
// is not silently left out.
func TestEveryProviderIsSent(t *testing.T) {
	var dirs []string
	for _, set := range sampleSets {
		dirs = append(dirs, set.dir)
	}
	assert.ElementsMatch(t, samples.Providers, dirs)
	total := 0
	for _, set := range sampleSets {
		assert.NotEmpty(t, set.names(), set.dir)
		total += len(set.names())
	}
	assert.Equal(t, 29, total, "the documented examples, three reconstructed ones and the three made-up credential events")
}

// TestDeliverReportsProblems: the checks that make the quickstart exit 1
// fire on a non-200 answer, a missing or repeated callback and an untyped
// event.
func TestDeliverReportsProblems(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
	}))
	defer srv.Close()
	post := func() *http.Request {
		req, err := http.NewRequest(http.MethodPost, srv.URL, nil)
		require.NoError(t, err)
		return req
	}
	nft := &crossmint.NFTCreateSucceeded{}
	unknown := &typedhooks.Unknown{Type: "brand.new"}

	cases := []struct {
		name   string
		status int
		seen   []typedhooks.Event
		want   string
	}{
		{"delivered once, typed", http.StatusOK, []typedhooks.Event{nft}, ""},
		{"rejected", http.StatusUnauthorized, []typedhooks.Event{nft}, "status 401"},
		{"never reached a callback", http.StatusOK, nil, "received 0 times"},
		{"reached it twice", http.StatusOK, []typedhooks.Event{nft, nft}, "received 2 times"},
		{"untyped", http.StatusOK, []typedhooks.Event{unknown}, `type "brand.new" has no Go type`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status = c.status
			rec := &receiver{seen: map[string][]typedhooks.Event{"s": c.seen}}
			got := deliver(post(), rec, "s")
			if c.want == "" {
				assert.Empty(t, got)
			} else {
				assert.Contains(t, got, c.want)
			}
		})
	}
}
