package stytch_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/eventtest"
	"github.com/typedhooks/typedhooks/stytch"
)

// TestCatalogue holds the package to the event types Stytch documents
// (internal/samples/stytch/catalogue.tsv): a struct and a body for each.
func TestCatalogue(t *testing.T) {
	eventtest.RequireCatalogue(t, "stytch", eventtest.Package{Types: stytch.Types(), New: stytch.New, Parse: stytch.Parse})
}

func parseFixture(t *testing.T, name string) typedhooks.Event {
	t.Helper()
	body := eventtest.Fixture(t, name)
	ev, err := stytch.Parse(body)
	require.NoError(t, err)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	eventtest.RequireExact(t, body, out)
	return ev
}

func TestParse_MadeUpSCIMGroupEvents(t *testing.T) {
	group := stytch.SCIMGroup{
		GroupID:        "scim-group-test-00000000-0000-0000-0000-000000000000",
		GroupName:      "Engineering",
		OrganizationID: "organization-test-00000000-0000-0000-0000-000000000000",
		ConnectionID:   "scim-connection-test-00000000-0000-0000-0000-000000000000",
	}
	tests := []struct {
		file, action string
		want         typedhooks.Event
		hasGroup     bool
	}{
		{"madeup_scim.idp_group.create.json", "create", &stytch.SCIMIDPGroupCreate{}, true},
		{"madeup_scim.idp_group.update.json", "update", &stytch.SCIMIDPGroupUpdate{}, true},
		{"madeup_scim.idp_group.delete.json", "delete", &stytch.SCIMIDPGroupDelete{}, false},
		{"madeup_scim.idp_group.member_add.json", "member_add", &stytch.SCIMIDPGroupMemberAdd{}, true},
		{"madeup_scim.idp_group.member_delete.json", "member_delete", &stytch.SCIMIDPGroupMemberDelete{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ev := parseFixture(t, tt.file)
			require.IsType(t, tt.want, ev)
			se := ev.(stytch.Event)
			assert.Equal(t, []string{"scim", "idp_group", tt.action}, []string{se.Source(), se.ObjectType(), se.Action()})
			g := reflect.ValueOf(ev).Elem().Field(0).Interface().(stytch.IDPGroupEvent).IDPGroup
			if !tt.hasGroup {
				assert.Nil(t, g, "delete events carry only ids")
				return
			}
			require.NotNil(t, g)
			assert.Equal(t, group, *g)
		})
	}
}

func TestParse_MadeUpConnectionObjects(t *testing.T) {
	saml := eventtest.As[*stytch.DirectSAMLConnectionCreate](t, parseFixture(t, "madeup_direct.saml_connection.create.json")).SAMLConnection
	require.NotNil(t, saml)
	assert.Equal(t, "pending", saml.Status)
	assert.Equal(t, "http://www.okta.com/exk000000000000000000", saml.IdPEntityID)
	assert.Equal(t, "okta", saml.IdentityProvider)
	require.Len(t, saml.SigningCertificates, 1)
	assert.Equal(t, "Stytch", saml.SigningCertificates[0].Issuer)
	assert.Equal(t, 2034, saml.SigningCertificates[0].ExpiresAt.Year())
	assert.Empty(t, saml.VerificationCertificates)
	assert.NotNil(t, saml.VerificationCertificates, "[] stays an empty list")

	oidc := eventtest.As[*stytch.DashboardOIDCConnectionUpdate](t, parseFixture(t, "madeup_dashboard.oidc_connection.update.json")).OIDCConnection
	require.NotNil(t, oidc)
	assert.Equal(t, "https://example.okta.com", oidc.Issuer)
	assert.Equal(t, "https://example.okta.com/oauth2/v1/keys", oidc.JWKSURL)
	assert.Equal(t, "client-id-from-idp", oidc.ClientID)

	scim := eventtest.As[*stytch.DirectSCIMConnectionCreate](t, parseFixture(t, "madeup_direct.scim_connection.create.json")).SCIMConnection
	require.NotNil(t, scim)
	assert.Equal(t, "a1b2", scim.BearerTokenLastFour)
	assert.Equal(t, 2025, scim.BearerTokenExpiresAt.Year())
	assert.True(t, scim.NextBearerTokenExpiresAt.IsZero())
	require.Len(t, scim.SCIMGroupImplicitRoleAssignments, 1)
	assert.Equal(t, stytch.SCIMGroupImplicitRoleAssignment{RoleID: "stytch_member", GroupID: "scim-group-test-00000000-0000-0000-0000-000000000000", GroupName: "Engineering"}, scim.SCIMGroupImplicitRoleAssignments[0])
}

func TestParse_MadeUpSCIMMemberCreate(t *testing.T) {
	e := eventtest.As[*stytch.SCIMMemberCreate](t, parseFixture(t, "madeup_scim.member.create.json"))
	require.NotNil(t, e.Member)
	assert.Contains(t, string(e.Member.SCIMRegistration), `"registration_id"`)
}
