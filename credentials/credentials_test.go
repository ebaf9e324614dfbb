package credentials_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/internal/eventtest"
)

// Every fixture is made up (see internal/samples/credentials/SOURCES.md): Crossmint shows these
// payloads only as pseudo-code.
var fixtureChecks = map[string]func(t *testing.T, ev typedhooks.Event){
	"madeup_credential.creation.succeeded.json": func(t *testing.T, ev typedhooks.Event) {
		e, ok := ev.(*credentials.CredentialCreationSucceeded)
		require.Truef(t, ok, "got %T", ev)
		assert.Equal(t, credentials.TypeCredentialCreationSucceeded, e.Type)
		assert.Contains(t, string(e.Data.Credential), `"credentialSubject"`)
		assert.Equal(t, credentials.CredentialPlain, e.Data.CredentialKind())
		_, encrypted := e.Data.EncryptedCredential()
		assert.False(t, encrypted)
		var vc struct {
			Type              []string
			CredentialSubject struct{ Course string }
		}
		require.NoError(t, e.Data.DecodeCredential(&vc))
		assert.Equal(t, []string{"VerifiableCredential", "CourseCompletion"}, vc.Type)
		assert.Equal(t, "Intro", vc.CredentialSubject.Course)
		assert.JSONEq(t, `{"url": "https://example.com/pass/7b8c5a52"}`, string(e.Data.Pass))
		assert.Equal(t, "0x8f3c0e8b6e0b4d7c9a1f2e3d4c5b6a79", e.Data.Secret)
	},
	"madeup_credential.creation.succeeded.encrypted.json": func(t *testing.T, ev typedhooks.Event) {
		e, ok := ev.(*credentials.CredentialCreationSucceeded)
		require.Truef(t, ok, "got %T", ev)
		assert.Equal(t, credentials.AliasCredentialCreationSucceeded, e.Type, "the wire spelling is kept")
		assert.Equal(t, credentials.TypeCredentialCreationSucceeded, e.EventType())
		assert.Nil(t, e.Data.Pass)
		assert.Equal(t, credentials.CredentialEncrypted, e.Data.CredentialKind())
		enc, ok := e.Data.EncryptedCredential()
		require.True(t, ok)
		assert.Equal(t, typedhooks.ID("7b8c5a52-4c1e-4b6e-9d2a-1f0c3e5d9a11"), enc.CredentialID)
		assert.Equal(t, "ZW5jcnlwdGVkLWNyZWRlbnRpYWwtcGF5bG9hZA==", enc.Data)
	},
	"madeup_credential.creation.failed.json": func(t *testing.T, ev typedhooks.Event) {
		e, ok := ev.(*credentials.CredentialCreationFailed)
		require.Truef(t, ok, "got %T", ev)
		assert.JSONEq(t, `{"message": "Credential template not found"}`, string(e.Data.Error))
	},
}

func TestParse_MadeUpFixtures(t *testing.T) {
	names := eventtest.FixtureNames(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			check, ok := fixtureChecks[name]
			require.True(t, ok, "no checks for fixture %s", name)
			body := eventtest.Fixture(t, name)
			ev, err := credentials.Parse(body)
			require.NoError(t, err)
			require.Empty(t, eventtest.RoundTripDiff(body, ev))
			check(t, ev)
		})
	}
	for name := range fixtureChecks {
		assert.Contains(t, names, name)
	}
}

func TestTypes_Complete(t *testing.T) {
	types := credentials.Types()
	assert.True(t, slices.IsSorted(types))
	assert.Equal(t, []string{
		credentials.TypeCredentialCreationFailed,
		credentials.TypeCredentialCreationSucceeded,
		credentials.AliasCredentialCreationFailed,
		credentials.AliasCredentialCreationSucceeded,
	}, types)
	for _, typ := range types {
		want, ok := credentials.New(typ)
		require.True(t, ok, typ)
		// Each type, under either spelling, parses from a minimal MadeUp body
		// built from a fixture with only type changed, and round-trips.
		var m map[string]any
		require.NoError(t, json.Unmarshal(eventtest.Fixture(t, "madeup_credential.creation.succeeded.json"), &m))
		if strings.HasSuffix(typ, "failed") {
			require.NoError(t, json.Unmarshal(eventtest.Fixture(t, "madeup_credential.creation.failed.json"), &m))
		}
		m["type"] = typ
		body, err := json.Marshal(m)
		require.NoError(t, err)
		ev, err := credentials.Parse(body)
		require.NoError(t, err)
		assert.Equal(t, reflect.TypeOf(want), reflect.TypeOf(ev))
		assert.Equal(t, strings.Replace(typ, ":", ".", 1), ev.EventType())
		assert.Empty(t, eventtest.RoundTripDiff(body, ev))
	}
}

