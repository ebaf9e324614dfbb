package dispatch_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks/dispatch"
)

// fakeClock is a clock that tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var bg = context.Background()

func claim(t *testing.T, s dispatch.IdempotencyStore, key string) (dispatch.ClaimStatus, string) {
	t.Helper()
	st, tok, err := s.Claim(bg, key)
	require.NoError(t, err)
	if st == dispatch.Claimed {
		require.NotEmpty(t, tok, "a claim comes with a token")
	} else {
		require.Empty(t, tok)
	}
	return st, tok
}

func TestMemoryStore_ClaimCompleteRelease(t *testing.T) {
	s := dispatch.NewMemoryStore()

	st, tok := claim(t, s, "ns:a")
	assert.Equal(t, dispatch.Claimed, st)
	st, _ = claim(t, s, "ns:a")
	assert.Equal(t, dispatch.InFlight, st, "a second claim while the first holds")
	st, _ = claim(t, s, "other:a")
	assert.Equal(t, dispatch.Claimed, st, "keys are independent")

	require.NoError(t, s.Complete(bg, "ns:a", tok))
	st, _ = claim(t, s, "ns:a")
	assert.Equal(t, dispatch.AlreadyDone, st)

	st, tok = claim(t, s, "ns:b")
	require.Equal(t, dispatch.Claimed, st)
	require.NoError(t, s.Release(bg, "ns:b", "not-the-token"))
	st, _ = claim(t, s, "ns:b")
	assert.Equal(t, dispatch.InFlight, st, "a wrong token releases nothing")
	require.NoError(t, s.Release(bg, "ns:b", tok))
	st, tok2 := claim(t, s, "ns:b")
	assert.Equal(t, dispatch.Claimed, st, "released: the retry claims again")
	assert.NotEqual(t, tok, tok2, "every claim has its own token")

	require.NoError(t, s.Complete(bg, "ns:b", tok2))
	require.NoError(t, s.Release(bg, "ns:b", tok2))
	st, _ = claim(t, s, "ns:b")
	assert.Equal(t, dispatch.AlreadyDone, st, "Release never removes a done mark")
}

func TestMemoryStore_Expiry(t *testing.T) {
	clock := newFakeClock()
	s := dispatch.NewMemoryStore(dispatch.WithClock(clock.Now), dispatch.WithClaimTTL(time.Minute), dispatch.WithRetention(time.Hour))

	st, stale := claim(t, s, "k")
	require.Equal(t, dispatch.Claimed, st)
	clock.Advance(59 * time.Second)
	st, _ = claim(t, s, "k")
	assert.Equal(t, dispatch.InFlight, st)
	clock.Advance(time.Second)
	st, fresh := claim(t, s, "k")
	assert.Equal(t, dispatch.Claimed, st, "an abandoned claim expires after the claim TTL")

	require.NoError(t, s.Release(bg, "k", stale))
	st, _ = claim(t, s, "k")
	assert.Equal(t, dispatch.InFlight, st, "the expired holder cannot release the new claim")

	require.NoError(t, s.Complete(bg, "k", fresh))
	clock.Advance(59 * time.Minute)
	st, _ = claim(t, s, "k")
	assert.Equal(t, dispatch.AlreadyDone, st)
	clock.Advance(time.Minute)
	st, _ = claim(t, s, "k")
	assert.Equal(t, dispatch.Claimed, st, "a done mark is forgotten after the retention")
}

func TestMemoryStore_CompleteAfterTheClaimExpired(t *testing.T) {
	clock := newFakeClock()
	s := dispatch.NewMemoryStore(dispatch.WithClock(clock.Now), dispatch.WithClaimTTL(time.Minute))
	_, slow := claim(t, s, "k")
	clock.Advance(2 * time.Minute)
	_, second := claim(t, s, "k")

	require.NoError(t, s.Complete(bg, "k", slow))
	st, _ := claim(t, s, "k")
	assert.Equal(t, dispatch.AlreadyDone, st, "the side effects happened: the key is done")
	require.NoError(t, s.Release(bg, "k", second))
	st, _ = claim(t, s, "k")
	assert.Equal(t, dispatch.AlreadyDone, st)
}

func TestMemoryStore_SweepsExpiredKeys(t *testing.T) {
	clock := newFakeClock()
	s := dispatch.NewMemoryStore(dispatch.WithClock(clock.Now), dispatch.WithRetention(time.Hour))
	for i := range 100 {
		_, tok := claim(t, s, fmt.Sprint("old", i))
		require.NoError(t, s.Complete(bg, fmt.Sprint("old", i), tok))
	}
	assert.Equal(t, 100, s.Len())
	clock.Advance(time.Hour)
	claim(t, s, "new")
	assert.Equal(t, 1, s.Len(), "expired keys are dropped, not just ignored")
}

