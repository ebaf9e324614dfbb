package typedhooks_test

import (
	"encoding/json"
	"fmt"

	"github.com/typedhooks/typedhooks"
)

func ExampleTime() {
	var v struct {
		Millis  typedhooks.Time `json:"millis"`
		RFC3339 typedhooks.Time `json:"rfc3339"`
	}
	_ = json.Unmarshal([]byte(`{"millis":1696424259573,"rfc3339":"2024-11-21T06:47:49.555247073Z"}`), &v)
	fmt.Println(v.Millis.UTC())
	out, _ := json.Marshal(v)
	fmt.Println(string(out))
	// Output:
	// 2023-10-04 12:57:39.573 +0000 UTC
	// {"millis":1696424259573,"rfc3339":"2024-11-21T06:47:49.555247073Z"}
}

func ExampleID() {
	var v struct {
		TokenID typedhooks.ID `json:"tokenId"`
	}
	_ = json.Unmarshal([]byte(`{"tokenId": 15}`), &v)
	fmt.Println(v.TokenID == "15")
	// Output: true
}

func ExampleTime_Equal() {
	var a, b typedhooks.Time
	_ = json.Unmarshal([]byte(`1696424259573`), &a)
	_ = json.Unmarshal([]byte(`"2023-10-04T12:57:39.573Z"`), &b)
	fmt.Println(a == b, a.Equal(b), a.Equal(b.Time))
	// Output: false true true
}
