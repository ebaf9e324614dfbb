package jsonfields

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	A string `json:"a"`
	N string
}

type Embedded struct {
	E string `json:"e"`
}

type sample struct {
	inner
	*Embedded
	B      string `json:"b,omitempty"`
	C      int
	N      string    `json:"n"`
	Skip   string    `json:"-"`
	At     time.Time `json:"at"`
	Inners []inner   `json:"inners"`
	hidden string
}

// TestOf_NamesAsEncodingJSONWrites encodes a value whose every field is set
// with encoding/json and requires Of to list the same member names in the
// same order.
func TestOf_NamesAsEncodingJSONWrites(t *testing.T) {
	v := sample{inner: inner{A: "a", N: "n"}, Embedded: &Embedded{E: "e"}, B: "b", C: 1, N: "n", Skip: "s", hidden: "h"}
	out, err := json.Marshal(v)
	require.NoError(t, err)
	var want []string
	dec := json.NewDecoder(bytes.NewReader(out))
	_, err = dec.Token()
	require.NoError(t, err)
	for dec.More() {
		tok, err := dec.Token()
		require.NoError(t, err)
		want = append(want, tok.(string))
		var skip json.RawMessage
		require.NoError(t, dec.Decode(&skip))
	}
	fs := Of(reflect.TypeFor[sample]())
	var got []string
	for _, f := range fs.List {
		got = append(got, f.Name)
	}
	assert.Equal(t, want, got)
	assert.Same(t, fs, Of(reflect.TypeFor[sample]()), "computed once")

	at, ok := fs.Lookup("AT")
	require.True(t, ok, "case-insensitive lookup")
	assert.Equal(t, Leaf, at.Shape, "time.Time encodes itself")
	inners, _ := fs.Lookup("inners")
	assert.Equal(t, Structs, inners.Shape)
	e, _ := fs.Lookup("e")
	assert.Equal(t, []int{1, 0}, e.Index, "through the embedded pointer")
	_, ok = fs.Lookup("Skip")
	assert.False(t, ok)
	assert.False(t, fs.Unsure)
}

// TestOf_MadeUpInvalidTagNameIsUnsure: encoding/json's naming of a field
// whose tag name it rejects changed in Go 1.27, so Of says it does not know
// rather than guessing one release's rule.
func TestOf_MadeUpInvalidTagNameIsUnsure(t *testing.T) {
	type bad struct {
		A   string `json:"a"`
		Bad string `json:"a\"b"`
	}
	type valid struct {
		A string `json:"a-b.c_d@e"`
		B string `json:",omitempty"`
	}
	assert.True(t, Of(reflect.TypeFor[bad]()).Unsure)
	assert.False(t, Of(reflect.TypeFor[valid]()).Unsure)
}