func TestMemoryStore_Bounded(t *testing.T) {
	clock := newFakeClock()
	s := dispatch.NewMemoryStore(dispatch.WithClock(clock.Now), dispatch.WithMaxKeys(3))
	for _, k := range []string{"a", "b", "c"} {
		_, tok := claim(t, s, k)
		require.NoError(t, s.Complete(bg, k, tok))
		clock.Advance(time.Second)
	}
	// Touching "a" again makes "b" the oldest.
	require.NoError(t, s.Complete(bg, "a", ""))
	st, _ := claim(t, s, "d")
	require.Equal(t, dispatch.Claimed, st)
	assert.Equal(t, 3, s.Len())

	st, _ = claim(t, s, "a")
	assert.Equal(t, dispatch.AlreadyDone, st, "recently touched keys survive")
	st, _ = claim(t, s, "c")
	assert.Equal(t, dispatch.AlreadyDone, st)
	assert.Equal(t, 3, s.Len())

	// "b" was evicted: it can be claimed again (which evicts the oldest).
	st, _ = claim(t, s, "b")
	assert.Equal(t, dispatch.Claimed, st)
	assert.Equal(t, 3, s.Len())

	require.NoError(t, s.Complete(bg, "never-claimed", ""))
	assert.Equal(t, 3, s.Len(), "Complete of an unknown key respects the bound too")
}

func TestMemoryStore_ConcurrentClaimsHaveOneWinner(t *testing.T) {
	s := dispatch.NewMemoryStore()
	var wg sync.WaitGroup
	results := make([]dispatch.ClaimStatus, 64)
	for i := range results {
		wg.Go(func() { results[i], _, _ = s.Claim(bg, "k") })
	}
	wg.Wait()
	counts := map[dispatch.ClaimStatus]int{}
	for _, r := range results {
		counts[r]++
	}
	assert.Equal(t, map[dispatch.ClaimStatus]int{dispatch.Claimed: 1, dispatch.InFlight: 63}, counts)
}

// modelStore is the MemoryStore's behaviour written as plainly as it can
// be: a list of entries in the order they were last written, searched
// from end to end.
type modelStore struct {
	claimTTL, retention time.Duration
	maxKeys             int
	list                []modelEntry // oldest first
}

type modelEntry struct {
	key, token string // token "" once completed
	expires    time.Time
}

func (m *modelStore) find(key string) int {
	for i, e := range m.list {
		if e.key == key {
			return i
		}
	}
	return -1
}

func (m *modelStore) drop(i int) { m.list = append(m.list[:i], m.list[i+1:]...) }

func (m *modelStore) push(e modelEntry) {
	for len(m.list) >= m.maxKeys {
		m.drop(0)
	}
	m.list = append(m.list, e)
}

// claim answers as the store should; token is the one the store gave, which
// the model then holds for the key.
func (m *modelStore) claim(now time.Time, key, token string) dispatch.ClaimStatus {
	for len(m.list) > 0 && !now.Before(m.list[0].expires) {
		m.drop(0)
	}
	if i := m.find(key); i >= 0 {
		if now.Before(m.list[i].expires) {
			if m.list[i].token == "" {
				return dispatch.AlreadyDone
			}
			return dispatch.InFlight
		}
		m.drop(i)
	}
	m.push(modelEntry{key: key, token: token, expires: now.Add(m.claimTTL)})
	return dispatch.Claimed
}

func (m *modelStore) complete(now time.Time, key string) {
	if i := m.find(key); i >= 0 {
		m.drop(i)
	}
	m.push(modelEntry{key: key, expires: now.Add(m.retention)})
}

func (m *modelStore) release(key, token string) {
	if i := m.find(key); i >= 0 && token != "" && m.list[i].token == token {
		m.drop(i)
	}
}

// TestMemoryStore_BehavesAsTheModel runs random claims, completions,
// releases (with the holder's token, a stale one, a misspelt one) and clock
// moves (forward, and now and then back) on a small store and on
// modelStore, and checks that they answer alike at every step: so
// eviction, sweeping, the reuse of evicted entries and the index's
// deletions hold over many rounds of the store filling up.
func TestMemoryStore_BehavesAsTheModel(t *testing.T) {
	for _, maxKeys := range []int{1, 3, 16} {
		t.Run(fmt.Sprint("max=", maxKeys), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(maxKeys), 14))
			clock := newFakeClock()
			const claimTTL, retention = time.Minute, 10 * time.Minute
			s := dispatch.NewMemoryStore(dispatch.WithClock(clock.Now), dispatch.WithMaxKeys(maxKeys),
				dispatch.WithClaimTTL(claimTTL), dispatch.WithRetention(retention))
			m := &modelStore{claimTTL: claimTTL, retention: retention, maxKeys: maxKeys}
			var tokens []string // every token given, for stale releases
			for step := range 20_000 {
				key := fmt.Sprint("ns:", rng.IntN(2*maxKeys+2))
				switch op := rng.IntN(10); {
				case op < 4:
					st, tok, err := s.Claim(bg, key)
					require.NoError(t, err)
					if want := m.claim(clock.Now(), key, tok); st != want {
						t.Fatalf("step %d: claim %s: %v, want %v", step, key, st, want)
					}
					if st == dispatch.Claimed {
						tokens = append(tokens, tok)
					}
				case op < 6:
					require.NoError(t, s.Complete(bg, key, ""))
					m.complete(clock.Now(), key)
				case op < 8:
					var tok string
					switch i := m.find(key); {
					case i >= 0 && rng.IntN(3) > 0:
						tok = m.list[i].token // the holder's, or "" when done
					case len(tokens) > 0:
						tok = tokens[rng.IntN(len(tokens))]
					}
					if rng.IntN(8) == 0 {
						tok = strings.ToUpper(tok) // the same digits, misspelt
					}
					require.NoError(t, s.Release(bg, key, tok))
					m.release(key, tok)
				case op < 9:
					clock.Advance(time.Duration(rng.IntN(90)) * time.Second)
				default:
					clock.Advance(time.Duration(rng.IntN(20)-15) * time.Second)
				}
				if s.Len() != len(m.list) {
					t.Fatalf("step %d: Len %d, want %d", step, s.Len(), len(m.list))
				}
			}
		})
	}
}

