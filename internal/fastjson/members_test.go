package fastjson

import (
	"bytes"
	"encoding/json"
	"testing"
)

// refPlain is IsPlain a byte at a time.
func refPlain(inner []byte) bool {
	for _, c := range inner {
		if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// FuzzIsPlain holds the word-at-a-time IsPlain to the byte-at-a-time one.
func FuzzIsPlain(f *testing.F) {
	f.Add([]byte("2023-10-04T19:59:47.000Z"))
	f.Add([]byte("abcdefgh\\ijk"))
	for c := 0; c < 256; c++ {
		b := []byte("0123456789abcdef")
		b[7] = byte(c)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if IsPlain(b) != refPlain(b) {
			t.Fatalf("%q: %v", b, IsPlain(b))
		}
	})
}

// FuzzEachMember holds the walk to encoding/json: a walk of every member
// succeeds exactly when the body is valid JSON and an object, and the
// members it gives are encoding/json's, in order.
func FuzzEachMember(f *testing.F) {
	for _, s := range []string{
		`{"type":"a","data":{"x":[1,2,{"y":null}]},"n":-1.5e3}`,
		` { "a" : "b\"c" , "\u0074ype" : true } `,
		`{}`, `[]`, `{"a":1,}`, `{"a":[1 2]}`, `{"a":"\x"}`, `{"a":1} x`, ``, `{"a":01}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var names []string
		var values [][]byte
		err := EachMember(body, func(name, value []byte) bool {
			n, ok := MemberName(name)
			if !ok {
				t.Fatalf("%q: malformed name %q passed the walk", body, name)
			}
			names, values = append(names, n), append(values, value)
			return true
		})
		trimmed := bytes.TrimSpace(body)
		want := json.Valid(body) && len(trimmed) > 0 && trimmed[0] == '{'
		if (err == nil) != want {
			t.Fatalf("%q: EachMember error %v, json.Valid and object %v", body, err, want)
		}
		if err != nil {
			return
		}
		// encoding/json's view of the same members, in order.
		dec := json.NewDecoder(bytes.NewReader(body))
		if _, err := dec.Token(); err != nil {
			t.Fatal(err)
		}
		i := 0
		for ; dec.More(); i++ {
			tok, _ := dec.Token()
			var raw json.RawMessage
			if dec.Decode(&raw) != nil || i >= len(names) || tok != names[i] || !bytes.Equal(raw, values[i]) {
				t.Fatalf("%q: member %d of %q %q, encoding/json says %q %q", body, i, names, values, tok, raw)
			}
		}
		if i != len(names) {
			t.Fatalf("%q: %d members, encoding/json has %d", body, len(names), i)
		}
	})
}

func TestElements(t *testing.T) {
	for in, want := range map[string]int{`[]`: 0, ` [1, "a" ,{"b":[2]}] `: 3, `[1,]`: -1, `[1 2]`: -1, `{}`: -1, `[1] x`: -1} {
		got, ok := Elements([]byte(in))
		if want < 0 && ok || want >= 0 && (!ok || len(got) != want) {
			t.Errorf("%s: %q, %v", in, got, ok)
		}
	}
}
