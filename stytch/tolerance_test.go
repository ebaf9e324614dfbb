package stytch_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/stytch"
)

func parseUserCreate(t *testing.T, body []byte) *stytch.DirectUserCreate {
	t.Helper()
	ev, err := stytch.Parse(body)
	require.NoError(t, err)
	require.IsType(t, &stytch.DirectUserCreate{}, ev)
	return ev.(*stytch.DirectUserCreate)
}

func TestParse_MadeUpExtraMembers(t *testing.T) {
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) {
		m["madeup_top"] = map[string]any{"nested": []any{1, "two"}}
		user := m["user"].(map[string]any)
		user["madeup_user"] = true
		user["emails"].([]any)[0].(map[string]any)["madeup_email"] = "x"
	})
	ev := parseUserCreate(t, body)
	require.NotNil(t, ev.User)
	assert.Equal(t, "adalovelace@stytch.example.com", ev.User.Emails[0].Email)
	assert.Equal(t, "Ada", ev.User.Name.FirstName)
}

func TestParse_MadeUpNulls(t *testing.T) {
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) {
		m["vertical"] = nil
		user := m["user"].(map[string]any)
		for _, k := range []string{"name", "password", "trusted_metadata", "created_at", "emails", "lock_created_at", "lock_expires_at"} {
			user[k] = nil
		}
	})
	ev := parseUserCreate(t, body)
	require.NotNil(t, ev.User)
	assert.Empty(t, ev.Vertical)
	assert.Nil(t, ev.User.Name)
	assert.Nil(t, ev.User.Emails)
	assert.True(t, ev.User.CreatedAt.IsZero())
	assert.Equal(t, "active", ev.User.Status)
	require.Empty(t, eventtest.RoundTripDiff(body, ev))

	// Strings Stytch sends as "" when unset hold "" for null too; encoding
	// writes "" back, the one value a null is not kept as.
	body = eventtest.EditFixture(t, userCreated, func(m map[string]any) { m["user"].(map[string]any)["external_id"] = nil })
	assert.Empty(t, parseUserCreate(t, body).User.ExternalID)
}

