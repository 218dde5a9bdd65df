//go:build !race

package stance

// raceEnabled is set when the race detector is on.
const raceEnabled = false
