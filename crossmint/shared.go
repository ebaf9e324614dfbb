package crossmint

import (
	"encoding/json"
	"strings"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// ActionEnvelope is the envelope of the events that report the outcome of an
// asynchronous action (minting, collection and NFT updates, and, as far as
// seen, Checkout V3 orders). Every member but type is optional: the
// documented examples leave out completedAt on failures and timestamp on
// some successes.
type ActionEnvelope struct {
	// ID is the webhook's top-level id, "Unique identifier for the webhook
	// event", which Crossmint's best-practices page names as the key for
	// recognising duplicate deliveries. None of Crossmint's published
	// examples shows it; it is empty when the body has none.
	ID typedhooks.ID `json:"id,omitempty"`
	// ActionID is the id returned by the API call that started the action;
	// the action status API answers for it too. Crossmint sends UUIDs, but
	// typedhooks.ID also takes a number, so that a change of kind cannot
	// cost the id.
	ActionID typedhooks.ID `json:"actionId,omitempty"`
	// StartedAt is when Crossmint started the action.
	StartedAt typedhooks.Time `json:"startedAt,omitzero"`
	// CompletedAt is when the action ended; absent on failures.
	CompletedAt typedhooks.Time `json:"completedAt,omitzero"`
	// Resource is the API URL of the collection or NFT acted upon.
	Resource string `json:"resource,omitempty"`
	// Timestamp is when the webhook was emitted, sent as Unix milliseconds.
	Timestamp typedhooks.Time `json:"timestamp,omitzero"`
	// Type is the event type as it was on the wire; for a pre-2024 name it
	// differs from the event's EventType.
	Type string `json:"type"`
}

// ActionEvent is an [ActionEnvelope] with its data member. Each event type
// embeds it with the data shape it carries, so that every event keeps its
// own named struct for type switches and typed callbacks.
type ActionEvent[D any] struct {
	ActionEnvelope
	// Original keeps the body Parse read, from which MarshalJSON gives
	// back the members this package has no field for.
	wire.Original `json:"-"`
	// Data is the event's payload.
	Data D `json:"data"`
}

// Collection identifies an NFT collection: by Crossmint id, and on chain by
// its contract address (EVM chains) or its mint address (Solana).
type Collection struct {
	// ID is Crossmint's collection id: a UUID, or a default collection
	// such as "default-polygon".
	ID typedhooks.ID `json:"id,omitempty"`
	// ContractAddress is the collection contract on an EVM chain.
	ContractAddress string `json:"contractAddress,omitempty"`
	// MintAddress is the collection mint on Solana.
	MintAddress string `json:"mintAddress,omitempty"`
}

// Wallet is an owner given by wallet address.
type Wallet struct {
	// WalletAddress is the owner's address on the collection's chain.
	WalletAddress string `json:"walletAddress,omitempty"`
}

// Token is one NFT: its Crossmint id, its owner, and its on-chain identity,
// a token id on EVM chains or a mint hash on Solana.
type Token struct {
	// ID is Crossmint's NFT id, which is also the actionId of its mint.
	ID typedhooks.ID `json:"id,omitempty"`
	// Owner is the wallet holding the NFT; absent on failed mints.
	Owner *Wallet `json:"owner,omitempty"`
	// TokenID is the EVM token id. Crossmint sends it as a string, but as
	// a uint256 it may come as a number; typedhooks.ID accepts both and
	// keeps every digit.
	TokenID typedhooks.ID `json:"tokenId,omitempty"`
	// MintHash is the Solana mint address of the token.
	MintHash string `json:"mintHash,omitempty"`
}

// Recipient is who an NFT was minted to: a wallet, an e-mail address
// (Crossmint then holds the NFT in a custodial wallet), or both.
type Recipient struct {
	// WalletAddress is the wallet the NFT went to.
	WalletAddress string `json:"walletAddress,omitempty"`
	// Email is the recipient's e-mail address, when minted to one.
	Email string `json:"email,omitempty"`
}

// Error explains why an action failed.
type Error struct {
	// Reason is a machine-readable cause, such as "execution_reverted".
	Reason string `json:"reason,omitempty"`
	// Message is a human-readable explanation.
	Message string `json:"message,omitempty"`
	// RevertReason is the contract's revert message, for imported
	// contracts whose mint function reverted.
	RevertReason string `json:"revertReason,omitempty"`
	// CallInfo is the contract call that failed.
	CallInfo *CallInfo `json:"callInfo,omitempty"`
}

// CallInfo is the contract call Crossmint made for a failed action.
type CallInfo struct {
	// FunctionName is the contract function called, such as "mintTo".
	FunctionName string `json:"functionName,omitempty"`
	// Arguments are the named arguments of the call; their names and types
	// are the contract's, so they stay raw.
	Arguments json.RawMessage `json:"arguments,omitempty"`
	// Calldata is the ABI-encoded call, hex with 0x prefix.
	Calldata string `json:"calldata,omitempty"`
}

// CollectionData is the data member of the collections.* events.
type CollectionData struct {
	// Chain is the blockchain, such as "polygon" or "solana".
	Chain string `json:"chain,omitempty"`
	// TxID is the transaction hash (EVM) or signature (Solana).
	TxID string `json:"txId,omitempty"`
	// Collection is the collection created or updated.
	Collection Collection `json:"collection,omitzero"`
	// Changes names the collection properties an update changed, such as
	// "supplyLimit".
	Changes []string `json:"changes,omitempty"`
	// Error is set on the failed events.
	Error *Error `json:"error,omitempty"`
}

// NFTData is the data member of the nfts.* events.
type NFTData struct {
	// Chain is the blockchain, such as "polygon" or "solana".
	Chain string `json:"chain,omitempty"`
	// TxID is the transaction hash (EVM) or signature (Solana); absent when
	// the transaction was never sent.
	TxID string `json:"txId,omitempty"`
	// Collection is the collection the NFT belongs to.
	Collection Collection `json:"collection,omitzero"`
	// Recipient is set on creation events.
	Recipient *Recipient `json:"recipient,omitempty"`
	// Token is the NFT acted upon.
	Token *Token `json:"token,omitempty"`
	// ContractArguments are the custom mint arguments sent for an imported
	// contract; their shape is the contract's.
	ContractArguments json.RawMessage `json:"contractArguments,omitempty"`
	// Changes names what an update changed, such as "metadata".
	Changes []string `json:"changes,omitempty"`
	// Error is set on the failed events.
	Error *Error `json:"error,omitempty"`
}

// IsSolana reports whether the collection is identified the Solana way, by
// a mint address, rather than by an EVM contract address.
func (c Collection) IsSolana() bool { return c.MintAddress != "" }

// IsSolana reports whether the token is identified the Solana way, by a mint
// hash, rather than by an EVM token id. It is false for a nil token.
func (t *Token) IsSolana() bool { return t != nil && t.MintHash != "" }

// IsSolana reports whether the event concerns Solana: its chain says so, or
// the collection is identified by a mint address. The chain member is
// checked first because a failed action may carry no addresses at all.
func (d *CollectionData) IsSolana() bool {
	return isSolanaChain(d.Chain) || d.Collection.IsSolana()
}

// IsSolana reports whether the event concerns Solana: its chain says so, or
// the collection or the token is identified the Solana way.
func (d *NFTData) IsSolana() bool {
	return isSolanaChain(d.Chain) || d.Collection.IsSolana() || d.Token.IsSolana()
}

// isSolanaChain accepts Crossmint's "solana" and any cluster-suffixed form
// such as "solana-devnet" that a staging project may report.
func isSolanaChain(chain string) bool { return strings.HasPrefix(chain, "solana") }
