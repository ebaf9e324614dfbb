package stytch

import (
	"encoding/json"

	"github.com/typedhooks/typedhooks"
)

// Stytch sends its objects complete: members without a value come as "",
// false, [] or null rather than being left out. The fields below therefore
// carry no omitempty, so that a parsed body encodes back with the same
// members; only times use omitzero, since a null time and an absent one say
// the same.

// User is a consumer project's user, the "user" member of user events.
type User struct {
	// UserID is the user's id, "user-live-..." or "user-test-...".
	UserID                 string                  `json:"user_id"`
	Emails                 []Email                 `json:"emails"`
	PhoneNumbers           []PhoneNumber           `json:"phone_numbers"`
	Name                   *Name                   `json:"name"`
	Providers              []Provider              `json:"providers"`
	WebAuthnRegistrations  []WebAuthnRegistration  `json:"webauthn_registrations"`
	BiometricRegistrations []BiometricRegistration `json:"biometric_registrations"`
	TOTPs                  []TOTP                  `json:"totps"`
	CryptoWallets          []CryptoWallet          `json:"crypto_wallets"`
	// Password is nil when the user has no password.
	Password *Password `json:"password"`
	// TrustedMetadata is free-form JSON set by the backend.
	TrustedMetadata json.RawMessage `json:"trusted_metadata"`
	// UntrustedMetadata is free-form JSON the user may set from the client.
	UntrustedMetadata json.RawMessage `json:"untrusted_metadata"`
	// Roles lists the user's RBAC role ids. Stytch's API object has it; the
	// documented webhook examples do not.
	Roles []string `json:"roles"`
	// Status is "pending" or "active".
	Status    string          `json:"status"`
	CreatedAt typedhooks.Time `json:"created_at,omitzero"`
	// ExternalID is the id the project assigned to the user, "" if none.
	ExternalID string `json:"external_id"`
	// IsLocked is true while too many failed attempts lock the user out;
	// LockCreatedAt and LockExpiresAt bound the lock.
	IsLocked      bool            `json:"is_locked"`
	LockCreatedAt typedhooks.Time `json:"lock_created_at,omitzero"`
	LockExpiresAt typedhooks.Time `json:"lock_expires_at,omitzero"`
}

// Email is one of a user's e-mail addresses.
type Email struct {
	EmailID  string `json:"email_id"`
	Email    string `json:"email"`
	Verified bool   `json:"verified"`
}

// PhoneNumber is one of a user's phone numbers.
type PhoneNumber struct {
	PhoneID     string `json:"phone_id"`
	PhoneNumber string `json:"phone_number"`
	Verified    bool   `json:"verified"`
}

// Name is a user's or member's name in parts; unset parts are "".
type Name struct {
	FirstName  string `json:"first_name"`
	MiddleName string `json:"middle_name"`
	LastName   string `json:"last_name"`
}

// Provider is an OAuth identity provider linked to a user.
type Provider struct {
	ProviderType            string `json:"provider_type"`
	ProviderSubject         string `json:"provider_subject"`
	ProfilePictureURL       string `json:"profile_picture_url"`
	Locale                  string `json:"locale"`
	OAuthUserRegistrationID string `json:"oauth_user_registration_id"`
}

// WebAuthnRegistration is a passkey or security key registered by a user.
type WebAuthnRegistration struct {
	WebAuthnRegistrationID string `json:"webauthn_registration_id"`
	Domain                 string `json:"domain"`
	UserAgent              string `json:"user_agent"`
	Verified               bool   `json:"verified"`
	AuthenticatorType      string `json:"authenticator_type"`
	Name                   string `json:"name"`
}

// BiometricRegistration is a mobile biometric factor registered by a user.
type BiometricRegistration struct {
	BiometricRegistrationID string `json:"biometric_registration_id"`
	Verified                bool   `json:"verified"`
}

// TOTP is an authenticator-app factor registered by a user.
type TOTP struct {
	TOTPID   string `json:"totp_id"`
	Verified bool   `json:"verified"`
}

