// Command linkcheck crawls a site and reports broken links.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/acme/linkcheck/internal/crawler"
	"github.com/acme/linkcheck/internal/report"
)

func main() {
	depth := flag.Int("depth", 3, "how many links deep to follow")
	format := flag.String("format", "text", "text or json")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: linkcheck [-depth N] [-format text|json] URL")
		os.Exit(2)
	}
	results, err := crawler.Crawl(flag.Arg(0), *depth)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := report.Write(os.Stdout, results, *format); err != nil {
		os.Exit(1)
	}
}
