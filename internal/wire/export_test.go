package wire

// Unmarshal decodes data into v, a pointer to a fresh struct, as
// [Registry.Parse] decodes an event (without owning data), for the
// differential tests.
func Unmarshal(data []byte, v any) error { return decode(data, v, false, decoderFor(v)) }
