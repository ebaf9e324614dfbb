// Package engines measures the JSON engines that were candidates for
// typedhooks' typed-event decoder, on the library's own event structs and
// the providers' documented bodies.
//
// It is a module of its own so that the library does not depend on the
// engines it did not choose. typedhooks decodes with its own
// internal/fastjson and, when that declines, encoding/json; sonic, used
// for the declined bodies until it pulled some sixty packages into every
// program, stays here as a point of comparison (docs/PERFORMANCE.md). Its tests hold every candidate to what the
// choice needs (each fixture decodes exactly as encoding/json decodes it,
// and malformed JSON inside a member no field keeps is rejected); its
// benchmarks give the speed, with typedhooks' own Parse for reference:
//
//	cd bench/engines
//	go test -c -o /tmp/engines.test .
//	for i in 1 2 3 4 5 6; do /tmp/engines.test -test.run '^$' -test.bench . -test.benchmem; done | tee engines.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /engine engines.txt
//
// and the same with GOEXPERIMENT=jsonv2 set for go test -c.
//
// encoding/json/v2 is measured only with GOEXPERIMENT=jsonv2, the only way
// Go 1.26 offers it.
package engines
