package wire

import (
	"bytes"
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

func BenchmarkFoldingLocator(b *testing.B) {
	body, err := samples.Read("crossmint", "nfts.create.succeeded.evm.json")
	if err != nil {
		b.Fatal(err)
	}
	loc := FoldingLocator("type")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loc.Find(body, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMayNameAgain searches the documented bodies the way the
// locators do once they found their type members: Crossmint's "type" and
// Stytch's three members, folded.
func BenchmarkMayNameAgain(b *testing.B) {
	for _, c := range []struct {
		file, after string // the search starts after the last type member
		keys        []string
	}{
		{"crossmint/nfts.create.succeeded.evm.json", `"nfts.create.succeeded"`, []string{"type"}},
		{"stytch/direct.user.create.json", `"DIRECT"`, []string{"source", "object_type", "action"}},
	} {
		body, err := fs.ReadFile(samples.FS(), c.file)
		if err != nil {
			b.Fatal(err)
		}
		rest := body[bytes.Index(body, []byte(c.after))+len(c.after):]
		b.Run(c.file, func(b *testing.B) {
			b.SetBytes(int64(len(rest)))
			for b.Loop() {
				if MayNameAgain(rest, c.keys...) {
					b.Fatal("the rest of the body cannot name a type member again")
				}
			}
		})
	}
}
