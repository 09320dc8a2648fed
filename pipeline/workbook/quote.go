package workbook

import (
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// FormulaLike reports whether a spreadsheet program could take text s for
// a formula: it begins with =, +, - or @ (or their full-width forms, which
// an East Asian input method may hand over as the ASCII ones), or with a
// tab or carriage return, the characters OWASP's CSV-injection guidance
// names. Such text is stored as a string all the same; the danger is an
// editor's edit of the cell, or the sheet saved as CSV and opened again.
func FormulaLike(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// Quoter gives formula-like text cells the quote prefix, as Excel and
// LibreOffice do to text typed with a leading apostrophe: the cell shows
// and holds the text as it is, without the apostrophe, and stays text
// when an editor edits it. What an editor sees and what ReadReviews reads
// back are the text itself.
//
// excelize has no option for the prefix, so a Quoter adds to the
// workbook's cell formats a copy of each style it needs with quotePrefix
// set. It is not safe for concurrent use, nor beside other changes to the
// same file's styles.
type Quoter struct {
	f      *excelize.File
	quoted map[int]int // style → its copy with the quote prefix
}

// NewQuoter returns a Quoter adding its styles to f.
func NewQuoter(f *excelize.File) *Quoter {
	return &Quoter{f: f, quoted: map[int]int{}}
}

// Cell returns v as a stream writer's row takes it, with the quote prefix
// when v is formula-like text: a string, or an excelize.Cell holding one,
// whose style is then swapped for its quoted copy. Anything else, numbers
// among them, is returned as it is.
func (q *Quoter) Cell(v interface{}) (interface{}, error) {
	switch c := v.(type) {
	case string:
		if !FormulaLike(c) {
			return v, nil
		}
		style, err := q.style(0)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{StyleID: style, Value: c}, nil
	case excelize.Cell:
		s, ok := c.Value.(string)
		if !ok || !FormulaLike(s) || c.Formula != "" {
			return v, nil
		}
		style, err := q.style(c.StyleID)
		if err != nil {
			return nil, err
		}
		c.StyleID = style
		return c, nil
	}
	return v, nil
}

// Row applies Cell to every cell of row, in place.
func (q *Quoter) Row(row []interface{}) error {
	for i, v := range row {
		c, err := q.Cell(v)
		if err != nil {
			return err
		}
		row[i] = c
	}
	return nil
}

// style returns the quoted copy of style id, adding it the first time.
func (q *Quoter) style(id int) (int, error) {
	if qid, ok := q.quoted[id]; ok {
		return qid, nil
	}
	// GetStyle reads the style sheet in, where a new file has not yet.
	if _, err := q.f.GetStyle(id); err != nil {
		return 0, fmt.Errorf("quote prefix: style %d: %w", id, err)
	}
	ss := q.f.Styles
	if ss == nil || ss.CellXfs == nil || id < 0 || id >= len(ss.CellXfs.Xf) {
		return 0, fmt.Errorf("quote prefix: no cell format %d", id)
	}
	// A copy shares the original's pointers to its parts, which nothing
	// changes in place; only the prefix differs.
	xf := ss.CellXfs.Xf[id]
	on := true
	xf.QuotePrefix = &on
	ss.CellXfs.Xf = append(ss.CellXfs.Xf, xf)
	ss.CellXfs.Count = len(ss.CellXfs.Xf)
	qid := len(ss.CellXfs.Xf) - 1
	q.quoted[id] = qid
	return qid, nil
}