// CryptoWallet is a blockchain wallet linked to a user.
type CryptoWallet struct {
	CryptoWalletID      string `json:"crypto_wallet_id"`
	CryptoWalletAddress string `json:"crypto_wallet_address"`
	CryptoWalletType    string `json:"crypto_wallet_type"`
	Verified            bool   `json:"verified"`
}

// Password is a user's password factor (never the password itself).
type Password struct {
	PasswordID    string `json:"password_id"`
	RequiresReset bool   `json:"requires_reset"`
}

// Member is a B2B organization's member, the "member" member of member
// events. Registrations whose shape Stytch documents only loosely are kept
// as raw JSON so that nothing is lost.
type Member struct {
	OrganizationID string `json:"organization_id"`
	MemberID       string `json:"member_id"`
	EmailAddress   string `json:"email_address"`
	// Status is "pending", "invited", "active", "deleted" or
	// "deactivated": deprovisioning a member through SCIM sets
	// "deactivated" (and revokes its roles and sessions), reactivating it
	// sets "active" again (Stytch's "Supported SCIM Actions" page).
	Status string `json:"status"`
	// Name is the member's full name as one string.
	Name                  string          `json:"name"`
	SSORegistrations      json.RawMessage `json:"sso_registrations"`
	OAuthRegistrations    json.RawMessage `json:"oauth_registrations"`
	RetiredEmailAddresses json.RawMessage `json:"retired_email_addresses,omitempty"`
	// SCIMRegistration is set for members provisioned through SCIM.
	SCIMRegistration       json.RawMessage `json:"scim_registration,omitempty"`
	IsBreakglass           bool            `json:"is_breakglass"`
	IsAdmin                bool            `json:"is_admin"`
	MemberPasswordID       string          `json:"member_password_id"`
	EmailAddressVerified   bool            `json:"email_address_verified"`
	MFAEnrolled            bool            `json:"mfa_enrolled"`
	MFAPhoneNumber         string          `json:"mfa_phone_number"`
	MFAPhoneNumberVerified bool            `json:"mfa_phone_number_verified"`
	DefaultMFAMethod       string          `json:"default_mfa_method"`
	TOTPRegistrationID     string          `json:"totp_registration_id"`
	Roles                  []MemberRole    `json:"roles"`
	TrustedMetadata        json.RawMessage `json:"trusted_metadata"`
	UntrustedMetadata      json.RawMessage `json:"untrusted_metadata"`
	ExternalID             string          `json:"external_id"`
	IsLocked               bool            `json:"is_locked"`
	CreatedAt              typedhooks.Time `json:"created_at,omitzero"`
	UpdatedAt              typedhooks.Time `json:"updated_at,omitzero"`
	LockCreatedAt          typedhooks.Time `json:"lock_created_at,omitzero"`
	LockExpiresAt          typedhooks.Time `json:"lock_expires_at,omitzero"`
}

// MemberRole is a role a member holds, with every way it was granted.
type MemberRole struct {
	RoleID  string       `json:"role_id"`
	Sources []RoleSource `json:"sources"`
}

// RoleSource is one way a role was granted: Type is "direct_assignment",
// "email_assignment", "sso_connection", "sso_connection_group",
// "scim_connection_group" and so on; Details depends on Type.
type RoleSource struct {
	Type    string          `json:"type"`
	Details json.RawMessage `json:"details"`
}

