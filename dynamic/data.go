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
// of a user, its user profile reference and its SdkUser / BaseUser schema
// (https://docs.dynamic.xyz/api-reference/schemas/SdkUser); the schema's
// other members (country, jobTitle, the notification settings, the
// per-chain wallet addresses, ...) are kept and encoded back untyped.
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
	// Username is the user's username, if collected.
	Username string `json:"username,omitempty"`
	// LastVerifiedCredentialID is the id of the credential (one of
	// VerifiedCredentials) the user signed in with most recently.
	LastVerifiedCredentialID string `json:"lastVerifiedCredentialId,omitempty"`
	// SessionID is the user's current session.
	SessionID string `json:"sessionId,omitempty"`
	// NewUser reports whether this is the user's first sign-in.
	NewUser bool `json:"newUser"`
	// FirstVisit and LastVisit are when the user first and last visited.
	FirstVisit typedhooks.Time `json:"firstVisit,omitzero"`
	LastVisit  typedhooks.Time `json:"lastVisit,omitzero"`
	// Metadata is the environment's custom data for the user, kept raw.
	Metadata json.RawMessage `json:"metadata,omitempty"`
	// MFABackupCodeAcknowledgement is "pending" or "complete" (Dynamic may
	// send null).
	MFABackupCodeAcknowledgement string `json:"mfaBackupCodeAcknowledgement,omitempty"`
	// Lists are the access lists Dynamic evaluated for the user.
	Lists []string `json:"lists,omitzero"`
	// Scope is the space-separated permissions of the user's JWT, such as
	// "superuser".
	Scope string `json:"scope,omitempty"`
	// MissingFields describes the information fields the environment
	// requires and the user has not given yet, kept raw.
	MissingFields json.RawMessage `json:"missingFields,omitempty"`
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
	// UserID identifies the wallet's user.
	UserID string `json:"userId,omitempty"`
	// ProjectEnvironmentID is the environment the wallet belongs to.
	ProjectEnvironmentID string `json:"projectEnvironmentId,omitempty"`
	// LowerPublicKey is PublicKey in lower case, for comparing addresses.
	LowerPublicKey string `json:"lowerPublicKey,omitempty"`
	// WalletBookName is the wallet's name in Dynamic's wallet book.
	WalletBookName string `json:"walletBookName,omitempty"`
	// WalletAdditionalAddresses are the wallet's other addresses, such as
	// a Bitcoin wallet's ordinals address.
	WalletAdditionalAddresses []WalletAdditionalAddress `json:"walletAdditionalAddresses,omitzero"`
	// SignerWalletID is, for a smart-contract wallet, the wallet that signs
	// for it.
	SignerWalletID string `json:"signerWalletId,omitempty"`
	// SignInEnabled reports whether the wallet can be used to sign in.
	SignInEnabled bool `json:"signInEnabled,omitempty"`
	// CreatedAt, UpdatedAt and DeletedAt are the wallet's lifecycle times.
	CreatedAt typedhooks.Time `json:"createdAt,omitzero"`
	UpdatedAt typedhooks.Time `json:"updatedAt,omitzero"`
	DeletedAt typedhooks.Time `json:"deletedAt,omitzero"`
	// DeletedUserID is the user a deleted wallet belonged to.
	DeletedUserID string `json:"deletedUserId,omitempty"`
	// TurnkeyHDWalletID, EntryPointVersion, KernelVersion and
	// EcdsaProviderType describe embedded and smart-contract wallets.
	TurnkeyHDWalletID string `json:"turnkeyHDWalletId,omitempty"`
	EntryPointVersion string `json:"entryPointVersion,omitempty"`
	KernelVersion     string `json:"kernelVersion,omitempty"`
	EcdsaProviderType string `json:"ecdsaProviderType,omitempty"`
	// HardwareWallet describes a hardware wallet, kept raw.
	HardwareWallet json.RawMessage `json:"hardwareWallet,omitempty"`
}

// WalletAdditionalAddress is another address of a wallet.
type WalletAdditionalAddress struct {
	Address string `json:"address,omitempty"`
	// Type is the kind of address, such as "ordinals" or "payment".
	Type      string `json:"type,omitempty"`
	PublicKey string `json:"publicKey,omitempty"`
}

// UnlinkedWallet is the data of wallet.unlinked. Dynamic's event list says
// the event "is a wallet"; several unrelated public webhook handlers read a
// verified-credential-shaped object instead (address, walletName,
// walletProvider, format). The two disagree, so this type takes both: the
// [Wallet] fields and the credential's. Use [UnlinkedWallet.WalletAddress]
// for the address either way.
type UnlinkedWallet struct {
	Wallet
	// Address is the wallet's address in the credential shape.
	Address string `json:"address,omitempty"`
	// Format is "blockchain" in the credential shape.
	Format string `json:"format,omitempty"`
	// WalletName and WalletProvider are the credential shape's names of
	// Wallet.Name and Wallet.Provider.
	WalletName     string `json:"walletName,omitempty"`
	WalletProvider string `json:"walletProvider,omitempty"`
}

// WalletAddress returns the unlinked wallet's address: PublicKey in the
// wallet shape, Address in the credential shape.
func (w *UnlinkedWallet) WalletAddress() string {
	if w.PublicKey != "" {
		return w.PublicKey
	}
	return w.Address
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
