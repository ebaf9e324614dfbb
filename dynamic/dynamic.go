package dynamic

import (
	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// The event types this package has a struct for, as Dynamic names them in
// the eventName member. Dynamic adds types without notice; Parse returns
// those as *typedhooks.Unknown.
//
// internal/samples/dynamic/catalogue.tsv lists each type with its evidence
// and source. Documented events whose names no reachable page of Dynamic's
// documentation gives have no constant: the exchange transfer events
// ("Occurs whenever an exchange transfer is successfully initiated. Is an
// ExchangeTransferResponse." and "Occurs whenever an exchange transfer fails
// for any reason."), the sign-in failure, business account ownership,
// signer and wallet events, the key share and offline recovery wallet
// events, transaction review decisions, the Fireblocks Flow events, and all
// but two of the admin and environment events. They arrive as
// *typedhooks.Unknown (body kept) until their names are known.
const (
	// Test.
	TypePing = "ping"

	// Users.
	TypeUserCreated                  = "user.created"
	TypeUserUpdated                  = "user.updated"
	TypeUserDeleted                  = "user.deleted"
	TypeUserMerged                   = "user.merged"
	TypeVisitCreated                 = "visit.created"
	TypeUserSessionCreated           = "user.session.created"
	TypeUserSessionRevoked           = "user.session.revoked"
	TypeUserSocialLinked             = "user.social.linked"
	TypeUserSocialUnlinked           = "user.social.unlinked"
	TypeUserPasskeyRecoveryStarted   = "user.passkeyRecovery.started"
	TypeUserPasskeyRecoveryCompleted = "user.passkeyRecovery.completed"
	TypeUserEmailUnlinked            = "user.email.unlinked"

	// Wallets.
	TypeWalletCreated             = "wallet.created"
	TypeWalletLinked              = "wallet.linked"
	TypeWalletUnlinked            = "wallet.unlinked"
	TypeWalletExported            = "wallet.exported"
	TypeWalletTransferred         = "wallet.transferred"
	TypeWalletSignature           = "wallet.signature"
	TypeWalletDeleted             = "wallet.deleted"
	TypeWalletActivity            = "wallet.activity"
	TypeWalletActivityRegistered  = "wallet.activity.registered"
	TypeWalletDelegationCreated   = "wallet.delegation.created"
	TypeWalletDelegationSignature = "wallet.delegation.signature"
	TypeWalletDelegationRevoked   = "wallet.delegation.revoked"

	// Policy.
	TypeWalletSanctionsBlocked        = "wallet.sanctions.blocked"
	TypeWalletAddressScreeningBlocked = "wallet.addressScreening.blocked"
	TypeWalletAddressScreeningAlerted = "wallet.addressScreening.alerted"
	TypeWaaSPolicyViolation           = "waas.policy.violation"

	// Business accounts.
	TypeBusinessAccountCreated           = "businessAccount.created"
	TypeBusinessAccountUpdated           = "businessAccount.updated"
	TypeBusinessAccountMemberAdded       = "businessAccount.member.added"
	TypeBusinessAccountMemberRoleChanged = "businessAccount.member.roleChanged"
	TypeBusinessAccountMemberRemoved     = "businessAccount.member.removed"
	TypeBusinessAccountSignerRevoked     = "businessAccount.signer.revoked"
	TypeBusinessAccountProposalCreated   = "businessAccount.proposal.created"
	TypeBusinessAccountProposalApproved  = "businessAccount.proposal.approved"
	TypeBusinessAccountProposalWithdrawn = "businessAccount.proposal.withdrawn"
	TypeBusinessAccountProposalVetoed    = "businessAccount.proposal.vetoed"
	TypeBusinessAccountProposalExecuted  = "businessAccount.proposal.executed"
	TypeBusinessAccountProposalExpired   = "businessAccount.proposal.expired"

	// Admin and environment events (Dynamic Console actions): only these
	// two names are published, as examples in the API reference of
	// webhook creation.
	TypeAdminUserCreated    = "admin.user.created"
	TypeAdminWebhookUpdated = "admin.webhook.updated"
)

// AliasSanctionsWalletBlocked is the deprecated name of
// [TypeWalletSanctionsBlocked]; it decodes into [WalletSanctionsBlocked].
const AliasSanctionsWalletBlocked = "sanctions.wallet.blocked"

// registry is the table from Dynamic's event names to this package's structs.
var registry = wire.NewRegistry("dynamic", wire.FoldingLocator("eventName"))

func init() {
	wire.Register[Ping](registry, TypePing)
	wire.Register[UserCreated](registry, TypeUserCreated)
	wire.Register[UserUpdated](registry, TypeUserUpdated)
	wire.Register[UserDeleted](registry, TypeUserDeleted)
	wire.Register[UserMerged](registry, TypeUserMerged)
	wire.Register[VisitCreated](registry, TypeVisitCreated)
	wire.Register[UserSessionCreated](registry, TypeUserSessionCreated)
	wire.Register[UserSessionRevoked](registry, TypeUserSessionRevoked)
	wire.Register[UserSocialLinked](registry, TypeUserSocialLinked)
	wire.Register[UserSocialUnlinked](registry, TypeUserSocialUnlinked)
	wire.Register[UserPasskeyRecoveryStarted](registry, TypeUserPasskeyRecoveryStarted)
	wire.Register[UserPasskeyRecoveryCompleted](registry, TypeUserPasskeyRecoveryCompleted)
	wire.Register[UserEmailUnlinked](registry, TypeUserEmailUnlinked)
	wire.Register[WalletCreated](registry, TypeWalletCreated)
	wire.Register[WalletLinked](registry, TypeWalletLinked)
	wire.Register[WalletUnlinked](registry, TypeWalletUnlinked)
	wire.Register[WalletExported](registry, TypeWalletExported)
	wire.Register[WalletTransferred](registry, TypeWalletTransferred)
	wire.Register[WalletSignature](registry, TypeWalletSignature)
	wire.Register[WalletDeleted](registry, TypeWalletDeleted)
	wire.Register[WalletActivity](registry, TypeWalletActivity)
	wire.Register[WalletActivityRegistered](registry, TypeWalletActivityRegistered)
	wire.Register[WalletDelegationCreated](registry, TypeWalletDelegationCreated)
	wire.Register[WalletDelegationSignature](registry, TypeWalletDelegationSignature)
	wire.Register[WalletDelegationRevoked](registry, TypeWalletDelegationRevoked)
	wire.Register[WalletSanctionsBlocked](registry, TypeWalletSanctionsBlocked, AliasSanctionsWalletBlocked)
	wire.Register[WalletAddressScreeningBlocked](registry, TypeWalletAddressScreeningBlocked)
	wire.Register[WalletAddressScreeningAlerted](registry, TypeWalletAddressScreeningAlerted)
	wire.Register[WaaSPolicyViolation](registry, TypeWaaSPolicyViolation)
	wire.Register[BusinessAccountCreated](registry, TypeBusinessAccountCreated)
	wire.Register[BusinessAccountUpdated](registry, TypeBusinessAccountUpdated)
	wire.Register[BusinessAccountMemberAdded](registry, TypeBusinessAccountMemberAdded)
	wire.Register[BusinessAccountMemberRoleChanged](registry, TypeBusinessAccountMemberRoleChanged)
	wire.Register[BusinessAccountMemberRemoved](registry, TypeBusinessAccountMemberRemoved)
	wire.Register[BusinessAccountSignerRevoked](registry, TypeBusinessAccountSignerRevoked)
	wire.Register[BusinessAccountProposalCreated](registry, TypeBusinessAccountProposalCreated)
	wire.Register[BusinessAccountProposalApproved](registry, TypeBusinessAccountProposalApproved)
	wire.Register[BusinessAccountProposalWithdrawn](registry, TypeBusinessAccountProposalWithdrawn)
	wire.Register[BusinessAccountProposalVetoed](registry, TypeBusinessAccountProposalVetoed)
	wire.Register[BusinessAccountProposalExecuted](registry, TypeBusinessAccountProposalExecuted)
	wire.Register[BusinessAccountProposalExpired](registry, TypeBusinessAccountProposalExpired)
	wire.Register[AdminUserCreated](registry, TypeAdminUserCreated)
	wire.Register[AdminWebhookUpdated](registry, TypeAdminWebhookUpdated)
}

// Parse decodes a Dynamic webhook body into the struct registered for its
// eventName, such as *UserCreated or *WalletDelegationCreated, or into a
// *typedhooks.Unknown holding the whole body when the event type is not
// known to this package.
//
// Parse does not verify the x-dynamic-signature-256 header; do that on the
// raw body first. It is tolerant: members it does not know and values of an
// unexpected JSON type are kept (see [Message]), so json.Marshal of the result
// gives back every member of body. The error is non-nil only when body is not
// a JSON object (typedhooks.ErrNotObject) or has no string eventName
// (typedhooks.ErrNoEventType).
func Parse(body []byte) (typedhooks.Event, error) { return registry.Parse(body) }

// Types lists every event name Parse decodes into a struct, the deprecated
// alias included, sorted.
func Types() []string { return registry.Types() }

// New returns an empty event of the struct registered for eventType (a
// current name or an alias), and false when there is none.
func New(eventType string) (typedhooks.Event, bool) { return registry.New(eventType) }
