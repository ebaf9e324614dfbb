package typedhooks_test

import (
	"testing"

	"github.com/typedhooks/typedhooks"
)

// BenchmarkTime_UnmarshalJSON measures the forms the providers send; every
// typed event decodes one or more of them.
func BenchmarkTime_UnmarshalJSON(b *testing.B) {
	for _, in := range []string{`"2024-11-21T06:47:49.555247073Z"`, `"2023-10-04T19:59:47.000Z"`, `1696424259573`} {
		b.Run(in, func(b *testing.B) {
			data := []byte(in)
			b.ReportAllocs()
			for b.Loop() {
				var t typedhooks.Time
				if err := t.UnmarshalJSON(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
