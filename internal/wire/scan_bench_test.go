package wire

import (
	"os"
	"testing"
)

func BenchmarkEachField(b *testing.B) {
	for _, f := range []string{"../../crossmint/testdata/nfts.create.succeeded.evm.json", "../../stytch/testdata/direct.user.create.json"} {
		body, err := os.ReadFile(f)
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

func BenchmarkFieldLocator(b *testing.B) {
	body, err := os.ReadFile("../../crossmint/testdata/nfts.create.succeeded.evm.json")
	if err != nil {
		b.Fatal(err)
	}
	loc := FieldLocator("type")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loc(body); err != nil {
			b.Fatal(err)
		}
	}
}
