package kit_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/internal/kit"
	"github.com/typedhooks/typedhooks/typedhookstest"
	"github.com/typedhooks/typedhooks/verify"
)

// verifier returns the verifier provider's endpoint would use with the kit's
// secret.
func verifier(t *testing.T, provider string) verify.Verifier {
	t.Helper()
	svix, err := kit.IsSvix(provider)
	require.NoError(t, err)
	if svix {
		v, err := verify.NewSvix(typedhookstest.SvixSecret)
		require.NoError(t, err)
		return v
	}
	v, err := verify.NewDynamic(typedhookstest.DynamicSecret)
	require.NoError(t, err)
	return v
}

// body returns the sample of provider's eventType.
func body(t *testing.T, provider, eventType string) []byte {
	t.Helper()
	s, err := kit.Lookup(provider, eventType)
	require.NoError(t, err)
	return s.Body
}

// TestLookup_EveryType: Lookup finds a sample for every type a provider's
// Types lists, legacy names included, marks it made up as its file name
// says, and the sample it picks is of that type (parses to the typed event,
// never *typedhooks.Unknown). That every documented type has a struct and a
// body at all is each provider package's TestCatalogue.
func TestLookup_EveryType(t *testing.T) {
	for _, provider := range kit.Providers() {
		parse, err := kit.Parse(provider)
		require.NoError(t, err)
		current, err := kit.EventTypes(provider)
		require.NoError(t, err)
		legacy, err := kit.LegacyTypes(provider)
		require.NoError(t, err)
		all := append(slices.Clone(current), mapKeys(legacy)...)
		require.NotEmpty(t, current, provider)
		for _, typ := range all {
			t.Run(provider+"/"+typ, func(t *testing.T) {
				s, err := kit.Lookup(provider, typ)
				require.NoError(t, err, "a new event type needs a sample: its documented example, or internal/samples/%s/madeup_%s.json, listed in that directory's SOURCES.md", provider, typ)
				assert.Equal(t, provider, s.Provider)
				assert.Equal(t, typ, s.Type)
				assert.Equal(t, s.MadeUp, strings.HasPrefix(s.File, "madeup_") || strings.HasPrefix(s.File, "reconstructed_") || legacy[typ] != "", s.File)
				ev, err := parse(s.Body)
				require.NoError(t, err)
				_, unknown := ev.(*typedhooks.Unknown)
				require.False(t, unknown, "%s %s parses to *typedhooks.Unknown", provider, typ)
				want := typ
				if c, ok := legacy[typ]; ok {
					want = c
				}
				assert.Equal(t, want, ev.EventType())
			})
		}
	}
}

func mapKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestTypesSplitCurrentAndLegacy: the current and legacy names together are
// exactly what the provider lists, and the legacy names are the documented
// aliases.
func TestTypesSplitCurrentAndLegacy(t *testing.T) {
	legacy, err := kit.LegacyTypes("crossmint")
	require.NoError(t, err)
	assert.Equal(t, crossmint.TypeNFTCreateSucceeded, legacy[crossmint.AliasMintSucceeded])
	current, err := kit.EventTypes("crossmint")
	require.NoError(t, err)
	assert.NotContains(t, current, crossmint.AliasMintSucceeded)
	assert.Contains(t, current, crossmint.TypeNFTCreateSucceeded)
	assert.Contains(t, current, "credential.creation.succeeded", "Crossmint's endpoint receives the credential events")
	assert.Len(t, append(current, mapKeys(legacy)...), len(crossmint.Types()))

	stytchLegacy, err := kit.LegacyTypes("stytch")
	require.NoError(t, err)
	assert.Empty(t, stytchLegacy)

	dynLegacy, err := kit.LegacyTypes("dynamic")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"sanctions.wallet.blocked": "wallet.sanctions.blocked"}, dynLegacy)
}

func TestSignAt_PinsIDAndTimestamp(t *testing.T) {
	at := time.Unix(1700000000, 0)
	h, err := kit.SignAt("crossmint", typedhookstest.SvixSecret, "msg_1", at, []byte(`{}`))
	require.NoError(t, err)
	assert.Equal(t, "msg_1", h.Get("Svix-Id"))
	assert.Equal(t, "1700000000", h.Get("Svix-Timestamp"))
	sv, err := verify.NewSvix(typedhookstest.SvixSecret, verify.WithoutTimestampCheck())
	require.NoError(t, err)
	res, err := sv.VerifyResult(h, []byte(`{}`))
	require.NoError(t, err, "signed over the pinned id and time")
	assert.Equal(t, verify.Result{ID: "msg_1", Timestamp: at}, res)
	h2, err := kit.Sign("crossmint", typedhookstest.SvixSecret, []byte(`{}`))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(h2.Get("Svix-Id"), "msg_"))
}

