package crossmint_test

import (
	"fmt"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/credentials"
	"github.com/typedhooks/typedhooks/crossmint"
)

func Example() {
	bodies := []string{
		`{"type":"nfts.create.succeeded","actionId":"771d7e38","data":{"chain":"polygon","token":{"id":"771d7e38","tokenId":"15"}}}`,
		// The pre-2024 name decodes into the same struct.
		`{"type":"mint.succeeded","actionId":"2c5f9ec6","data":{"chain":"solana","token":{"mintHash":"Gec66rG8"}}}`,
		`{"type":"nfts.create.failed","actionId":"cf9985d3","data":{"error":{"reason":"execution_reverted"}}}`,
		`{"type":"users.created","status":"success","data":{"userId":"123"}}`,
		`{"type":"credential:creation.failed","data":{"error":"template not found"}}`,
		`{"type":"nfts.teleport.succeeded","data":{}}`,
	}
	for _, body := range bodies {
		ev, err := crossmint.Parse([]byte(body))
		if err != nil {
			fmt.Println("rejected:", err)
			continue
		}
		switch e := ev.(type) {
		case *crossmint.NFTCreateSucceeded:
			fmt.Printf("minted on %s (sent as %s): token %s%s\n", e.Data.Chain, e.Type, e.Data.Token.TokenID, e.Data.Token.MintHash)
		case *crossmint.NFTCreateFailed:
			fmt.Println("mint", e.ActionID, "failed:", e.Data.Error.Reason)
		case *crossmint.UserCreated:
			fmt.Println("new user", e.UserID())
		case *credentials.CredentialCreationFailed:
			fmt.Println("credential failed:", string(e.Data.Error))
		case *typedhooks.Unknown:
			fmt.Println("not typed yet:", e.Type, len(e.Raw), "bytes kept")
		}
	}
	// Output:
	// minted on polygon (sent as nfts.create.succeeded): token 15
	// minted on solana (sent as mint.succeeded): token Gec66rG8
	// mint cf9985d3 failed: execution_reverted
	// new user 123
	// credential failed: "template not found"
	// not typed yet: nfts.teleport.succeeded 44 bytes kept
}

func ExampleParse_errors() {
	_, err := crossmint.Parse([]byte(`[1,2]`))
	fmt.Println(err)
	_, err = crossmint.Parse([]byte(`{"data":{}}`))
	fmt.Println(err)
	// Output:
	// crossmint: body is not a JSON object: does not start with '{' at offset 0
	// crossmint: no event type in body: member "type" is missing
}

// Crossmint sends the same events for EVM chains and Solana, with the
// on-chain identity in different members; IsSolana says which set to read.
func ExampleNFTData_IsSolana() {
	bodies := []string{
		`{"type":"nfts.create.succeeded","data":{"chain":"polygon","collection":{"contractAddress":"0x5919"},"token":{"tokenId":"15"}}}`,
		`{"type":"nfts.create.succeeded","data":{"chain":"solana","collection":{"mintAddress":"qCTM"},"token":{"mintHash":"Gec6"}}}`,
	}
	for _, body := range bodies {
		ev, err := crossmint.Parse([]byte(body))
		if err != nil {
			fmt.Println(err)
			continue
		}
		e := ev.(*crossmint.NFTCreateSucceeded)
		if e.Data.IsSolana() {
			fmt.Println("Solana mint", e.Data.Token.MintHash, "in collection", e.Data.Collection.MintAddress)
		} else {
			fmt.Println("EVM token", e.Data.Token.TokenID, "of contract", e.Data.Collection.ContractAddress)
		}
	}
	// Output:
	// EVM token 15 of contract 0x5919
	// Solana mint Gec6 in collection qCTM
}
