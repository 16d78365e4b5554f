// Package crawler follows links breadth-first within one host.
package crawler

import (
	"net/http"
	"net/url"

	"golang.org/x/net/html"
)

// Result is one checked link.
type Result struct {
	URL    string
	Status int
	From   string
}

// Crawl checks every link reachable from start within depth hops on the same host.
func Crawl(start string, depth int) ([]Result, error) {
	base, err := url.Parse(start)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var results []Result
	queue := []string{base.String()}
	for d := 0; d <= depth && len(queue) > 0; d++ {
		var next []string
		for _, page := range queue {
			if seen[page] {
				continue
			}
			seen[page] = true
			resp, err := http.Get(page)
			if err != nil {
				results = append(results, Result{URL: page, Status: 0})
				continue
			}
			results = append(results, Result{URL: page, Status: resp.StatusCode})
			doc, _ := html.Parse(resp.Body)
			resp.Body.Close()
			next = append(next, links(doc, base)...)
		}
		queue = next
	}
	return results, nil
}
