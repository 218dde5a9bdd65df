package engine

import "github.com/galley-lint/galley/internal/finding"

// AddContext fills in the Snippet and SourceLine of findings made from
// facts (as RunCorpus returns them) by reading again, once each, only the
// sources that have such findings. Sources that cannot be read, or have
// changed so that a location no longer fits, are left alone.
func AddContext(fs []finding.Finding, sources []Source) {
	addContext(fs, sources)
}
