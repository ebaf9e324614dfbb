package credentials_test

import (
	"fmt"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
)

func Example() {
	bodies := []string{
		`{"type":"credential.creation.succeeded","data":{"credential":{"id":"urn:uuid:7b8c","credentialSubject":{"course":"Intro"}},"pass":{"url":"https://example.com/p"}}}`,
		`{"type":"credential.creation.succeeded","data":{"credential":{"credentialId":"7b8c","data":"ZW5j"},"secret":"k1"}}`,
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
			if enc, ok := e.Data.EncryptedCredential(); ok {
				fmt.Printf("issued encrypted credential %s, secret %q\n", enc.CredentialID, e.Data.Secret)
				break
			}
			fmt.Printf("issued %s credential %s\n", e.Data.CredentialKind(), e.Data.Credential)
		case *credentials.CredentialCreationFailed:
			fmt.Printf("failed (%s): %s\n", e.Type, e.Data.Error)
		case *typedhooks.Unknown:
			fmt.Println("not typed yet:", e.Type)
		}
	}
	// Output:
	// issued plain credential {"id":"urn:uuid:7b8c","credentialSubject":{"course":"Intro"}}
	// issued encrypted credential 7b8c, secret "k1"
	// failed (credential:creation.failed): {"message":"template not found"}
	// not typed yet: credential.revoked
}
