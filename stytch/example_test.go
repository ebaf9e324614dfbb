package stytch_test

import (
	"fmt"

	"github.com/typedhooks/typedhooks"
	"github.com/typedhooks/typedhooks/stytch"
	"github.com/typedhooks/typedhooks/typedhookstest"
)

func Example() {
	// Stytch's documented direct.user.create example, from the test kit.
	body := typedhookstest.Body("stytch", stytch.TypeDirectUserCreate)
	ev, err := stytch.Parse(body)
	if err != nil {
		panic(err)
	}
	switch e := ev.(type) {
	case *stytch.DirectUserCreate:
		fmt.Println(e.EventType(), e.User.UserID, e.User.Emails[0].Email)
	case *stytch.DirectUserDelete:
		fmt.Println("deleted", e.ID)
	case *typedhooks.Unknown:
		fmt.Println("no struct for", e.Type)
	}
	// Output: direct.user.create user-test-00000000-0000-0000-0000-000000000000 adalovelace@stytch.example.com
}

// A source, object type or action this package does not know yet still
// arrives, raw.
func Example_unknown() {
	body := []byte(`{"source":"PLATFORM","object_type":"user","action":"CREATE","id":"user-1"}`)
	ev, err := stytch.Parse(body)
	if err != nil {
		panic(err)
	}
	if u, ok := ev.(*typedhooks.Unknown); ok {
		fmt.Println(u.Type, string(u.Raw) == string(body))
	}
	// Output: platform.user.create true
}

// Every typed event reports the three parts of its type, whatever its
// object.
func ExampleEvent() {
	body := []byte(`{"source":"SCIM","object_type":"member","action":"UPDATE","id":"member-1","member":{"member_id":"member-1"}}`)
	ev, err := stytch.Parse(body)
	if err != nil {
		panic(err)
	}
	if e, ok := ev.(stytch.Event); ok {
		fmt.Println(e.Source(), e.ObjectType(), e.Action())
	}
	if m, ok := ev.(*stytch.SCIMMemberUpdate); ok {
		fmt.Println(m.Member.MemberID)
	}
	// Output:
	// scim member update
	// member-1
}

func ExampleLocateType() {
	t, err := stytch.LocateType([]byte(`{"action":"DELETE","object_type":"member","source":"DASHBOARD"}`))
	fmt.Println(t, err)
	// Output: dashboard.member.delete <nil>
}
