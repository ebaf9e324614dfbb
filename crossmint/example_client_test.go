package crossmint_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/typedhooks/typedhooks/crossmint"
	"github.com/typedhooks/typedhooks/dispatch"
	"github.com/typedhooks/typedhooks/verify"
)

// fakeActionStatusAPI answers every action with the given bodies in turn
// (the last one repeats), as the Action Status API would.
func fakeActionStatusAPI(bodies ...string) *httptest.Server {
	var n atomic.Int32
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := min(int(n.Add(1))-1, len(bodies)-1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, bodies[i])
	}))
}

func ExampleNewClient() {
	apiKey := "sk_staging_example" // os.Getenv("CROSSMINT_API_KEY") in a program
	// The production API by default; crossmint.StagingURL for testnets.
	c, err := crossmint.NewClient(apiKey,
		crossmint.WithBaseURL(crossmint.StagingURL),
		crossmint.WithHTTPClient(&http.Client{Timeout: 10 * time.Second}),
		crossmint.WithPollInterval(3*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c) // never the key
	// Output: crossmint.Client{base: https://staging.crossmint.com, apiKey: [redacted]}
}

func ExampleClient_ActionStatus() {
	// The API reference's example answer.
	api := fakeActionStatusAPI(`{"actionId":"66881a4d-eff9-467a-b19d-a2ff76eef5c2","action":"nfts.create","status":"pending",
		"data":{"collection":{"id":"someCollection","contractAddress":"0x0B7c736cD6D517b6AFfB3F6151eC662B0000018B"},
		"recipient":{"walletAddress":"0x6Def4FF2Efe3731EB2Ca09c625d21bfd6da00000"},"token":{"id":"66881a4d-eff9-467a-b19d-a2ff76eef5c2"}},
		"startedAt":"2023-10-02T22:10:41.000Z","resource":"https://staging.crossmint.com/api/2022-06-09/actions/66881a4d-eff9-467a-b19d-a2ff76eef5c2"}`)
	defer api.Close()

	c, err := crossmint.NewClient("sk_staging_example", crossmint.WithBaseURL(api.URL))
	if err != nil {
		log.Fatal(err)
	}
	a, err := c.ActionStatus(context.Background(), "66881a4d-eff9-467a-b19d-a2ff76eef5c2")
	switch {
	case errors.Is(err, crossmint.ErrNotFound):
		fmt.Println("no such action")
		return
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println(a.Action, a.Status, a.StartedAt.Format(time.DateTime))
	data := a.Data.(*crossmint.NFTData) // typed as the nfts.* webhooks' data
	fmt.Println("minting to", data.Recipient.WalletAddress, "in", data.Collection.ID)
	if _, err := a.Event(); errors.Is(err, crossmint.ErrActionPending) {
		fmt.Println("no outcome yet")
	}
	// Output:
	// nfts.create pending 2023-10-02 22:10:41
	// minting to 0x6Def4FF2Efe3731EB2Ca09c625d21bfd6da00000 in someCollection
	// no outcome yet
}

func ExampleClient_WaitForAction() {
	api := fakeActionStatusAPI(
		`{"actionId":"a-1","action":"nfts.create","status":"pending","data":{}}`,
		`{"actionId":"a-1","action":"nfts.create","status":"succeeded","data":{"chain":"polygon","token":{"id":"a-1","tokenId":"15"}}}`,
	)
	defer api.Close()
	c, err := crossmint.NewClient("sk_staging_example", crossmint.WithBaseURL(api.URL),
		crossmint.WithPollInterval(10*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	// Bound the wait: WaitForAction polls until an outcome or ctx ends.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	a, err := c.WaitForAction(ctx, "a-1")
	if err != nil {
		log.Fatal(err)
	}
	ev, err := a.Event() // the struct the webhook for this outcome decodes into
	if err != nil {
		log.Fatal(err)
	}
	switch e := ev.(type) {
	case *crossmint.NFTCreateSucceeded:
		fmt.Println("minted token", e.Data.Token.TokenID, "on", e.Data.Chain)
		fmt.Println("key:", e.IdempotencyKey())
	case *crossmint.NFTCreateFailed:
		fmt.Println("mint failed:", e.Data.Error.Reason)
	}
	// Output:
	// minted token 15 on polygon
	// key: action:a-1:nfts.create.succeeded
}

// An action whose webhook this package does not type still comes back
// whole: its data stays raw, and its event is a *typedhooks.Unknown.
func ExampleParseAction() {
	a, err := crossmint.ParseAction([]byte(`{"actionId":"t-1","action":"wallets:nfts.transfer","status":"succeeded","data":{"to":"0xabc"}}`))
	if err != nil {
		log.Fatal(err)
	}
	ev, err := a.Event()
	fmt.Println(a.Data == nil, string(a.RawData), ev.EventType(), err)
	// Output: true {"to":"0xabc"} wallets:nfts.transfer.succeeded <nil>
}

func ExampleEventTypeOf() {
	fmt.Println(crossmint.EventTypeOf(crossmint.ActionCollectionUpdate, crossmint.ActionFailed))
	fmt.Println(crossmint.EventTypeOf(crossmint.ActionNFTCreate, crossmint.ActionPending))
	// Output:
	// collections.update.failed true
	//  false
}

// A reconciler hands the outcomes it pulls to the dispatcher that serves
// the webhooks: both are keyed on the action and its outcome, so the
// callback runs once, whichever arrives first.
func Example_reconcile() {
	v, err := verify.NewSvix("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		log.Fatal(err)
	}
	d := dispatch.New(v, crossmint.Parse, dispatch.WithLogger(slog.New(slog.DiscardHandler)))
	err = dispatch.On(d, func(ctx context.Context, e *crossmint.NFTCreateSucceeded) error {
		fmt.Println("hand over NFT", e.Data.Token.TokenID)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}

	// Pulled from the Action Status API (c.ActionStatus or c.WaitForAction).
	a, err := crossmint.ParseAction([]byte(`{"actionId":"a-7","action":"nfts.create","status":"succeeded","data":{"token":{"id":"a-7","tokenId":"15"}}}`))
	if err != nil {
		log.Fatal(err)
	}
	ev, err := a.Event()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("deliver:", d.Deliver(context.Background(), ev))

	// The webhook for the same outcome arrives later: acknowledged, not run.
	body := []byte(`{"type":"nfts.create.succeeded","actionId":"a-7","data":{"token":{"id":"a-7","tokenId":"15"}}}`)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/webhooks/crossmint", bytes.NewReader(body))
	req.Header = v.SignedHeader("msg_late", time.Now(), body)
	d.ServeHTTP(rec, req)
	fmt.Println("late webhook:", rec.Code)
	// Output:
	// hand over NFT 15
	// deliver: <nil>
	// late webhook: 200
}
