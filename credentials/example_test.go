package credentials_test

import (
	"fmt"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
)

func Example() {
	bodies := []string{
		`{"type":"credential.creation.succeeded","data":{"credential":{"id":"urn:uuid:7b8c"},"pass":{"url":"https://example.com/p"},"secret":"k1"}}`,
		// The older spelling decodes into the same struct.
		`{"type":"credential:creation.failed","data":{"error":{"message":"template not found"}}}`,
		`{"type":"credential.revoked","data":{}}`,
	}
	for _, body := range bodies {
		ev, err := credentials.Parse([]byte(body))
		if err != nil {
			fmt.Println("rejected:", err)
			continue
		}
		switch e := ev.(type) {
		case *credentials.CredentialCreationSucceeded:
			// Store the credential and the secret before acknowledging:
			// with delegated storage this is the only copy.
			fmt.Printf("issued %s, secret %q\n", e.Data.Credential, e.Data.Secret)
		case *credentials.CredentialCreationFailed:
			fmt.Printf("failed (%s): %s\n", e.Type, e.Data.Error)
		case *typedhooks.Unknown:
			fmt.Println("not typed yet:", e.Type)
		}
	}
	// Output:
	// issued {"id":"urn:uuid:7b8c"}, secret "k1"
	// failed (credential:creation.failed): {"message":"template not found"}
	// not typed yet: credential.revoked
}
