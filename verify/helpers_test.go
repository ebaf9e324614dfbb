package verify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// referenceSvixSignature computes a v1 signature the straightforward way,
// independently of the package, as the svix library does.
func referenceSvixSignature(key []byte, id string, unix int64, body []byte) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%s.%d.", id, unix)
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}
