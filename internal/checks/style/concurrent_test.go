package style

import (
	"sync"
	"testing"

	"github.com/galley-lint/galley/internal/check"
)

// TestConcurrentRuns runs each built check over many documents at once, as
// the engine does; with -race it shows the checks share no mutable state.
func TestConcurrentRuns(t *testing.T) {
	docs, _ := parseTree(t, "testdata", 1)
	if len(docs) == 0 {
		t.Fatal("no testdata documents")
	}
	for id, c := range buildChecks(t) {
		var wg sync.WaitGroup
		counts := make([]int, 4*len(docs))
		for i := range counts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				doc := docs[i%len(docs)]
				pass := &check.Pass{Check: c, Doc: doc,
					Report:     func(check.Diagnostic) { counts[i]++ },
					ExportFact: func(any) {},
				}
				if err := c.Run(pass); err != nil {
					t.Errorf("%s: %v", id, err)
				}
			}()
		}
		wg.Wait()
		for i := len(docs); i < len(counts); i++ {
			if counts[i] != counts[i%len(docs)] {
				t.Errorf("%s on %s: %d findings in one run, %d in another", id, docs[i%len(docs)].Path, counts[i], counts[i%len(docs)])
			}
		}
	}
}
