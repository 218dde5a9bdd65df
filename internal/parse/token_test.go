package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

func TestTokenize(t *testing.T) {
	kinds := map[document.TokenKind]string{document.Word: "W", document.Number: "N", document.Punct: "P", document.Symbol: "S"}
	tests := []struct{ text, want string }{
		{"", ""},
		{"  \n\t", ""},
		{"Hello, world!", "W:Hello P:, W:world P:!"},
		{"don’t can't rock 'n' roll", "W:don’t W:can't W:rock P:' W:n P:' W:roll"},
		{"e-mail self-improvement well--known -dash", "W:e-mail W:self-improvement W:well P:- P:- W:known P:- W:dash"},
		{"students' books", "W:students P:' W:books"},
		{"3.5 1,000 2019 3rd 1990s", "N:3.5 N:1,000 N:2019 W:3rd W:1990s"},
		{"2019-2020 1.2.3 end.", "N:2019-2020 N:1.2.3 W:end P:."},
		{"$5 + 10% = ~", "S:$ N:5 S:+ N:10 P:% S:= S:~"},
		{"Run \uFFFC now", "W:Run S:\uFFFC W:now"},
		{"Café naïve Ünïcödé", "W:Café W:naïve W:Ünïcödé"},
		{"e\u0301tude", "W:e\u0301tude"},
		{"👍🏽 ok ❤️ 👨‍👩‍👧", "S:👍🏽 W:ok S:❤️ S:👨‍👩‍👧"},
		{"“Quoted” — dash…", "P:“ W:Quoted P:” P:— W:dash P:…"},
		{"日本語のテキスト。", "W:日本語のテキスト P:。"},
		{"a\u00a0b\u200bc", "W:a W:b W:c"},
		{"x_y", "W:x P:_ W:y"},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.text) {
			got = append(got, fmt.Sprintf("%s:%s", kinds[tok.Kind], tt.text[tok.Start:tok.End]))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.text, g, tt.want)
		}
	}
}

func TestTokenizeInvalidUTF8(t *testing.T) {
	text := "ok \xff\xfe bad"
	toks := Tokenize(text)
	var prev int32
	for _, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(text) {
			t.Fatalf("bad token %+v", tok)
		}
		prev = tok.End
	}
}

func TestPlaceholderBytes(t *testing.T) {
	if p := string([]byte{placeholder0, placeholder1, placeholder2}); p != placeholderUTF8 || len(placeholderUTF8) != 3 {
		t.Fatalf("placeholder bytes %q, want %q", p, placeholderUTF8)
	}
}
