package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
	ucli "github.com/urfave/cli/v2"

	"github.com/galley-lint/galley/internal/engine"
	"github.com/galley-lint/galley/internal/fix"
)

// shardFlags are check's flags for splitting a corpus over machines:
// --shard and --facts-out.
func shardFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: "shard", Usage: "check only shard `I/N` (1 <= I <= N) of the files, chosen by a hash of each path; cross-article rules report nothing until 'galley merge' runs over every shard's --facts-out"},
		&ucli.StringFlag{Name: "facts-out", Usage: "write the per-article facts of cross-article rules to `FILE` (JSON Lines) for 'galley merge'"},
	}
}

// shardSpec is a parsed --shard I/N; the zero value selects everything.
type shardSpec struct {
	index, count int // 1 <= index <= count; count 0 means no sharding
}

// parseShard parses "I/N".
func parseShard(s string) (shardSpec, error) {
	if s == "" {
		return shardSpec{}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shardSpec{}, fmt.Errorf("want I/N with 1 <= I <= N, such as 1/4 (got %q)", s)
	}
	return shardSpec{index: i, count: n}, nil
}

// String returns "I/N", or "" for no sharding.
func (s shardSpec) String() string {
	if s.count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.index, s.count)
}

// has reports whether the shard holds path: the xxhash of the reported
// (slash-separated) path, modulo N, picks the shard, so a file stays in
// its shard however the corpus grows and whichever machine runs it.
func (s shardSpec) has(path string) bool {
	if s.count <= 1 {
		return true
	}
	return int(xxhash.Sum64String(path)%uint64(s.count)) == s.index-1
}

// factsVersion is the version of the facts file format.
const factsVersion = 1

// factsHeader is the first line of a facts file.
type factsHeader struct {
	// Galley is the facts format version (factsVersion).
	Galley int    `json:"galleyFacts"`
	Shard  string `json:"shard,omitempty"`
	Files  int    `json:"files"`
	Bytes  int64  `json:"bytes"`
}

// factsLine is every other line of a facts file: either one document's
// fact for one check (Check, Path, Fact) or one document's inline
// directives as far as corpus findings need them (Path, Suppressions).
type factsLine struct {
	Check        string              `json:"check,omitempty"`
	Path         string              `json:"path"`
	Fact         json.RawMessage     `json:"fact,omitempty"`
	Suppressions engine.Suppressions `json:"suppressions,omitempty"`
}

// writeFacts writes a run's facts and suppressions as JSON Lines: a
// header, then facts sorted by check ID and path, then suppressions sorted
// by path. The file is replaced atomically.
func writeFacts(path string, shard shardSpec, res *engine.Result) error {
	raw, err := engine.EncodeFacts(res.Facts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(factsHeader{Galley: factsVersion, Shard: shard.String(), Files: res.Files, Bytes: res.Bytes}); err != nil {
		return fmt.Errorf("encoding facts: %w", err)
	}
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, rf := range raw[id] {
			if err := enc.Encode(factsLine{Check: id, Path: rf.Path, Fact: rf.Fact}); err != nil {
				return fmt.Errorf("encoding facts: %w", err)
			}
		}
	}
	paths := make([]string, 0, len(res.Suppressions))
	for p := range res.Suppressions {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := enc.Encode(factsLine{Path: p, Suppressions: res.Suppressions[p]}); err != nil {
			return fmt.Errorf("encoding facts: %w", err)
		}
	}
	if err := fix.WriteFile(path, buf.Bytes()); err != nil {
		return fmt.Errorf("writing facts: %w", err)
	}
	return nil
}

// factsFile is what one facts file holds.
type factsFile struct {
	header       factsHeader
	facts        map[string][]engine.RawFact
	suppressions map[string]engine.Suppressions
}

// maxFactsLine is the longest line a facts file may have.
const maxFactsLine = 256 << 20

// readFacts reads a facts file written by writeFacts.
func readFacts(name string, r io.Reader) (*factsFile, error) {
	out := &factsFile{facts: map[string][]engine.RawFact{}, suppressions: map[string]engine.Suppressions{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxFactsLine)
	n := 0
	for sc.Scan() {
		n++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if n == 1 {
			if err := json.Unmarshal(b, &out.header); err != nil || out.header.Galley == 0 {
				return nil, fmt.Errorf("%s:1: not a galley facts file (write one with 'galley check --facts-out')", name)
			}
			if out.header.Galley != factsVersion {
				return nil, fmt.Errorf("%s:1: facts format version %d, this galley reads version %d", name, out.header.Galley, factsVersion)
			}
			continue
		}
		var l factsLine
		if err := json.Unmarshal(b, &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		switch {
		case l.Path == "":
			return nil, fmt.Errorf("%s:%d: no path", name, n)
		case l.Check != "" && len(l.Fact) > 0:
			out.facts[l.Check] = append(out.facts[l.Check], engine.RawFact{Path: l.Path, Fact: l.Fact})
		case l.Check == "" && len(l.Fact) == 0:
			out.suppressions[l.Path] = append(out.suppressions[l.Path], l.Suppressions...)
		default:
			return nil, fmt.Errorf("%s:%d: want a check with a fact, or suppressions", name, n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: empty facts file", name)
	}
	return out, nil
}

// readFactsFile opens and reads a facts file.
func readFactsFile(path string) (*factsFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading facts: %w", err)
	}
	defer f.Close()
	return readFacts(path, f)
}