func TestMistakes(t *testing.T) {
	_, err := kit.Lookup("github", "push")
	assert.ErrorIs(t, err, kit.ErrUnknownProvider)
	_, err = kit.Lookup("crossmint", "no.such.type")
	assert.ErrorIs(t, err, kit.ErrNoSample)
	_, err = kit.Sign("stytch", "not base64!", nil)
	assert.ErrorIs(t, err, verify.ErrInvalidSecret)
}

// TestLegacySampleIsDerived: a legacy name without a body of its own gets
// the current type's body with only the type changed.
func TestLegacySampleIsDerived(t *testing.T) {
	s, err := kit.Lookup("crossmint", crossmint.AliasMintSucceeded)
	require.NoError(t, err)
	assert.True(t, s.MadeUp)
	cur := body(t, "crossmint", crossmint.TypeNFTCreateSucceeded)
	assert.Equal(t, strings.Replace(string(cur), `"nfts.create.succeeded"`, `"mint.succeeded"`, 1), string(s.Body))
}

// TestDocumentedSamplesComeFirst: where a type has a documented example, it is
// the sample, not a constructed one.
func TestDocumentedSamplesComeFirst(t *testing.T) {
	s, err := kit.Lookup("crossmint", crossmint.TypeNFTCreateSucceeded)
	require.NoError(t, err)
	assert.False(t, s.MadeUp)
	assert.Equal(t, "nfts.create.succeeded.evm.json", s.File)
	s, err = kit.Lookup("crossmint", "orders.quote.created")
	require.NoError(t, err)
	assert.True(t, s.MadeUp)
}

// keyed is what a de-duplicating receiver reads from an event.
type keyed interface{ IdempotencyKey() string }

// TestWithNewID: every sample that carries its own id gets a new one in the
// same form, the type and every other member unchanged; the others come back
// as they were.
func TestWithNewID(t *testing.T) {
	changed := 0
	for _, provider := range kit.Providers() {
		parse, err := kit.Parse(provider)
		require.NoError(t, err)
		all, err := kit.Samples(provider)
		require.NoError(t, err)
		for _, s := range all {
			before, err := parse(s.Body)
			require.NoError(t, err)
			out, err := kit.WithNewID(provider, s.Body)
			require.NoError(t, err, "%s %s", provider, s.Type)
			after, err := parse(out)
			require.NoError(t, err)
			assert.Equal(t, before.EventType(), after.EventType())
			assert.Equal(t, len(strings.Fields(string(s.Body))), len(strings.Fields(string(out))), "%s %s: only values change", provider, s.Type)
			k, ok := before.(keyed)
			if !ok || k.IdempotencyKey() == "" {
				assert.Equal(t, string(s.Body), string(out), "%s %s has no id to change", provider, s.Type)
				continue
			}
			changed++
			old, fresh := k.IdempotencyKey(), after.(keyed).IdempotencyKey()
			assert.NotEqual(t, old, fresh, "%s %s", provider, s.Type)
			assert.Equal(t, strings.Count(string(s.Body), "\n"), strings.Count(string(out), "\n"), "only the id changes")
			assert.Equal(t, s.Type, after.EventType())
			second, err := kit.WithNewID(provider, s.Body)
			require.NoError(t, err)
			assert.NotEqual(t, string(out), string(second), "a new id each time")
		}
	}
	assert.Positive(t, changed)

	body := body(t, "stytch", "direct.member.create")
	var before struct {
		EventID string `json:"event_id"`
		ID      string `json:"id"`
	}
	require.NoError(t, json.Unmarshal(body, &before))
	out, err := kit.WithNewID("stytch", body)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"event_id": "webhook-event-madeup-`)
	assert.NotContains(t, string(out), before.EventID)
	assert.Contains(t, string(out), before.ID, "the object's id is not the event's")
	_, err = kit.WithNewID("stytch", []byte("nope"))
	assert.Error(t, err)
}

// TestWithNewID_NotDeduplicated: the same sample with a new id each time runs
// the callbacks of one dispatcher each time.
func TestWithNewID_NotDeduplicated(t *testing.T) {
	parse, _ := kit.Parse("dynamic")
	runs := 0
	d := dispatch.New(verifier(t, "dynamic"), parse, dispatch.WithFallback(func(context.Context, typedhooks.Event) error {
		runs++
		return nil
	}))
	body := body(t, "dynamic", "wallet.delegation.created")
	for range 3 {
		fresh, err := kit.WithNewID("dynamic", body)
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		d.ServeHTTP(rec, typedhookstest.NewRequest("dynamic", typedhookstest.DynamicSecret, "/", fresh))
		require.Equal(t, http.StatusOK, rec.Code)
	}
	assert.Equal(t, 3, runs)
}
