package redisstore

import (
	"context"
	"testing"

	"github.com/typedhooks/typedhooks/internal/redistest"
)

// The client re-sends the claim script when it lost the reply (a timeout,
// a dropped connection): the caller's own claim found again is its claim,
// not another handler's (InFlight), and is written again.
func TestClaimScript_ResentClaimIsTheCallersOwn(t *testing.T) {
	rdb := redistest.Start(t).Client()
	ctx := context.Background()
	run := func(token string) int64 {
		t.Helper()
		n, err := claimScript.Run(ctx, rdb, []string{"k"}, claimPrefix+token, 60_000, doneValue).Int64()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := run("a"); got != 1 {
		t.Fatalf("first claim: %d, want 1", got)
	}
	rdb.PExpire(ctx, "k", 5_000)
	if got := run("a"); got != 1 {
		t.Fatalf("re-sent claim: %d, want 1 (Claimed)", got)
	}
	if ttl := rdb.PTTL(ctx, "k").Val().Milliseconds(); ttl <= 5_000 {
		t.Fatalf("re-sent claim left the TTL at %d ms; it writes the claim again", ttl)
	}
	if got := run("b"); got != 3 {
		t.Fatalf("another handler's claim: %d, want 3 (InFlight)", got)
	}
	rdb.Set(ctx, "k", doneValue, 0)
	if got := run("a"); got != 2 {
		t.Fatalf("claim of a done key: %d, want 2 (AlreadyDone)", got)
	}
}
