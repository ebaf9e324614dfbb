package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
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

	names, err := fs.Glob(samples, "samples/*/*.json")
	require.NoError(t, err)
	events := lines[1 : len(lines)-1]
	assert.Len(t, events, len(names), "one line per sample")
	perProvider := map[string]int{}
	for _, l := range events {
		f := strings.Fields(l)
		require.Len(t, f, 3, l)
		perProvider[f[0]]++
		assert.NotEqual(t, "*typedhooks.Unknown", f[2], l)
		assert.Contains(t, f[2], "*"+f[0]+".", "the Go type lives in the provider's package: %s", l)
	}
	for _, p := range []string{"crossmint", "credentials", "stytch", "dynamic"} {
		assert.Positive(t, perProvider[p], "no %s sample delivered", p)
	}
	assert.Equal(t, fmt.Sprintf("all %d samples delivered as typed events", len(names)), lines[len(lines)-1])
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

// TestSamplesAreTheFixtures keeps the embedded samples identical to the
// provider packages' fixtures, whose SOURCES.md say where they come from,
// and makes sure every fixture is sent.
func TestSamplesAreTheFixtures(t *testing.T) {
	for _, set := range sampleSets {
		fixtures, err := filepath.Glob(filepath.Join("..", "..", set.dir, "testdata", "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, fixtures, set.dir)
		copies, err := fs.Glob(samples, "samples/"+set.dir+"/*.json")
		require.NoError(t, err)
		assert.Len(t, copies, len(fixtures), "%s: samples/%s should hold a copy of every fixture (see samples/SOURCES.md)", set.dir, set.dir)
		for _, fixture := range fixtures {
			want, err := os.ReadFile(fixture)
			require.NoError(t, err)
			got, err := samples.ReadFile("samples/" + set.dir + "/" + filepath.Base(fixture))
			if assert.NoError(t, err, "%s has no copy in samples/%s", fixture, set.dir) {
				assert.Equal(t, string(want), string(got), "samples/%s/%s differs from %s", set.dir, filepath.Base(fixture), fixture)
			}
		}
	}
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
