package dynamic

import (
	"encoding/json"

	"github.com/typedhooks/typedhooks"
)

// The payload types below hold the members Dynamic documents, in the order of
// its documentation. The members they do not know are kept in the body the
// event keeps (see Message), not in the payload types.

// User is Dynamic's User schema: the data of user.created, user.updated and
// user.deleted. The fields are those named in Dynamic's API reference example
// of a user and its user profile reference.
type User struct {
	// ID is the user's Dynamic id (a UUID).
	ID string `json:"id,omitempty"`
	// ProjectEnvironmentID is the environment the user belongs to.
	ProjectEnvironmentID string `json:"projectEnvironmentId,omitempty"`
	// VerifiedCredentials are the wallets, emails, phone numbers and social
	// accounts the user has verified.
	VerifiedCredentials []VerifiedCredential `json:"verifiedCredentials,omitzero"`
	// Email is the user's email address, if known.
	Email string `json:"email,omitempty"`
	// Alias is the user's alias, if set.
	Alias string `json:"alias,omitempty"`
	// FirstName is the user's first name, if collected.
	FirstName string `json:"firstName,omitempty"`
	// LastName is the user's last name, if collected.
	LastName string `json:"lastName,omitempty"`
	// PhoneNumber is the user's phone number, if collected.
	PhoneNumber string `json:"phoneNumber,omitempty"`
}

// VerifiedCredential is one credential a user has verified: a wallet
// (format "blockchain"), an email, a phone number or a social account. Its
// member names mix camelCase and snake_case exactly as Dynamic sends them.
type VerifiedCredential struct {
	// ID identifies the credential.
	ID string `json:"id,omitempty"`
	// Format is the kind of credential, such as "blockchain" or "email".
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
	// NameService is the name-service record (ENS and the like) of a wallet.
	NameService NameService `json:"name_service,omitzero"`
	// PublicIdentifier is the credential's display identifier.
	PublicIdentifier string `json:"public_identifier,omitempty"`
	// WalletName is the wallet's name, such as "metamask".
	WalletName string `json:"wallet_name,omitempty"`
	// WalletProvider is the kind of wallet, such as "browserExtension" or
	// "embeddedWallet".
	WalletProvider string `json:"wallet_provider,omitempty"`
	// WalletProperties are provider-specific wallet properties (Turnkey
	// ids, ZeroDev versions, ...), kept raw.
	WalletProperties json.RawMessage `json:"wallet_properties,omitempty"`
	// OAuthProvider is a social credential's provider, such as "google".
	OAuthProvider string `json:"oauth_provider,omitempty"`
	// OAuthUsername is the user's name at the social provider.
	OAuthUsername string `json:"oauth_username,omitempty"`
	// OAuthDisplayName is the user's display name at the social provider.
	OAuthDisplayName string `json:"oauth_display_name,omitempty"`
	// OAuthAccountID is the user's account id at the social provider.
	OAuthAccountID string `json:"oauth_account_id,omitempty"`
	// PhoneNumber is a phone credential's number, without country code.
	PhoneNumber string `json:"phoneNumber,omitempty"`
	// PhoneCountryCode is a phone credential's calling code, such as "1".
	PhoneCountryCode string `json:"phoneCountryCode,omitempty"`
	// IsoCountryCode is a phone credential's ISO country, such as "US".
	IsoCountryCode string `json:"isoCountryCode,omitempty"`
	// OAuthAccountPhotos are the social account's photo URLs.
	OAuthAccountPhotos []string `json:"oauth_account_photos,omitzero"`
	// OAuthEmails are the social account's email addresses.
	OAuthEmails []string `json:"oauth_emails,omitzero"`
	// OAuthMetadata is the provider's free-form account metadata, kept raw.
	OAuthMetadata json.RawMessage `json:"oauth_metadata,omitempty"`
}

// NameService is a wallet's name-service record.
type NameService struct {
	// Avatar is the avatar URL of the record.
	Avatar string `json:"avatar,omitempty"`
	// Name is the resolved name, such as "vitalik.eth".
	Name string `json:"name,omitempty"`
}

