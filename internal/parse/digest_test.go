package parse

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
	"github.com/galley-lint/galley/internal/document"
)

// digest hashes everything a parse produces (blocks, text, pieces,
// sentences, tokens, directives, line table), so that two versions of the
// parser can be compared document by document.
func digest(doc *document.Document) uint64 {
	h := xxhash.New()
	var buf [8]byte
	num := func(v int) {
		binary.LittleEndian.PutUint64(buf[:], uint64(v))
		h.Write(buf[:])
	}
	str := func(s string) {
		num(len(s))
		h.WriteString(s)
	}
	num(int(doc.Format))
	num(doc.BOM)
	num(doc.LineCount())
	for n := 1; n <= doc.LineCount(); n++ {
		sp := doc.LineSpan(n)
		num(sp.Start)
		num(sp.End)
	}
	num(len(doc.Blocks))
	for _, b := range doc.Blocks {
		num(int(b.Kind))
		num(b.Span.Start)
		num(b.Span.End)
		num(b.Level)
		num(b.Quoted)
		str(b.Text)
		num(len(b.Pieces))
		for _, p := range b.Pieces {
			num(p.Text)
			num(p.TextEnd)
			num(p.Src)
			num(p.SrcEnd)
			if p.Verbatim {
				num(1)
			} else {
				num(0)
			}
		}
		num(len(b.Sentences))
		for _, s := range b.Sentences {
			num(int(s.Start))
			num(int(s.End))
		}
		num(len(b.Tokens))
		for _, t := range b.Tokens {
			num(int(t.Start))
			num(int(t.End))
			num(int(t.Kind))
		}
	}
	num(len(doc.Directives))
	for _, d := range doc.Directives {
		num(int(d.Kind))
		num(d.Line)
		num(d.Span.Start)
		num(d.Span.End)
		str(strings.Join(d.Rules, "\x00"))
	}
	return h.Sum64()
}

// TestCorpusDigest compares the parse of every corpus file (as Markdown and
// as plain text) with digests written by an earlier version of the parser:
// GALLEY_PARSE_DIGEST_WRITE=file writes them, GALLEY_PARSE_DIGEST=file
// compares. It guards optimisations that must not change any output.
func TestCorpusDigest(t *testing.T) {
	write, compare := os.Getenv("GALLEY_PARSE_DIGEST_WRITE"), os.Getenv("GALLEY_PARSE_DIGEST")
	if write == "" && compare == "" {
		t.Skip("set GALLEY_PARSE_DIGEST_WRITE=file or GALLEY_PARSE_DIGEST=file")
	}
	names, data := corpusFiles(t, 1<<30)
	p := testParser(t)
	w := p.NewWorker()
	var lines []string
	for i, name := range names {
		rel, _ := filepath.Rel(corpusDir(t), name)
		for _, format := range []document.Format{document.Markdown, document.PlainText} {
			sum := "error"
			if doc, err := p.ParseAs(name, data[i], format); err == nil {
				sum = fmt.Sprintf("%016x", digest(doc))
				// A Worker, reusing the storage of the document
				// before, gives the same document.
				wdoc, err := w.ParseAs(name, data[i], format)
				if err != nil || digest(wdoc) != digest(doc) {
					t.Errorf("%s as %s: Worker's document differs from Parser's (err %v)", rel, format, err)
				}
			} else {
				sum = "error " + err.Error()
			}
			lines = append(lines, fmt.Sprintf("%s %s %s", format, rel, sum))
		}
	}
	if write != "" {
		if err := os.WriteFile(write, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(compare)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	i, bad := 0, 0
	for sc.Scan() {
		if i >= len(lines) {
			t.Fatalf("more digests in %s than documents", compare)
		}
		if sc.Text() != lines[i] {
			bad++
			if bad <= 10 {
				t.Errorf("digest differs:\n got %s\nwant %s", lines[i], sc.Text())
			}
		}
		i++
	}
	if i != len(lines) {
		t.Fatalf("%d digests in %s, %d documents", i, compare, len(lines))
	}
	if bad > 0 {
		t.Fatalf("%d of %d documents differ", bad, len(lines))
	}
}