func TestParse_MadeUpVerticalAbsent(t *testing.T) {
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) { delete(m, "vertical") })
	ev := parseUserCreate(t, body)
	assert.Empty(t, ev.Vertical)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.NotContains(t, string(out), "vertical")
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpSixDigitTimestamp(t *testing.T) {
	// Stytch's B2B catalog example uses six fractional digits.
	const ts = "2024-01-02T03:04:05.678901Z"
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) { m["timestamp"] = ts })
	ev := parseUserCreate(t, body)
	assert.Equal(t, 678901000, ev.Timestamp.Nanosecond())
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"timestamp":"`+ts+`"`)
}

func TestParse_MadeUpFullUser(t *testing.T) {
	// Every sub-object filled, with the members Stytch's API reference
	// lists, so that no field of User goes untested.
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) {
		user := m["user"].(map[string]any)
		user["phone_numbers"] = []any{map[string]any{"phone_id": "phone-1", "phone_number": "+12025550162", "verified": true}}
		user["providers"] = []any{map[string]any{"provider_type": "Google", "provider_subject": "sub-1", "profile_picture_url": "https://example.com/p.png", "locale": "en", "oauth_user_registration_id": "oauth-user-1"}}
		user["webauthn_registrations"] = []any{map[string]any{"webauthn_registration_id": "wr-1", "domain": "example.com", "user_agent": "UA", "verified": true, "authenticator_type": "platform", "name": "Key"}}
		user["biometric_registrations"] = []any{map[string]any{"biometric_registration_id": "bio-1", "verified": true}}
		user["totps"] = []any{map[string]any{"totp_id": "totp-1", "verified": true}}
		user["crypto_wallets"] = []any{map[string]any{"crypto_wallet_id": "cw-1", "crypto_wallet_address": "0xabc", "crypto_wallet_type": "ethereum", "verified": true}}
		user["password"] = map[string]any{"password_id": "pw-1", "requires_reset": true}
		user["roles"] = []any{"stytch_user"}
		user["external_id"] = ""
		user["is_locked"] = true
		user["lock_created_at"] = "2024-11-21T06:47:49Z"
		user["lock_expires_at"] = "2024-11-21T07:47:49.5Z"
		user["trusted_metadata"] = map[string]any{"plan": "pro"}
	})
	ev := parseUserCreate(t, body)
	u := ev.User
	require.NotNil(t, u)
	assert.Equal(t, "+12025550162", u.PhoneNumbers[0].PhoneNumber)
	assert.Equal(t, "oauth-user-1", u.Providers[0].OAuthUserRegistrationID)
	assert.Equal(t, "platform", u.WebAuthnRegistrations[0].AuthenticatorType)
	assert.Equal(t, "bio-1", u.BiometricRegistrations[0].BiometricRegistrationID)
	assert.Equal(t, "totp-1", u.TOTPs[0].TOTPID)
	assert.Equal(t, "0xabc", u.CryptoWallets[0].CryptoWalletAddress)
	require.NotNil(t, u.Password)
	assert.True(t, u.Password.RequiresReset)
	assert.Equal(t, []string{"stytch_user"}, u.Roles)
	assert.True(t, u.IsLocked)
	assert.Equal(t, 7, u.LockExpiresAt.Hour())
	assert.JSONEq(t, `{"plan":"pro"}`, string(u.TrustedMetadata))
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpMember(t *testing.T) {
	// The member of Stytch's B2B catalog example (as recorded in the team's
	// research notes), with the API object's extra members.
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) {
		delete(m, "user")
		m["source"], m["object_type"], m["vertical"] = "SCIM", "member", "B2B"
		m["member"] = map[string]any{
			"default_mfa_method": "", "email_address": "ada@example.com", "email_address_verified": false,
			"is_admin": false, "is_breakglass": false, "member_id": "member-test-1", "member_password_id": "",
			"mfa_enrolled": false, "mfa_phone_number": "", "mfa_phone_number_verified": false, "name": "",
			"oauth_registrations": []any{}, "organization_id": "organization-test-1",
			"roles":             []any{map[string]any{"role_id": "stytch_member", "sources": []any{map[string]any{"details": map[string]any{}, "type": "direct_assignment"}}}},
			"sso_registrations": []any{}, "status": "active", "totp_registration_id": "",
			"trusted_metadata": map[string]any{}, "untrusted_metadata": map[string]any{},
			"retired_email_addresses": []any{}, "scim_registration": map[string]any{"connection_id": "scim-1"},
			"created_at": "2024-01-02T03:04:05Z", "updated_at": "2024-01-02T03:04:06Z", "external_id": "", "is_locked": false,
		}
	})
	ev, err := stytch.Parse(body)
	require.NoError(t, err)
	require.IsType(t, &stytch.SCIMMemberCreate{}, ev)
	mem := ev.(*stytch.SCIMMemberCreate).Member
	require.NotNil(t, mem)
	assert.Equal(t, "member-test-1", mem.MemberID)
	assert.Equal(t, "organization-test-1", mem.OrganizationID)
	require.Len(t, mem.Roles, 1)
	assert.Equal(t, "direct_assignment", mem.Roles[0].Sources[0].Type)
	assert.JSONEq(t, `{"connection_id":"scim-1"}`, string(mem.SCIMRegistration))
	assert.Equal(t, 6, mem.UpdatedAt.Second())
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestParse_MadeUpConnectionKeepsEveryMember(t *testing.T) {
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) {
		delete(m, "user")
		m["object_type"], m["action"] = "saml_connection", "UPDATE"
		m["saml_connection"] = map[string]any{"connection_id": "saml-1", "organization_id": "org-1", "display_name": "Okta", "attribute_mapping": map[string]any{"email": "mail"}}
	})
	ev, err := stytch.Parse(body)
	require.NoError(t, err)
	require.IsType(t, &stytch.DirectSAMLConnectionUpdate{}, ev)
	c := ev.(*stytch.DirectSAMLConnectionUpdate).SAMLConnection
	require.NotNil(t, c)
	assert.Equal(t, "saml-1", c.ConnectionID)
	assert.Equal(t, "org-1", c.OrganizationID)
	require.Empty(t, eventtest.RoundTripDiff(body, ev))

	assert.Equal(t, "Okta", c.DisplayName)
	assert.JSONEq(t, `{"email":"mail"}`, string(c.AttributeMapping))
}

func TestParse_MadeUpWrongKinds(t *testing.T) {
	// A member of an unexpected kind empties that field only.
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) {
		user := m["user"].(map[string]any)
		user["emails"] = "not a list"
		user["is_locked"] = "no"
	})
	ev := parseUserCreate(t, body)
	require.NotNil(t, ev.User)
	assert.Nil(t, ev.User.Emails)
	assert.Equal(t, "Ada", ev.User.Name.FirstName)
	assert.Equal(t, "user-test-00000000-0000-0000-0000-000000000000", ev.User.UserID)
}

func TestParse_MadeUpTypeSpelling(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"mixed case values", `{"source":"Direct","object_type":"USER","action":"Create"}`, stytch.TypeDirectUserCreate},
		{"escaped member name", `{"sourc\u0065":"DIRECT","object_type":"user","action":"CREATE"}`, stytch.TypeDirectUserCreate},
		{"escaped value", `{"source":"SC\u0049M","object_type":"member","action":"DELETE"}`, stytch.TypeSCIMMemberDelete},
		{"case-insensitive member name, last wins", `{"source":"DIRECT","Source":"DASHBOARD","object_type":"user","action":"UPDATE"}`, stytch.TypeDashboardUserUpdate},
		{"MadeUp case-folded duplicate after the object", `{"source":"DIRECT","object_type":"user","action":"UPDATE","user":{"name":{"first_name":"Ada"}},"ACTION":"delete"}`, stytch.TypeDirectUserDelete},
		{"MadeUp escaped duplicate after the object", `{"source":"DIRECT","object_type":"user","action":"UPDATE","user":{},"\u0061ction":"DELETE"}`, stytch.TypeDirectUserDelete},
		{"MadeUp non-ASCII folded duplicate after the object", `{"source":"DIRECT","object_type":"user","action":"UPDATE","user":{},"ſource":"DASHBOARD"}`, stytch.TypeDashboardUserUpdate},
		{"MadeUp member names inside nested objects do not count", `{"source":"DIRECT","object_type":"user","action":"CREATE","user":{"action":"DELETE","source":"SCIM"}}`, stytch.TypeDirectUserCreate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stytch.LocateType([]byte(tt.body))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			ev, err := stytch.Parse([]byte(tt.body))
			require.NoError(t, err)
			assert.Equal(t, tt.want, ev.EventType())
		})
	}
}

func TestParse_MadeUpNoEventType(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(m map[string]any)
		member string
	}{
		{"missing source", func(m map[string]any) { delete(m, "source") }, `"source" is missing`},
		{"missing object_type", func(m map[string]any) { delete(m, "object_type") }, `"object_type" is missing`},
		{"missing action", func(m map[string]any) { delete(m, "action") }, `"action" is missing`},
		{"null source", func(m map[string]any) { m["source"] = nil }, `"source" is null`},
		{"numeric action", func(m map[string]any) { m["action"] = 1 }, `"action" is 1`},
		{"empty object_type", func(m map[string]any) { m["object_type"] = "" }, `"object_type" is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stytch.Parse(eventtest.EditFixture(t, userCreated, tt.edit))
			require.Error(t, err)
			assert.True(t, errors.Is(err, typedhooks.ErrNoEventType), "%v", err)
			assert.Contains(t, err.Error(), tt.member)
			assert.Contains(t, err.Error(), "stytch")
		})
	}
}