// Session is Dynamic's session: the data of user.session.revoked.
type Session struct {
	// ID identifies the session.
	ID string `json:"id,omitempty"`
	// CreatedAt is when the session was created.
	CreatedAt typedhooks.Time `json:"createdAt,omitzero"`
	// IPAddress is the address the session was created from; Dynamic may
	// send null.
	IPAddress string `json:"ipAddress,omitempty"`
	// UserAgent is the client's user agent; Dynamic may send null.
	UserAgent string `json:"userAgent,omitempty"`
	// RevokedAt is when the session was revoked; zero while it is active.
	RevokedAt typedhooks.Time `json:"revokedAt,omitzero"`
}

// UserSessionAndCredentials is the data of user.session.created: the
// [Session] fields plus the user's verified credentials at the time the
// session was created, so that a receiver can attribute the login without
// calling Dynamic's API.
type UserSessionAndCredentials struct {
	// VerifiedCredentials are the user's credentials when the session was
	// created.
	VerifiedCredentials []VerifiedCredential `json:"verifiedCredentials,omitzero"`
	// ID identifies the session.
	ID string `json:"id,omitempty"`
	// CreatedAt is when the session was created.
	CreatedAt typedhooks.Time `json:"createdAt,omitzero"`
	// IPAddress is the address the session was created from; Dynamic may
	// send null.
	IPAddress string `json:"ipAddress,omitempty"`
	// UserAgent is the client's user agent; Dynamic may send null.
	UserAgent string `json:"userAgent,omitempty"`
	// RevokedAt is when the session was revoked; zero while it is active.
	RevokedAt typedhooks.Time `json:"revokedAt,omitzero"`
}

// Wallet is Dynamic's Wallet schema: the data of the wallet lifecycle events,
// wallet.signature, wallet.delegation.signature and passkey recovery.
type Wallet struct {
	// ID identifies the wallet (a UUID).
	ID string `json:"id,omitempty"`
	// Name is the wallet's name.
	Name string `json:"name,omitempty"`
	// Chain is the wallet's chain: ETH, EVM, SOL, BTC, SUI and others.
	Chain string `json:"chain,omitempty"`
	// PublicKey is the wallet's address.
	PublicKey string `json:"publicKey,omitempty"`
	// Provider is the kind of wallet: browserExtension, custodialService,
	// walletConnect, qrCode, deepLink, embeddedWallet or
	// smartContractWallet.
	Provider string `json:"provider,omitempty"`
	// Properties are provider-specific wallet properties, kept raw.
	Properties json.RawMessage `json:"properties,omitempty"`
	// LastSelectedAt is when the user last selected the wallet.
	LastSelectedAt typedhooks.Time `json:"lastSelectedAt,omitzero"`
}

// WalletTransaction is the data of wallet.activity: a confirmed on-chain
// transaction involving one of the users' embedded wallets. Dynamic's
// documentation names only the members below (for Bitcoin); the rest of the
// schema is kept with the event's body.
type WalletTransaction struct {
	// AssetTransfers has one entry per asset movement; for Bitcoin one per
	// output, change included.
	AssetTransfers []AssetTransfer `json:"assetTransfers,omitzero"`
	// Labels says whether the monitored address sent ("sent") or only
	// received ("received"); kept raw because its JSON shape is not
	// documented.
	Labels json.RawMessage `json:"labels,omitempty"`
}

// AssetTransfer is one movement of an asset within a [WalletTransaction].
type AssetTransfer struct {
	// FromAddress is the sender; for Bitcoin the input address that
	// contributes the most value.
	FromAddress string `json:"fromAddress,omitempty"`
	// Amount is the transferred amount (satoshis for Bitcoin), kept raw
	// because Dynamic does not document whether it is a number or a string.
	Amount json.RawMessage `json:"amount,omitempty"`
	// AmountRaw is the amount in the asset's smallest unit, kept raw for the
	// same reason.
	AmountRaw json.RawMessage `json:"amountRaw,omitempty"`
}

