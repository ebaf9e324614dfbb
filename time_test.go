package typedhooks_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
)

func TestTime_DecodesEveryFormAndEncodesItBack(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want time.Time
		form typedhooks.TimeForm
	}{
		// Values below are the providers' documented timestamps.
		{"stytch nine digits", `"2024-11-21T06:47:49.555247073Z"`, time.Date(2024, 11, 21, 6, 47, 49, 555247073, time.UTC), typedhooks.TimeFormRFC3339},
		{"stytch six digits", `"2024-01-02T03:04:05.678901Z"`, time.Date(2024, 1, 2, 3, 4, 5, 678901000, time.UTC), typedhooks.TimeFormRFC3339},
		{"stytch no fraction", `"2024-11-21T06:47:49Z"`, time.Date(2024, 11, 21, 6, 47, 49, 0, time.UTC), typedhooks.TimeFormRFC3339},
		{"crossmint milliseconds", `1696424259573`, time.UnixMilli(1696424259573), typedhooks.TimeFormUnixMillis},
		{"crossmint startedAt", `"2023-10-04T15:48:20.000Z"`, time.Date(2023, 10, 4, 15, 48, 20, 0, time.UTC), typedhooks.TimeFormRFC3339},
		{"svix unix seconds", `1614265330`, time.Unix(1614265330, 0), typedhooks.TimeFormUnixSeconds},
		{"MadeUp seconds with fraction", `1614265330.25`, time.Unix(1614265330, 250000000), typedhooks.TimeFormUnixSeconds},
		{"MadeUp millis with fraction", `1696424259573.5`, time.UnixMilli(1696424259573).Add(500 * time.Microsecond), typedhooks.TimeFormUnixMillis},
		{"MadeUp millis as string", `"1696424259573"`, time.UnixMilli(1696424259573), typedhooks.TimeFormUnixMillis},
		{"MadeUp offset", `"2024-05-31T19:21:14.890+02:00"`, time.Date(2024, 5, 31, 17, 21, 14, 890000000, time.UTC), typedhooks.TimeFormRFC3339},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got typedhooks.Time
			require.NoError(t, json.Unmarshal([]byte(tt.in), &got))
			assert.True(t, got.Equal(tt.want), "got %v want %v", got.Time, tt.want)
			assert.Equal(t, tt.form, got.Form())
			out, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, tt.in, string(out), "encodes back in the form it came in")
		})
	}
}

func TestTime_NullEmptyAndForeignValuesNeverFail(t *testing.T) {
	for _, in := range []string{`null`, `""`, `true`, `{"a":1}`, `[1]`} {
		var got typedhooks.Time
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.True(t, got.IsZero(), in)
	}
	var tm typedhooks.Time
	require.NoError(t, json.Unmarshal([]byte(`"next tuesday"`), &tm))
	assert.Equal(t, typedhooks.TimeFormText, tm.Form())
	assert.Equal(t, "next tuesday", tm.Text())
	assert.False(t, tm.IsZero(), "kept text must not be dropped by omitzero")
	out, err := json.Marshal(tm)
	require.NoError(t, err)
	assert.Equal(t, `"next tuesday"`, string(out))
}

func TestTime_ZeroEncodesAsNullAndOmitzeroDropsIt(t *testing.T) {
	var v struct {
		A typedhooks.Time `json:"a"`
		B typedhooks.Time `json:"b,omitzero"`
	}
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":null}`, string(out))
}

func TestNewTime_EncodesRFC3339(t *testing.T) {
	tm := typedhooks.NewTime(time.Date(2026, 1, 2, 3, 4, 5, 600000000, time.UTC))
	out, err := json.Marshal(tm)
	require.NoError(t, err)
	assert.Equal(t, `"2026-01-02T03:04:05.6Z"`, string(out))
}

func TestTime_InsideStructKeepsOtherFieldsOnOddInput(t *testing.T) {
	var v struct {
		At   typedhooks.Time `json:"at"`
		Name string          `json:"name"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"at":{"weird":true},"name":"kept"}`), &v))
	assert.Equal(t, "kept", v.Name)
}

func TestTime_TextDoesNotShareTheInput(t *testing.T) {
	// Times are parsed from a view of the input; text kept in
	// TimeFormText must be a copy, since decoders reuse their buffers.
	for _, in := range []string{`"next tuesday"`, `"next \u0074uesday"`} {
		data := []byte(in)
		var tm typedhooks.Time
		require.NoError(t, tm.UnmarshalJSON(data))
		for i := range data {
			data[i] = 'x'
		}
		assert.Equal(t, "next tuesday", tm.Text(), in)
	}
}

func TestTime_EscapedAndPlainStringsDecodeAlike(t *testing.T) {
	for _, pair := range [][2]string{
		{`"2024-11-21T06:47:49.555247073Z"`, `"2024-11-21T06:47:49.555247073\u005a"`},
		{`"1696424259573.5"`, `"169642425957\u0033.5"`},
	} {
		var plain, escaped typedhooks.Time
		require.NoError(t, json.Unmarshal([]byte(pair[0]), &plain))
		require.NoError(t, json.Unmarshal([]byte(pair[1]), &escaped))
		assert.Equal(t, plain, escaped, pair[1])
	}
}

// TestTime_EqualComparesInstants: the same instant in two forms is two
// different struct values (assert.Equal, which uses reflect.DeepEqual, says
// so), and Equal is the comparison users reach for.
func TestTime_EqualComparesInstants(t *testing.T) {
	var rfc, millis, other, text, sameText typedhooks.Time
	require.NoError(t, json.Unmarshal([]byte(`"2023-10-04T13:37:39.573Z"`), &rfc))
	require.NoError(t, json.Unmarshal([]byte(`1696426659573`), &millis))
	require.NoError(t, json.Unmarshal([]byte(`1696426659574`), &other))
	require.NoError(t, json.Unmarshal([]byte(`"sometime"`), &text))
	require.NoError(t, json.Unmarshal([]byte(`"sometime"`), &sameText))
	built := typedhooks.NewTime(time.Date(2023, 10, 4, 13, 37, 39, 573e6, time.UTC))

	assert.False(t, assert.ObjectsAreEqual(rfc, millis), "the forms differ")
	assert.True(t, rfc.Equal(millis))
	assert.True(t, millis.Equal(rfc))
	assert.True(t, built.Equal(rfc))
	assert.False(t, rfc.Equal(other))
	assert.True(t, text.Equal(sameText))
	assert.False(t, text.Equal(typedhooks.Time{}), "text holds no instant, but is not absent")
	assert.True(t, typedhooks.Time{}.Equal(typedhooks.Time{}))
	assert.True(t, rfc.Equal(built.Time), "a time.Time compares too")
	assert.False(t, text.Equal(time.Time{}))
	assert.False(t, typedhooks.Time{}.Equal(text))
}
