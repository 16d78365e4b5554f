package report

import (
	"bytes"
	"testing"

	"github.com/acme/linkcheck/internal/crawler"
)

func TestOnlyBrokenLinksArePrinted(t *testing.T) {
	var out bytes.Buffer
	_ = Write(&out, []crawler.Result{{URL: "a", Status: 200}, {URL: "b", Status: 404}}, "text")
	if out.String() != "404\tb\n" {
		t.Fatalf("got %q", out.String())
	}
}