// WalletActivityRegistration is the data of wallet.activity.registered, sent
// once when a new embedded wallet is registered for on-chain monitoring.
type WalletActivityRegistration struct {
	// WalletAddress is the monitored address.
	WalletAddress string `json:"walletAddress,omitempty"`
	// WalletID identifies the wallet.
	WalletID string `json:"walletId,omitempty"`
	// UserID identifies the wallet's user.
	UserID string `json:"userId,omitempty"`
}

// Delegation is the data of wallet.delegation.created: the materials a server
// needs to sign for a user who granted delegated access, encrypted to the
// server's RSA public key.
type Delegation struct {
	// Chain is the wallet's chain, such as "EVM".
	Chain string `json:"chain,omitempty"`
	// EncryptedDelegatedShare is the server's key share of the wallet.
	EncryptedDelegatedShare EncryptedPayload `json:"encryptedDelegatedShare,omitzero"`
	// EncryptedWalletAPIKey is the per-wallet API key for signing requests.
	EncryptedWalletAPIKey EncryptedPayload `json:"encryptedWalletApiKey,omitzero"`
	// PublicKey is the wallet's address.
	PublicKey string `json:"publicKey,omitempty"`
	// UserID identifies the user who granted access.
	UserID string `json:"userId,omitempty"`
	// WalletID identifies the wallet.
	WalletID string `json:"walletId,omitempty"`
}

// EncryptedPayload is a value encrypted with Dynamic's hybrid scheme: a fresh
// AES-256-GCM key encrypts the value and RSA-OAEP (SHA-256) encrypts that key
// to the receiver's public key. The members are base64url strings.
type EncryptedPayload struct {
	// Alg names the scheme, "HYBRID-RSA-AES-256".
	Alg string `json:"alg,omitempty"`
	// IV is the AES-GCM nonce.
	IV string `json:"iv,omitempty"`
	// Ciphertext is the AES-GCM ciphertext.
	Ciphertext string `json:"ct,omitempty"`
	// Tag is the AES-GCM authentication tag.
	Tag string `json:"tag,omitempty"`
	// EncryptedKey is the AES key encrypted with RSA-OAEP.
	EncryptedKey string `json:"ek,omitempty"`
	// KeyID names the RSA key used, for key rotation; not always sent.
	KeyID string `json:"kid,omitempty"`
}

// DelegationRevocation is the data of wallet.delegation.revoked.
type DelegationRevocation struct {
	// WalletID identifies the wallet whose delegated share was revoked.
	WalletID string `json:"walletId,omitempty"`
	// Chain is the wallet's chain, such as "EVM".
	Chain string `json:"chain,omitempty"`
}

// AddressScreening is the verdict of an address screening: the data of
// wallet.sanctions.blocked (Dynamic's SanctionsWalletBlockedEventPayload) and
// wallet.addressScreening.alerted (WalletAddressScreeningAlertedEventPayload),
// which document the same members.
type AddressScreening struct {
	// WalletAddress is the screened address (lower-case for sanctions
	// blocks).
	WalletAddress string `json:"walletAddress,omitempty"`
	// Chain is the address's chain.
	Chain string `json:"chain,omitempty"`
	// SanctionsProvider is the screening provider:
	// trm-wallet-screening, chainalysis-address-screening or
	// dynamic-sanctions-screening.
	SanctionsProvider string `json:"sanctionsProvider,omitempty"`
	// SanctionCheckRequestID identifies the screening request (a UUID).
	SanctionCheckRequestID string `json:"sanctionCheckRequestId,omitempty"`
	// Categories are the risk categories found; possibly empty.
	Categories []string `json:"categories,omitzero"`
	// Origin is where the address was screened: signIn, walletConnect,
	// checkoutDestination, checkoutSource, flowDestination, flowSource,
	// api and others.
	Origin string `json:"origin,omitempty"`
}
