// Package report prints crawl results as text or JSON.
package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/acme/linkcheck/internal/crawler"
)

// Write prints the broken links (status 0 or >= 400) in the given format.
func Write(w io.Writer, results []crawler.Result, format string) error {
	var broken []crawler.Result
	for _, r := range results {
		if r.Status == 0 || r.Status >= 400 {
			broken = append(broken, r)
		}
	}
	if format == "json" {
		return json.NewEncoder(w).Encode(broken)
	}
	for _, r := range broken {
		fmt.Fprintf(w, "%d\t%s\n", r.Status, r.URL)
	}
	return nil
}
