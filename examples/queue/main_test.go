package main

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/internal/samples"
)

func requireRedisServer(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		const msg = "redis-server not found in PATH; install it to run this example's test"
		if os.Getenv("TYPEDHOOKS_REQUIRE_REDIS") == "1" {
			t.Fatal(msg + " (required because TYPEDHOOKS_REQUIRE_REDIS=1 is set)")
		}
		t.Skip(msg)
	}
}

// The program stores every Crossmint sample, runs each once through the
// workers (one after a failed first attempt) and leaves the queue empty.
func TestRun(t *testing.T) {
	requireRedisServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out strings.Builder
	require.NoError(t, run(ctx, "", &out))
	got := out.String()
	names := samples.Names("crossmint")
	assert.Contains(t, got, "stored "+itoaLen(names)+" deliveries")
	for i, n := range names {
		// One line per delivery that ran (the failed attempt says "failed").
		ran := 0
		for line := range strings.Lines(got) {
			if strings.HasPrefix(line, "  msg_sample_"+strconv.Itoa(i)+" ") && !strings.Contains(line, "failed (") {
				ran++
			}
		}
		assert.Equal(t, 1, ran, "sample %s", n)
	}
	assert.Contains(t, got, "attempt 1 failed")
	assert.Contains(t, got, "nfts.create.succeeded                attempt 2")
	assert.Contains(t, got, "length 0, pending 0, dead letters 0")
}

func TestRun_UnreachableRedis(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := run(ctx, "127.0.0.1:1", &strings.Builder{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "redis at 127.0.0.1:1")
}

func itoaLen[T any](s []T) string { return strconv.Itoa(len(s)) }
