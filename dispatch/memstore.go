package dispatch

import (
	"context"
	"fmt"
	"hash/maphash"
	"math"
	"sync"
	"time"
)

// Defaults of a [MemoryStore] built without options. They match those of
// package dispatch/redisstore, whose documentation explains the choice.
const (
	// DefaultRetention is how long a completed delivery is remembered: the
	// longest gap of the providers' retry schedules (a day) plus an hour.
	DefaultRetention = 25 * time.Hour
	// DefaultClaimTTL is how long a claim lasts when its handler neither
	// completes nor releases it.
	DefaultClaimTTL = 2 * time.Minute
	// DefaultMaxKeys bounds the keys a MemoryStore holds (roughly 80 bytes
	// each besides the key: 16 MB for Crossmint's keys of about 75 bytes).
	DefaultMaxKeys = 100_000
)

// MemoryStore is the in-process [IdempotencyStore] a [Dispatcher] uses by
// default. It remembers completed deliveries for a retention period and
// claims for a claim TTL, and holds at most a fixed number of keys: when
// full, it forgets the key touched longest ago (a completed delivery,
// usually; forgetting one only matters if the provider delivers it again).
//
// It protects one process only: replicas behind a load balancer need a
// shared store such as dispatch/redisstore. It is safe for concurrent use.
type MemoryStore struct {
	// now is the clock set by WithClock. Without one, the store reads
	// only the monotonic clock (time.Since), at half the cost of time.Now;
	// time.Now's values were compared by their monotonic readings anyway.
	now       func() time.Time
	clockSet  bool      // WithClock was given, even with nil (refused)
	epoch     time.Time // the store keeps times as nanoseconds after epoch
	retention time.Duration
	claimTTL  time.Duration
	maxKeys   int
	seed      maphash.Seed

	mu sync.Mutex
	// The entries live in one slice and refer to each other by index, and
	// index maps a key's hash to its entry's position: the collector
	// follows no pointer but each entry's key, and a lookup mostly reads
	// one cache line of index and, when the hash matches, one entry.
	entries []memEntry // grows up to maxKeys
	index   index
	live    int   // entries in use; the others are chained from free
	free    int32 // first unused entry, or none
	// oldest and newest end a list of entries in the order they were last
	// written (claimed or completed), which is close to the order they
	// expire in; expired entries are swept from the oldest end.
	oldest, newest int32

	lastToken uint64
	// tokens holds the strings of tokens tokensFrom to tokensFrom+
	// tokenBatch-1, made together so that a claim allocates no token.
	tokens     string
	tokensFrom uint64
}

// none ends the list of entries and the chain of unused ones.
const none = -1

type memEntry struct {
	key     string
	expires int64  // nanoseconds after the store's epoch
	token   uint64 // of the claim; 0 once completed
	hash    uint32 // the key's hash, as index files it
	// prev is the entry written before this one and next the one written
	// after; next also chains unused entries.
	prev, next int32
}

// MemoryOption configures a [MemoryStore] built by [NewMemoryStore].
type MemoryOption func(*MemoryStore)

// WithRetention sets how long a completed delivery is remembered (default
// [DefaultRetention]). It should cover the provider's whole retry schedule.
// NewMemoryStore panics if d is not positive.
func WithRetention(d time.Duration) MemoryOption {
	return func(s *MemoryStore) { s.retention = d }
}

// WithClaimTTL sets how long a claim lasts when its handler neither
// completes nor releases it (default [DefaultClaimTTL]). It must be longer
// than the callbacks ever take, or a retry may run them while they still
// run. NewMemoryStore panics if d is not positive.
func WithClaimTTL(d time.Duration) MemoryOption {
	return func(s *MemoryStore) { s.claimTTL = d }
}

// WithMaxKeys bounds the number of keys held (default [DefaultMaxKeys]).
// NewMemoryStore panics if n is not positive. A bound above math.MaxInt32
// counts as math.MaxInt32, far beyond any memory.
func WithMaxKeys(n int) MemoryOption {
	return func(s *MemoryStore) { s.maxKeys = n }
}

// WithClock sets the store's source of the current time (default
// time.Now), so that tests can move time forward.
func WithClock(now func() time.Time) MemoryOption {
	return func(s *MemoryStore) { s.now, s.clockSet = now, true }
}