func TestParse_MadeUpTolerance(t *testing.T) {
	var m map[string]any
	require.NoError(t, json.Unmarshal(eventtest.Fixture(t, "madeup_credential.creation.succeeded.json"), &m))
	m["id"] = "msg_2Yx"
	m["timestamp"] = int64(1709294400000) // int64: it overflows a 32-bit int
	d := m["data"].(map[string]any)
	d["pass"] = nil
	d["templateId"] = "tmpl_1"
	body, err := json.Marshal(m)
	require.NoError(t, err)
	ev, err := credentials.Parse(body)
	require.NoError(t, err)
	e, ok := ev.(*credentials.CredentialCreationSucceeded)
	require.True(t, ok)
	assert.Equal(t, typedhooks.ID("msg_2Yx"), e.ID)
	// encoding/json keeps an explicit null in a RawMessage, so it is
	// written back as it came.
	assert.Equal(t, "null", string(e.Data.Pass))
	assert.NotEmpty(t, e.Data.Credential)

	// A secret of the wrong kind costs only that field.
	d["secret"] = 12
	body, err = json.Marshal(m)
	require.NoError(t, err)
	ev, err = credentials.Parse(body)
	require.NoError(t, err)
	e = ev.(*credentials.CredentialCreationSucceeded)
	assert.Empty(t, e.Data.Secret)
	assert.NotEmpty(t, e.Data.Credential)
}

func TestParse_MadeUpUnknownAndErrors(t *testing.T) {
	body := []byte(`{"type":"credential.revocation.succeeded","data":{"credentialId":"x"}}`)
	ev, err := credentials.Parse(body)
	require.NoError(t, err)
	u, ok := ev.(*typedhooks.Unknown)
	require.True(t, ok)
	assert.Equal(t, "credential.revocation.succeeded", u.Type)
	assert.Equal(t, string(body), string(u.Raw))

	_, err = credentials.Parse([]byte(`[]`))
	assert.True(t, errors.Is(err, typedhooks.ErrNotObject), "%v", err)
	_, err = credentials.Parse([]byte(`{"data":{"secret":"s"}}`))
	assert.True(t, errors.Is(err, typedhooks.ErrNoEventType), "%v", err)
}

// FuzzParse checks that Parse never panics and that whatever it accepts
// encodes and parses back as the same event type.
func FuzzParse(f *testing.F) {
	for _, name := range eventtest.FixtureNames(f) {
		f.Add(eventtest.Fixture(f, name))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := credentials.Parse(body)
		if err != nil {
			return
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("marshal %T: %v", ev, err)
		}
		again, err := credentials.Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		if again.EventType() != ev.EventType() {
			t.Fatalf("type %q became %q", ev.EventType(), again.EventType())
		}
	})
}

func TestCredentialKind_MadeUp(t *testing.T) {
	for name, tc := range map[string]struct {
		credential string
		want       credentials.CredentialKind
	}{
		"absent":                         {"", credentials.CredentialAbsent},
		"null":                           {"null", credentials.CredentialAbsent},
		"string":                         {`"eyJhbGciOi"`, credentials.CredentialAbsent},
		"encrypted":                      {`{"credentialId":"c1","data":"ZW5j"}`, credentials.CredentialEncrypted},
		"encrypted, numeric id":          {`{"credentialId":7,"data":"ZW5j"}`, credentials.CredentialEncrypted},
		"W3C with context":               {`{"@context":["https://www.w3.org/ns/credentials/v2"],"credentialSubject":{}}`, credentials.CredentialPlain},
		"W3C that also has credentialId": {`{"credentialId":"c1","credentialSubject":{"id":"did:x"}}`, credentials.CredentialPlain},
	} {
		t.Run(name, func(t *testing.T) {
			d := credentials.CreationSucceededData{Credential: json.RawMessage(tc.credential)}
			assert.Equal(t, tc.want, d.CredentialKind())
			assert.Equal(t, tc.want.String(), d.CredentialKind().String())
			enc, ok := d.EncryptedCredential()
			assert.Equal(t, tc.want == credentials.CredentialEncrypted, ok)
			if ok {
				assert.NotEmpty(t, enc.CredentialID)
				assert.Equal(t, "ZW5j", enc.Data)
			}
			var v map[string]any
			err := d.DecodeCredential(&v)
			if tc.want == credentials.CredentialAbsent {
				assert.ErrorIs(t, err, credentials.ErrNoCredential)
			} else {
				require.NoError(t, err)
				assert.NotEmpty(t, v)
			}
		})
	}
}
