package source

import "github.com/ledongthuc/pdf"

// pageList walks a PDF's page tree once and returns its n pages in order,
// as Reader.Page(1…n) finds them. Reader.Page walks the tree from its root
// for every page, parsing every kid before the page again (ledongthuc
// keeps no parsed objects), which costs a tenth of reading a 200-page
// annual report; this walk parses each node once.
//
// It returns nil (ask Reader.Page) where the tree does not hold exactly n
// pages, nests deeper than 64, takes more than a bounded number of steps
// (a tree whose kids point back at their parents) or cannot be parsed.
func pageList(r *pdf.Reader, n int) (pages []pdf.Page) {
	defer func() {
		if recover() != nil {
			pages = nil
		}
	}()
	steps := 8*n + 1024
	var walk func(node pdf.Value, depth int) bool
	walk = func(node pdf.Value, depth int) bool {
		if depth > 64 {
			return false
		}
		kids := node.Key("Kids")
		for i := 0; i < kids.Len(); i++ {
			if steps--; steps < 0 {
				return false
			}
			kid := kids.Index(i)
			switch kid.Key("Type").Name() {
			case "Pages":
				if !walk(kid, depth+1) {
					return false
				}
			case "Page":
				if len(pages) == n {
					return false
				}
				pages = append(pages, pdf.Page{V: kid})
			}
		}
		return true
	}
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Key("Type").Name() != "Pages" || !walk(root, 0) || len(pages) != n {
		return nil
	}
	return pages
}
