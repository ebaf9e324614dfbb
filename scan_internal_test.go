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

// refSkipValue is skipValue a byte at a time, as it was written first.
func refSkipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	skipStr := func(i int) (int, bool) {
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1, true
			}
		}
		return 0, false
	}
	switch b[i] {
	case '"':
		return skipStr(i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, ok := skipStr(j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	default:
		j := i
		for j < len(b) {
			switch b[j] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return j, j > i
			}
			j++
		}
		return j, j > i
	}
}

// FuzzSkipValue holds the word-at-a-time skipValue to the byte-at-a-time
// one, from every starting offset.
func FuzzSkipValue(f *testing.F) {
	for _, s := range []string{
		`{"a":"b\\"c","d":[1,{"e":"]}"}],"Y_y":"\\\\"}`,
		`["abcdefghijklmnop\\"qrstuvwxyz", {"k": [[], {}]}, "\\\\\\\"x"]`,
		`"unterminated \\"`, `{"a":[1,2}`, "{\"\x7f\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for i := range b {
			end, ok := skipValue(b, i)
			wantEnd, wantOK := refSkipValue(b, i)
			if ok != wantOK || (ok && end != wantEnd) {
				t.Fatalf("%q from %d: got %d, %v; want %d, %v", b, i, end, ok, wantEnd, wantOK)
			}
		}
	})
}
