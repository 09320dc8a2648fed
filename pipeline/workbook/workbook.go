// Package workbook owns the editors' Excel workbook in both directions: it
// writes the stored facts, with their current review, to a streamed .xlsx
// (sheet Facts, then Documents, and a hidden sheet Exported that keeps each
// fact's review as it was exported), and reads a reviewed workbook back
// into the edits its editor made, all or nothing, naming every bad row.
package workbook

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/xuri/excelize/v2"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// Sheet names.
const (
	FactsSheet     = "Facts"
	DocumentsSheet = "Documents"
	// ExportedSheet, hidden from editors, holds each exported fact's
	// review as it stood at export, so that an import can tell the rows an
	// editor changed from those left as they were.
	ExportedSheet = "Exported"
)

// column is one column of the Facts sheet.
type column struct {
	Header string  // Chinese label with the English field name in brackets
	Width  float64 // in characters
}

// factColumns are the Facts sheet's columns, in order. ReadReviews requires
// them in this order, so that a column an editor moved is noticed rather
// than read as another field.
var factColumns = []column{
	{"种类 (kind)", 10},
	{"原文 (text)", 18},
	{"数值 (value)", 18},
	{"亿元 (value_yi)", 12},
	{"单位 (unit)", 8},
	{"起 (from)", 11},
	{"止 (to)", 11},
	{"限定 (qualifier)", 9},
	{"基准 (basis)", 8},
	{"主体 (entity)", 16},
	{"指标 (metric)", 18},
	{"期间 (period)", 14},
	{"页 (page)", 6},
	{"起点 (start)", 9},
	{"终点 (end)", 9},
	{"句子 (sentence)", 60},
	{"规则 (rule)", 16},
	{"文档 (document)", 30},
	{"审核状态 (review_status)", 14},
	{"更正值 (corrected_value)", 16},
	{"备注 (note)", 24},
	{"键 (key)", 18},
	// The ids of the rules that chose the entity, metric and period
	// (README: Tracing a fact's fields), after the columns editors work
	// in: plain text, which an editor may hide.
	{"主体规则 (entity_rule)", 22},
	{"指标规则 (metric_rule)", 30},
	{"期间规则 (period_rule)", 22},
}

// addedFactColumns are the columns of factColumns that a workbook exported
// before they were added lacks: the reader takes their absence, not their
// moving, as it stands.
var addedFactColumns = map[int]bool{colEntityRule: true, colMetricRule: true, colPeriodRule: true}

// Indexes into factColumns (0-based) of the columns the reader needs.
const (
	colKind           = 0
	colValue          = 2
	colSentence       = 15
	colReviewStatus   = 18
	colCorrectedValue = 19
	colNote           = 20
	colKey            = 21
	colEntityRule     = 22
	colMetricRule     = 23
	colPeriodRule     = 24
)

// exportedColumns are the columns of the Exported sheet: a fact's key and
// its current review at export, the status in its stored (English) form and
// the time in RFC 3339, empty for a fact never reviewed.
var exportedColumns = []column{
	{"键 (key)", 18},
	{"审核状态 (review_status)", 12},
	{"更正值 (corrected_value)", 16},
	{"备注 (note)", 24},
	{"审核人 (reviewer)", 12},
	{"审核时间 (reviewed_at)", 32},
}

var documentColumns = []column{
	{"路径 (path)", 40},
	{"状态 (status)", 10},
	{"格式 (format)", 8},
	{"引擎 (engine)", 11},
	{"页数 (pages)", 8},
	{"事实数 (facts)", 9},
	{"错误 (error)", 40},
	{"警告 (warning)", 40},
	{"SHA-256 (sha256)", 66},
}

// Review statuses as the workbook shows them, keyed by their stored form.
var statusLabel = map[string]string{
	store.StatusPending:   "待审",
	store.StatusCorrect:   "正确",
	store.StatusWrong:     "错误",
	store.StatusCorrected: "已更正",
}

// statusLabels is the dropdown's list, in the order an editor reads it.
var statusLabels = []string{"待审", "正确", "错误", "已更正"}

// FactSource calls fn for each fact to export, in order, and returns the
// first error fn returns. store.Store.EachFact fits it with a filter bound.
type FactSource func(fn func(store.FactRow) error) error

// ExportStore writes the workbook of the facts that f selects and of every
// document in st.
func ExportStore(ctx context.Context, w io.Writer, st *store.Store, f store.FactFilter) error {
	docs, err := st.Documents(ctx)
	if err != nil {
		return fmt.Errorf("export: list documents: %w", err)
	}
	return Export(ctx, w, docs, func(fn func(store.FactRow) error) error {
		return st.EachFact(ctx, f, fn)
	})
}

