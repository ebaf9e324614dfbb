package dynamic

import "github.com/typedhooks/typedhooks"

// The event types this package has a struct for, as Dynamic names them in
// the eventName member. Dynamic adds types without notice; Parse returns
// those as *typedhooks.Unknown.
//
// Two documented events have no constant because no reachable page of
// Dynamic's documentation gives their names: the exchange transfer events
// ("Occurs whenever an exchange transfer is successfully initiated. Is an
// ExchangeTransferResponse." and "Occurs whenever an exchange transfer fails
// for any reason."). Neither do the sign-in failure, business account
// ownership, signer and wallet events, the key share and offline recovery
// wallet events, and the Fireblocks Flow events. They arrive as
// *typedhooks.Unknown until their names are known.
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
)

// AliasSanctionsWalletBlocked is the deprecated name of
// [TypeWalletSanctionsBlocked]; it decodes into [WalletSanctionsBlocked].
const AliasSanctionsWalletBlocked = "sanctions.wallet.blocked"

// registry is the table from Dynamic's event names to this package's structs.
var registry = typedhooks.NewRegistry("dynamic", typedhooks.FieldLocator("eventName"))

func init() {
	typedhooks.Register[Ping](registry, TypePing)
	typedhooks.Register[UserCreated](registry, TypeUserCreated)
	typedhooks.Register[UserUpdated](registry, TypeUserUpdated)
	typedhooks.Register[UserDeleted](registry, TypeUserDeleted)
	typedhooks.Register[UserMerged](registry, TypeUserMerged)
	typedhooks.Register[VisitCreated](registry, TypeVisitCreated)
	typedhooks.Register[UserSessionCreated](registry, TypeUserSessionCreated)
	typedhooks.Register[UserSessionRevoked](registry, TypeUserSessionRevoked)
	typedhooks.Register[UserSocialLinked](registry, TypeUserSocialLinked)
	typedhooks.Register[UserSocialUnlinked](registry, TypeUserSocialUnlinked)
	typedhooks.Register[UserPasskeyRecoveryStarted](registry, TypeUserPasskeyRecoveryStarted)
	typedhooks.Register[UserPasskeyRecoveryCompleted](registry, TypeUserPasskeyRecoveryCompleted)
	typedhooks.Register[UserEmailUnlinked](registry, TypeUserEmailUnlinked)
	typedhooks.Register[WalletCreated](registry, TypeWalletCreated)
	typedhooks.Register[WalletLinked](registry, TypeWalletLinked)
	typedhooks.Register[WalletUnlinked](registry, TypeWalletUnlinked)
	typedhooks.Register[WalletExported](registry, TypeWalletExported)
	typedhooks.Register[WalletTransferred](registry, TypeWalletTransferred)
	typedhooks.Register[WalletSignature](registry, TypeWalletSignature)
	typedhooks.Register[WalletDeleted](registry, TypeWalletDeleted)
	typedhooks.Register[WalletActivity](registry, TypeWalletActivity)
	typedhooks.Register[WalletActivityRegistered](registry, TypeWalletActivityRegistered)
	typedhooks.Register[WalletDelegationCreated](registry, TypeWalletDelegationCreated)
	typedhooks.Register[WalletDelegationSignature](registry, TypeWalletDelegationSignature)
	typedhooks.Register[WalletDelegationRevoked](registry, TypeWalletDelegationRevoked)
	typedhooks.Register[WalletSanctionsBlocked](registry, TypeWalletSanctionsBlocked, AliasSanctionsWalletBlocked)
	typedhooks.Register[WalletAddressScreeningBlocked](registry, TypeWalletAddressScreeningBlocked)
	typedhooks.Register[WalletAddressScreeningAlerted](registry, TypeWalletAddressScreeningAlerted)
	typedhooks.Register[WaaSPolicyViolation](registry, TypeWaaSPolicyViolation)
	typedhooks.Register[BusinessAccountCreated](registry, TypeBusinessAccountCreated)
	typedhooks.Register[BusinessAccountUpdated](registry, TypeBusinessAccountUpdated)
	typedhooks.Register[BusinessAccountMemberAdded](registry, TypeBusinessAccountMemberAdded)
	typedhooks.Register[BusinessAccountMemberRoleChanged](registry, TypeBusinessAccountMemberRoleChanged)
	typedhooks.Register[BusinessAccountMemberRemoved](registry, TypeBusinessAccountMemberRemoved)
	typedhooks.Register[BusinessAccountSignerRevoked](registry, TypeBusinessAccountSignerRevoked)
	typedhooks.Register[BusinessAccountProposalCreated](registry, TypeBusinessAccountProposalCreated)
	typedhooks.Register[BusinessAccountProposalApproved](registry, TypeBusinessAccountProposalApproved)
	typedhooks.Register[BusinessAccountProposalWithdrawn](registry, TypeBusinessAccountProposalWithdrawn)
	typedhooks.Register[BusinessAccountProposalVetoed](registry, TypeBusinessAccountProposalVetoed)
	typedhooks.Register[BusinessAccountProposalExecuted](registry, TypeBusinessAccountProposalExecuted)
	typedhooks.Register[BusinessAccountProposalExpired](registry, TypeBusinessAccountProposalExpired)
}

// Parse decodes a Dynamic webhook body into the struct registered for its
// eventName, such as *UserCreated or *WalletDelegationCreated, or into a
// *typedhooks.Unknown holding the whole body when the event type is not
// known to this package.
//
// Parse does not verify the x-dynamic-signature-256 header; do that on the
// raw body first. It is tolerant: members it does not know and values of an
// unexpected JSON type are kept (see [Rest]), so json.Marshal of the result
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
