package stytch_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/internal/samples"
	"github.com/typedhooks/typedhooks/stytch"
)

const (
	userCreated = "direct.user.create.json"
	userDeleted = "direct.user.delete.json"
)

// fixtureUser is the user every documented create and update example holds.
var fixtureUser = stytch.User{
	UserID: "user-test-00000000-0000-0000-0000-000000000000",
	Emails: []stytch.Email{{
		EmailID:  "email-test-00000000-0000-0000-0000-000000000000",
		Email:    "adalovelace@stytch.example.com",
		Verified: false,
	}},
	Name:                   &stytch.Name{FirstName: "Ada", LastName: "Lovelace"},
	PhoneNumbers:           []stytch.PhoneNumber{},
	Providers:              []stytch.Provider{},
	WebAuthnRegistrations:  []stytch.WebAuthnRegistration{},
	BiometricRegistrations: []stytch.BiometricRegistration{},
	TOTPs:                  []stytch.TOTP{},
	CryptoWallets:          []stytch.CryptoWallet{},
	TrustedMetadata:        json.RawMessage(`{}`),
	UntrustedMetadata:      json.RawMessage(`{}`),
	Status:                 "active",
}

func TestParse_Fixtures(t *testing.T) {
	tests := []struct {
		file    string
		want    any
		typ     string
		source  string
		action  string
		hasUser bool
	}{
		{"dashboard.user.create.json", &stytch.DashboardUserCreate{}, stytch.TypeDashboardUserCreate, "dashboard", "create", true},
		{"dashboard.user.update.json", &stytch.DashboardUserUpdate{}, stytch.TypeDashboardUserUpdate, "dashboard", "update", true},
		{"dashboard.user.delete.json", &stytch.DashboardUserDelete{}, stytch.TypeDashboardUserDelete, "dashboard", "delete", false},
		{"direct.user.create.json", &stytch.DirectUserCreate{}, stytch.TypeDirectUserCreate, "direct", "create", true},
		{"direct.user.update.json", &stytch.DirectUserUpdate{}, stytch.TypeDirectUserUpdate, "direct", "update", true},
		{"direct.user.delete.json", &stytch.DirectUserDelete{}, stytch.TypeDirectUserDelete, "direct", "delete", false},
	}
	require.Len(t, tests, len(eventtest.DocumentedFixtureNames(t))-len(memberFixtures), "every documented fixture has a row here or in memberFixtures")

	sent := time.Date(2024, 11, 21, 6, 47, 49, 555247073, time.UTC)
	created := time.Date(2024, 11, 21, 6, 47, 49, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body := eventtest.Fixture(t, tt.file)
			ev, err := stytch.Parse(body)
			require.NoError(t, err)
			require.IsType(t, tt.want, ev)
			assert.Equal(t, tt.typ, ev.EventType())
			assert.Equal(t, strings.TrimSuffix(tt.file, ".json"), ev.EventType(), "fixtures are named after their type")

			se, ok := ev.(stytch.Event)
			require.True(t, ok, "%T implements stytch.Event", ev)
			assert.Equal(t, tt.source, se.Source())
			assert.Equal(t, "user", se.ObjectType())
			assert.Equal(t, tt.action, se.Action())

			key, ok := ev.(typedhooks.IdempotencyKeyer)
			require.True(t, ok)
			assert.Empty(t, key.IdempotencyKey(), "the documented examples share one placeholder event id")

			ue := reflect.ValueOf(ev).Elem().Field(0).Interface().(stytch.UserEvent)
			assert.Equal(t, "project-test-00000000-0000-0000-0000-000000000000", ue.ProjectID)
			assert.Equal(t, "webhook-event-test-00000000-0000-0000-0000-000000000000", ue.EventID)
			live, err := stytch.Parse(bytes.Replace(body, []byte("webhook-event-test-"), []byte("event-live-"), 1))
			require.NoError(t, err)
			assert.Equal(t, "event-live-00000000-0000-0000-0000-000000000000", live.(typedhooks.IdempotencyKeyer).IdempotencyKey(), "a real event id is the key")
			assert.Equal(t, "user-test-00000000-0000-0000-0000-000000000000", ue.ID)
			assert.Equal(t, stytch.VerticalConsumer, ue.Vertical)
			assert.Equal(t, strings.ToUpper(tt.source), ue.WireSource)
			assert.Equal(t, strings.ToUpper(tt.action), ue.WireAction)
			assert.True(t, ue.Timestamp.Equal(sent), "timestamp %v", ue.Timestamp)
			if tt.hasUser {
				require.NotNil(t, ue.User)
				assert.True(t, ue.User.CreatedAt.Equal(created), "created_at %v", ue.User.CreatedAt)
				got := *ue.User
				got.CreatedAt = typedhooks.Time{}
				assert.Equal(t, fixtureUser, got)
			} else {
				assert.Nil(t, ue.User, "delete events carry only ids")
			}

			require.Empty(t, eventtest.RoundTripDiff(body, ev))
			out, err := json.Marshal(ev)
			require.NoError(t, err)
			assert.Contains(t, string(out), `"timestamp":"2024-11-21T06:47:49.555247073Z"`, "nine fractional digits are kept")
		})
	}
}

