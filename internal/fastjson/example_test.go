package fastjson_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/typedhooks/typedhooks/internal/fastjson"
)

func ExampleDecoder_Decode() {
	type order struct {
		ID    string   `json:"id"`
		Items []string `json:"items"`
	}
	d := fastjson.For(reflect.TypeFor[order]())
	for _, body := range []string{
		`{"id":"o-1","items":["a","b"],"note":"members without a field are checked and skipped"}`,
		`{"ID":"o-2"}`, // matched only case-insensitively: declined
	} {
		var o order
		if d.Decode([]byte(body), unsafe.Pointer(&o), false) {
			fmt.Println("decoded:", o.ID, o.Items)
			continue
		}
		// Declined: start again from the zero value with encoding/json.
		o = order{}
		_ = json.Unmarshal([]byte(body), &o)
		fmt.Println("encoding/json:", o.ID, o.Items)
	}
	// Output:
	// decoded: o-1 [a b]
	// encoding/json: o-2 []
}
