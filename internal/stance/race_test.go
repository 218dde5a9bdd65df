//go:build race

package stance

// raceEnabled is set when the race detector is on: the tests that run
// every pattern list over every labelled sentence sample them then.
const raceEnabled = true
