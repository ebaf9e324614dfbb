// Package stytch turns the body of a Stytch webhook into a typed Go event:
// one struct per event type, consumer (direct.user.create, ...) and B2B
// (dashboard.member.delete, scim.member.update, direct.organization.create,
// direct.saml_connection.update, ...), each embedding the shared [Envelope].
//
// Its one job is decoding. Stytch delivers through Svix, so verifying the
// signature headers, HTTP handling and de-duplication belong to the verify
// and dispatch packages.
//
// A Stytch body has no member naming its event type: the type is the body's
// source, object_type and action joined with dots and lower-cased
// (source "SCIM", object_type "member", action "UPDATE" make
// "scim.member.update"). [Parse] derives it that way; a combination this
// package has no struct for comes back as *typedhooks.Unknown with the raw
// body, so events Stytch adds later are not lost.
//
// Members Stytch adds to a known event are not lost either: a parsed event
// keeps its body, and json.Marshal of the event
// gives back every member of it, with any field changed since taking the
// place of its original value.
package stytch