// Organization is a B2B organization, the "organization" member of
// organization events. Settings whose shape is uncertain or still growing
// (active connections, allowed OAuth tenants, ...) are raw JSON.
type Organization struct {
	OrganizationID      string          `json:"organization_id"`
	OrganizationName    string          `json:"organization_name"`
	OrganizationSlug    string          `json:"organization_slug"`
	OrganizationLogoURL string          `json:"organization_logo_url"`
	TrustedMetadata     json.RawMessage `json:"trusted_metadata"`
	// SSODefaultConnectionID is "" or null when there is none.
	SSODefaultConnectionID               *string         `json:"sso_default_connection_id"`
	SSOJITProvisioning                   string          `json:"sso_jit_provisioning"`
	SSOJITProvisioningAllowedConnections []string        `json:"sso_jit_provisioning_allowed_connections"`
	SSOActiveConnections                 json.RawMessage `json:"sso_active_connections"`
	SCIMActiveConnection                 json.RawMessage `json:"scim_active_connection,omitempty"`
	EmailAllowedDomains                  []string        `json:"email_allowed_domains"`
	EmailJITProvisioning                 string          `json:"email_jit_provisioning"`
	EmailInvites                         string          `json:"email_invites"`
	AuthMethods                          string          `json:"auth_methods"`
	AllowedAuthMethods                   []string        `json:"allowed_auth_methods"`
	MFAPolicy                            string          `json:"mfa_policy"`
	MFAMethods                           string          `json:"mfa_methods"`
	AllowedMFAMethods                    []string        `json:"allowed_mfa_methods"`
	RBACEmailImplicitRoleAssignments     json.RawMessage `json:"rbac_email_implicit_role_assignments,omitempty"`
	OAuthTenantJITProvisioning           string          `json:"oauth_tenant_jit_provisioning,omitempty"`
	AllowedOAuthTenants                  json.RawMessage `json:"allowed_oauth_tenants,omitempty"`
	CreatedAt                            typedhooks.Time `json:"created_at,omitzero"`
	UpdatedAt                            typedhooks.Time `json:"updated_at,omitzero"`
}

// The connection objects below have the members of Stytch's SAML, OIDC and
// SCIM Connection objects (https://stytch.com/docs/api-reference/b2b/api/sso/saml-connection-object,
// .../sso/oidc-connection-object, and the SCIMConnection schema of the SCIM
// API). Stytch's webhooks guide lists them as the payloads of connection
// events but publishes no webhook example, so the fixtures are made up from
// those pages. Role assignments whose shape the pages do not spell out, and
// attribute mappings (the identity provider's own names), are raw JSON. Like
// Stytch's other objects they carry no omitempty: Stytch sends them whole.

// SAMLConnection is an organization's SAML SSO connection, the
// "saml_connection" member of SAML connection events.
type SAMLConnection struct {
	OrganizationID string `json:"organization_id"`
	ConnectionID   string `json:"connection_id"`
	// Status is "pending" or "active".
	Status string `json:"status"`
	// IdPEntityID is the identity provider's globally unique name.
	IdPEntityID string `json:"idp_entity_id"`
	DisplayName string `json:"display_name"`
	// IdPSSOURL is where login requests' assertions are sent.
	IdPSSOURL string `json:"idp_sso_url"`
	// ACSURL is Stytch's Assertion Consumer Service URL for the connection.
	ACSURL string `json:"acs_url"`
	// AudienceURI is the audience restriction Stytch expects in assertions.
	AudienceURI string `json:"audience_uri"`
	// SigningCertificates are the certificates Stytch signs its requests
	// with; VerificationCertificates those it verifies the identity
	// provider's assertions with.
	SigningCertificates      []X509Certificate `json:"signing_certificates"`
	VerificationCertificates []X509Certificate `json:"verification_certificates"`
	// SAMLConnectionImplicitRoleAssignments and
	// SAMLGroupImplicitRoleAssignments are the roles the connection, or a
	// group of the identity provider, grants.
	SAMLConnectionImplicitRoleAssignments json.RawMessage `json:"saml_connection_implicit_role_assignments"`
	SAMLGroupImplicitRoleAssignments      json.RawMessage `json:"saml_group_implicit_role_assignments"`
	AlternativeAudienceURI                string          `json:"alternative_audience_uri"`
	// AttributeMapping maps Stytch's member attributes to the identity
	// provider's attribute names.
	AttributeMapping json.RawMessage `json:"attribute_mapping"`
	// IdentityProvider names the provider: "okta", "microsoft-entra",
	// "google-workspace", ..., or "generic".
	IdentityProvider string `json:"identity_provider"`
}

