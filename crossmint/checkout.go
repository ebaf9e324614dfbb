package crossmint

import (
	"encoding/json"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// OrderData is the data member of the Checkout V3 orders.* events: the
// order, shaped as the Orders API returns it (Crossmint's "Get Order"
// reference, https://docs.crossmint.com/api-reference/headless/get-order,
// and its status codes page; the webhooks page's own examples are in no
// reachable copy). Members Crossmint adds are kept: encoding the event gives
// them back.
type OrderData struct {
	// OrderID identifies the order in the Orders API.
	OrderID typedhooks.ID `json:"orderId,omitempty"`
	// Phase is where the order is in its lifecycle: "quote", "payment",
	// "delivery" or "completed", and "failed" when no line item could be
	// delivered. A completed order may still hold failed line items: check
	// each one's Delivery.Status.
	Phase string `json:"phase,omitempty"`
	// Locale is the buyer's locale, such as "en-US".
	Locale string `json:"locale,omitempty"`
	// LineItems are the items bought, each with its own quote and delivery.
	LineItems []LineItem `json:"lineItems,omitzero"`
	// Quote is the order's price quote.
	Quote *OrderQuote `json:"quote,omitempty"`
	// Payment is the order's payment state.
	Payment *Payment `json:"payment,omitempty"`
}

// LineItem is one item of an order.
type LineItem struct {
	// Chain is the blockchain the item is delivered on, such as
	// "polygon-amoy".
	Chain string `json:"chain,omitempty"`
	// Quantity is how many were bought.
	Quantity int `json:"quantity,omitempty"`
	// CallData are the arguments of the collection's mint function; their
	// names and types are the contract's, so they stay raw.
	CallData json.RawMessage `json:"callData,omitempty"`
	// Metadata describes the item.
	Metadata *ItemMetadata `json:"metadata,omitempty"`
	// Quote is the item's own price quote.
	Quote *LineItemQuote `json:"quote,omitempty"`
	// Delivery is the item's delivery state.
	Delivery *Delivery `json:"delivery,omitempty"`
}

// ItemMetadata is the display metadata of a line item.
type ItemMetadata struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	ImageURL    string `json:"imageUrl,omitempty"`
}

// LineItemQuote is a line item's price.
type LineItemQuote struct {
	// Status is "valid", "expired", "requires-recipient",
	// "item-unavailable", ...
	Status string `json:"status,omitempty"`
	// Charges break the price down.
	Charges *Charges `json:"charges,omitempty"`
	// TotalPrice is what the item costs in all.
	TotalPrice *Price `json:"totalPrice,omitempty"`
}

// Charges break a line item's price down.
type Charges struct {
	Unit     *Price `json:"unit,omitempty"`
	SalesTax *Price `json:"salesTax,omitempty"`
	Shipping *Price `json:"shipping,omitempty"`
}

// Price is an amount in a currency. Amount is a decimal string, such as
// "0.0001", so that no digit is lost to floating point.
type Price struct {
	Amount string `json:"amount,omitempty"`
	// Currency is lower-case, such as "usdc", "eth" or "usd".
	Currency string `json:"currency,omitempty"`
}

// Delivery is the delivery state of a line item.
type Delivery struct {
	// Status is "awaiting-payment", "in-progress", "completed" or
	// "failed".
	Status string `json:"status,omitempty"`
	// Recipient is who receives the item.
	Recipient *DeliveryRecipient `json:"recipient,omitempty"`
	// TxID is the delivery transaction.
	TxID string `json:"txId,omitempty"`
	// Tokens are what was delivered.
	Tokens []DeliveredToken `json:"tokens,omitzero"`
}

// DeliveryRecipient is the recipient of a line item: a wallet, or an e-mail
// address whose Crossmint wallet receives it.
type DeliveryRecipient struct {
	// Locator is "email:<address>:<chain>" or "<chain>:<wallet address>".
	Locator       string `json:"locator,omitempty"`
	Email         string `json:"email,omitempty"`
	WalletAddress string `json:"walletAddress,omitempty"`
}

