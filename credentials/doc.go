// Package credentials types the webhook events of Crossmint's verifiable
// credentials product: the outcome of issuing a credential.
//
// Crossmint delivers these events through the same Svix endpoints as its
// other webhooks, so crossmint.Parse decodes them too; this package exists on
// its own so that an issuer who only handles credentials needs nothing else.
// Verify the signature on the raw body (see the verify package) before
// calling [Parse].
//
// A parsed event keeps its body, so json.Marshal of
// the event gives back every member Crossmint sent, those no field holds
// included: with delegated storage, the stored event is the only copy of the
// credential.
package credentials
