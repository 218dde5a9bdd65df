//go:build race

package main

// raceBuild is true when the tests run with -race.
const raceBuild = true
