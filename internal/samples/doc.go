// Package samples embeds every provider body this module uses: the
// documented examples of the providers' webhook events and the made-up ones
// (file names starting with madeup_ or reconstructed_) for types documented
// without one. It is the one source of truth for the provider packages'
// tests, the quickstart, the benchmarks, the public test kit and the
// command, so that none of them keeps a copy that could drift.
//
// The bodies live in one directory per provider (crossmint, credentials,
// stytch, dynamic); each directory's SOURCES.md names the public page and
// section every file comes from, and its catalogue.tsv lists the event
// types the provider documents, with their sources (see Catalogue). The package uses only the standard library
// and imports nothing of this module, so any package's tests can use it.
package samples
