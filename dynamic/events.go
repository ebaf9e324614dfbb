package dynamic

// One struct per event type, in the order of the registry table in
// dynamic.go. Each embeds a Message with the data type Dynamic documents.

import "encoding/json"

// Ping is the test message Dynamic sends when a webhook is registered, to
// check that the endpoint is reachable.
type Ping struct{ Message[json.RawMessage] }

// EventType returns [TypePing].
func (*Ping) EventType() string { return TypePing }

// UserCreated occurs whenever a user is created.
type UserCreated struct{ Message[User] }

// EventType returns [TypeUserCreated].
func (*UserCreated) EventType() string { return TypeUserCreated }

// UserUpdated occurs whenever a user is updated.
type UserUpdated struct{ Message[User] }

// EventType returns [TypeUserUpdated].
func (*UserUpdated) EventType() string { return TypeUserUpdated }

// UserDeleted occurs whenever a user is deleted.
type UserDeleted struct{ Message[User] }

// EventType returns [TypeUserDeleted].
func (*UserDeleted) EventType() string { return TypeUserDeleted }

// UserMerged occurs whenever two users are merged into one. Dynamic says it
// carries the surviving user and the merged-away user id but does not document
// the members, so Data is raw.
type UserMerged struct{ Message[json.RawMessage] }

// EventType returns [TypeUserMerged].
func (*UserMerged) EventType() string { return TypeUserMerged }

// VisitCreated occurs whenever a visit is created. Dynamic's visit schema is
// not documented, so Data is raw.
type VisitCreated struct{ Message[json.RawMessage] }

// EventType returns [TypeVisitCreated].
func (*VisitCreated) EventType() string { return TypeVisitCreated }

// UserSessionCreated occurs whenever a user session is created; the data
// carries the user's verified credentials at that time.
type UserSessionCreated struct {
	Message[UserSessionAndCredentials]
}

// EventType returns [TypeUserSessionCreated].
func (*UserSessionCreated) EventType() string { return TypeUserSessionCreated }

// UserSessionRevoked occurs whenever a user session is revoked.
type UserSessionRevoked struct{ Message[Session] }

// EventType returns [TypeUserSessionRevoked].
func (*UserSessionRevoked) EventType() string { return TypeUserSessionRevoked }

// UserSocialLinked occurs whenever a user links a social account. Dynamic says
// the data is a provider but does not document its members, so Data is raw.
type UserSocialLinked struct{ Message[json.RawMessage] }

// EventType returns [TypeUserSocialLinked].
func (*UserSocialLinked) EventType() string { return TypeUserSocialLinked }

// UserSocialUnlinked occurs whenever a user unlinks a social account. Dynamic
// says the data is a provider but does not document its members, so Data is
// raw.
type UserSocialUnlinked struct{ Message[json.RawMessage] }

// EventType returns [TypeUserSocialUnlinked].
func (*UserSocialUnlinked) EventType() string { return TypeUserSocialUnlinked }

// UserPasskeyRecoveryStarted occurs whenever a user starts the passkey
// recovery process.
type UserPasskeyRecoveryStarted struct{ Message[Wallet] }

// EventType returns [TypeUserPasskeyRecoveryStarted].
func (*UserPasskeyRecoveryStarted) EventType() string { return TypeUserPasskeyRecoveryStarted }

// UserPasskeyRecoveryCompleted occurs whenever a user completes the passkey
// recovery process.
type UserPasskeyRecoveryCompleted struct{ Message[Wallet] }

// EventType returns [TypeUserPasskeyRecoveryCompleted].
func (*UserPasskeyRecoveryCompleted) EventType() string { return TypeUserPasskeyRecoveryCompleted }

// UserEmailUnlinked is emitted when an email is unlinked from a user; Dynamic
// does not document its data, so Data is raw.
type UserEmailUnlinked struct{ Message[json.RawMessage] }

// EventType returns [TypeUserEmailUnlinked].
func (*UserEmailUnlinked) EventType() string { return TypeUserEmailUnlinked }

// WalletCreated occurs whenever a Dynamic-powered embedded wallet is created.
type WalletCreated struct{ Message[Wallet] }

// EventType returns [TypeWalletCreated].
func (*WalletCreated) EventType() string { return TypeWalletCreated }

// WalletLinked occurs whenever a wallet is linked to a user.
type WalletLinked struct{ Message[Wallet] }

// EventType returns [TypeWalletLinked].
func (*WalletLinked) EventType() string { return TypeWalletLinked }

