package crossmint

import (
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// The event types this package has a struct for, as Crossmint names them in
// the type member. Crossmint's authoritative list is the Event Catalog in
// its Console; these are the types its public pages mention. Others arrive
// as *typedhooks.Unknown.
const (
	// Minting: collections.
	TypeCollectionCreateSucceeded = "collections.create.succeeded"
	TypeCollectionCreateFailed    = "collections.create.failed"
	TypeCollectionUpdateSucceeded = "collections.update.succeeded"
	TypeCollectionUpdateFailed    = "collections.update.failed"

	// Minting: NFTs.
	TypeNFTCreateSucceeded = "nfts.create.succeeded"
	TypeNFTCreateFailed    = "nfts.create.failed"
	TypeNFTUpdateSucceeded = "nfts.update.succeeded"
	TypeNFTUpdateFailed    = "nfts.update.failed"
	TypeNFTDeleteSucceeded = "nfts.delete.succeeded"
	TypeNFTDeleteFailed    = "nfts.delete.failed"

	// Crossmint Auth.
	TypeUserCreated = "users.created"
	TypeUserUpdated = "users.updated"

	// Checkout V3.
	TypeOrderQuoteCreated      = "orders.quote.created"
	TypeOrderQuoteUpdated      = "orders.quote.updated"
	TypeOrderPaymentSucceeded  = "orders.payment.succeeded"
	TypeOrderPaymentFailed     = "orders.payment.failed"
	TypeOrderDeliveryInitiated = "orders.delivery.initiated"
	TypeOrderDeliveryCompleted = "orders.delivery.completed"
	TypeOrderDeliveryFailed    = "orders.delivery.failed"

	// Checkout V2 (legacy).
	TypePurchaseSucceeded = "purchase.succeeded"
	TypePurchaseFailed    = "purchase.failed"
	TypeExportSucceeded   = "export.succeeded"

	// Wallets.
	TypeWalletTransferIn     = "wallets.transfer.in"
	TypeWalletTransferOut    = "wallets.transfer.out"
	TypeWalletSignerExported = "wallets.signer.exported"
)

// The names the minting events had before Crossmint renamed them on
// 2024-01-12. Endpoints subscribed to them may still receive them; they
// decode into the struct of the current name.
const (
	AliasMintSucceeded               = "mint.succeeded"
	AliasMintUpdateSucceeded         = "mint:update.succeeded"
	AliasCollectionCreationSucceeded = "collection:creation.succeeded"
)

// registry is the table from Crossmint's event names to this package's
// structs (and the credentials package's).
var registry = wire.NewRegistry("crossmint", wire.FoldingLocator("type"))

func init() {
	wire.Register[CollectionCreateSucceeded](registry, TypeCollectionCreateSucceeded, AliasCollectionCreationSucceeded)
	wire.Register[CollectionCreateFailed](registry, TypeCollectionCreateFailed)
	wire.Register[CollectionUpdateSucceeded](registry, TypeCollectionUpdateSucceeded)
	wire.Register[CollectionUpdateFailed](registry, TypeCollectionUpdateFailed)
	wire.Register[NFTCreateSucceeded](registry, TypeNFTCreateSucceeded, AliasMintSucceeded)
	wire.Register[NFTCreateFailed](registry, TypeNFTCreateFailed)
	wire.Register[NFTUpdateSucceeded](registry, TypeNFTUpdateSucceeded, AliasMintUpdateSucceeded)
	wire.Register[NFTUpdateFailed](registry, TypeNFTUpdateFailed)
	wire.Register[NFTDeleteSucceeded](registry, TypeNFTDeleteSucceeded)
	wire.Register[NFTDeleteFailed](registry, TypeNFTDeleteFailed)
	wire.Register[UserCreated](registry, TypeUserCreated)
	wire.Register[UserUpdated](registry, TypeUserUpdated)
	wire.Register[OrderQuoteCreated](registry, TypeOrderQuoteCreated)
	wire.Register[OrderQuoteUpdated](registry, TypeOrderQuoteUpdated)
	wire.Register[OrderPaymentSucceeded](registry, TypeOrderPaymentSucceeded)
	wire.Register[OrderPaymentFailed](registry, TypeOrderPaymentFailed)
	wire.Register[OrderDeliveryInitiated](registry, TypeOrderDeliveryInitiated)
	wire.Register[OrderDeliveryCompleted](registry, TypeOrderDeliveryCompleted)
	wire.Register[OrderDeliveryFailed](registry, TypeOrderDeliveryFailed)
	wire.Register[PurchaseSucceeded](registry, TypePurchaseSucceeded)
	wire.Register[PurchaseFailed](registry, TypePurchaseFailed)
	wire.Register[ExportSucceeded](registry, TypeExportSucceeded)
	wire.Register[WalletTransferIn](registry, TypeWalletTransferIn)
	wire.Register[WalletTransferOut](registry, TypeWalletTransferOut)
	wire.Register[WalletSignerExported](registry, TypeWalletSignerExported)
	// Verifiable credentials arrive on the same endpoints: their types are
	// added through the credentials package's public table.
	addCredentials(registry)
}

// addCredentials adds every event type of package credentials, aliases
// included, to r, each decoding into that package's struct.
func addCredentials(r *wire.Registry) {
	aliases := map[string][]string{}
	for _, typ := range credentials.Types() {
		ev, _ := credentials.New(typ)
		if c := ev.EventType(); c != typ {
			aliases[c] = append(aliases[c], typ)
		} else if _, ok := aliases[c]; !ok {
			aliases[c] = nil
		}
	}
	for canonical, as := range aliases {
		r.Add(canonical, func() typedhooks.Event { ev, _ := credentials.New(canonical); return ev }, as...)
	}
}

// Parse decodes a Crossmint webhook body into the struct registered for its
// type member, such as *NFTCreateSucceeded or
// *credentials.CredentialCreationSucceeded, or into a *typedhooks.Unknown
// holding the whole body when the type is not known to this package.
//
// Parse does not verify the Svix signature; do that on the raw body first.
// It is tolerant, as Crossmint asks ("Crossmint may add new fields"):
// unknown members are ignored and a value of an unexpected JSON kind leaves
// only that field empty. The error is non-nil only when body is not a JSON
// object (typedhooks.ErrNotObject) or has no string type member
// (typedhooks.ErrNoEventType).
func Parse(body []byte) (typedhooks.Event, error) { return registry.Parse(body) }

// Types lists every event type Parse decodes into a struct, the legacy
// names and the credentials package's types included, sorted.
func Types() []string { return registry.Types() }

// New returns an empty event of the struct registered for eventType (a
// current name or an alias), and false when there is none.
func New(eventType string) (typedhooks.Event, bool) { return registry.New(eventType) }
