package wire_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dynamic"
	"github.com/typedhooks/typedhooks/stytch"
)

// typeCase is one provider's type member, a MadeUp body naming one type,
// and another type to name through a second spelling of the member.
type typeCase struct {
	provider string
	parse    func([]byte) (typedhooks.Event, error)
	newEvent func(string) (typedhooks.Event, bool)
	member   string // the type member (for Stytch, action, one of three)
	body     string
	other    string // the value the second spelling gives
	// wireType reads the type the decoded struct holds.
	wireType func(typedhooks.Event) string
}

func field(name string) func(typedhooks.Event) string {
	return func(ev typedhooks.Event) string {
		return reflect.ValueOf(ev).Elem().FieldByName(name).String()
	}
}

var typeCases = []typeCase{
	{"crossmint", crossmint.Parse, crossmint.New, "type",
		`{"actionId":"a1","type":"nfts.create.succeeded","data":{"chain":"polygon"}}`, "nfts.create.failed", field("Type")},
	{"credentials", credentials.Parse, credentials.New, "type",
		`{"id":"c1","type":"credential.creation.succeeded","data":{}}`, "credential.creation.failed", field("Type")},
	{"dynamic", dynamic.Parse, dynamic.New, "eventName",
		`{"eventId":"e1","messageId":"m1","eventName":"user.created","data":{"id":"u1"}}`, "user.deleted", field("EventName")},
	{"stytch", stytch.Parse, stytch.New, "action",
		`{"source":"DIRECT","object_type":"user","action":"CREATE","user":{"user_id":"u1"}}`, "DELETE",
		func(ev typedhooks.Event) string {
			v := reflect.ValueOf(ev).Elem()
			return strings.ToLower(v.FieldByName("WireSource").String() + "." + v.FieldByName("WireObjectType").String() + "." + v.FieldByName("WireAction").String())
		}},
}

// spellings of a member name that encoding/json matches to the member's
// field: the same name again, escaped, in other cases (one of them escaped,
// as in "T\u0059PE"), and through U+017F, which folds to 's'.
func spellings(name string) []string {
	upper := strings.ToUpper(name)
	out := []string{
		name,
		`\u00` + hex2(name[0]) + name[1:],
		upper,
		upper[:1] + name[1:],
		upper[:1] + `\u00` + hex2(upper[1]) + upper[2:],
	}
	if strings.Contains(name, "s") {
		out = append(out, strings.Replace(name, "s", "ſ", 1))
	}
	return out
}

func hex2(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// TestParse_MadeUpTypeMemberSpelledTwiceAgrees holds every provider to one
// rule: when a body names its type member twice, in any spelling
// encoding/json would match to the same field ("type" and "TYPE",
// "T\u0059PE", ...), the type Parse picks, the Go type it returns, the type
// the struct holds, and a parse of json.Marshal of the event all agree — or
// Parse refuses the body with ErrNoEventType (dispatch: 400).
func TestParse_MadeUpTypeMemberSpelledTwiceAgrees(t *testing.T) {
	for _, tc := range typeCases {
		for _, sp := range spellings(tc.member) {
			extra := `"` + sp + `":"` + tc.other + `"`
			for _, body := range []string{
				strings.Replace(tc.body, "{", "{"+extra+",", 1),
				strings.TrimSuffix(tc.body, "}") + "," + extra + "}",
			} {
				ev, err := tc.parse([]byte(body))
				if err != nil {
					require.True(t, errors.Is(err, typedhooks.ErrNoEventType), "%s: %s: %v", tc.provider, body, err)
					continue
				}
				held := tc.wireType(ev)
				want, ok := tc.newEvent(held)
				require.True(t, ok, "%s: %s: the struct holds %q, which is not registered", tc.provider, body, held)
				require.Equal(t, reflect.TypeOf(want), reflect.TypeOf(ev), "%s: %s: the Go type disagrees with the type the struct holds", tc.provider, body)
				require.Equal(t, want.EventType(), ev.EventType(), "%s: %s", tc.provider, body)

				again, err := json.Marshal(ev)
				require.NoError(t, err)
				ev2, err := tc.parse(again)
				require.NoError(t, err, "%s: %s re-encoded as %s", tc.provider, body, again)
				require.Equal(t, reflect.TypeOf(ev), reflect.TypeOf(ev2), "%s: %s re-encoded as %s", tc.provider, body, again)
				require.Equal(t, held, tc.wireType(ev2), "%s: %s re-encoded as %s", tc.provider, body, again)
			}
		}
	}
}
