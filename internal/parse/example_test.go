package parse_test

import (
	"fmt"

	"github.com/galley-lint/galley/internal/parse"
	"github.com/galley-lint/galley/rules"
)

func ExampleParser_Parse() {
	lex, err := parse.LoadLexicon(rules.FS)
	if err != nil {
		panic(err)
	}
	p := parse.New(lex)
	doc, err := p.Parse("intro.md", []byte("# Intro\n\nRun `galley check`, e.g. on docs/. See https://example.com. Done!\n"))
	if err != nil {
		panic(err)
	}
	for _, b := range doc.ProseBlocks() {
		fmt.Printf("%s: %+q\n", b.Kind, b.Text)
		for _, s := range b.Sentences {
			sp := b.SourceSpan(int(s.Start), int(s.End))
			fmt.Printf("  line %d: %q\n", doc.Position(sp.Start).Line, doc.Text(sp))
		}
	}
	// Output:
	// heading: "Intro"
	//   line 1: "Intro"
	// paragraph: "Run \ufffc, e.g. on docs/. See \ufffc. Done!"
	//   line 3: "Run `galley check`, e.g. on docs/."
	//   line 3: "See https://example.com."
	//   line 3: "Done!"
}

func ExampleWorker() {
	p := parse.New(nil)
	w := p.NewWorker()
	var words []string // kept across documents: copied out
	for _, src := range []string{"First *article*.", "Second one, longer."} {
		doc, err := w.Parse("a.md", []byte(src))
		if err != nil {
			panic(err)
		}
		// doc, its blocks and their tokens are valid until the next
		// Parse; the blocks' Text strings stay valid.
		for _, b := range doc.ProseBlocks() {
			for _, t := range b.Tokens {
				words = append(words, b.Text[t.Start:t.End])
			}
		}
	}
	fmt.Println(words)
	// Output:
	// [First article . Second one , longer .]
}
