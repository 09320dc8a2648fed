package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cockroachdb/apd/v3"
	"github.com/xuri/excelize/v2"

	"reportfacts/pipeline/workbook"
)

// WriteTable writes the report for a terminal: a summary line per check,
// then every failed finding.
func WriteTable(w io.Writer, r *Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tCHECKED\tPASSED\tFAILED")
	for _, c := range AllChecks {
		failed := 0
		for _, f := range r.Findings {
			if f.Check == c && !f.Passed {
				failed++
			}
		}
		// Passed is what was checked less what failed, so that a report
		// cut down to its failures still says how much passed.
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", c, r.Checked[c], max(r.Checked[c]-failed, 0), failed)
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
	fmt.Fprintln(tw, "CHECK\tDOCUMENT\tPAGE\tDETAIL\tKEYS")
	for _, f := range failed {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Check, f.Document, pageText(f.Page),
			oneLine(f.Detail), strings.Join(f.FactKeys, ","))
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
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("write finding %d: %w", i, err)
		}
	}
	return nil
}

// WriteWorkbook writes an .xlsx with a sheet per check that found
// anything, one row a finding with its figures side by side.
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
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return fmt.Errorf("audit workbook: style: %w", err)
	}
	failStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "C00000", Bold: true}})
	if err != nil {
		return fmt.Errorf("audit workbook: style: %w", err)
	}
	// Texts quoted from documents can look like formulas.
	quote := workbook.NewQuoter(f)
	sheets := 0
	for _, c := range AllChecks {
		var rows []Finding
		for _, fd := range r.Findings {
			if fd.Check == c {
				rows = append(rows, fd)
			}
		}
		if len(rows) == 0 {
			continue
		}
		if sheets == 0 {
			if err := f.SetSheetName("Sheet1", c); err != nil {
				return fmt.Errorf("audit workbook: sheet %s: %w", c, err)
			}
		} else if _, err := f.NewSheet(c); err != nil {
			return fmt.Errorf("audit workbook: sheet %s: %w", c, err)
		}
		sheets++
		if err := writeCheckSheet(f, c, rows, header, failStyle, quote); err != nil {
			return err
		}
	}
	if sheets == 0 {
		if err := f.SetSheetName("Sheet1", "audit"); err != nil {
			return fmt.Errorf("audit workbook: sheet: %w", err)
		}
		if err := f.SetCellValue("audit", "A1", "no findings"); err != nil {
			return fmt.Errorf("audit workbook: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("audit workbook: write: %w", err)
	}
	return nil
}

// writeCheckSheet lays out one check's findings: verdict, document, page,
// detail, then each figure as role, text, value, unit in adjacent columns,
// then the sentence and the keys.
func writeCheckSheet(f *excelize.File, sheet string, rows []Finding, header, failStyle int, quote *workbook.Quoter) error {
	most := 0
	for _, fd := range rows {
		most = max(most, len(fd.Figures))
	}
	head := []interface{}{"结果 (passed)", "文档 (document)", "页 (page)", "详情 (detail)"}
	for i := 1; i <= most; i++ {
		head = append(head, fmt.Sprintf("角色%d (role)", i), fmt.Sprintf("原文%d (text)", i),
			fmt.Sprintf("数值%d (value)", i), fmt.Sprintf("单位%d (unit)", i))
	}
	head = append(head, "句子 (sentence)", "键 (keys)")
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("audit workbook: stream %s: %w", sheet, err)
	}
	widths := map[int]float64{1: 14, 2: 36, 3: 9, 4: 60, len(head) - 1: 60, len(head): 20}
	for col := len(head); col >= 1; col-- {
		wd, ok := widths[col]
		if !ok {
			wd = 14
		}
		if err := sw.SetColWidth(col, col, wd); err != nil {
			return fmt.Errorf("audit workbook: width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("audit workbook: panes: %w", err)
	}
	cells := make([]interface{}, len(head))
	for i, h := range head {
		cells[i] = excelize.Cell{StyleID: header, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return fmt.Errorf("audit workbook: header: %w", err)
	}
	for i, fd := range rows {
		verdict := excelize.Cell{Value: "通过"}
		if !fd.Passed {
			verdict = excelize.Cell{StyleID: failStyle, Value: "不符"}
		}
		row := []interface{}{verdict, fd.Document, nilIfZero(fd.Page), fd.Detail}
		for j := 0; j < most; j++ {
			if j >= len(fd.Figures) {
				row = append(row, nil, nil, nil, nil)
				continue
			}
			fg := fd.Figures[j]
			row = append(row, fg.Role, flat(fg.Text), numberOrText(fg.Value), fg.Unit)
		}
		row = append(row, fd.Sentence, strings.Join(fd.FactKeys, ","))
		if err := quote.Row(row); err != nil {
			return fmt.Errorf("audit workbook: row %d: %w", i+2, err)
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			return fmt.Errorf("audit workbook: row %d: %w", i+2, err)
		}
	}
	last, err := excelize.CoordinatesToCellName(len(head), len(rows)+1)
	if err != nil {
		return fmt.Errorf("audit workbook: range: %w", err)
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("audit workbook: autofilter: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("audit workbook: flush %s: %w", sheet, err)
	}
	return nil
}

func nilIfZero(n int) interface{} {
	if n == 0 {
		return nil
	}
	return n
}

// numberOrText writes a value that a number cell holds exactly (at most
// 15 significant digits) as a number, anything else as its text.
func numberOrText(v string) interface{} {
	if v == "" {
		return nil
	}
	d, _, err := apd.NewFromString(v)
	if err != nil || d.Form != apd.Finite {
		return v
	}
	d.Reduce(d)
	if d.NumDigits() > 15 {
		return v
	}
	f, err := strconv.ParseFloat(d.Text('f'), 64)
	if err != nil {
		return v
	}
	return f
}
