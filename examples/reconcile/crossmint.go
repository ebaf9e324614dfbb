package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/typedhooks/typedhooks/verify"
)

// fakeCrossmint stands in for Crossmint: it answers the Action Status API
// (GET /api/2022-06-09/actions/{actionId} with the x-api-key header) and
// sends webhooks signed as Svix signs them. Its bodies have the shape of
// the documented examples (the API reference's pending answer and the
// nfts.create.succeeded webhook of the "Webhooks and Status APIs" page),
// with made-up ids.
type fakeCrossmint struct {
	signer *verify.Svix

	mu      sync.Mutex
	actions map[string]*fakeAction
}

type fakeAction struct {
	tokenID     string
	status      string
	startedAt   time.Time
	completedAt time.Time
}

func newFakeCrossmint(signer *verify.Svix) *fakeCrossmint {
	return &fakeCrossmint{signer: signer, actions: map[string]*fakeAction{}}
}

func (f *fakeCrossmint) startMint(id, tokenID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.actions[id] = &fakeAction{tokenID: tokenID, status: "pending", startedAt: time.Now().UTC().Truncate(time.Second)}
}

// confirm is the chain confirming the mint.
func (f *fakeCrossmint) confirm(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.actions[id]
	a.status = "succeeded"
	a.completedAt = a.startedAt.Add(13 * time.Second)
}

const timeForm = "2006-01-02T15:04:05.000Z"

// data is the data member the API and the webhook share.
func (a *fakeAction) data(id string) string {
	owner := ""
	if a.status == "succeeded" {
		owner = `,"owner":{"walletAddress":"0x10324e5B8879CA6662ff83617F74b0AaD251b819"},"tokenId":"` + a.tokenID + `"`
	}
	return `{"chain":"polygon","collection":{"id":"default-polygon","contractAddress":"0x2DdDDEe8dad8b2ec123F5ceEc3E8dA4E57C0ed29"},` +
		`"recipient":{"walletAddress":"0x10324e5B8879CA6662ff83617F74b0AaD251b819","email":"recipient@crossmint.com"},` +
		`"token":{"id":"` + id + `"` + owner + `}}`
}

func (a *fakeAction) times() string {
	s := `"startedAt":"` + a.startedAt.Format(timeForm) + `"`
	if !a.completedAt.IsZero() {
		s += `,"completedAt":"` + a.completedAt.Format(timeForm) + `"`
	}
	return s
}

func resource(id string) string {
	return "https://staging.crossmint.com/api/2022-06-09/collections/default-polygon/nfts/" + id
}

// ServeHTTP answers the Action Status API.
func (f *fakeCrossmint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.Header.Get("x-api-key") != apiKey {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":true,"message":"Unauthorized"}`)
		return
	}
	id, ok := strings.CutPrefix(r.URL.Path, "/api/2022-06-09/actions/")
	f.mu.Lock()
	a := f.actions[id]
	var body string
	if ok && a != nil && r.Method == http.MethodGet {
		body = `{"actionId":"` + id + `","action":"nfts.create","status":"` + a.status + `","data":` + a.data(id) +
			`,` + a.times() + `,"resource":"` + resource(id) + `"}`
	}
	f.mu.Unlock()
	if body == "" {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":true,"message":"Not found"}`)
		return
	}
	fmt.Fprint(w, body)
}

// sendWebhook posts the nfts.create.succeeded webhook of the action to url
// as Svix delivers it, and returns the status answered.
func (f *fakeCrossmint) sendWebhook(ctx context.Context, url, id, msgID string) (int, error) {
	f.mu.Lock()
	a := f.actions[id]
	body := `{"type":"nfts.create.succeeded","actionId":"` + id + `",` + a.times() + `,"data":` + a.data(id) +
		`,"resource":"` + resource(id) + `","timestamp":` + fmt.Sprint(a.completedAt.UnixMilli()) + `}`
	f.mu.Unlock()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader([]byte(body)))
	if err != nil {
		return 0, err
	}
	req.Header = f.signer.SignedHeader(msgID, time.Now(), []byte(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