// memberFixtures are the documented B2B examples: Stytch's B2B event
// catalog, entries dashboard.member.create and dashboard.member.delete.
var memberFixtures = map[string]func(t *testing.T, ev typedhooks.Event){
	"dashboard.member.create.json": func(t *testing.T, ev typedhooks.Event) {
		e := eventtest.As[*stytch.DashboardMemberCreate](t, ev)
		require.NotNil(t, e.Member)
		assert.Equal(t, "member-test-00000000-0000-0000-0000-000000000000", e.Member.MemberID)
		assert.Equal(t, e.ID, e.Member.MemberID)
		assert.Equal(t, "organization-test-00000000-0000-0000-0000-000000000000", e.Member.OrganizationID)
		assert.Equal(t, "adalovelace@stytch.example.com", e.Member.EmailAddress)
		assert.Equal(t, "Ada Lovelace", e.Member.Name)
		assert.Equal(t, "active", e.Member.Status)
		require.Len(t, e.Member.Roles, 1)
		assert.Equal(t, "stytch_member", e.Member.Roles[0].RoleID)
		assert.Equal(t, "direct_assignment", e.Member.Roles[0].Sources[0].Type)
		assert.Equal(t, stytch.VerticalB2B, e.Vertical)
		assert.Equal(t, []string{"dashboard", "member", "create"}, []string{e.Source(), e.ObjectType(), e.Action()})
		assert.True(t, e.Timestamp.Equal(time.Date(2024, 1, 2, 3, 4, 5, 678901000, time.UTC)))
	},
	"dashboard.member.delete.json": func(t *testing.T, ev typedhooks.Event) {
		e := eventtest.As[*stytch.DashboardMemberDelete](t, ev)
		assert.Nil(t, e.Member, "delete events carry only ids")
		assert.Equal(t, "member-test-00000000-0000-0000-0000-000000000000", e.ID)
		assert.Empty(t, e.IdempotencyKey(), "the catalog's placeholder event id is no key")
	},
}

func TestParse_MemberFixtures(t *testing.T) {
	for file, check := range memberFixtures {
		t.Run(file, func(t *testing.T) {
			body := eventtest.Fixture(t, file)
			ev, err := stytch.Parse(body)
			require.NoError(t, err)
			check(t, ev)
			out, err := json.Marshal(ev)
			require.NoError(t, err)
			eventtest.RequireExact(t, body, out)
		})
	}
}

// withoutExample lists the event types that Stytch documents (by name or by
// its source.object_type.action rule) but for which no example payload was
// reachable. Their tests build bodies from real fixtures.
var withoutExample = map[string]bool{}

