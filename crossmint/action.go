package crossmint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/typedhooks/typedhooks"
)

// The statuses of an action, as the Action Status API reports them. Only
// succeeded and failed are outcomes; [Client.WaitForAction] keeps polling
// through every other value.
const (
	ActionPending   = "pending"
	ActionSucceeded = "succeeded"
	ActionFailed    = "failed"
)

// The actions the Action Status API reports, as its action member names
// them.
const (
	ActionNFTCreate        = "nfts.create"
	ActionNFTUpdate        = "nfts.update"
	ActionNFTDelete        = "nfts.delete"
	ActionCollectionCreate = "collections.create"
	ActionCollectionUpdate = "collections.update"
	ActionNFTTransfer      = "wallets:nfts.transfer"
)

// ErrActionPending is returned by [Action.Event] while the action has no
// outcome yet: its status is pending, or a status that is neither succeeded
// nor failed.
var ErrActionPending = errors.New("crossmint: action has no outcome yet")

// Action is the state of one asynchronous action (a mint, an edit, a burn,
// a collection deployment or update, an NFT transfer) as the Action Status
// API answers it: GET /api/2022-06-09/actions/{actionId}.
//
// Decoding is as tolerant as [Parse]: members Crossmint adds are kept in
// Raw, and an action this package does not know still decodes, with its
// data left raw.
type Action struct {
	// ActionID is the id the call that started the action returned; the
	// webhooks for the action carry it as actionId too.
	ActionID string
	// Action names what was done, such as "nfts.create" or
	// "wallets:nfts.transfer" (see the Action* constants).
	Action string
	// Status is ActionPending, ActionSucceeded or ActionFailed.
	Status string
	// StartedAt is when Crossmint started the action.
	StartedAt time.Time
	// CompletedAt is when the action ended; zero while it is pending, and
	// absent from the documented examples of failures.
	CompletedAt time.Time
	// Resource is the API URL of what the action is about.
	Resource string
	// Data is the data member decoded as the webhooks for this action carry
	// it: *NFTData for the nfts.* actions, *CollectionData for the
	// collections.* actions. It is nil when the response has no data and
	// for actions whose webhook data this package does not type
	// (wallets:nfts.transfer, whose webhook Crossmint does not document, and
	// actions added later); RawData holds the data then.
	Data any
	// RawData is the data member as received.
	RawData json.RawMessage
	// Raw is the whole response body as received, the members this package
	// has no field for included.
	Raw json.RawMessage
}

// actionKind is what this package knows of one action: the webhook event
// types of its two outcomes. Their structs also give the shape of the data.
type actionKind struct {
	succeeded, failed string
}

// actionKinds is the table from the Action Status API's action names to
// the webhook event types that report their outcomes (the webhooks are
// named <action>.<outcome>). An action missing from it, such as
// wallets:nfts.transfer, for which Crossmint documents no webhook, keeps
// its data raw and gives a *typedhooks.Unknown from Event.
var actionKinds = map[string]actionKind{
	ActionNFTCreate:        {TypeNFTCreateSucceeded, TypeNFTCreateFailed},
	ActionNFTUpdate:        {TypeNFTUpdateSucceeded, TypeNFTUpdateFailed},
	ActionNFTDelete:        {TypeNFTDeleteSucceeded, TypeNFTDeleteFailed},
	ActionCollectionCreate: {TypeCollectionCreateSucceeded, TypeCollectionCreateFailed},
	ActionCollectionUpdate: {TypeCollectionUpdateSucceeded, TypeCollectionUpdateFailed},
}

// EventTypeOf returns the webhook event type that reports the given outcome
// (ActionSucceeded or ActionFailed) of action, such as
// "nfts.create.succeeded" for "nfts.create", and false when Crossmint
// documents no webhook for it or status is not an outcome.
func EventTypeOf(action, status string) (string, bool) {
	k, ok := actionKinds[action]
	if !ok {
		return "", false
	}
	switch status {
	case ActionSucceeded:
		return k.succeeded, true
	case ActionFailed:
		return k.failed, true
	}
	return "", false
}

// actionDataHolder is implemented by every *ActionEvent[D]: it lets an
// Action take the typed data out of an event that Parse decoded, so that
// the API's data and the webhook's go through the same tolerant decoder.
type actionDataHolder interface{ actionData() any }

func (e *ActionEvent[D]) actionData() any { return &e.Data }

// actionWire is the response as read, before the times and the data are
// interpreted.
type actionWire struct {
	ActionID    typedhooks.ID   `json:"actionId"`
	Action      string          `json:"action"`
	Status      string          `json:"status"`
	StartedAt   typedhooks.Time `json:"startedAt"`
	CompletedAt typedhooks.Time `json:"completedAt"`
	Resource    string          `json:"resource"`
	Data        json.RawMessage `json:"data"`
}