// WalletUnlinked occurs whenever a wallet is unlinked from a user. Its
// data takes both shapes seen for it (see [UnlinkedWallet]).
type WalletUnlinked struct{ Message[UnlinkedWallet] }

// EventType returns [TypeWalletUnlinked].
func (*WalletUnlinked) EventType() string { return TypeWalletUnlinked }

// WalletExported occurs whenever a Dynamic-powered embedded wallet is exported.
type WalletExported struct{ Message[Wallet] }

// EventType returns [TypeWalletExported].
func (*WalletExported) EventType() string { return TypeWalletExported }

// WalletTransferred occurs whenever a wallet is transferred between user
// accounts.
type WalletTransferred struct{ Message[Wallet] }

// EventType returns [TypeWalletTransferred].
func (*WalletTransferred) EventType() string { return TypeWalletTransferred }

// WalletSignature occurs whenever a WaaS wallet signature is completed.
type WalletSignature struct{ Message[Wallet] }

// EventType returns [TypeWalletSignature].
func (*WalletSignature) EventType() string { return TypeWalletSignature }

// WalletDeleted is emitted when a wallet is deleted (it is not selectable in
// Dynamic's event type catalog). Dynamic does not document its data, so Data
// is raw.
type WalletDeleted struct{ Message[json.RawMessage] }

// EventType returns [TypeWalletDeleted].
func (*WalletDeleted) EventType() string { return TypeWalletDeleted }

// WalletActivity occurs when a confirmed transaction on an EVM, SVM or Bitcoin
// network involves a user's embedded wallet, incoming or outgoing.
type WalletActivity struct{ Message[WalletTransaction] }

// EventType returns [TypeWalletActivity].
func (*WalletActivity) EventType() string { return TypeWalletActivity }

// WalletActivityRegistered occurs once per wallet when a new embedded wallet
// is registered for on-chain activity monitoring; wallet.activity events for
// it follow.
type WalletActivityRegistered struct {
	Message[WalletActivityRegistration]
}

// EventType returns [TypeWalletActivityRegistered].
func (*WalletActivityRegistered) EventType() string { return TypeWalletActivityRegistered }

// WalletDelegationCreated occurs whenever a delegated share set is created for
// a wallet, granting a delegated entity (a server or agent) signing access.
// Data carries the encrypted key share and wallet API key.
type WalletDelegationCreated struct{ Message[Delegation] }

// EventType returns [TypeWalletDelegationCreated].
func (*WalletDelegationCreated) EventType() string { return TypeWalletDelegationCreated }

// WalletDelegationSignature occurs whenever a WaaS wallet signature is
// completed by a delegated entity.
type WalletDelegationSignature struct{ Message[Wallet] }

// EventType returns [TypeWalletDelegationSignature].
func (*WalletDelegationSignature) EventType() string { return TypeWalletDelegationSignature }

// WalletDelegationRevoked occurs whenever a delegated share set is revoked,
// ending the delegated entity's access.
type WalletDelegationRevoked struct{ Message[DelegationRevocation] }

// EventType returns [TypeWalletDelegationRevoked].
func (*WalletDelegationRevoked) EventType() string { return TypeWalletDelegationRevoked }

// WalletSanctionsBlocked occurs whenever Dynamic's sanctions floor blocks an
// address. It is also registered under the deprecated name
// sanctions.wallet.blocked ([AliasSanctionsWalletBlocked]); EventName keeps
// the name that was sent.
type WalletSanctionsBlocked struct{ Message[AddressScreening] }

// EventType returns [TypeWalletSanctionsBlocked].
func (*WalletSanctionsBlocked) EventType() string { return TypeWalletSanctionsBlocked }

// WalletAddressScreeningBlocked occurs whenever the environment's own address
// screening policy blocks an address. Dynamic does not document its payload,
// so Data is raw (it is likely shaped like [AddressScreening]).
type WalletAddressScreeningBlocked struct{ Message[json.RawMessage] }

// EventType returns [TypeWalletAddressScreeningBlocked].
func (*WalletAddressScreeningBlocked) EventType() string { return TypeWalletAddressScreeningBlocked }

// WalletAddressScreeningAlerted occurs whenever the environment's own address
// screening policy returns an ALERT verdict for an address.
type WalletAddressScreeningAlerted struct{ Message[AddressScreening] }

// EventType returns [TypeWalletAddressScreeningAlerted].
func (*WalletAddressScreeningAlerted) EventType() string { return TypeWalletAddressScreeningAlerted }

// WaaSPolicyViolation occurs whenever a policy rule blocks an embedded-wallet
// transaction. Dynamic does not document its payload, so Data is raw.
type WaaSPolicyViolation struct{ Message[json.RawMessage] }

