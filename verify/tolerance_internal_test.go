package verify

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// referenceTolerance is the Svix library's check, expression by expression,
// which checkTolerance's integer fast path must agree with.
func referenceTolerance(now time.Time, unix int64, tolerance time.Duration) error {
	ts := time.Unix(unix, 0)
	if now.Sub(ts) > tolerance {
		return ErrTimestampTooOld
	}
	if ts.Unix() > now.Add(tolerance).Unix() {
		return ErrTimestampTooNew
	}
	return nil
}

func TestCheckTolerance_FastPathAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tolerances := []time.Duration{time.Nanosecond, time.Second, DefaultTolerance, 999_999_999, 24 * time.Hour, 1<<55 - 1, 1 << 55, math.MaxInt64}
	nows := []time.Time{
		time.Unix(1_700_000_000, 0), time.Unix(1_700_000_000, 999_999_999), time.Unix(1_700_000_000, 1),
		time.Unix(0, 0), time.Unix(-1, 500), time.Unix(1<<40-1, 5), time.Unix(-(1<<40)+1, 0), time.Unix(1<<40, 0),
		time.Unix(math.MaxInt64/2, 0), time.Unix(math.MinInt64/2, 0),
	}
	check := func(now time.Time, unix int64, tol time.Duration) {
		t.Helper()
		s := &Svix{tolerance: tol, now: func() time.Time { return now }, checkTimestamp: true}
		got, want := s.checkTolerance(unix), referenceTolerance(now, unix, tol)
		if (got == nil) != (want == nil) || (want != nil && !errors.Is(got, want)) {
			t.Fatalf("now %v (%d.%09d), timestamp %d, tolerance %v: got %v, want %v", now, now.Unix(), now.Nanosecond(), unix, tol, got, want)
		}
	}
	for _, now := range nows {
		for _, tol := range tolerances {
			sec := now.Unix()
			tolSec := int64(tol / time.Second)
			for _, base := range []int64{sec, sec - tolSec, sec + tolSec, sec - 1<<33, sec + 1<<33, sec - 1<<34, sec + 1<<34} {
				for d := int64(-2); d <= 2; d++ {
					check(now, base+d, tol)
				}
			}
			for _, unix := range []int64{0, 1, -1, math.MaxInt64, math.MinInt64, 1 << 40, -(1 << 40), 1<<40 - 1} {
				check(now, unix, tol)
			}
			for range 200 {
				check(now, sec+r.Int64N(1<<36)-1<<35, tol)
				check(now, sec+r.Int64N(4*tolSec+5)-2*tolSec-2, tol)
			}
		}
	}
}

func TestCanonicalUnix_IsWhatSvixSigns(t *testing.T) {
	for _, s := range []string{"0", "7", "1614265330", "999999999999999999", "1000000000000000000", "9223372036854775807",
		"", "00", "01614265330", "+1614265330", "-1", "16142653 0", "1614265330x", "١٢"} {
		n, ok := canonicalUnix(s)
		parsed, err := strconv.ParseInt(s, 10, 64)
		if ok && (err != nil || parsed != n || strconv.FormatInt(parsed, 10) != s) {
			t.Errorf("canonicalUnix(%q) = %d, true; ParseInt gives %d, %v", s, n, parsed, err)
		}
		if !ok && len(s) <= 18 && err == nil && parsed >= 0 && strconv.FormatInt(parsed, 10) == s {
			t.Errorf("canonicalUnix(%q) declined a canonical timestamp", s)
		}
	}
}
