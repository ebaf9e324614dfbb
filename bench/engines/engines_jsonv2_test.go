//go:build goexperiment.jsonv2

package engines

import jsonv2 "encoding/json/v2"

// encoding/json/v2 exists on Go 1.26 only with GOEXPERIMENT=jsonv2.
func init() {
	engines = append(engines, engine{name: "encoding-json-v2", unmarshal: func(data []byte, v any) error {
		return jsonv2.Unmarshal(data, v)
	}})
}
