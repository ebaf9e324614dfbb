package dynamic

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// VerifiedCredential is one credential a user has verified: a wallet
// (format "blockchain"), an email, a phone number or a social account.
//
// Dynamic documents its members in two spellings: the API reference's
// JwtVerifiedCredential schema writes wallet_name, public_identifier,
// name_service, oauth_provider and the other oauth_ members in snake_case,
// while the SDK reference's JwtVerifiedCredential (and several public
// webhook handlers reading webhook bodies) write walletName,
// publicIdentifier, nameService, oauthProvider and so on. Both spellings
// fill the same field; when both arrive, the camelCase member does. An
// unmodified credential encodes each member with the name it arrived with
// (and every member no field holds); a credential built in code encodes the
// API reference's snake_case.
type VerifiedCredential struct {
	// ID identifies the credential.
	ID string `json:"id,omitempty"`
	// Format is the kind of credential, such as "blockchain", "email",
	// "oauth", "passkey" or "phoneNumber".
	Format string `json:"format,omitempty"`
	// SignInEnabled reports whether the credential can be used to sign in.
	SignInEnabled bool `json:"signInEnabled,omitempty"`
	// Address is a wallet credential's address.
	Address string `json:"address,omitempty"`
	// Chain is a wallet credential's chain, such as "EVM".
	Chain string `json:"chain,omitempty"`
	// RefID refers to the wallet behind the credential.
	RefID string `json:"refId,omitempty"`
	// SignerRefID refers to the signer of a smart-contract wallet.
	SignerRefID string `json:"signerRefId,omitempty"`
	// Email is an email credential's address.
	Email string `json:"email,omitempty"`
	// NameService is the name-service record (ENS and the like) of a
	// wallet: name_service or nameService.
	NameService NameService `json:"name_service,omitzero"`
	// PublicIdentifier is the credential's display identifier:
	// public_identifier or publicIdentifier.
	PublicIdentifier string `json:"public_identifier,omitempty"`
	// WalletName is the wallet's name, such as "metamask": wallet_name or
	// walletName.
	WalletName string `json:"wallet_name,omitempty"`
	// WalletProvider is the kind of wallet, such as "browserExtension" or
	// "embeddedWallet": wallet_provider or walletProvider.
	WalletProvider string `json:"wallet_provider,omitempty"`
	// WalletProperties are provider-specific wallet properties (Turnkey
	// ids, ZeroDev versions, ...), kept raw: wallet_properties or
	// walletProperties.
	WalletProperties json.RawMessage `json:"wallet_properties,omitempty"`
	// OAuthProvider is a social credential's provider, such as "google":
	// oauth_provider or oauthProvider.
	OAuthProvider string `json:"oauth_provider,omitempty"`
	// OAuthUsername is the user's name at the social provider:
	// oauth_username or oauthUsername.
	OAuthUsername string `json:"oauth_username,omitempty"`
	// OAuthDisplayName is the user's display name at the social provider:
	// oauth_display_name or oauthDisplayName.
	OAuthDisplayName string `json:"oauth_display_name,omitempty"`
	// OAuthAccountID is the user's account id at the social provider:
	// oauth_account_id or oauthAccountId.
	OAuthAccountID string `json:"oauth_account_id,omitempty"`
	// PhoneNumber is a phone credential's number, without country code.
	PhoneNumber string `json:"phoneNumber,omitempty"`
	// PhoneCountryCode is a phone credential's calling code, such as "1".
	PhoneCountryCode string `json:"phoneCountryCode,omitempty"`
	// IsoCountryCode is a phone credential's ISO country, such as "US".
	IsoCountryCode string `json:"isoCountryCode,omitempty"`
	// OAuthAccountPhotos are the social account's photo URLs:
	// oauth_account_photos or oauthAccountPhotos.
	OAuthAccountPhotos []string `json:"oauth_account_photos,omitzero"`
	// OAuthEmails are the social account's email addresses: oauth_emails
	// or oauthEmails.
	OAuthEmails []string `json:"oauth_emails,omitzero"`
	// OAuthMetadata is the provider's free-form account metadata, kept raw:
	// oauth_metadata or oauthMetadata.
	OAuthMetadata json.RawMessage `json:"oauth_metadata,omitempty"`
	// LastSelectedAt is when the user last selected the wallet; Dynamic's
	// SDK reference documents it.
	LastSelectedAt typedhooks.Time `json:"lastSelectedAt,omitzero"`

	// raw is the object the credential was decoded from, so that encoding
	// it gives back its members as they came (see MarshalJSON).
	raw []byte
}

// NameService is a wallet's name-service record.
type NameService struct {
	// Avatar is the avatar URL of the record.
	Avatar string `json:"avatar,omitempty"`
	// Name is the resolved name, such as "vitalik.eth".
	Name string `json:"name,omitempty"`
}

// credentialPlain is VerifiedCredential without its methods, with the
// snake_case names of its tags.
type credentialPlain VerifiedCredential