// NewMemoryStore returns an empty store.
func NewMemoryStore(opts ...MemoryOption) *MemoryStore {
	s := &MemoryStore{
		retention: DefaultRetention,
		claimTTL:  DefaultClaimTTL,
		maxKeys:   DefaultMaxKeys,
		seed:      maphash.MakeSeed(),
		index:     newIndex(),
		free:      none,
		oldest:    none,
		newest:    none,
	}
	for _, opt := range opts {
		opt(s)
	}
	switch {
	case s.retention <= 0:
		panic(fmt.Sprintf("dispatch: memory store retention %v must be positive", s.retention))
	case s.claimTTL <= 0:
		panic(fmt.Sprintf("dispatch: memory store claim TTL %v must be positive", s.claimTTL))
	case s.maxKeys <= 0:
		panic(fmt.Sprintf("dispatch: memory store size %d must be positive", s.maxKeys))
	case s.clockSet && s.now == nil:
		panic("dispatch: memory store clock is nil")
	}
	// Entries refer to each other by int32.
	s.maxKeys = min(s.maxKeys, math.MaxInt32)
	if s.now != nil {
		s.epoch = s.now()
	} else {
		s.epoch = time.Now()
	}
	return s
}

var _ IdempotencyStore = (*MemoryStore)(nil)

