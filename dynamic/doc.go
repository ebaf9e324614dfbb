// Package dynamic turns the body of a Dynamic (dynamic.xyz) webhook into a
// typed Go event: one struct per documented event type, from user.created to
// businessAccount.proposal.executed, each embedding the shared envelope
// ([Envelope]: eventId, messageId, timestamp, environment, redelivery flag) and
// the event's data.
//
// Its one job is decoding. Verifying the x-dynamic-signature-256 header,
// HTTP handling and de-duplication belong to the verify and dispatch
// packages. Parse is tolerant and lossless: an event type this package does
// not know comes back as *typedhooks.Unknown with the raw body, and members
// it does not know are kept, so json.Marshal of a parsed event gives back
// every member that was received.
//
// Every event implements typedhooks.IdempotencyKeyer (the messageId) and
// typedhooks.Redeliverer (the redelivery flag), and offers IsSandbox and
// EventKey (the eventId).
package dynamic
