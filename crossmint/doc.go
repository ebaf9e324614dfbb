// Package crossmint types Crossmint's webhook events: one Go struct per
// event type, and a tolerant [Parse] that turns a request body into the
// right one.
//
// It covers minting (collections.* and nfts.*, with their pre-2024 names
// mint.succeeded, mint:update.succeeded and collection:creation.succeeded as
// aliases), Crossmint Auth (users.*), Checkout V3 (orders.*) and the legacy
// Checkout V2 events (purchase.*, export.succeeded), wallets (wallets.*), and,
// through the credentials package, verifiable credentials — every event one
// Crossmint endpoint can receive. Event types Crossmint adds later come back
// as *typedhooks.Unknown with the whole body, and members it adds to a known
// event survive too: a parsed event keeps its body,
// and json.Marshal of the event gives back every member of it, with any field
// changed since taking the place of its original value.
//
// Crossmint signs webhooks with Svix; verify the raw body (see the verify
// package) before parsing it. This package knows nothing of HTTP.
package crossmint