// ParseAction decodes an Action Status API response body. It is tolerant
// in the way [Parse] is: a member of an unexpected JSON kind leaves only
// that field empty, unknown members are kept in Raw, and an unknown action
// keeps its data raw. The error is non-nil only when body is not a JSON
// object; it then wraps [typedhooks.ErrNotObject].
func ParseAction(body []byte) (*Action, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil || members == nil {
		if err == nil {
			err = errors.New("null")
		}
		return nil, fmt.Errorf("crossmint: action status response: %w: %w", typedhooks.ErrNotObject, err)
	}
	var w actionWire
	// Each member on its own, so that one of the wrong kind costs only its
	// own field.
	for name, dst := range map[string]any{
		"actionId": &w.ActionID, "action": &w.Action, "status": &w.Status,
		"startedAt": &w.StartedAt, "completedAt": &w.CompletedAt, "resource": &w.Resource,
	} {
		if v, ok := members[name]; ok {
			_ = json.Unmarshal(v, dst)
		}
	}
	a := &Action{
		ActionID:    w.ActionID.String(),
		Action:      w.Action,
		Status:      w.Status,
		StartedAt:   w.StartedAt.Time,
		CompletedAt: w.CompletedAt.Time,
		Resource:    w.Resource,
		Raw:         bytes.Clone(body),
	}
	if d, ok := members["data"]; ok && string(d) != "null" {
		a.RawData = bytes.Clone(d)
		a.Data = typedData(a.Action, members)
	}
	return a, nil
}

// typedData decodes the data member as the succeeded webhook of action
// carries it, or returns nil for an action without a webhook here.
func typedData(action string, members map[string]json.RawMessage) any {
	k, ok := actionKinds[action]
	if !ok {
		return nil
	}
	ev, err := webhookEvent(k.succeeded, members)
	if err != nil {
		return nil
	}
	if h, ok := ev.(actionDataHolder); ok {
		return h.actionData()
	}
	return nil
}

// webhookEvent builds the body of the webhook of type eventType from the
// response's members (the same members but action and status, which the
// webhook says through its type) and parses it as a webhook.
func webhookEvent(eventType string, members map[string]json.RawMessage) (typedhooks.Event, error) {
	body := make(map[string]json.RawMessage, len(members)+1)
	for name, v := range members {
		// Any spelling of type goes: encoding/json would match "Type" or
		// "TYPE" to the Type field too, and the type must be eventType.
		if name == "action" || name == "status" || strings.EqualFold(name, "type") {
			continue
		}
		body[name] = v
	}
	t, err := json.Marshal(eventType)
	if err != nil {
		return nil, err
	}
	body["type"] = t
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// UnmarshalJSON decodes data as [ParseAction] does.
func (a *Action) UnmarshalJSON(data []byte) error {
	p, err := ParseAction(data)
	if err != nil {
		return err
	}
	*a = *p
	return nil
}

// MarshalJSON encodes the action as the API sends it: Raw when the action
// was decoded, else the members its fields give. It is the form
// [ParseAction] and UnmarshalJSON read, so an Action can be stored and read
// back.
func (a Action) MarshalJSON() ([]byte, error) {
	if len(a.Raw) > 0 && json.Valid(a.Raw) {
		return a.Raw, nil
	}
	m, err := a.members()
	if err != nil {
		return nil, err
	}
	for name, v := range map[string]string{"action": a.Action, "status": a.Status} {
		if v != "" {
			b, _ := json.Marshal(v)
			m[name] = b
		}
	}
	return json.Marshal(m)
}

// Done reports whether the action has an outcome: its status is
// ActionSucceeded or ActionFailed.
func (a *Action) Done() bool { return a.Status == ActionSucceeded || a.Status == ActionFailed }

// Event returns the event that the webhook for the action's outcome
// carries, decoded by [Parse] into the same struct: *NFTCreateSucceeded for
// an nfts.create that succeeded, *CollectionUpdateFailed for a
// collections.update that failed, and so on. Its ActionID, times, resource
// and data are the response's, and it has the same IdempotencyKey as the
// webhook, so that a [dispatch.Dispatcher] given both runs its callbacks
// once (see the package documentation).
//
// While the action has no outcome, the error wraps [ErrActionPending]. For
// an action this package has no webhook for (wallets:nfts.transfer, or one
// added later) the event is a *typedhooks.Unknown of type
// "<action>.<status>" holding the response's members, not an error; it has
// no idempotency key.
//
// The event is built from Raw, the response as received, when there is one,
// and otherwise from the fields (RawData, else Data encoded).
//
// [dispatch.Dispatcher]: https://pkg.go.dev/github.com/typedhooks/typedhooks/dispatch#Dispatcher
func (a *Action) Event() (typedhooks.Event, error) {
	if !a.Done() {
		return nil, fmt.Errorf("%w: action %q is %q", ErrActionPending, a.ActionID, a.Status)
	}
	members, err := a.members()
	if err != nil {
		return nil, err
	}
	eventType, ok := EventTypeOf(a.Action, a.Status)
	if !ok {
		eventType = a.Action + "." + a.Status
	}
	return webhookEvent(eventType, members)
}

// members returns the response's members: those of Raw, or those the
// fields give for an Action built in code.
func (a *Action) members() (map[string]json.RawMessage, error) {
	if len(a.Raw) > 0 {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(a.Raw, &m); err == nil && m != nil {
			return m, nil
		}
	}
	m := map[string]json.RawMessage{}
	put := func(name string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("crossmint: encoding the action's %s: %w", name, err)
		}
		m[name] = b
		return nil
	}
	if a.ActionID != "" {
		_ = put("actionId", a.ActionID)
	}
	if !a.StartedAt.IsZero() {
		_ = put("startedAt", a.StartedAt.UTC().Format(time.RFC3339Nano))
	}
	if !a.CompletedAt.IsZero() {
		_ = put("completedAt", a.CompletedAt.UTC().Format(time.RFC3339Nano))
	}
	if a.Resource != "" {
		_ = put("resource", a.Resource)
	}
	switch {
	case len(a.RawData) > 0:
		m["data"] = a.RawData
	case a.Data != nil:
		if err := put("data", a.Data); err != nil {
			return nil, err
		}
	}
	return m, nil
}
