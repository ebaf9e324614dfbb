package crossmint

import (
	"encoding/json"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// WalletEnvelope is the envelope of the wallets.* events.
type WalletEnvelope struct {
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// ID is the unique identifier of the webhook event, documented as the
	// key for recognising duplicate deliveries.
	ID typedhooks.ID `json:"id,omitempty"`
	// Type is the event type.
	Type string `json:"type"`
}

// IdempotencyKey returns the webhook event id.
func (e *WalletEnvelope) IdempotencyKey() string { return e.ID.String() }

// TransferParty is one side of a wallet transfer. Documented.
type TransferParty struct {
	// Address is the wallet address.
	Address string `json:"address,omitempty"`
	// Chain is the blockchain, such as "ethereum", "polygon" or "solana".
	Chain string `json:"chain,omitempty"`
	// Locator is "chain:address".
	Locator string `json:"locator,omitempty"`
	// Owner is set when the wallet is managed by Crossmint.
	Owner string `json:"owner,omitempty"`
}

// TransferToken is the token moved by a wallet transfer. Crossmint's field
// table is cut off before it in every reachable copy; the members are those
// of a third-party fixture said to match the docs, so treat them as
// unverified.
type TransferToken struct {
	// Type is "fungible" for the ERC-20, SPL and Soroban tokens these
	// webhooks cover.
	Type string `json:"type,omitempty"`
	// Chain is the token's blockchain.
	Chain string `json:"chain,omitempty"`
	// Amount is the decimal amount, such as "1.0".
	Amount string `json:"amount,omitempty"`
	// RawAmount is the amount in the token's smallest unit, such as
	// "1000000".
	RawAmount string `json:"rawAmount,omitempty"`
	// Decimals is a pointer because 0 is a valid number of decimals.
	Decimals *int `json:"decimals,omitempty"`
	// Symbol is the token's ticker, such as "USDC".
	Symbol string `json:"symbol,omitempty"`
	// ContractAddress is the token contract (EVM) or mint (Solana).
	ContractAddress string `json:"contractAddress,omitempty"`
	// Locator is "chain:contractAddress".
	Locator string `json:"locator,omitempty"`
}

// TransferData is the data member of wallets.transfer.in and
// wallets.transfer.out. Sender and Recipient are documented; the rest comes
// from third-party fixtures only.
type TransferData struct {
	// TransferID identifies the transfer.
	TransferID typedhooks.ID `json:"transferId,omitempty"`
	// Sender is the wallet the tokens left. Documented.
	Sender *TransferParty `json:"sender,omitempty"`
	// Recipient is the wallet the tokens went to. Documented.
	Recipient *TransferParty `json:"recipient,omitempty"`
	// Token is what was moved.
	Token *TransferToken `json:"token,omitempty"`
	// Status is "succeeded" or "failed"; wallets.transfer.in is only sent
	// for succeeded transfers.
	Status string `json:"status,omitempty"`
	// OnChain holds the transaction (txId, explorerLink); undocumented.
	OnChain json.RawMessage `json:"onChain,omitempty"`
	// CompletedAt is when the transfer ended; undocumented.
	CompletedAt typedhooks.Time `json:"completedAt,omitzero"`
	// Error explains a failed wallets.transfer.out. Crossmint's changelog
	// promises "detailed error information" for failed transfers without
	// showing it, so both the member name and its shape are unverified and
	// it stays raw.
	Error json.RawMessage `json:"error,omitempty"`
}

// WalletTransferIn is sent when tokens arrived in a project wallet. It is
// sent only once the transfer is confirmed on chain.
type WalletTransferIn struct {
	WalletEnvelope
	// Data describes the transfer.
	Data TransferData `json:"data"`
}

// WalletTransferOut is sent when tokens left a project wallet, for both
// successful and failed attempts; check Data.Status.
type WalletTransferOut struct {
	WalletEnvelope
	// Data describes the transfer.
	Data TransferData `json:"data"`
}

// WalletSignerExported is sent the first time a wallet's private key is
// exported. Crossmint documents no payload for it, so data stays raw.
type WalletSignerExported struct {
	WalletEnvelope
	// Data is the undocumented payload, kept as received.
	Data json.RawMessage `json:"data,omitempty"`
}

// EventType returns TypeWalletTransferIn.
func (*WalletTransferIn) EventType() string { return TypeWalletTransferIn }

// EventType returns TypeWalletTransferOut.
func (*WalletTransferOut) EventType() string { return TypeWalletTransferOut }

// EventType returns TypeWalletSignerExported.
func (*WalletSignerExported) EventType() string { return TypeWalletSignerExported }