// Claim takes key unless it is completed ([AlreadyDone]) or claimed by an
// unexpired claim ([InFlight]). It never fails.
func (s *MemoryStore) Claim(_ context.Context, key string) (ClaimStatus, string, error) {
	now := s.clock()
	h := s.hash(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	if i := s.find(key, h); i != none {
		e := &s.entries[i]
		if now < e.expires {
			if e.token == 0 {
				return AlreadyDone, "", nil
			}
			return InFlight, "", nil
		}
		s.remove(i)
	}
	e := &s.entries[s.add(key, h)]
	var token string
	e.token, token = s.newToken()
	e.expires = later(now, s.claimTTL)
	return Claimed, token, nil
}

// Complete marks key as handled for the retention period, whether or not
// the caller's claim still holds: the side effects happened, and forgetting
// that would let the next retry run them again. It never fails.
func (s *MemoryStore) Complete(_ context.Context, key, _ string) error {
	now := s.clock()
	h := s.hash(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.find(key, h)
	if i != none {
		s.unlink(i)
		s.pushNewest(i)
	} else {
		i = s.add(key, h)
	}
	e := &s.entries[i]
	e.token = 0
	e.expires = later(now, s.retention)
	return nil
}

// Release forgets key if it still holds the claim identified by token, so
// that the next delivery runs the callbacks again. It does nothing when the
// claim expired and was taken by another handler, or the key was completed.
// It never fails.
func (s *MemoryStore) Release(_ context.Context, key, token string) error {
	if len(token) != tokenLen {
		return nil // not a token of this store
	}
	h := s.hash(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.find(key, h); i != none && s.entries[i].token != 0 {
		if t := formatToken(s.entries[i].token); string(t[:]) == token {
			s.remove(i)
		}
	}
	return nil
}

// Len returns the number of keys held, expired ones not yet swept included.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.live
}

// clock returns the current time in nanoseconds after the store's epoch.
func (s *MemoryStore) clock() int64 {
	if s.now == nil {
		return int64(time.Since(s.epoch))
	}
	return int64(s.now().Sub(s.epoch))
}

// later returns t+d, saturated rather than wrapped round.
func later(t int64, d time.Duration) int64 {
	if t > math.MaxInt64-int64(d) {
		return math.MaxInt64
	}
	return t + int64(d)
}

// hash returns the hash under which index files key. It only finds
// candidates, whose keys are then compared in full: keys whose hashes
// collide cost a step further, never a delivery taken for another. As a Go
// map's, its seed is random per store, so that no sender can pick keys
// that crowd one run of the index.
func (s *MemoryStore) hash(key string) uint32 {
	return uint32(maphash.String(s.seed, key))
}

// find returns the entry holding key, whose hash is h, or none.
func (s *MemoryStore) find(key string, h uint32) int32 {
	for p := s.index.home(h); ; p = s.index.next(p) {
		c := s.index.cells[p]
		if c == 0 {
			return none
		}
		if i := c.entry(); c.hash() == h && s.entries[i].key == key {
			return i
		}
	}
}

// add puts key, whose hash is h, in an entry at the newest end of the list,
// evicting the oldest keys if the store is full, and returns the entry.
func (s *MemoryStore) add(key string, h uint32) int32 {
	for s.live >= s.maxKeys {
		s.remove(s.oldest)
	}
	i := s.free
	if i != none {
		s.free = s.entries[i].next
	} else {
		// No entry is unused, so live == len(s.entries) < maxKeys.
		i = int32(len(s.entries))
		s.entries = append(s.entries, memEntry{})
	}
	s.live++
	s.index.insert(h, i, s.live)
	s.entries[i] = memEntry{key: key, hash: h}
	s.pushNewest(i)
	return i
}

// sweep drops expired entries from the oldest end of the list; each entry is
// dropped once, so the cost is constant per Claim on average.
func (s *MemoryStore) sweep(now int64) {
	for s.oldest != none && now >= s.entries[s.oldest].expires {
		s.remove(s.oldest)
	}
}

// remove forgets entry i and chains it as unused.
func (s *MemoryStore) remove(i int32) {
	s.unlink(i)
	e := &s.entries[i]
	s.index.delete(e.hash, i)
	*e = memEntry{next: s.free} // lets the collector have the key
	s.free = i
	s.live--
}

func (s *MemoryStore) unlink(i int32) {
	e := &s.entries[i]
	if e.prev != none {
		s.entries[e.prev].next = e.next
	} else {
		s.oldest = e.next
	}
	if e.next != none {
		s.entries[e.next].prev = e.prev
	} else {
		s.newest = e.prev
	}
}

func (s *MemoryStore) pushNewest(i int32) {
	e := &s.entries[i]
	e.prev, e.next = s.newest, none
	if s.newest != none {
		s.entries[s.newest].next = i
	} else {
		s.oldest = i
	}
	s.newest = i
}

// tokenLen is the length of every claim token: the hexadecimal digits of a
// 64-bit count of claims, so that no token comes twice in a store's life
// (a Release with the token of an expired claim must not match the claim
// that followed it).
const tokenLen = 16

// tokenBatch is how many token strings share one allocation. A batch stays
// in memory while one of its tokens is held, that is while a handler runs.
const tokenBatch = 128

// newToken returns the next claim token, as a number and as a string.
func (s *MemoryStore) newToken() (uint64, string) {
	s.lastToken++
	j := s.lastToken - s.tokensFrom
	if s.tokens == "" || j >= tokenBatch {
		buf := make([]byte, 0, tokenBatch*tokenLen)
		for k := range uint64(tokenBatch) {
			t := formatToken(s.lastToken + k)
			buf = append(buf, t[:]...)
		}
		s.tokens, s.tokensFrom, j = string(buf), s.lastToken, 0
	}
	return s.lastToken, s.tokens[j*tokenLen : (j+1)*tokenLen]
}

func formatToken(t uint64) [tokenLen]byte {
	const digits = "0123456789abcdef"
	var b [tokenLen]byte
	for i := tokenLen - 1; i >= 0; i-- {
		b[i] = digits[t&15]
		t >>= 4
	}
	return b
}

// index is an open-addressing hash table (linear probing, at most half
// full) from a key's hash to the position of its entry. Unlike a Go map it
// holds no pointers, and each of its cells packs the hash with the
// position, so that a probe reads no entry until the hashes match.
type index struct {
	cells []cell
	mask  uint32 // len(cells)-1; len(cells) is a power of 2
}

// cell is a hash in the upper half and an entry's position plus one in
// the lower; 0 is an empty cell.
type cell uint64

func (c cell) hash() uint32          { return uint32(c >> 32) }
func (c cell) entry() int32          { return int32(uint32(c)) - 1 }
func newCell(h uint32, i int32) cell { return cell(h)<<32 | cell(uint32(i)+1) }

const minIndex = 16

func newIndex() index { return index{cells: make([]cell, minIndex), mask: minIndex - 1} }

func (x *index) home(h uint32) uint32 { return h & x.mask }
func (x *index) next(p uint32) uint32 { return (p + 1) & x.mask }

// insert files entry i under hash h, doubling the table first if it would
// be more than half full with live entries.
func (x *index) insert(h uint32, i int32, live int) {
	if uint64(live) > uint64(len(x.cells))/2 {
		old := x.cells
		x.cells = make([]cell, 2*len(old))
		x.mask = uint32(len(x.cells) - 1)
		for _, c := range old {
			if c != 0 {
				x.put(c)
			}
		}
	}
	x.put(newCell(h, i))
}

func (x *index) put(c cell) {
	p := x.home(c.hash())
	for x.cells[p] != 0 {
		p = x.next(p)
	}
	x.cells[p] = c
}

// delete removes the filing of entry i under hash h, and moves later cells
// of its run back (Knuth's algorithm R) rather than leaving a tombstone
// that would lengthen every probe that passes it.
func (x *index) delete(h uint32, i int32) {
	p := x.home(h)
	for want := newCell(h, i); x.cells[p] != want; {
		p = x.next(p)
	}
	for q := p; ; {
		x.cells[p] = 0
		for {
			q = x.next(q)
			c := x.cells[q]
			if c == 0 {
				return
			}
			// c can fill the hole at p unless its home lies cyclically
			// in (p, q], where a probe for it starts after p.
			if (q-x.home(c.hash()))&x.mask >= (q-p)&x.mask {
				x.cells[p] = c
				p = q
				break
			}
		}
	}
}
