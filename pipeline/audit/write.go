package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/xuri/excelize/v2"

	"reportfacts/pipeline/store"
	"reportfacts/pipeline/workbook"
)

// WriteTable writes the report for a terminal: a summary line per check,
// then every failed finding.
func WriteTable(w io.Writer, r *Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tCHECKED\tPASSED\tFAILED\tINCOMPLETE\tREVIEWED")
	for _, c := range AllChecks {
		failed := 0
		for _, f := range r.Findings {
			if f.Check == c && f.IsFailed() {
				failed++
			}
		}
		// Passed is what was checked less the rest, so that a report
		// cut down to its failures still says how much passed.
		other := failed + r.Incomplete[c] + r.Reviewed[c]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\n", c, r.Checked[c], max(r.Checked[c]-other, 0), failed,
			r.Incomplete[c], r.Reviewed[c])
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write audit table: %w", err)
	}
	failed := r.Failed()
	if len(failed) == 0 {
		_, err := fmt.Fprintln(w, "\nno failed checks")
		return err
	}
	fmt.Fprintf(w, "\n%d failed:\n", len(failed))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tDOCUMENT\tPAGE\tDETAIL\tEXPECTED\tFOUND\tFINDING")
	for _, f := range failed {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Check, store.ShowPath(f.Document), pageText(f.Page),
			oneLine(f.Detail), oneLine(f.Expected), oneLine(f.Found), f.Key)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write audit table: %w", err)
	}
	return nil
}

// flat drops the layout's line breaks from a figure's text: a cell of
// several lines shows only its last in a row of one.
func flat(s string) string {
	return strings.NewReplacer("\n", "", "\r", "", "\f", "").Replace(s)
}

func pageText(p int) string {
	if p == 0 {
		return "-"
	}
	return strconv.Itoa(p)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// WriteJSONL writes one finding a line, as JSON.
func WriteJSONL(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, f := range r.Findings {
		// JSON holds text: a path that is not UTF-8 is written in its
		// readable, quoted form rather than with its bytes replaced.
		f.Document = store.ShowPath(f.Document)
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("write finding %d: %w", i, err)
		}
	}
	return nil
}

// The audit workbook: one sheet of findings, the failed first, with
// links to each document and page, and two columns an editor fills in: 审核
// (已核实 marks a failed finding reviewed, a known misprint, so that the
// next audit does not raise it again; 待审 reopens it) and 备注. `reportfacts
// review import` reads them back (ImportReviews).
const (
	// FindingsSheet is the audit workbook's sheet of findings.
	FindingsSheet = "Findings"

	colFindingKey = "键 (key)"
	colCheck      = "检查 (check)"
	colStatus     = "结果 (status)"
	colReview     = "审核 (review)"
	colNote       = "备注 (note)"
	colDocument   = "文档 (document)"
	colPage       = "页 (page)"
	colDetail     = "详情 (detail)"
	colExpected   = "应为 (expected)"
	colFound      = "实为 (found)"
	colFigures    = "数字 (figures)"
	colSentence   = "句子 (sentence)"
	colFactKeys   = "事实键 (fact keys)"
)

// findingColumns are the Findings sheet's columns, in order.
var findingColumns = []string{colFindingKey, colCheck, colStatus, colReview, colNote, colDocument, colPage,
	colDetail, colExpected, colFound, colFigures, colSentence, colFactKeys}

// The review labels of the 审核 column, and the labels of the statuses.
const (
	reviewPending  = "待审"
	reviewReviewed = "已核实"
)

var statusLabel = map[string]string{
	StatusPassed: "通过", StatusFailed: "不符", StatusIncomplete: "不完整", StatusReviewed: reviewReviewed,
}

// statusOrder puts the findings an editor has to act on first.
var statusOrder = map[string]int{StatusFailed: 0, StatusReviewed: 1, StatusIncomplete: 2, StatusPassed: 3}

// WriteWorkbook writes the findings to an .xlsx of one sheet, a row a
// finding.
func WriteWorkbook(w io.Writer, r *Report) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("audit workbook: close: %w", cerr)
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("audit workbook: excelize panicked: %v", p)
		}
	}()
	if err := f.SetSheetName("Sheet1", FindingsSheet); err != nil {
		return fmt.Errorf("audit workbook: sheet: %w", err)
	}
	rows := append([]Finding(nil), r.Findings...)
	sort.SliceStable(rows, func(i, j int) bool {
		return statusOrder[rows[i].status()] < statusOrder[rows[j].status()]
	})
	if err := writeFindings(f, rows, r.BaseDir); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("audit workbook: write: %w", err)
	}
	return nil
}

