//go:build race

package contradiction_test

// raceEnabled is set when the race detector is on: the corpus-wide test
// is skipped then (it takes minutes instrumented).
const raceEnabled = true
