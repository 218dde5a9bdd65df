//go:build !race

package contradiction_test

// raceEnabled is set when the race detector is on.
const raceEnabled = false