// writeFindings lays out the findings on the Findings sheet.
func writeFindings(f *excelize.File, rows []Finding, baseDir string) error {
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return fmt.Errorf("audit workbook: style: %w", err)
	}
	failStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "C00000", Bold: true}})
	if err != nil {
		return fmt.Errorf("audit workbook: style: %w", err)
	}
	linkStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	if err != nil {
		return fmt.Errorf("audit workbook: style: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("audit workbook: style: %w", err)
	}
	// Texts quoted from documents can look like formulas.
	quote := workbook.NewQuoter(f)
	sw, err := f.NewStreamWriter(FindingsSheet)
	if err != nil {
		return fmt.Errorf("audit workbook: stream: %w", err)
	}
	widths := []float64{18, 11, 9, 9, 24, 36, 6, 70, 24, 24, 60, 50, 20}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return fmt.Errorf("audit workbook: width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("audit workbook: panes: %w", err)
	}
	cells := make([]interface{}, len(findingColumns))
	for i, h := range findingColumns {
		cells[i] = excelize.Cell{StyleID: header, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return fmt.Errorf("audit workbook: header: %w", err)
	}
	for i, fd := range rows {
		st := fd.status()
		status := excelize.Cell{Value: statusLabel[st]}
		review := ""
		switch st {
		case StatusFailed:
			status.StyleID = failStyle
			review = reviewPending
		case StatusReviewed:
			review = reviewReviewed
		}
		// A cell holds text: a path that is not UTF-8 shows in its quoted
		// form, while the link, percent-escaped, leads to its exact bytes.
		shown := store.ShowPath(fd.Document)
		var doc, page interface{} = shown, nilIfZero(fd.Page)
		if target := documentLink(fd.Document, baseDir); target != "" {
			doc = excelize.Cell{StyleID: linkStyle, Formula: hyperlink(target, shown), Value: shown}
			if fd.Page > 0 && strings.EqualFold(filepath.Ext(fd.Document), ".pdf") {
				// A PDF viewer opens a file:// address at #page=N.
				page = excelize.Cell{StyleID: linkStyle, Formula: hyperlink(fmt.Sprintf("%s#page=%d", target, fd.Page),
					strconv.Itoa(fd.Page)), Value: fd.Page}
			}
		}
		row := []interface{}{fd.Key, fd.Check, status, review, fd.Review, doc, page,
			excelize.Cell{StyleID: wrap, Value: fd.Detail}, fd.Expected, fd.Found,
			excelize.Cell{StyleID: wrap, Value: figureLines(fd.Figures)}, fd.Sentence, strings.Join(fd.FactKeys, ",")}
		if err := quote.Row(row); err != nil {
			return fmt.Errorf("audit workbook: row %d: %w", i+2, err)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return fmt.Errorf("audit workbook: row %d: %w", i+2, err)
		}
	}
	last, err := excelize.CoordinatesToCellName(len(findingColumns), len(rows)+1)
	if err != nil {
		return fmt.Errorf("audit workbook: range: %w", err)
	}
	if err := f.AutoFilter(FindingsSheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("audit workbook: autofilter: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("audit workbook: flush: %w", err)
	}
	return nil
}

// figureLines writes a finding's figures a line each: role, text, value
// and unit, page, place and key.
func figureLines(figs []Figure) string {
	var b strings.Builder
	for i, g := range figs {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s: %s", g.Role, flat(g.Text))
		if g.Value != "" && g.Value != flat(g.Text) {
			fmt.Fprintf(&b, " = %s", g.Value)
		}
		if g.Unit != "" {
			fmt.Fprintf(&b, " %s", g.Unit)
		}
		if g.Page > 0 {
			fmt.Fprintf(&b, " (p.%d)", g.Page)
		}
		if g.Label != "" {
			fmt.Fprintf(&b, " [%s]", g.Label)
		}
		if g.Key != "" {
			fmt.Fprintf(&b, " %s", g.Key)
		}
	}
	return b.String()
}

// documentLink is the file:// address of a document, or "" for one read
// from standard input.
func documentLink(doc, baseDir string) string {
	if doc == "" || doc == "-" {
		return ""
	}
	path := doc
	if baseDir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(baseDir, path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return u.String()
}

// hyperlink is the formula of a link to target showing text.
func hyperlink(target, text string) string {
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	return "HYPERLINK(" + q(target) + "," + q(text) + ")"
}

func nilIfZero(n int) interface{} {
	if n == 0 {
		return nil
	}
	return n
}
