// Package fastjson decodes JSON objects into Go structs the way
// encoding/json does, faster, or not at all.
//
// It is the first engine wire.Registry.Parse tries. A [Decoder] is
// compiled once per struct type from the fields encoding/json would use
// (internal/jsonfields) and decodes the common shape of provider bodies in
// one pass: members named exactly as the fields, strings without escapes
// (which, from a body the value owns, are views of it rather than copies),
// numbers, booleans, nested structs, slices and pointers, and the lenient
// leaf types registered with [Leaf] without going through their
// UnmarshalJSON. Whatever it does not handle exactly as encoding/json would,
// it declines instead of guessing: malformed JSON, a member matched only
// case-insensitively or named with escapes or non-ASCII letters, a member
// given twice, a value of the wrong kind, a number out of range. The caller
// then zeroes the value and decodes with another engine, so a decline costs
// time but never changes a result; the differential tests in typedhooks hold
// the two to the same values.
//
// Declining is also why it returns a bool and not an error: encoding/json's
// error is the only one callers see.
package fastjson
