package dynamic

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFieldsOf_FollowsEncodingJSONNaming(t *testing.T) {
	type inner struct {
		A string `json:"a"`
	}
	type sample struct {
		inner
		B       string `json:"b,omitempty"`
		C       int
		Skipped string `json:"-"`
		hidden  string
		Rest    `json:"-"`
	}
	_ = sample{}.hidden
	fs := fieldsOf(reflect.TypeFor[sample]())
	names := make([]string, len(fs.List))
	for i, f := range fs.List {
		names[i] = f.Name
	}
	assert.Equal(t, []string{"a", "b", "C"}, names)
	assert.Equal(t, []int{0, 0}, fs.List[fs.ByName["a"]].Index)
	assert.Same(t, fs, fieldsOf(reflect.TypeFor[sample]()), "cached")
}

func TestFieldsOf_PanicsBeyond64Members(t *testing.T) {
	fields := make([]reflect.StructField, 65)
	for i := range fields {
		fields[i] = reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: reflect.TypeFor[string]()}
	}
	assert.Panics(t, func() { fieldsOf(reflect.StructOf(fields)) })
}

func TestDecodeObject_MalformedMemberName(t *testing.T) {
	var r WalletActivityRegistration
	err := r.UnmarshalJSON([]byte(`{"wallet\qId":"w1"}`))
	var syntaxErr *json.SyntaxError
	assert.ErrorAs(t, err, &syntaxErr, "as encoding/json reports it")
}

func TestDecodeObject_NotAnObject(t *testing.T) {
	for body, kind := range map[string]string{`"x"`: "string", `[1]`: "array", `true`: "bool", `12`: "number", ``: "nothing"} {
		var r WalletActivityRegistration
		err := r.UnmarshalJSON([]byte(body))
		var typeErr *json.UnmarshalTypeError
		require.ErrorAs(t, err, &typeErr, "body %q", body)
		assert.Equal(t, kind, typeErr.Value)
	}
}

func TestDecodeObject_DuplicateMembersLastWins(t *testing.T) {
	// As with encoding/json, and as wire.FieldLocator does for the
	// event type: a later member replaces an earlier one, also when the
	// earlier one did not fit.
	var r WalletActivityRegistration
	require.NoError(t, r.UnmarshalJSON([]byte(`{"walletId":7,"walletId":"w2","x":1,"x":2}`)))
	assert.Equal(t, "w2", r.WalletID)
	assert.Equal(t, map[string]json.RawMessage{"x": json.RawMessage("2")}, r.Extra)

	require.NoError(t, r.UnmarshalJSON([]byte(`{"walletId":"w2","walletId":7}`)))
	assert.Empty(t, r.WalletID)
	assert.Equal(t, json.RawMessage("7"), r.Extra["walletId"])
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"walletId":7}`, string(out))
}

func TestEncodeObject_Order(t *testing.T) {
	// Known members in declaration order (a value kept raw in its own
	// place), unknown ones after them by name.
	var r WalletActivityRegistration
	require.NoError(t, r.UnmarshalJSON([]byte(`{"zeta":1,"userId":"u","alpha":2,"walletId":false,"walletAddress":""}`)))
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, `{"walletAddress":"","walletId":false,"userId":"u","alpha":2,"zeta":1}`, string(out))
}
