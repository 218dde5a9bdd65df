//go:build !race

package engine

// raceEnabled is true when tests run under the race detector.
const raceEnabled = false
