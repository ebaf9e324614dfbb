package typedhooks

import "testing"

// refPlain is isPlain a byte at a time.
func refPlain(inner []byte) bool {
	for _, c := range inner {
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// FuzzIsPlain holds the word-at-a-time isPlain to the byte-at-a-time one.
func FuzzIsPlain(f *testing.F) {
	f.Add([]byte("2023-10-04T19:59:47.000Z"))
	f.Add([]byte("abcdefgh\\ijk"))
	for c := 0; c < 256; c++ {
		b := []byte("0123456789abcdef")
		b[7] = byte(c)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if isPlain(b) != refPlain(b) {
			t.Fatalf("%q: %v", b, isPlain(b))
		}
	})
}

func BenchmarkIsPlain(b *testing.B) {
	uuid := []byte("771d7e38-2890-47d7-b733-a1462736b528")
	for b.Loop() {
		if !isPlain(uuid) {
			b.Fatal("not plain")
		}
	}
}
