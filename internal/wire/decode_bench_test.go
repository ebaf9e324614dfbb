package wire_test

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"
	"unsafe"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/internal/fastjson"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/stytch"
)

// BenchmarkDecode measures the decoders alone on the provider fixtures the
// bench package uses, into the struct Parse returns: fastjson, and
// encoding/json, which Parse runs on bodies fastjson declines.
func BenchmarkDecode(b *testing.B) {
	benchDecode[crossmint.NFTCreateSucceeded](b, "crossmint", "crossmint/nfts.create.succeeded.evm.json")
	benchDecode[stytch.DirectUserCreate](b, "stytch", "stytch/direct.user.create.json")
}

func benchDecode[T any](b *testing.B, name, path string) {
	body, err := fs.ReadFile(samples.FS(), path)
	if err != nil {
		b.Fatal(err)
	}
	d := fastjson.For(reflect.TypeFor[T]())
	if d == nil {
		b.Fatalf("no decoder for %T", *new(T))
	}
	b.Run("body="+name+"/impl=fastjson", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			v := new(T)
			if !d.Decode(body, unsafe.Pointer(v), true) {
				b.Fatal("declined")
			}
		}
	})
	b.Run("body="+name+"/impl=encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if err := json.Unmarshal(body, new(T)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
