package typedhooks

import (
	"reflect"
	"testing"
	"time"
)

func FuzzParseUTC_SameAsTimeParse(f *testing.F) {
	for _, s := range []string{
		"2024-11-21T06:47:49.555247073Z", "2023-10-04T19:59:47.000Z", "2024-11-21T06:47:49Z",
		"2025-06-09T14:30:59.210Z", "2024-02-29T23:59:59.9Z", "2023-02-29T00:00:00Z",
		"1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
		"2024-13-01T00:00:00Z", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
		"2024-01-01T00:00:60Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567891Z",
		"2024-01-01t00:00:00z", "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00,5Z", "+024-01-01T00:00:00Z",
		"1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "1600-03-01T00:00:00Z", "0001-01-01T00:00:00Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, digits, ok := parseUTC(s)
		if !ok {
			return
		}
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("parseUTC read %q, which time.Parse rejects: %v", s, err)
		}
		if got != want || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: parseUTC %v, time.Parse %v", s, got, want)
		}
		if digits != fractionDigits(s) {
			t.Fatalf("%q: %d fractional digits, want %d", s, digits, fractionDigits(s))
		}
	})
}
