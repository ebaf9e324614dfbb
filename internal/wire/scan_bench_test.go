package wire

import (
	"io/fs"
	"testing"

	"github.com/typedhooks/typedhooks/internal/samples"
)

func BenchmarkEachField(b *testing.B) {
	for _, f := range []string{"crossmint/nfts.create.succeeded.evm.json", "stytch/direct.user.create.json"} {
		body, err := fs.ReadFile(samples.FS(), f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if err := EachField(body, func(k, v []byte) bool { return true }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFoldingLocator finds the type the way Parse usually asks for it:
// the first member.
func BenchmarkFoldingLocator(b *testing.B) {
	body, err := samples.Read("crossmint", "nfts.create.succeeded.evm.json")
	if err != nil {
		b.Fatal(err)
	}
	loc := FoldingLocator("type")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loc.Find(body, true); err != nil {
			b.Fatal(err)
		}
	}
}