// credentialCamel holds the camelCase spelling of each member Dynamic
// spells both ways; each field has the name of the VerifiedCredential field
// it fills, and is nil when its member did not arrive.
type credentialCamel struct {
	NameService        *NameService     `json:"nameService,omitempty"`
	PublicIdentifier   *string          `json:"publicIdentifier,omitempty"`
	WalletName         *string          `json:"walletName,omitempty"`
	WalletProvider     *string          `json:"walletProvider,omitempty"`
	WalletProperties   *json.RawMessage `json:"walletProperties,omitempty"`
	OAuthProvider      *string          `json:"oauthProvider,omitempty"`
	OAuthUsername      *string          `json:"oauthUsername,omitempty"`
	OAuthDisplayName   *string          `json:"oauthDisplayName,omitempty"`
	OAuthAccountID     *string          `json:"oauthAccountId,omitempty"`
	OAuthAccountPhotos *[]string        `json:"oauthAccountPhotos,omitempty"`
	OAuthEmails        *[]string        `json:"oauthEmails,omitempty"`
	OAuthMetadata      *json.RawMessage `json:"oauthMetadata,omitempty"`
}

// credentialSnake is credentialCamel for the snake_case spelling, to tell
// which members arrived.
type credentialSnake struct {
	NameService        *NameService     `json:"name_service"`
	PublicIdentifier   *string          `json:"public_identifier"`
	WalletName         *string          `json:"wallet_name"`
	WalletProvider     *string          `json:"wallet_provider"`
	WalletProperties   *json.RawMessage `json:"wallet_properties"`
	OAuthProvider      *string          `json:"oauth_provider"`
	OAuthUsername      *string          `json:"oauth_username"`
	OAuthDisplayName   *string          `json:"oauth_display_name"`
	OAuthAccountID     *string          `json:"oauth_account_id"`
	OAuthAccountPhotos *[]string        `json:"oauth_account_photos"`
	OAuthEmails        *[]string        `json:"oauth_emails"`
	OAuthMetadata      *json.RawMessage `json:"oauth_metadata"`
}

// credentialWire is what MarshalJSON encodes: both spellings, each set only
// when its member is to be written.
type credentialWire struct {
	credentialPlain
	credentialCamel
}

// spelledTwice[i] is the index in VerifiedCredential of the field that
// field i of credentialCamel (and of credentialSnake) fills.
var spelledTwice = func() []int {
	camel := reflect.TypeFor[credentialCamel]()
	vc := reflect.TypeFor[VerifiedCredential]()
	idx := make([]int, camel.NumField())
	for i := range idx {
		f, ok := vc.FieldByName(camel.Field(i).Name)
		if !ok || f.Type != camel.Field(i).Type.Elem() {
			panic("dynamic: credentialCamel." + camel.Field(i).Name + " fills no VerifiedCredential field of its type")
		}
		idx[i] = f.Index[0]
	}
	return idx
}()

// UnmarshalJSON decodes both spellings (see [VerifiedCredential]) and keeps
// the object for MarshalJSON. A value of the wrong JSON type leaves its
// field zero rather than failing the event, as elsewhere in this package.
func (c *VerifiedCredential) UnmarshalJSON(b []byte) error {
	var p credentialPlain
	if err := tolerant(json.Unmarshal(b, &p)); err != nil {
		return err
	}
	var camel credentialCamel
	_ = tolerant(json.Unmarshal(b, &camel))
	*c = VerifiedCredential(p)
	cv, vv := reflect.ValueOf(&camel).Elem(), reflect.ValueOf(c).Elem()
	for i, at := range spelledTwice {
		if f := cv.Field(i); !f.IsNil() {
			vv.Field(at).Set(f.Elem())
		}
	}
	c.raw = bytes.Clone(b)
	return nil
}

// MarshalJSON encodes the credential with each member spelled as it
// arrived, the members no field holds included; fields changed since decoding
// take their new value. A credential built in code has no such memory and
// encodes with the snake_case names of its tags.
func (c VerifiedCredential) MarshalJSON() ([]byte, error) {
	w := credentialWire{credentialPlain: credentialPlain(c)}
	if len(c.raw) == 0 {
		return json.Marshal(w.credentialPlain)
	}
	var camel credentialCamel
	var snake credentialSnake
	_ = json.Unmarshal(c.raw, &camel)
	_ = json.Unmarshal(c.raw, &snake)
	cur := reflect.ValueOf(c)
	wp, wc := reflect.ValueOf(&w.credentialPlain).Elem(), reflect.ValueOf(&w.credentialCamel).Elem()
	origCamel, origSnake := reflect.ValueOf(camel), reflect.ValueOf(snake)
	for i, at := range spelledTwice {
		came, snakeCame := origCamel.Field(i), origSnake.Field(i)
		if came.IsNil() {
			continue // snake_case or nothing arrived: the plain field as it is
		}
		v := cur.Field(at)
		if !snakeCame.IsNil() && reflect.DeepEqual(v.Interface(), came.Elem().Interface()) {
			// Both arrived and the field is as decoded: each spelling
			// gets back its own value.
			wc.Field(i).Set(came)
			wp.Field(at).Set(snakeCame.Elem())
			continue
		}
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		wc.Field(i).Set(p)
		if snakeCame.IsNil() {
			wp.Field(at).SetZero()
		}
	}
	return wire.MarshalKeeping(&w, c.raw)
}

// tolerant drops the type errors encoding/json reports after decoding the
// rest (a value of the wrong kind leaves its field zero), keeping the
// others.
func tolerant(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return nil
	}
	return err
}
