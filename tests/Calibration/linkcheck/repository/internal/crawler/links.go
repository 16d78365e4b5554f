package crawler

import (
	"net/url"

	"golang.org/x/net/html"
)

func links(n *html.Node, base *url.URL) []string {
	var out []string
	if n == nil {
		return out
	}
	if n.Type == html.ElementNode && n.Data == "a" {
		for _, a := range n.Attr {
			if a.Key == "href" {
				if u, err := base.Parse(a.Val); err == nil && u.Host == base.Host {
					out = append(out, u.String())
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, links(c, base)...)
	}
	return out
}