// Export streams the workbook to w: sheet Facts with one row per fact that
// each yields (header frozen, autofilter, a review-status dropdown), then
// sheet Documents with one row per document. A nil each exports no facts.
// Text that a spreadsheet could take for a formula (see FormulaLike) is
// written with the quote prefix, so that it stays text when edited.
func Export(ctx context.Context, w io.Writer, docs []store.DocumentRow, each FactSource) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("export: close workbook: %w", cerr)
		}
	}()
	defer func() {
		// excelize is not expected to panic, but a bad cell must not take
		// the process down with it.
		if r := recover(); r != nil {
			err = fmt.Errorf("export: excelize panicked: %v", r)
		}
	}()
	if err := f.SetSheetName("Sheet1", FactsSheet); err != nil {
		return fmt.Errorf("export: name sheet %s: %w", FactsSheet, err)
	}
	if _, err := f.NewSheet(DocumentsSheet); err != nil {
		return fmt.Errorf("export: add sheet %s: %w", DocumentsSheet, err)
	}
	if _, err := f.NewSheet(ExportedSheet); err != nil {
		return fmt.Errorf("export: add sheet %s: %w", ExportedSheet, err)
	}
	// Hidden now, while the sheets are empty: hiding one reads every
	// sheet, which after streaming would parse the streamed rows back in.
	// Very hidden: Excel's menus do not offer to show it.
	if err := f.SetSheetVisible(ExportedSheet, false, true); err != nil {
		return fmt.Errorf("export: hide sheet %s: %w", ExportedSheet, err)
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := writeFacts(ctx, f, st, each); err != nil {
		return err
	}
	if err := writeDocuments(ctx, f, st, docs); err != nil {
		return err
	}
	// Facts, the renamed first sheet, is already the active one. Setting it
	// again would make excelize parse both streamed sheets back into
	// memory.
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export: write workbook: %w", err)
	}
	return nil
}

// styles are the cell styles of the Facts sheet, and the quote prefix
// every sheet's formula-like text gets.
type styles struct {
	header, wrap, integer, decimal, text int
	quote                                *Quoter
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}); err != nil {
		return s, fmt.Errorf("export: header style: %w", err)
	}
	if s.wrap, err = f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	}); err != nil {
		return s, fmt.Errorf("export: wrap style: %w", err)
	}
	// #,##0 groups thousands so that 155417000000 reads at a glance; the
	// general format keeps every decimal digit of a decimal value.
	if s.integer, err = f.NewStyle(&excelize.Style{NumFmt: 3}); err != nil {
		return s, fmt.Errorf("export: integer style: %w", err)
	}
	if s.decimal, err = f.NewStyle(&excelize.Style{NumFmt: 0}); err != nil {
		return s, fmt.Errorf("export: decimal style: %w", err)
	}
	// Text format (@) keeps a typed 2021-07 as written instead of turning
	// it into a spreadsheet date.
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return s, fmt.Errorf("export: text style: %w", err)
	}
	s.quote = NewQuoter(f)
	return s, nil
}

