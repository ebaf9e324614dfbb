package dispatch

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIndex_FindsEveryEntryAfterInsertsAndDeletes runs random inserts and
// deletes on an index, with hashes from a small set so that many share a
// home cell and runs wrap round the end of the table, and checks after
// each step that every filed entry is found from its home cell.
func TestIndex_FindsEveryEntryAfterInsertsAndDeletes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := newIndex()
	filed := map[int32]uint32{} // entry -> hash
	var free, order []int32     // order: filed entries, to pick from
	next := int32(0)
	// Hashes whose homes crowd the last cells of a 16- or 32-cell table,
	// so that runs wrap round to cell 0, and a few elsewhere.
	hashes := []uint32{15, 31, 14, 30, 0xffff_ffff, 0x8000_000f, 3}
	grew := false
	for step := range 20_000 {
		if len(filed) > 0 && (len(filed) > 40 || rng.IntN(2) == 0) {
			k := rng.IntN(len(order))
			i := order[k]
			order = append(order[:k], order[k+1:]...)
			x.delete(filed[i], i)
			delete(filed, i)
			free = append(free, i)
		} else {
			var i int32
			if len(free) > 0 {
				i, free = free[len(free)-1], free[:len(free)-1]
			} else {
				i, next = next, next+1
			}
			h := hashes[rng.IntN(len(hashes))] ^ uint32(rng.IntN(4))<<8
			before := len(x.cells)
			x.insert(h, i, len(filed)+1)
			grew = grew || len(x.cells) > before
			filed[i] = h
			order = append(order, i)
		}
		if 2*len(filed) > len(x.cells) {
			t.Fatalf("step %d: %d entries in %d cells, over half full", step, len(filed), len(x.cells))
		}
		used := 0
		for _, c := range x.cells {
			if c != 0 {
				used++
			}
		}
		if used != len(filed) {
			t.Fatalf("step %d: %d cells used for %d entries", step, used, len(filed))
		}
		for i, h := range filed {
			for p := x.home(h); x.cells[p] != newCell(h, i); p = x.next(p) {
				if x.cells[p] == 0 {
					t.Fatalf("step %d: entry %d (hash %#x) not found from its home", step, i, h)
				}
			}
		}
	}
	assert.True(t, grew)
}

// collidingKeys returns two keys that s files under the same hash, found
// by trying keys until two collide (about 2^16 tries for 32-bit hashes).
func collidingKeys(t *testing.T, s *MemoryStore) (string, string) {
	seen := map[uint32]string{}
	for n := range 1 << 24 {
		k := fmt.Sprintf("ns:msg_%d", n)
		if other, ok := seen[s.hash(k)]; ok {
			return other, k
		}
		seen[s.hash(k)] = k
	}
	t.Fatal("no collision")
	return "", ""
}

func TestMemoryStore_KeysWhoseHashesCollideStayApart(t *testing.T) {
	ctx := t.Context()
	s := NewMemoryStore(WithMaxKeys(3))
	a, b := collidingKeys(t, s)
	require.NotEqual(t, a, b)
	require.Equal(t, s.hash(a), s.hash(b))

	st, tokA, _ := s.Claim(ctx, a)
	require.Equal(t, Claimed, st)
	st, tokB, _ := s.Claim(ctx, b)
	assert.Equal(t, Claimed, st, "a key whose hash collides with a claimed key's is another key")
	require.NoError(t, s.Complete(ctx, a, tokA))
	st, _, _ = s.Claim(ctx, b)
	assert.Equal(t, InFlight, st, "completing one does not complete the other")
	require.NoError(t, s.Release(ctx, b, tokB))
	st, _, _ = s.Claim(ctx, a)
	assert.Equal(t, AlreadyDone, st, "releasing one does not release the other")
	st, tokB, _ = s.Claim(ctx, b)
	require.Equal(t, Claimed, st)
	require.NoError(t, s.Complete(ctx, b, tokB))

	// The store holds a, b (both done) and is one key from full. Two new
	// keys evict a, the oldest: b, filed after it under the same hash,
	// must still be found.
	for _, k := range []string{"ns:other-1", "ns:other-2"} {
		st, _, _ = s.Claim(ctx, k)
		require.Equal(t, Claimed, st)
	}
	assert.Equal(t, 3, s.Len())
	st, _, _ = s.Claim(ctx, b)
	assert.Equal(t, AlreadyDone, st, "evicting a key leaves the one sharing its hash")
	st, _, _ = s.Claim(ctx, a)
	assert.Equal(t, Claimed, st, "the evicted key is forgotten")
}

func TestMemoryStore_TokensNeverRepeat(t *testing.T) {
	ctx := t.Context()
	s := NewMemoryStore(WithMaxKeys(8))
	seen := map[string]bool{}
	for n := range 5 * tokenBatch {
		key := fmt.Sprint("k", n%3)
		st, tok, _ := s.Claim(ctx, key)
		require.Equal(t, Claimed, st)
		require.Len(t, tok, tokenLen)
		require.False(t, seen[tok], "token %q came twice", tok)
		seen[tok] = true
		require.NoError(t, s.Release(ctx, key, tok))
	}
}

// TestMemoryStore_ClockSetBack checks that times before the store's epoch
// (its clock's first reading) compare as they should.
func TestMemoryStore_ClockSetBack(t *testing.T) {
	ctx := t.Context()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := NewMemoryStore(WithClock(func() time.Time { return now }), WithClaimTTL(time.Minute))
	now = now.Add(-time.Hour)
	st, _, _ := s.Claim(ctx, "k")
	require.Equal(t, Claimed, st)
	now = now.Add(59 * time.Second)
	st, _, _ = s.Claim(ctx, "k")
	assert.Equal(t, InFlight, st)
	now = now.Add(time.Second)
	st, _, _ = s.Claim(ctx, "k")
	assert.Equal(t, Claimed, st)
}
