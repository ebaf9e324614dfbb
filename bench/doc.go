// Package bench holds the benchmarks that compare typedhooks' whole request
// path (read, verify, parse, dispatch) and its parts with the baselines a
// hand-written receiver would use, and a load test of the dispatcher behind a
// real HTTP server (build tag "load"). It has no API; its one job is proof
// of the performance claims in the README.
//
// Run the comparison with:
//
//	go test -run '^$' -bench . -count 6 ./bench/ | tee new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /impl new.txt
package bench
