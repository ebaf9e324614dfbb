package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out))
	got := out.String()
	t.Log("\n" + got)
	const first, second = "0d4b5f3a-6c1e-4f7b-9a2d-8e3c1b5a7f90", "7e2a9c4b-1d3f-4a6e-8b5c-2f9d0e1a3b46"
	lines := strings.Split(strings.TrimSpace(got), "\n")
	assert.Equal(t, []string{
		"app: mint " + first + " started",
		"app: mint " + second + " started",
		"callback: NFT 15 of mint " + first + " handed over (via webhook)",
		"webhook: mint " + first + " answered 200",
		// The webhook of the second mint never came: the reconciler
		// found it through the API and ran the callback.
		"reconciler: action " + second + " is succeeded",
		"callback: NFT 16 of mint " + second + " handed over (via reconciler)",
		// The late webhook is acknowledged without a second call: the
		// dispatcher keys both on the action and its outcome.
		"dispatcher: action:" + second + ":nfts.create.succeeded already handled, acknowledged without a call",
		"webhook: mint " + second + " answered 200",
		"reconciler: nothing pending",
		"done: every callback ran exactly once",
	}, lines)
	assert.Equal(t, 1, strings.Count(got, "of mint "+second+" handed over"))
}

// A reconciler pass over an action that is still pending leaves it pending
// and runs nothing.
func TestReconciler_PendingActionWaits(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	env := newTestEnv(t, &out)
	env.cm.startMint("11111111-2222-4333-8444-555555555555", "99")
	env.app.started("11111111-2222-4333-8444-555555555555", time.Now().Add(-time.Hour))
	require.NoError(t, env.r.pass(ctx, time.Now()))
	assert.Contains(t, out.String(), "is pending")
	assert.NotContains(t, out.String(), "callback:")
	assert.Len(t, env.app.stale(time.Now()), 1)

	env.cm.confirm("11111111-2222-4333-8444-555555555555")
	require.NoError(t, env.r.pass(ctx, time.Now()))
	require.NoError(t, env.r.pass(ctx, time.Now()))
	assert.Equal(t, 1, strings.Count(out.String(), "callback:"))
	assert.Empty(t, env.app.stale(time.Now()))
}

// Actions younger than the grace period are left to their webhook.
func TestReconciler_GracePeriod(t *testing.T) {
	var out bytes.Buffer
	env := newTestEnv(t, &out)
	env.cm.startMint("aaaaaaaa-2222-4333-8444-555555555555", "1")
	env.app.started("aaaaaaaa-2222-4333-8444-555555555555", time.Now())
	require.NoError(t, env.r.pass(context.Background(), time.Now()))
	assert.Equal(t, "reconciler: nothing pending\n", out.String())
}

func newTestEnv(t *testing.T, out *bytes.Buffer) *env {
	t.Helper()
	e, err := newEnv(out)
	require.NoError(t, err)
	t.Cleanup(e.Close)
	return e
}
