package credentials

import (
	"encoding/json"
	"errors"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/internal/wire"
)

// CredentialKind tells which of its documented forms data.credential takes.
type CredentialKind uint8

// The forms of data.credential.
const (
	// CredentialAbsent means data.credential is missing, null or not a
	// JSON object.
	CredentialAbsent CredentialKind = iota
	// CredentialPlain is a W3C verifiable credential in clear text, from a
	// template without encryption.
	CredentialPlain
	// CredentialEncrypted is the object Crossmint sends for a template with
	// encryption: a credentialId and the encrypted credential (see
	// [EncryptedCredential]).
	CredentialEncrypted
)

// String returns "absent", "plain" or "encrypted".
func (k CredentialKind) String() string {
	switch k {
	case CredentialPlain:
		return "plain"
	case CredentialEncrypted:
		return "encrypted"
	default:
		return "absent"
	}
}

// EncryptedCredential is data.credential for a template with encryption.
// Crossmint describes it only in words ("a credentialId and a base64 encoded
// encrypted payload"); the name of the second member, data, is this
// package's reading and unverified, which is why [CreationSucceededData]
// keeps the credential raw and this type is only a view of it.
type EncryptedCredential struct {
	// CredentialID identifies the credential at Crossmint.
	CredentialID typedhooks.ID `json:"credentialId,omitempty"`
	// Data is the base64 encrypted credential. Decrypt it with the
	// subject's key, or with Secret for "crossmint-recoverable" templates.
	Data string `json:"data,omitempty"`
}

// ErrNoCredential is returned by [CreationSucceededData.DecodeCredential]
// when the event carries no credential object.
var ErrNoCredential = errors.New("credentials: data.credential is absent or not an object")

// CredentialKind tells a plain W3C credential from an encrypted one, by its
// top-level members: every W3C credential has credentialSubject (and
// @context), while the encrypted form has a credentialId and neither.
func (d *CreationSucceededData) CredentialKind() CredentialKind {
	var credentialID, w3c bool
	err := wire.EachField(d.Credential, func(key, _ []byte) bool {
		switch string(key) {
		case "credentialId":
			credentialID = true
		case "credentialSubject", "@context":
			w3c = true
		}
		return true
	})
	switch {
	case err != nil:
		return CredentialAbsent
	case credentialID && !w3c:
		return CredentialEncrypted
	default:
		return CredentialPlain
	}
}

// EncryptedCredential returns data.credential read as the encrypted form,
// and false when it is not in that form.
func (d *CreationSucceededData) EncryptedCredential() (EncryptedCredential, bool) {
	var enc EncryptedCredential
	if d.CredentialKind() != CredentialEncrypted || json.Unmarshal(d.Credential, &enc) != nil {
		return EncryptedCredential{}, false
	}
	return enc, true
}

// DecodeCredential decodes data.credential into v, which is typically the
// caller's own W3C credential type (the subject's shape is the template's,
// so this package does not guess it). It returns [ErrNoCredential] when
// there is no credential object.
func (d *CreationSucceededData) DecodeCredential(v any) error {
	if d.CredentialKind() == CredentialAbsent {
		return ErrNoCredential
	}
	return json.Unmarshal(d.Credential, v)
}
