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
	Embedded
	B      string `json:"b,omitempty"`
	C      int
	N      string    `json:"n"`
	Skip   string    `json:"-"`
	At     time.Time `json:"at"`
	Inners []inner   `json:"inners"`
	// Over takes inner's "a" (it is shallower), and encoding/json writes
	// it in its own place, not inner.A's.
	Over   string `json:"a"`
	hidden string
}

// TestOf_NamesAsEncodingJSONWrites encodes a value whose every field is set
// with encoding/json and requires Of to list the same member names in the
// same order.
func TestOf_NamesAsEncodingJSONWrites(t *testing.T) {
	v := sample{inner: inner{A: "a", N: "n"}, Embedded: Embedded{E: "e"}, B: "b", C: 1, N: "n", Skip: "s", Over: "o", hidden: "h"}
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
	assert.Equal(t, []int{1, 0}, e.Index, "through the embedded struct")
	assert.Equal(t, reflect.TypeFor[sample]().Field(1).Offset, e.Offset)
	n, _ := fs.Lookup("n")
	assert.Equal(t, []int{4}, n.Index, "the shallowest field takes the name")
	_, ok = fs.Lookup("Skip")
	assert.False(t, ok)
	assert.False(t, fs.Unsure)
}

// TestOf_MadeUpInvalidTagNameIsUnsure: encoding/json's naming of a field
// whose tag name it rejects changed in Go 1.27, so Of says it does not know
// rather than guessing one release's rule; likewise for the other rules it
// does not re-derive (embedded pointers, equally shallow fields that claim
// one name).
func TestOf_MadeUpInvalidTagNameIsUnsure(t *testing.T) {
	type bad struct {
		A   string `json:"a"`
		Bad string `json:"a\"b"`
	}
	type nonASCII struct {
		A string `json:"é"`
	}
	type valid struct {
		A string `json:"a-b.c_d@e"`
		B string `json:",omitempty"`
		C int    `json:"c,omitempty,string"`
	}
	type pointer struct {
		*Embedded
	}
	type tie struct {
		inner
		Embedded `json:"-"`
		other
	}
	assert.True(t, Of(reflect.TypeFor[bad]()).Unsure)
	assert.True(t, Of(reflect.TypeFor[nonASCII]()).Unsure)
	assert.True(t, Of(reflect.TypeFor[pointer]()).Unsure)
	assert.True(t, Of(reflect.TypeFor[tie]()).Unsure)
	fs := Of(reflect.TypeFor[valid]())
	assert.False(t, fs.Unsure)
	c, _ := fs.Lookup("c")
	assert.True(t, c.Quoted)
	assert.False(t, fs.List[0].Quoted)
}

type other struct{ N string }