func writeFacts(ctx context.Context, f *excelize.File, st styles, each FactSource) error {
	sw, err := f.NewStreamWriter(FactsSheet)
	if err != nil {
		return fmt.Errorf("export: stream %s: %w", FactsSheet, err)
	}
	if err := setWidths(sw, factColumns); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return fmt.Errorf("export: freeze header: %w", err)
	}
	if err := sw.SetRow("A1", headerRow(factColumns, st.header), excelize.RowOpts{Height: 30}); err != nil {
		return fmt.Errorf("export: header row: %w", err)
	}
	ex, err := f.NewStreamWriter(ExportedSheet)
	if err != nil {
		return fmt.Errorf("export: stream %s: %w", ExportedSheet, err)
	}
	if err := setWidths(ex, exportedColumns); err != nil {
		return err
	}
	if err := ex.SetRow("A1", headerRow(exportedColumns, st.header)); err != nil {
		return fmt.Errorf("export: %s header row: %w", ExportedSheet, err)
	}
	if each == nil {
		each = func(func(store.FactRow) error) error { return nil }
	}
	row := 1
	err = each(func(fr store.FactRow) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		row++
		cells, err := factRow(fr, st)
		if err != nil {
			return fmt.Errorf("fact %s: %w", fr.Key, err)
		}
		exported := exportedRow(fr)
		if err := st.quote.Row(cells); err != nil {
			return fmt.Errorf("row %d: %w", row, err)
		}
		if err := st.quote.Row(exported); err != nil {
			return fmt.Errorf("row %d of %s: %w", row, ExportedSheet, err)
		}
		if err := sw.SetRow("A"+strconv.Itoa(row), cells); err != nil {
			return fmt.Errorf("write row %d: %w", row, err)
		}
		if err := ex.SetRow("A"+strconv.Itoa(row), exported); err != nil {
			return fmt.Errorf("write row %d of %s: %w", row, ExportedSheet, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export facts: %w", err)
	}
	last, err := excelize.CoordinatesToCellName(len(factColumns), row)
	if err != nil {
		return fmt.Errorf("export: range: %w", err)
	}
	// Filter and dropdown are set on the worksheet before Flush writes it:
	// the stream writer emits them after the rows.
	if err := f.AutoFilter(FactsSheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("export: autofilter: %w", err)
	}
	if row > 1 {
		if err := addStatusDropdown(f, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export: flush %s: %w", FactsSheet, err)
	}
	if err := ex.Flush(); err != nil {
		return fmt.Errorf("export: flush %s: %w", ExportedSheet, err)
	}
	return nil
}

// exportedRow is a fact's row of the Exported sheet. Every cell is text,
// so that a corrected value keeps its exact digits.
func exportedRow(fr store.FactRow) []interface{} {
	status := fr.ReviewStatus
	if status == "" {
		status = store.StatusPending
	}
	at := ""
	if !fr.ReviewedAt.IsZero() {
		at = fr.ReviewedAt.UTC().Format(time.RFC3339Nano)
	}
	cells := []interface{}{fr.Key, status, fr.CorrectedValue, fr.ReviewNote, fr.Reviewer, at}
	for i, c := range cells {
		if c == "" {
			cells[i] = nil
		}
	}
	return cells
}

func addStatusDropdown(f *excelize.File, lastRow int) error {
	col, err := excelize.ColumnNumberToName(colReviewStatus + 1)
	if err != nil {
		return fmt.Errorf("export: status column: %w", err)
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, lastRow)
	if err := dv.SetDropList(statusLabels); err != nil {
		return fmt.Errorf("export: status dropdown: %w", err)
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "审核状态", "请选择 待审、正确、错误 或 已更正")
	if err := f.AddDataValidation(FactsSheet, dv); err != nil {
		return fmt.Errorf("export: status dropdown: %w", err)
	}
	return nil
}

// setWidths sets the column widths last column first: excelize puts each
// new <col> before those already set, and Excel wants them in order.
func setWidths(sw *excelize.StreamWriter, cols []column) error {
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].Width); err != nil {
			return fmt.Errorf("export: width of column %d of %s: %w", i+1, sw.Sheet, err)
		}
	}
	return nil
}

func headerRow(cols []column, style int) []interface{} {
	cells := make([]interface{}, len(cols))
	for i, c := range cols {
		cells[i] = excelize.Cell{StyleID: style, Value: c.Header}
	}
	return cells
}

func factRow(fr store.FactRow, st styles) ([]interface{}, error) {
	cells := make([]interface{}, len(factColumns))
	cells[0] = fr.Kind
	cells[1] = oneLine(fr.Text)
	if fr.Value != "" {
		v, err := numberCell(fr.Value, st)
		if err != nil {
			return nil, fmt.Errorf("value: %w", err)
		}
		cells[2] = v
	}
	// 亿 of the fact's own currency: the unit column says which.
	if fr.Kind == extractors.KindMoney && fr.Value != "" {
		yi, err := inYi(fr.Value)
		if err != nil {
			return nil, fmt.Errorf("value in 亿: %w", err)
		}
		v, err := numberCell(yi, st)
		if err != nil {
			return nil, fmt.Errorf("value in 亿: %w", err)
		}
		cells[3] = v
	}
	cells[4] = fr.Unit
	cells[5] = fr.From
	cells[6] = fr.To
	cells[7] = fr.Qualifier
	cells[8] = fr.Basis
	cells[9] = fr.Entity
	cells[10] = fr.Metric
	cells[11] = fr.Period
	cells[12] = fr.Page
	cells[13] = fr.Start
	cells[14] = fr.End
	cells[colSentence] = excelize.Cell{StyleID: st.wrap, Value: oneLine(fr.Sentence)}
	cells[16] = fr.Rule
	cells[17] = store.ShowPath(fr.DocumentPath) // a cell holds text: a name not UTF-8 shows quoted
	status := fr.ReviewStatus
	if status == "" {
		status = store.StatusPending
	}
	label, ok := statusLabel[status]
	if !ok {
		return nil, fmt.Errorf("unknown review status %q", status)
	}
	cells[colReviewStatus] = label
	switch {
	case !isNumericKind(fr.Kind):
		// A date or period is corrected as text, in a cell formatted so.
		var v interface{}
		if fr.CorrectedValue != "" {
			v = fr.CorrectedValue
		}
		cells[colCorrectedValue] = excelize.Cell{StyleID: st.text, Value: v}
	case fr.CorrectedValue != "":
		// A numeric correction goes back as a number where it parses.
		if v, err := numberCell(fr.CorrectedValue, st); err == nil {
			cells[colCorrectedValue] = v
		} else {
			cells[colCorrectedValue] = fr.CorrectedValue
		}
	}
	if fr.ReviewNote != "" {
		cells[colNote] = fr.ReviewNote
	}
	cells[colKey] = fr.Key
	cells[colEntityRule] = fr.EntityRule
	cells[colMetricRule] = fr.MetricRule
	cells[colPeriodRule] = fr.PeriodRule
	for i, c := range cells {
		if s, ok := c.(string); ok && s == "" {
			cells[i] = nil // no empty shared strings
		}
	}
	return cells, nil
}

