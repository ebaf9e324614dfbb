package dispatch

import (
	"context"
	"fmt"
	"strconv"
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
	// DefaultMaxKeys bounds the keys a MemoryStore holds (roughly 200 bytes
	// each).
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
	now       func() time.Time
	retention time.Duration
	claimTTL  time.Duration
	maxKeys   int

	mu      sync.Mutex
	entries map[string]*memEntry
	// oldest and newest end a list of entries in the order they were last
	// written (claimed or completed), which is close to the order they
	// expire in; expired entries are swept from the oldest end.
	oldest, newest *memEntry
	lastToken      uint64
}

type memEntry struct {
	key        string
	token      string // "" once completed
	expires    time.Time
	prev, next *memEntry // prev is older
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
// NewMemoryStore panics if n is not positive.
func WithMaxKeys(n int) MemoryOption {
	return func(s *MemoryStore) { s.maxKeys = n }
}

// WithClock sets the store's source of the current time (default
// time.Now), so that tests can move time forward.
func WithClock(now func() time.Time) MemoryOption {
	return func(s *MemoryStore) { s.now = now }
}

// NewMemoryStore returns an empty store.
func NewMemoryStore(opts ...MemoryOption) *MemoryStore {
	s := &MemoryStore{
		now:       time.Now,
		retention: DefaultRetention,
		claimTTL:  DefaultClaimTTL,
		maxKeys:   DefaultMaxKeys,
		entries:   map[string]*memEntry{},
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
	case s.now == nil:
		panic("dispatch: memory store clock is nil")
	}
	return s
}

var _ IdempotencyStore = (*MemoryStore)(nil)

// Claim takes key unless it is completed ([AlreadyDone]) or claimed by an
// unexpired claim ([InFlight]). It never fails.
func (s *MemoryStore) Claim(_ context.Context, key string) (ClaimStatus, string, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	if e, ok := s.entries[key]; ok {
		if now.Before(e.expires) {
			if e.token == "" {
				return AlreadyDone, "", nil
			}
			return InFlight, "", nil
		}
		s.remove(e)
	}
	e := s.makeRoom()
	s.lastToken++
	*e = memEntry{key: key, token: strconv.FormatUint(s.lastToken, 36), expires: now.Add(s.claimTTL)}
	s.entries[key] = e
	s.pushNewest(e)
	return Claimed, e.token, nil
}

// Complete marks key as handled for the retention period, whether or not
// the caller's claim still holds: the side effects happened, and forgetting
// that would let the next retry run them again. It never fails.
func (s *MemoryStore) Complete(_ context.Context, key, _ string) error {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key]
	if ok {
		s.unlink(e)
	} else {
		e = s.makeRoom()
		*e = memEntry{key: key}
		s.entries[key] = e
	}
	e.token = ""
	e.expires = now.Add(s.retention)
	s.pushNewest(e)
	return nil
}

// Release forgets key if it still holds the claim identified by token, so
// that the next delivery runs the callbacks again. It does nothing when the
// claim expired and was taken by another handler, or the key was completed.
// It never fails.
func (s *MemoryStore) Release(_ context.Context, key, token string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.entries[key]; ok && token != "" && e.token == token {
		s.remove(e)
	}
	return nil
}

// Len returns the number of keys held, expired ones not yet swept included.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// makeRoom evicts the oldest keys until one more fits, and returns an
// entry to fill: the last evicted one, reused, or a new one.
func (s *MemoryStore) makeRoom() *memEntry {
	var spare *memEntry
	for len(s.entries) >= s.maxKeys {
		spare = s.oldest
		s.remove(spare)
	}
	if spare == nil {
		spare = new(memEntry)
	}
	return spare
}

// sweep drops expired entries from the oldest end of the list; each entry is
// dropped once, so the cost is constant per Claim on average.
func (s *MemoryStore) sweep(now time.Time) {
	for e := s.oldest; e != nil && !now.Before(e.expires); e = s.oldest {
		s.remove(e)
	}
}

func (s *MemoryStore) remove(e *memEntry) {
	s.unlink(e)
	delete(s.entries, e.key)
}

func (s *MemoryStore) unlink(e *memEntry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		s.oldest = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		s.newest = e.prev
	}
	e.prev, e.next = nil, nil
}

func (s *MemoryStore) pushNewest(e *memEntry) {
	e.prev = s.newest
	if s.newest != nil {
		s.newest.next = e
	} else {
		s.oldest = e
	}
	s.newest = e
}
