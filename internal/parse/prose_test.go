package parse

import (
	"strings"
	"testing"

	"github.com/galley-lint/galley/internal/document"
)

func TestBareURLs(t *testing.T) {
	tests := []struct {
		src  string
		want []string // placeholder sources, in order
	}{
		{"See https://example.com.", []string{"https://example.com"}},
		{"See https://example.com/a?b=c&d=e, then go.", []string{"https://example.com/a?b=c&d=e"}},
		{"(see https://en.wikipedia.org/wiki/Foo_(bar)) and www.example.org/x!", []string{"https://en.wikipedia.org/wiki/Foo_(bar)", "www.example.org/x"}},
		{"Mail me@example.co.uk or x.y+z@mail-host.org.", []string{"me@example.co.uk", "x.y+z@mail-host.org"}},
		{"Go to http://localhost:8080/path or ftp://files.example.com/f.zip;", []string{"http://localhost:8080/path", "ftp://files.example.com/f.zip"}},
		{"URL “https://example.com/q” in quotes and 'http://x.io/a'.", []string{"https://example.com/q", "http://x.io/a"}},
		{"A link [https://example.com/doc](https://example.com/doc) as text.", []string{"https://example.com/doc"}},
		{"Snake https://example.com/a_b_c_d and *https://x.io/e*.", []string{"https://example.com/a_b_c_d", "https://x.io/e"}},
		{"Entity https://x.io/a&amp; end", []string{"https://x.io/a"}},
		{"Not URLs: e.g. a.b, 12:30, Note: x, www.nodot, foo@bar, @handle, mailto, http://, abc://.", nil},
		{"Any scheme: xhttps://example.com, git+ssh://host.io/r; not 3://4.", []string{"xhttps://example.com", "git+ssh://host.io/r"}},
		{"| https://a.io | b@c.de |\n|---|---|\n| x | y |", []string{"https://a.io", "b@c.de"}},
	}
	for _, tt := range tests {
		for _, f := range []document.Format{document.Markdown, document.PlainText} {
			if f == document.PlainText && strings.ContainsAny(tt.src, "[|*") {
				continue
			}
			doc := mustParse(t, f, tt.src)
			got := placeholders(doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%v %q:\n got %q\nwant %q", f, tt.src, got, tt.want)
			}
		}
	}
}

func TestTemplateTags(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`{{< figure src="/img/a.png" caption="A map" >}}`, []string{`{{< figure src="/img/a.png" caption="A map" >}}`}},
		{"Hello {{ .Name }}, see {% include note.html %} and {{{ raw }}}.", []string{"{{ .Name }}", "{% include note.html %}", "{{{ raw }}}"}},
		{"{{% notice %}}Text with https://a.io inside{{% /notice %}}", []string{"{{% notice %}}", "https://a.io", "{{% /notice %}}"}},
		{"Braces { alone } and {{ unclosed stay text.", nil},
	}
	for _, tt := range tests {
		for _, f := range []document.Format{document.Markdown, document.PlainText} {
			doc := mustParse(t, f, tt.src)
			got := placeholders(doc)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%v %q:\n got %q\nwant %q", f, tt.src, got, tt.want)
			}
		}
	}
}
