package cli

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// writeStats prints where a run spent its time, for --stats. Worker times
// are summed over workers, so they may add up to more than the wall time.
func writeStats(w io.Writer, rr *runResult) {
	t := rr.result.Timings
	secs := rr.elapsed.Seconds()
	fmt.Fprintf(w, "stats: files      %d\n", rr.result.Files)
	fmt.Fprintf(w, "stats: bytes      %d\n", rr.result.Bytes)
	fmt.Fprintf(w, "stats: wall       %s\n", round(rr.elapsed))
	if secs > 0 {
		fmt.Fprintf(w, "stats: throughput %.2f MB/s, %.0f files/s\n", float64(rr.result.Bytes)/1e6/secs, float64(rr.result.Files)/secs)
	}
	// Shares are of the worker time: loading, parsing and checking
	// (summed over workers) plus the corpus phase.
	work := t.Load + t.Parse + t.Corpus
	for _, d := range t.Checks {
		work += d
	}
	phase := func(name string, d time.Duration) {
		share := 0.0
		if work > 0 {
			share = 100 * float64(d) / float64(work)
		}
		fmt.Fprintf(w, "stats: %-23s %10s %5.1f%%\n", name, round(d), share)
	}
	phase("load", t.Load)
	phase("parse", t.Parse-t.Sentences)
	phase("sentences+tokens", t.Sentences)
	for _, fam := range t.Families() {
		phase("check "+fam, t.Checks[fam])
	}
	phase("corpus", t.Corpus)
	fmt.Fprintf(w, "stats: engine     %s\n", round(t.Total))
	if user, gc, idle, ok := goCPU(); ok {
		// Idle is processor time with nothing to run: a serial phase
		// (start-up, output, the corpus phase) leaves all but one idle.
		fmt.Fprintf(w, "stats: go cpu     user %.3fs, gc %.3fs, idle %.3fs (runtime estimates, whole process)\n", user, gc, idle)
	}
	if rss := peakRSS(); rss > 0 {
		fmt.Fprintf(w, "stats: peak RSS   %.1f MB\n", float64(rss)/1e6)
	} else {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		fmt.Fprintf(w, "stats: Go memory  %.1f MB (runtime Sys)\n", float64(ms.Sys)/1e6)
	}
}

func round(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}

// goCPU returns the runtime's estimates of the processor time the process
// has spent so far running Go code, collecting garbage and idle (over
// GOMAXPROCS processors), in seconds.
func goCPU() (user, gc, idle float64, ok bool) {
	samples := []metrics.Sample{
		{Name: "/cpu/classes/user:cpu-seconds"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/cpu/classes/idle:cpu-seconds"},
	}
	metrics.Read(samples)
	for _, s := range samples {
		if s.Value.Kind() != metrics.KindFloat64 {
			return 0, 0, 0, false
		}
	}
	return samples[0].Value.Float64(), samples[1].Value.Float64(), samples[2].Value.Float64(), true
}

// peakRSS returns the process's peak resident set size in bytes from
// /proc/self/status (Linux), or 0 when unavailable.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				if err == nil {
					return kb * 1024
				}
			}
		}
	}
	return 0
}
