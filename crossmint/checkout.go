package crossmint

import (
	"encoding/json"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// OrderData is the data member of the Checkout V3 orders.* events: the
// order as the Orders API returns it. Only the members Crossmint documents
// for every order are typed; payment, line items and quote have shapes that
// vary with payment method and product, so they stay raw (decode them with
// your own types, or read them with encoding/json).
type OrderData struct {
	// OrderID identifies the order in the Orders API.
	OrderID typedhooks.ID `json:"orderId,omitempty"`
	// Phase is where the order is in its lifecycle: "quote", "payment",
	// "delivery" or "completed". A completed order may still hold failed
	// line items.
	Phase string `json:"phase,omitempty"`
	// Locale is the buyer's locale, such as "en-US".
	Locale string `json:"locale,omitempty"`
	// LineItems is the array of items bought, each with its own quote and
	// delivery status.
	LineItems json.RawMessage `json:"lineItems,omitempty"`
	// Quote is the order's price quote, with status, quotedAt, expiresAt
	// and totalPrice.
	Quote json.RawMessage `json:"quote,omitempty"`
	// Payment is the payment state, with status and method.
	Payment json.RawMessage `json:"payment,omitempty"`
}

// OrderQuoteCreated is sent when a new order is created.
type OrderQuoteCreated struct{ ActionEvent[OrderData] }

// OrderQuoteUpdated is sent when an order's details change.
type OrderQuoteUpdated struct{ ActionEvent[OrderData] }

// OrderPaymentSucceeded is sent when an order's payment went through.
type OrderPaymentSucceeded struct{ ActionEvent[OrderData] }

// OrderPaymentFailed is sent when an order's payment failed.
type OrderPaymentFailed struct{ ActionEvent[OrderData] }

// OrderDeliveryInitiated is sent when delivery of an order begins.
type OrderDeliveryInitiated struct{ ActionEvent[OrderData] }

// OrderDeliveryCompleted is sent when an order was delivered.
type OrderDeliveryCompleted struct{ ActionEvent[OrderData] }

// OrderDeliveryFailed is sent when delivering an order failed.
type OrderDeliveryFailed struct{ ActionEvent[OrderData] }

// EventType returns TypeOrderQuoteCreated.
func (*OrderQuoteCreated) EventType() string { return TypeOrderQuoteCreated }

// EventType returns TypeOrderQuoteUpdated.
func (*OrderQuoteUpdated) EventType() string { return TypeOrderQuoteUpdated }

// EventType returns TypeOrderPaymentSucceeded.
func (*OrderPaymentSucceeded) EventType() string { return TypeOrderPaymentSucceeded }

// EventType returns TypeOrderPaymentFailed.
func (*OrderPaymentFailed) EventType() string { return TypeOrderPaymentFailed }

// EventType returns TypeOrderDeliveryInitiated.
func (*OrderDeliveryInitiated) EventType() string { return TypeOrderDeliveryInitiated }

// EventType returns TypeOrderDeliveryCompleted.
func (*OrderDeliveryCompleted) EventType() string { return TypeOrderDeliveryCompleted }

// EventType returns TypeOrderDeliveryFailed.
func (*OrderDeliveryFailed) EventType() string { return TypeOrderDeliveryFailed }

// Purchase is the flat body of the legacy Checkout V2 purchase events: no
// envelope, no data member. Which members are present depends on the chain
// (EVM sends contractAddress and tokenIds, Solana mintAddress) and on the
// age of the integration (the oldest sent a single tokenId).
type Purchase struct {
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// Type is the event type.
	Type string `json:"type"`
	// Status is "success" or "failure".
	Status string `json:"status,omitempty"`
	// WalletAddress is the buyer's wallet.
	WalletAddress string `json:"walletAddress,omitempty"`
	// Chain is sent by purchase.failed.
	Chain string `json:"chain,omitempty"`
	// ProjectID is the Crossmint project the checkout belongs to.
	ProjectID typedhooks.ID `json:"projectId,omitempty"`
	// CollectionID is the Crossmint collection bought from.
	CollectionID typedhooks.ID `json:"collectionId,omitempty"`
	// ClientID is the checkout's client id (the legacy collection id).
	ClientID typedhooks.ID `json:"clientId,omitempty"`
	// TxID is the mint transaction.
	TxID string `json:"txId,omitempty"`
	// ContractAddress is the EVM collection contract.
	ContractAddress string `json:"contractAddress,omitempty"`
	// TokenIDs are the EVM token ids minted.
	TokenIDs []typedhooks.ID `json:"tokenIds,omitempty"`
	// TokenID is the single token id older integrations received.
	TokenID typedhooks.ID `json:"tokenId,omitempty"`
	// MintAddress is the Solana mint address.
	MintAddress string `json:"mintAddress,omitempty"`
	// PassThroughArgs is the whPassThroughArgs value given to checkout,
	// returned as it was sent.
	PassThroughArgs string `json:"passThroughArgs,omitempty"`
}

// PurchaseSucceeded is the legacy Checkout V2 event for an NFT bought and
// delivered.
type PurchaseSucceeded struct{ Purchase }

// PurchaseFailed is the legacy Checkout V2 event for a failed purchase,
// documented as alpha.
type PurchaseFailed struct{ Purchase }

// EventType returns TypePurchaseSucceeded.
func (*PurchaseSucceeded) EventType() string { return TypePurchaseSucceeded }

// EventType returns TypePurchaseFailed.
func (*PurchaseFailed) EventType() string { return TypePurchaseFailed }

// ExportSucceeded is the legacy event for an NFT exported from a Crossmint
// custodial wallet to the user's own wallet.
type ExportSucceeded struct {
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// Type is the event type.
	Type string `json:"type"`
	// Status is "success".
	Status string `json:"status,omitempty"`
	// FromAddress is the custodial wallet.
	FromAddress string `json:"fromAddress,omitempty"`
	// ToAddress is the user's wallet.
	ToAddress string `json:"toAddress,omitempty"`
	// MintAddress is the EVM contract address or the Solana mint hash.
	MintAddress string `json:"mintAddress,omitempty"`
	// TxID is the transfer transaction.
	TxID string `json:"txId,omitempty"`
	// TokenID is the exported token, string or number on the wire.
	TokenID typedhooks.ID `json:"tokenId,omitempty"`
}

// EventType returns TypeExportSucceeded.
func (*ExportSucceeded) EventType() string { return TypeExportSucceeded }