// EventType returns [TypeWaaSPolicyViolation].
func (*WaaSPolicyViolation) EventType() string { return TypeWaaSPolicyViolation }

// BusinessAccountCreated occurs whenever a business account is created.
type BusinessAccountCreated struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountCreated].
func (*BusinessAccountCreated) EventType() string { return TypeBusinessAccountCreated }

// BusinessAccountUpdated occurs whenever a business account's own details
// change, such as its name.
type BusinessAccountUpdated struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountUpdated].
func (*BusinessAccountUpdated) EventType() string { return TypeBusinessAccountUpdated }

// BusinessAccountMemberAdded occurs whenever a member is added to a business
// account; it carries the member's role.
type BusinessAccountMemberAdded struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountMemberAdded].
func (*BusinessAccountMemberAdded) EventType() string { return TypeBusinessAccountMemberAdded }

// BusinessAccountMemberRoleChanged occurs whenever a member's role changes; it
// carries the new role.
type BusinessAccountMemberRoleChanged struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountMemberRoleChanged].
func (*BusinessAccountMemberRoleChanged) EventType() string {
	return TypeBusinessAccountMemberRoleChanged
}

// BusinessAccountMemberRemoved occurs whenever a member is removed; one
// businessAccount.signer.revoked event follows for each wallet the member
// signed on.
type BusinessAccountMemberRemoved struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountMemberRemoved].
func (*BusinessAccountMemberRemoved) EventType() string { return TypeBusinessAccountMemberRemoved }

// BusinessAccountSignerRevoked occurs whenever a signer's key share on a
// wallet is revoked, also for each signer severed by a member removal or a
// wallet unlink.
type BusinessAccountSignerRevoked struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountSignerRevoked].
func (*BusinessAccountSignerRevoked) EventType() string { return TypeBusinessAccountSignerRevoked }

// BusinessAccountProposalCreated occurs whenever a change that needs approvals
// is proposed.
type BusinessAccountProposalCreated struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountProposalCreated].
func (*BusinessAccountProposalCreated) EventType() string { return TypeBusinessAccountProposalCreated }

// BusinessAccountProposalApproved occurs whenever a proposal is approved.
// Approval does not mean the change took effect: see
// [BusinessAccountProposalExecuted].
type BusinessAccountProposalApproved struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountProposalApproved].
func (*BusinessAccountProposalApproved) EventType() string {
	return TypeBusinessAccountProposalApproved
}

// BusinessAccountProposalWithdrawn occurs whenever a proposal is withdrawn.
type BusinessAccountProposalWithdrawn struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountProposalWithdrawn].
func (*BusinessAccountProposalWithdrawn) EventType() string {
	return TypeBusinessAccountProposalWithdrawn
}

// BusinessAccountProposalVetoed occurs whenever a proposal is vetoed.
type BusinessAccountProposalVetoed struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountProposalVetoed].
func (*BusinessAccountProposalVetoed) EventType() string { return TypeBusinessAccountProposalVetoed }

// BusinessAccountProposalExecuted occurs whenever an approved proposal is
// executed, that is when the proposed change takes effect.
type BusinessAccountProposalExecuted struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountProposalExecuted].
func (*BusinessAccountProposalExecuted) EventType() string {
	return TypeBusinessAccountProposalExecuted
}

// BusinessAccountProposalExpired occurs whenever a proposal expires.
type BusinessAccountProposalExpired struct{ Message[json.RawMessage] }

// EventType returns [TypeBusinessAccountProposalExpired].
func (*BusinessAccountProposalExpired) EventType() string { return TypeBusinessAccountProposalExpired }

// AdminUserCreated is an admin and environment event: Dynamic names
// admin.user.created as an example of the event types a webhook can
// subscribe to ("Create a webhook for the environment") and documents no
// payload, so Data is raw.
type AdminUserCreated struct{ Message[json.RawMessage] }

// EventType returns [TypeAdminUserCreated].
func (*AdminUserCreated) EventType() string { return TypeAdminUserCreated }

// AdminWebhookUpdated is an admin and environment event: Dynamic names
// admin.webhook.updated as an example of the event types a webhook can
// subscribe to and documents no payload, so Data is raw.
type AdminWebhookUpdated struct{ Message[json.RawMessage] }

// EventType returns [TypeAdminWebhookUpdated].
func (*AdminWebhookUpdated) EventType() string { return TypeAdminWebhookUpdated }