// TestMemoryStore_DefaultClock checks the store's own clock, which tests
// otherwise replace.
func TestMemoryStore_DefaultClock(t *testing.T) {
	s := dispatch.NewMemoryStore()
	claim(t, s, "k")
	st, _ := claim(t, s, "k")
	assert.Equal(t, dispatch.InFlight, st, "the claim holds")

	s = dispatch.NewMemoryStore(dispatch.WithClaimTTL(time.Millisecond), dispatch.WithRetention(time.Millisecond))
	_, tok := claim(t, s, "k")
	time.Sleep(2 * time.Millisecond)
	st, _ = claim(t, s, "k")
	assert.Equal(t, dispatch.Claimed, st, "the claim expired")
	require.NoError(t, s.Complete(bg, "k", tok))
	time.Sleep(2 * time.Millisecond)
	st, _ = claim(t, s, "k")
	assert.Equal(t, dispatch.Claimed, st, "the done mark expired")
}

func TestMemoryStore_MaxKeysAboveInt32(t *testing.T) {
	s := dispatch.NewMemoryStore(dispatch.WithMaxKeys(math.MaxInt))
	for i := range 1000 {
		st, _ := claim(t, s, fmt.Sprint("k", i))
		require.Equal(t, dispatch.Claimed, st)
	}
	assert.Equal(t, 1000, s.Len())
}

func TestNewMemoryStore_RejectsBadOptions(t *testing.T) {
	for name, opt := range map[string]dispatch.MemoryOption{
		"retention": dispatch.WithRetention(0),
		"claim TTL": dispatch.WithClaimTTL(-time.Second),
		"max keys":  dispatch.WithMaxKeys(0),
		"clock":     dispatch.WithClock(nil),
	} {
		assert.Panics(t, func() { dispatch.NewMemoryStore(opt) }, name)
	}
}

// BenchmarkMemoryStore_ClaimComplete measures the store's share of a new
// delivery: one claim and one completion of a key not seen before, in a
// full store (so each claim also evicts the oldest key).
func BenchmarkMemoryStore_ClaimComplete(b *testing.B) {
	// The ring of keys is longer than the store, so a key is always evicted
	// before it comes round again.
	s := dispatch.NewMemoryStore(dispatch.WithMaxKeys(1 << 12))
	keys := make([]string, 1<<14)
	for i := range keys {
		keys[i] = fmt.Sprintf("crossmint:msg_%08d", i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		key := keys[i%len(keys)]
		i++
		st, tok, _ := s.Claim(bg, key)
		if st != dispatch.Claimed {
			b.Fatalf("claim %s: %v", key, st)
		}
		_ = s.Complete(bg, key, tok)
	}
}

// BenchmarkMemoryStore_Default is the store as a default [dispatch.Dispatcher]
// runs it on a stream of new deliveries: default options (time.Now,
// DefaultMaxKeys), already full, and per delivery a key built afresh (as
// the dispatcher concatenates namespace and id), claimed and completed.
func BenchmarkMemoryStore_Default(b *testing.B) {
	s := dispatch.NewMemoryStore()
	// Twice as many ids as the store holds, so an id has been evicted by
	// the time it comes round again.
	ids := make([]string, 2*dispatch.DefaultMaxKeys)
	for i := range ids {
		ids[i] = fmt.Sprintf("%08x-2890-47d7-b733-a1462736b528", i)
	}
	i := 0
	deliver := func() {
		key := "crossmint:" + ids[i%len(ids)]
		i++
		st, tok, _ := s.Claim(bg, key)
		if st != dispatch.Claimed {
			b.Fatalf("claim %s: %v", key, st)
		}
		_ = s.Complete(bg, key, tok)
	}
	for range dispatch.DefaultMaxKeys {
		deliver()
	}
	if s.Len() != dispatch.DefaultMaxKeys {
		b.Fatalf("the store holds %d keys, not %d", s.Len(), dispatch.DefaultMaxKeys)
	}
	b.ReportAllocs()
	for b.Loop() {
		deliver()
	}
}