// DeliveredToken is a token a line item delivered: an NFT (contract and
// token id on EVM chains, mint hash on Solana) or an amount of a fungible
// token.
type DeliveredToken struct {
	// Locator is "<chain>:<contract>:<tokenId>" for an NFT.
	Locator         string `json:"locator,omitempty"`
	ContractAddress string `json:"contractAddress,omitempty"`
	// TokenID is the EVM token id, a string or a number on the wire.
	TokenID  typedhooks.ID `json:"tokenId,omitempty"`
	MintHash string        `json:"mintHash,omitempty"`
	// Quantity is an amount in the token's smallest unit, as a string.
	Quantity string `json:"quantity,omitempty"`
	Symbol   string `json:"symbol,omitempty"`
	// Decimals is a pointer because 0 is a valid number of decimals.
	Decimals *int `json:"decimals,omitempty"`
}

// OrderQuote is an order's price quote.
type OrderQuote struct {
	// Status is "valid", "expired", "requires-recipient",
	// "requires-physical-address" or "all-line-items-unavailable".
	Status string `json:"status,omitempty"`
	// QuotedAt and ExpiresAt bound the quote's validity: an expired quote
	// means a new order.
	QuotedAt  typedhooks.Time `json:"quotedAt,omitzero"`
	ExpiresAt typedhooks.Time `json:"expiresAt,omitzero"`
	// TotalPrice is the order's total.
	TotalPrice *Price `json:"totalPrice,omitempty"`
}

// Payment is an order's payment state. Members that depend on the payment
// method (preparation, received, ...) are not typed; they are kept.
type Payment struct {
	// Status is "requires-quote", "requires-crypto-payer-address",
	// "requires-email", "requires-kyc", "awaiting-payment", "in-progress",
	// "completed", ... (Crossmint's error and status codes page lists
	// them all), or "failed".
	Status string `json:"status,omitempty"`
	// Method is the payment method: a chain such as "base-sepolia" for a
	// crypto payment, or a fiat method.
	Method string `json:"method,omitempty"`
	// Currency is the payment currency, such as "usdc" or "usd".
	Currency string `json:"currency,omitempty"`
	// FailureReason says why the payment failed, when it did.
	FailureReason *FailureReason `json:"failureReason,omitempty"`
}

// FailureReason explains a failed payment.
type FailureReason struct {
	// Code is machine-readable, such as "insufficient-funds",
	// "tx-id-not-found" or "unknown".
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
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

// The orders.* events share the action envelope but not the action events'
// key (an order sends several orders.quote.updated for one actionId), and
// the legacy checkout events have no action: they key on the webhook id,
// which Crossmint's best-practices page recommends, when the body carries
// one, and otherwise ("") on the signed svix-id, as a dispatcher does for
// every event without a key.

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *OrderQuoteCreated) IdempotencyKey() string { return e.ID.String() }

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *OrderQuoteUpdated) IdempotencyKey() string { return e.ID.String() }

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *OrderPaymentSucceeded) IdempotencyKey() string { return e.ID.String() }

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *OrderPaymentFailed) IdempotencyKey() string { return e.ID.String() }

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *OrderDeliveryInitiated) IdempotencyKey() string { return e.ID.String() }

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *OrderDeliveryCompleted) IdempotencyKey() string { return e.ID.String() }

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *OrderDeliveryFailed) IdempotencyKey() string { return e.ID.String() }

// Purchase is the flat body of the legacy Checkout V2 purchase events: no
// envelope, no data member. Which members are present depends on the chain
// (EVM sends contractAddress and tokenIds, Solana mintAddress) and on the
// age of the integration (the oldest sent a single tokenId).
type Purchase struct {
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// ID is the webhook's top-level id, "Unique identifier for the webhook
	// event", which Crossmint's best-practices page names as the key for
	// recognising duplicate deliveries. None of Crossmint's published
	// examples shows it; it is empty when the body has none.
	ID typedhooks.ID `json:"id,omitempty"`
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
	// ID is the webhook's top-level id, "Unique identifier for the webhook
	// event", which Crossmint's best-practices page names as the key for
	// recognising duplicate deliveries. None of Crossmint's published
	// examples shows it; it is empty when the body has none.
	ID typedhooks.ID `json:"id,omitempty"`
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

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *Purchase) IdempotencyKey() string { return e.ID.String() }

// IdempotencyKey returns the webhook id, or "" when the body has none. It
// implements typedhooks.IdempotencyKeyer.
func (e *ExportSucceeded) IdempotencyKey() string { return e.ID.String() }
