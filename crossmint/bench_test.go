package crossmint_test

import (
	"encoding/json"
	"testing"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// BenchmarkParse compares Parse (locate the type, then decode into the
// registered struct) with the baseline a hand-written handler would use:
// encoding/json straight into the known struct, type already known.
func BenchmarkParse(b *testing.B) {
	body := eventtest.Fixture(b, "nfts.create.succeeded.evm.json")
	b.Run("impl=typedhooks", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			if _, err := crossmint.Parse(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var ev crossmint.NFTCreateSucceeded
			if err := json.Unmarshal(body, &ev); err != nil {
				b.Fatal(err)
			}
		}
	})
}