func TestParse_NotObject(t *testing.T) {
	body := eventtest.Fixture(t, userCreated)
	for _, in := range []string{"", "[]", `"direct.user.create"`, "null", string(body[:len(body)/2]), string(body) + "{}"} {
		_, err := stytch.Parse([]byte(in))
		require.Error(t, err, "%q", in)
		assert.True(t, errors.Is(err, typedhooks.ErrNotObject), "%q: %v", in, err)
	}
}

func TestParse_MadeUpUnknownCombination(t *testing.T) {
	body := eventtest.EditFixture(t, userCreated, func(m map[string]any) { m["source"] = "PLATFORM" })
	ev, err := stytch.Parse(body)
	require.NoError(t, err)
	require.IsType(t, &typedhooks.Unknown{}, ev)
	u := ev.(*typedhooks.Unknown)
	assert.Equal(t, "platform.user.create", u.Type)
	assert.Equal(t, body, []byte(u.Raw))
	require.Empty(t, eventtest.RoundTripDiff(body, ev))
}

func TestLocateType_Allocations(t *testing.T) {
	body := eventtest.Fixture(t, userCreated)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := stytch.LocateType(body); err != nil {
			t.Fatal(err)
		}
	})
	assert.Equal(t, 1.0, allocs, "only the result string is allocated")
}