// maxExactDigits is how many significant digits an Excel number cell
// keeps; excelize cuts a float's text to as many.
const maxExactDigits = 15

// numberCell returns a cell holding the decimal s as a number when a number
// cell can hold it exactly: a decimal of at most 15 significant digits
// survives float64 and excelize writes back its shortest form, which is
// the same digits. A longer decimal is written as text, so that no digit
// is silently changed.
func numberCell(s string, st styles) (interface{}, error) {
	d, _, err := apd.NewFromString(s)
	if err != nil {
		return nil, fmt.Errorf("parse %q: %w", s, err)
	}
	if d.Form != apd.Finite {
		return nil, fmt.Errorf("parse %q: not a finite number", s)
	}
	d.Reduce(d)
	if d.NumDigits() > maxExactDigits {
		return d.Text('f'), nil
	}
	f, err := strconv.ParseFloat(d.Text('f'), 64)
	if err != nil {
		return nil, fmt.Errorf("parse %q: %w", s, err)
	}
	style := st.decimal
	if d.Exponent >= 0 {
		style = st.integer
	}
	return excelize.Cell{StyleID: style, Value: f}, nil
}

// inYi returns the decimal s divided by 10^8, exactly.
func inYi(s string) (string, error) {
	d, _, err := apd.NewFromString(s)
	if err != nil {
		return "", fmt.Errorf("parse %q: %w", s, err)
	}
	var q apd.Decimal
	// Dividing by a power of ten only moves the exponent: no rounding.
	q.Set(d)
	q.Exponent -= 8
	q.Reduce(&q)
	return q.Text('f'), nil
}

// oneLine drops the layout's line and page breaks from a value's text
// (超7400亿\n\n元 reads 超7400亿元), as the sentence already has them
// dropped: a cell of several lines shows only its last in a row of one.
// The database keeps the exact characters.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\f") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, s)
}

func isNumericKind(kind string) bool {
	switch kind {
	case extractors.KindDate, extractors.KindPeriod:
		return false
	}
	return true
}

func writeDocuments(ctx context.Context, f *excelize.File, st styles, docs []store.DocumentRow) error {
	sw, err := f.NewStreamWriter(DocumentsSheet)
	if err != nil {
		return fmt.Errorf("export: stream %s: %w", DocumentsSheet, err)
	}
	if err := setWidths(sw, documentColumns); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return fmt.Errorf("export: freeze document header: %w", err)
	}
	if err := sw.SetRow("A1", headerRow(documentColumns, st.header)); err != nil {
		return fmt.Errorf("export: document header: %w", err)
	}
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		cells := []interface{}{store.ShowPath(d.Path), d.Status, d.Format, d.Engine, d.Pages, d.Facts, d.Error, d.Warning, d.SHA256}
		for j, c := range cells {
			if s, ok := c.(string); ok && s == "" {
				cells[j] = nil
			}
		}
		if err := st.quote.Row(cells); err != nil {
			return fmt.Errorf("export: document %s: %w", store.ShowPath(d.Path), err)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), cells); err != nil {
			return fmt.Errorf("export: document %s: %w", store.ShowPath(d.Path), err)
		}
	}
	last, err := excelize.CoordinatesToCellName(len(documentColumns), len(docs)+1)
	if err != nil {
		return fmt.Errorf("export: document range: %w", err)
	}
	if err := f.AutoFilter(DocumentsSheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("export: document autofilter: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export: flush %s: %w", DocumentsSheet, err)
	}
	return nil
}
