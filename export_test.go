package typedhooks

// FastUnmarshalOwned is the sonic decode Parse runs on bodies fastjson
// declines (nil where sonic does not run), for BenchmarkDecode to measure
// exactly that rather than a copy of its configuration.
var FastUnmarshalOwned = fastUnmarshalOwned
