package verify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
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

func errorIsAny(err error, targets []error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}
