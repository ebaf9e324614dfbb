// Package crossmint types Crossmint's webhook events: one Go struct per
// event type, and a tolerant [Parse] that turns a request body into the
// right one. Its [Client] reads the same outcomes from Crossmint's Action
// Status API, for when a webhook does not come.
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
// package) before parsing it. Parsing webhooks needs no HTTP.
//
// # Action Status API: the pull side
//
// Crossmint reports the outcome of an asynchronous action (a mint, an edit,
// a burn, a collection deployment or update, an NFT transfer) two ways: by
// webhook (push), and through the Action Status API (pull). [Client] is the
// pull side:
//
//	c, err := crossmint.NewClient(apiKey) // crossmint.WithBaseURL(crossmint.StagingURL) for staging
//	a, err := c.ActionStatus(ctx, actionID) // one look
//	a, err = c.WaitForAction(ctx, actionID) // polls until succeeded or failed, or ctx ends
//
// An [Action]'s data is typed as the webhooks for the action carry it
// (*NFTData, *CollectionData), and [Action.Event] gives the very struct the
// webhook for its outcome decodes into, such as *NFTCreateSucceeded for an
// nfts.create that succeeded. The table from action names to webhook types
// is [EventTypeOf]'s.
//
// The client retries 429 and 5xx answers and failed connections with
// backoff, honouring Retry-After, bounded in attempts ([WithRetry]) and by
// the context. Errors wrap [ErrNotFound], [ErrUnauthorized] or
// [ErrRateLimited] and an [*APIError] with the status and Crossmint's
// message. An action id is checked before any request, so that it cannot
// reach another path. The client logs nothing and never shows its API
// key, in errors or printed.
//
// # Push and pull, run once
//
// The collections.* and nfts.* events implement
// typedhooks.IdempotencyKeyer with the key
// "action:<actionId>:<event type>" (the canonical type, so the pre-2024
// names key the same), taken from the signed body. The events Action.Event
// builds have the same key. A dispatch.Dispatcher keys its de-duplication on
// it, so a reconciler that gives the pulled outcomes to the dispatcher's
// Deliver, and the webhook for the same outcome, run the callbacks once,
// in either order, and across replicas that share a store. Crossmint's
// best-practices page suggests the webhook's top-level id as the key
// instead; the minting webhooks' documented examples carry none, and it
// could not match what the API reports, so on them the id is only a field
// (ActionEnvelope.ID). Every other Crossmint event (orders.*, users.*,
// wallets.*, the legacy checkout events and the credential events) keys on
// that top-level id when the body carries one, and otherwise on the key of
// the transport (the signed svix-id).
package crossmint
