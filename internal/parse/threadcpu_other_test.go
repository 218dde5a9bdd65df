//go:build !linux

package parse

import "time"

// threadCPU is not available here.
func threadCPU() time.Duration { return 0 }