func init() {
	documented := map[string]bool{}
	for _, name := range samples.Names("stytch") {
		documented[strings.TrimSuffix(name, ".json")] = !strings.HasPrefix(name, "madeup_")
	}
	for _, t := range stytch.Types() {
		if !documented[t] {
			withoutExample[t] = true
		}
	}
}

func TestTypes_Completeness(t *testing.T) {
	types := stytch.Types()
	require.Len(t, types, 44, "6 consumer and 38 B2B types")
	require.Len(t, withoutExample, 36, "all but the six consumer and two member examples")
	for _, typ := range types {
		ev, ok := stytch.New(typ)
		require.True(t, ok, typ)
		assert.Equal(t, typ, ev.EventType())
		_, isStytch := ev.(stytch.Event)
		assert.True(t, isStytch, "%T implements stytch.Event", ev)

		hasFixture := slices.Contains(eventtest.DocumentedFixtureNames(t), typ+".json")
		assert.True(t, hasFixture != withoutExample[typ], "%s: exactly one of fixture or withoutExample", typ)
	}
}

// objectFields names, per object type, the event's Go field holding the
// object and the object's id field.
var objectFields = map[string]struct{ field, idField, idMember string }{
	"member":          {"Member", "MemberID", "member_id"},
	"organization":    {"Organization", "OrganizationID", "organization_id"},
	"saml_connection": {"SAMLConnection", "ConnectionID", "connection_id"},
	"oidc_connection": {"OIDCConnection", "ConnectionID", "connection_id"},
	"scim_connection": {"SCIMConnection", "ConnectionID", "connection_id"},
	"idp_group":       {"IDPGroup", "GroupID", "group_id"},
}

// madeUpB2B builds a body for eventType from the documented
// direct.user.delete example: source, object_type and action are replaced,
// vertical becomes B2B, and create and update events get a minimal object
// holding the entity's id (and organization id).
func madeUpB2B(t *testing.T, eventType string) []byte {
	t.Helper()
	parts := strings.Split(eventType, ".")
	require.Len(t, parts, 3)
	var m map[string]any
	require.NoError(t, json.Unmarshal(eventtest.Fixture(t, userDeleted), &m))
	m["source"] = strings.ToUpper(parts[0])
	m["object_type"] = parts[1]
	m["action"] = strings.ToUpper(parts[2])
	m["vertical"] = stytch.VerticalB2B
	m["id"] = "madeup-entity-1"
	if parts[2] != "delete" {
		obj := map[string]any{"organization_id": "organization-test-madeup"}
		obj[objectFields[parts[1]].idMember] = "madeup-entity-1"
		m[parts[1]] = obj
	}
	body, err := json.Marshal(m)
	require.NoError(t, err)
	return body
}

func TestParse_MadeUpWithoutExample(t *testing.T) {
	for typ := range withoutExample {
		t.Run(typ, func(t *testing.T) {
			body := madeUpB2B(t, typ)
			ev, err := stytch.Parse(body)
			require.NoError(t, err)
			want, _ := stytch.New(typ)
			require.IsType(t, want, ev)
			assert.Equal(t, typ, ev.EventType())

			parts := strings.Split(typ, ".")
			se := ev.(stytch.Event)
			assert.Equal(t, parts, []string{se.Source(), se.ObjectType(), se.Action()})

			f := objectFields[parts[1]]
			obj := reflect.ValueOf(ev).Elem().FieldByName(f.field)
			require.True(t, obj.IsValid(), "%T has field %s", ev, f.field)
			if parts[2] == "delete" {
				assert.True(t, obj.IsNil())
			} else {
				require.False(t, obj.IsNil())
				assert.Equal(t, "madeup-entity-1", obj.Elem().FieldByName(f.idField).String())
				if parts[1] != "organization" {
					assert.Equal(t, "organization-test-madeup", obj.Elem().FieldByName("OrganizationID").String())
				}
			}
			require.Empty(t, eventtest.RoundTripDiff(body, ev))
		})
	}
}