// X509Certificate is a certificate of a SAML connection.
type X509Certificate struct {
	CertificateID string `json:"certificate_id"`
	// Certificate is the PEM-encoded certificate.
	Certificate string          `json:"certificate"`
	Issuer      string          `json:"issuer"`
	CreatedAt   typedhooks.Time `json:"created_at,omitzero"`
	ExpiresAt   typedhooks.Time `json:"expires_at,omitzero"`
	UpdatedAt   typedhooks.Time `json:"updated_at,omitzero"`
}

// OIDCConnection is an organization's OIDC SSO connection, the
// "oidc_connection" member of OIDC connection events. It carries the
// client secret the identity provider issued: keep it out of logs.
type OIDCConnection struct {
	OrganizationID string `json:"organization_id"`
	ConnectionID   string `json:"connection_id"`
	// Status is "pending" or "active".
	Status      string `json:"status"`
	DisplayName string `json:"display_name"`
	// RedirectURL is Stytch's callback URL for the connection.
	RedirectURL  string `json:"redirect_url"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	// Issuer is the identity provider's https:// issuer URL; the other URLs
	// are its endpoints.
	Issuer           string `json:"issuer"`
	AuthorizationURL string `json:"authorization_url"`
	TokenURL         string `json:"token_url"`
	UserinfoURL      string `json:"userinfo_url"`
	JWKSURL          string `json:"jwks_url"`
	IdentityProvider string `json:"identity_provider"`
	// CustomScopes are the scopes requested besides the standard ones.
	CustomScopes     string          `json:"custom_scopes"`
	AttributeMapping json.RawMessage `json:"attribute_mapping"`
}

// SCIMConnection is an organization's SCIM provisioning connection, the
// "scim_connection" member of SCIM connection events. It carries only the
// last four characters of the bearer tokens.
type SCIMConnection struct {
	OrganizationID string `json:"organization_id"`
	ConnectionID   string `json:"connection_id"`
	// Status is "active" or "deleted".
	Status           string `json:"status"`
	DisplayName      string `json:"display_name"`
	IdentityProvider string `json:"identity_provider"`
	// BaseURL is the SCIM endpoint the identity provider calls.
	BaseURL              string          `json:"base_url"`
	BearerTokenLastFour  string          `json:"bearer_token_last_four"`
	BearerTokenExpiresAt typedhooks.Time `json:"bearer_token_expires_at,omitzero"`
	// NextBearerTokenLastFour and NextBearerTokenExpiresAt describe the
	// token that replaces the current one during a rotation.
	NextBearerTokenLastFour          string                            `json:"next_bearer_token_last_four"`
	NextBearerTokenExpiresAt         typedhooks.Time                   `json:"next_bearer_token_expires_at,omitzero"`
	SCIMGroupImplicitRoleAssignments []SCIMGroupImplicitRoleAssignment `json:"scim_group_implicit_role_assignments"`
}

// SCIMGroupImplicitRoleAssignment is a role that members of an identity
// provider group receive.
type SCIMGroupImplicitRoleAssignment struct {
	RoleID    string `json:"role_id"`
	GroupID   string `json:"group_id"`
	GroupName string `json:"group_name"`
}

// SCIMGroup is a group of an organization's identity provider, synced
// through SCIM: the "idp_group" member of the SCIM group events. The four
// members are those of Stytch's SCIM Group object, all required.
type SCIMGroup struct {
	// GroupID is Stytch's stable id of the group, which the identity
	// provider stores to update it.
	GroupID string `json:"group_id"`
	// GroupName is the group's displayName at the identity provider.
	GroupName      string `json:"group_name"`
	OrganizationID string `json:"organization_id"`
	// ConnectionID is the SCIM connection the group came through.
	ConnectionID string `json:"connection_id"`
}
