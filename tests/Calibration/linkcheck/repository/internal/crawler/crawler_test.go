package crawler

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCrawlFindsBrokenLink(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Write([]byte(`<a href="/missing">x</a>`))
			return
		}
		http.NotFound(w, r)
	})
	server := httptest.NewServer(mux)
	defer server.Close()
	results, err := Crawl(server.URL+"/", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[1].Status != 404 {
		t.Fatalf("got %+v", results)
	}
}
