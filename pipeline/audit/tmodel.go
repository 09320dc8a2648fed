package audit

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/table"
)

// The audit reads a document's tables from the table model the readers
// stored with it (pipeline/table), and puts each table fact in its cell by
// offsets: a fact whose [Start, End) lies inside a cell's [Start, End) is
// that cell's figure. Rows then have labels (the cells left of the first
// column of figures, a label spanning rows from above included), columns
// have headers (the header rows over them), and the checks of tables
// (tables.go) read figures by row and column instead of guessing them
// from the text between numbers.

// tRowKind tells a table's rows apart.
type tRowKind int

const (
	tBody   tRowKind = iota // figures, or a label whose cells are blank
	tHeader                 // names the columns: words over the columns of figures
	tTitle                  // a line over the whole table: 主营业务分行业情况
	tMarker                 // a section label ending in a colon: 流动资产：
	tLabel                  // a label alone that is neither (a wrapped label's last line)
)

// tRow is one row of a table.
type tRow struct {
	index int
	page  int
	kind  tRowKind
	// labels are the row's label cells left to right (spanning labels
	// from rows above included), without note references and row
	// numbers; item is the last, group the first when there are two.
	labels      []string
	item, group string
	// vals are the row's figures by grid column: the table fact of the
	// cell that starts at that column.
	vals map[int]store.FactRow
	// texts are the texts of the row's cells by grid column.
	texts map[int]string
	// header is the header text over each grid column in the row's
	// block (the header rows above it).
	header []string
	block  int
}

// tTable is one table of a document with its facts in its cells.
type tTable struct {
	doc   *docFacts
	index int
	tb    *table.Table
	title string // the context lines above the table, joined
	rows  []tRow
	// firstVal is the first grid column with a figure: label columns
	// stand left of it.
	firstVal int
	// totalParts are the rows each total row adds up, as read plainly.
	totalParts map[int][]int
	// src are the rows of the model the rows come from: those of tb, and
	// of the tables that continue it (an HTML table cut at a page
	// break).
	src []table.Row
}

// decodeTables reads a document's stored tables.
func decodeTables(doc store.DocumentRow) ([]table.Table, error) {
	if doc.Tables == "" {
		return nil, nil
	}
	var tables []table.Table
	if err := json.Unmarshal([]byte(doc.Tables), &tables); err != nil {
		return nil, fmt.Errorf("decode the stored tables of %s: %w", doc.Path, err)
	}
	return tables, nil
}

// isTableFact says whether a fact is a figure of a table cell by the
// extractors' table rule (not a header's date).
func isTableFact(f store.FactRow) bool {
	return strings.HasPrefix(f.Rule, "table.") && !strings.HasPrefix(f.Rule, "table.header")
}

// cellRef locates a cell in a document's tables.
type cellRef struct {
	table, row, cell int
	start, end       int
}

// placeFacts maps each table fact to the cell that holds it: the
// returned map is keyed by [table, row, cell].
func placeFacts(tables []table.Table, facts []store.FactRow) map[[3]int]store.FactRow {
	var refs []cellRef
	for ti := range tables {
		for ri, r := range tables[ti].Rows {
			for ci, c := range r.Cells {
				if c.End > c.Start {
					refs = append(refs, cellRef{ti, ri, ci, c.Start, c.End})
				}
			}
		}
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].start < refs[j].start })
	out := map[[3]int]store.FactRow{}
	for _, f := range facts {
		if !isTableFact(f) || f.End <= f.Start {
			continue
		}
		// The last cell starting at or before the fact.
		i := sort.Search(len(refs), func(i int) bool { return refs[i].start > f.Start }) - 1
		if i < 0 || f.End > refs[i].end {
			continue
		}
		k := [3]int{refs[i].table, refs[i].row, refs[i].cell}
		if _, dup := out[k]; !dup {
			out[k] = f
		}
	}
	return out
}

// buildTables lays out a document's tables with their facts.
func buildTables(df *docFacts, tables []table.Table) []*tTable {
	placed := placeFacts(tables, df.Facts)
	var out []*tTable
	var prev *tTable
	for ti := range tables {
		tb := &tables[ti]
		t := &tTable{doc: df, index: ti, tb: tb, firstVal: -1, totalParts: map[int][]int{}}
		var ctx []string
		for _, l := range tb.Context {
			ctx = append(ctx, strings.TrimSpace(l.Text))
		}
		t.title = strings.Join(ctx, "\n")
		if prev != nil && prev.index == ti-1 && continues(prev, tb, placed, ti) {
			// The rows go on in the table before.
			t = prev
		} else {
			prev = t
			out = append(out, t)
		}
		for ri, r := range tb.Rows {
			row := tRow{index: ri, page: r.Page, vals: map[int]store.FactRow{}, texts: map[int]string{}}
			for ci, c := range r.Cells {
				row.texts[c.Col] = strings.TrimSpace(c.Text)
				if f, ok := placed[[3]int{ti, ri, ci}]; ok && isNumericKind(f.Kind) {
					row.vals[c.Col] = f
					if t.firstVal < 0 || c.Col < t.firstVal {
						t.firstVal = c.Col
					}
				}
			}
			row.index = len(t.rows)
			t.rows = append(t.rows, row)
			t.src = append(t.src, r)
		}
		t.index = ti
	}
	var kept []*tTable
	for _, t := range out {
		if t.firstVal < 0 {
			continue // no figures: nothing to check
		}
		t.classify()
		kept = append(kept, t)
	}
	return kept
}

// continues says whether table tb (the ti-th) goes on from prev: the
// same columns, no title of its own above it, and figures in its first
// row, not a header.
func continues(prev *tTable, tb *table.Table, placed map[[3]int]store.FactRow, ti int) bool {
	if tb.Cols != prev.tb.Cols || len(tb.Rows) == 0 || len(prev.src) == 0 {
		return false
	}
	for _, l := range tb.Context {
		if txt := strings.TrimSpace(l.Text); txt != "" && !isCaption(txt) {
			return false
		}
	}
	for ci := range tb.Rows[0].Cells {
		if _, ok := placed[[3]int{ti, 0, ci}]; ok {
			return true
		}
	}
	return false
}

func isNumericKind(k string) bool {
	switch k {
	case extractors.KindMoney, extractors.KindCount, extractors.KindPercent, extractors.KindGrowth,
		extractors.KindPPChange, extractors.KindMultiple:
		return true
	}
	return false
}

// noteRef is a cell that refers to a note or numbers a row: 七、1,
// 附注五(1), 五、(一), 12.
var noteRef = regexp.MustCompile(`^(附注)?[一二三四五六七八九十]*[、.．]?[(（]?[0-9一二三四五六七八九十]*[)）]?[、.．]?[0-9]*$|^注[0-9一二三四五六七八九十]*$|^附注`)

// classify sets each row's kind, labels, block and header.
func (t *tTable) classify() {
	spanning := map[int]struct {
		text  string
		until int
	}{}
	block := 0
	// The grid's width: the model's, or wider where a cell reaches past
	// it.
	ncols := t.tb.Cols
	for _, r := range t.src {
		for _, c := range r.Cells {
			ncols = max(ncols, c.Col+max(c.ColSpan, 1))
		}
	}
	header := make([]string, ncols)
	var lastHeader string
	covered := map[int]int{} // grid column → the row a cell spanning rows reaches to
	for i := range t.rows {
		row := &t.rows[i]
		r := t.src[i]
		// A row under a cell that spans rows goes on with the row
		// above: it is no header.
		continued := false
		for col, until := range covered {
			if until > i && r.Cell(col) == nil {
				continued = true
			}
		}

		valueWords, labelWords, wide, valueCells := false, false, false, false
		wordCells := 0
		for _, c := range r.Cells {
			txt := strings.TrimSpace(c.Text)
			if c.Col >= t.firstVal {
				valueCells = true
			}
			if txt == "" || blankCell(txt) {
				continue
			}
			if c.Col >= t.firstVal {
				if hasHan(txt) || hasLetter(txt) || hasDigit(txt) {
					valueWords = true
					wordCells++
				}
			} else {
				labelWords = true
			}
			if c.Col < t.firstVal && c.Col+max(c.ColSpan, 1) > t.firstVal && max(c.ColSpan, 1) >= 2 {
				wide = true
			}
		}
		// Among body rows, a row of one word beside a label is a line
		// of a wrapped row (限公司 | 1-2年), not a header.
		midBody := i > 0 && t.rows[i-1].kind == tBody && wordCells < 2
		switch {
		case len(row.vals) > 0 || continued || midBody && valueWords:
			row.kind = tBody
		case isSubItem(rowText(r)) && labelName(rowText(r)) == "":
			row.kind = tLabel // 其中： alone, over the parts below it
		case wide && !valueWords:
			row.kind = tTitle
		case valueWords:
			row.kind = tHeader
		case labelWords && endsColon(row.texts):
			row.kind = tMarker
		case labelWords && breakdownName(rowText(r)) != "":
			row.kind = tTitle
		case labelWords && !valueCells:
			row.kind = tLabel
		default:
			row.kind = tBody // a blank row
		}
		if row.kind == tBody {
			// A body row's cells that span rows make the rows under
			// them part of it.
			for _, c := range r.Cells {
				if max(c.RowSpan, 1) > 1 {
					for k := c.Col; k < c.Col+max(c.ColSpan, 1); k++ {
						covered[k] = i + c.RowSpan
					}
				}
			}
		}
		// Labels, with those spanning rows from above.
		for col := 0; col < t.firstVal; col++ {
			c := r.Cell(col)
			text := ""
			switch {
			case c != nil && c.Col == col:
				text = strings.TrimSpace(c.Text)
				if max(c.RowSpan, 1) > 1 {
					spanning[col] = struct {
						text  string
						until int
					}{text, i + c.RowSpan}
				} else {
					delete(spanning, col)
				}
			case c == nil:
				if s, ok := spanning[col]; ok && s.until > i {
					text = s.text
				}
			}
			text = squeezeLabel(text)
			if text == "" || noteRef.MatchString(text) || !hasHan(text) && !hasLetter(text) {
				continue
			}
			row.labels = append(row.labels, text)
		}
		if n := len(row.labels); n > 0 {
			row.item = row.labels[n-1]
			if n >= 2 {
				row.group = row.labels[0]
			}
		}
		if row.kind == tHeader || row.kind == tTitle {
			// A header repeated after a page break goes on with the
			// block it repeats.
			txt := rowText(r)
			if row.kind == tHeader && txt == lastHeader {
				row.block = block
				row.header = header
				continue
			}
			switch {
			case row.kind == tTitle:
				// A section of the table under the header above it.
				block++
			case i == 0 || t.rows[i-1].kind != tHeader:
				block++
				header = make([]string, ncols)
			}
			if row.kind == tHeader {
				lastHeader = txt
				for col := 0; col < ncols; col++ {
					if c := r.Cell(col); c != nil {
						if w := squeezeLabel(c.Text); w != "" && !strings.Contains(header[col], w) {
							header[col] += w
						}
					}
				}
			}
		}
		row.block = block
		row.header = header
	}
}

func rowText(r table.Row) string {
	var parts []string
	for _, c := range r.Cells {
		parts = append(parts, strings.TrimSpace(c.Text))
	}
	return strings.Join(parts, "|")
}

func endsColon(texts map[int]string) bool {
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":") {
			return true
		}
	}
	return false
}

// squeezeLabel drops white space from a label: PDF text spaces out
// characters (合 计, 项 目).
func squeezeLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// bracketed are the remarks in brackets that labels carry: units,
// (或股东权益), (亏损以"－"号填列).
var bracketed = regexp.MustCompile(`[(（][^()（）]*[)）]`)

// ordinal is the numbering a label may start with: 一、 (一) 1. 1、
var ordinal = regexp.MustCompile(`^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[、．])`)

// numbered is a label numbered 1. 2. (not a decimal).
var numbered = regexp.MustCompile(`^[0-9]+\.([^0-9])`)

// labelName is a label without brackets, numbering, 其中/加/减 and
// colons: what it names.
func labelName(s string) string {
	s = squeezeLabel(s)
	for {
		t := bracketed.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	if m := ordinal.FindStringIndex(s); m != nil {
		s = s[m[1]:]
	} else if m := numbered.FindStringSubmatchIndex(s); m != nil {
		s = s[m[2]:]
	}
	for _, p := range []string{"其中：", "其中:", "其中", "加：", "加:", "减：", "减:", "：", ":"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimRight(s, "：:*＊")
	return s
}

// metricKey is the name under which figures of two tables are matched:
// the label's name without 的 and 后 (扣除非经常性损益后的净利润 and
// 扣除非经常性损益的净利润 are one metric).
func metricKey(s string) string {
	s = labelName(s)
	return strings.NewReplacer("的", "", "后", "", "（", "", "）", "", "(", "", ")", "").Replace(s)
}

var (
	totalSuffixes = []string{"合计", "总计", "小计"}
)

// totalWord returns 合计, 总计 or 小计 when a label names a total row.
func totalWord(label string) string {
	name := labelName(label)
	for _, w := range totalSuffixes {
		if strings.HasSuffix(name, w) {
			return w
		}
	}
	return ""
}

// totalName is what a total row totals: 流动资产 of 流动资产合计.
func totalName(label string) string {
	name := labelName(label)
	for _, w := range totalSuffixes {
		name = strings.TrimSuffix(name, w)
	}
	return name
}

func isSubItem(label string) bool {
	l := squeezeLabel(label)
	return strings.HasPrefix(l, "其中")
}

func isMinus(label string) bool {
	l := squeezeLabel(label)
	return strings.HasPrefix(l, "减：") || strings.HasPrefix(l, "减:")
}

// blankCell says whether a cell's text stands for no figure: blank, a
// dash, 不适用.
func blankCell(s string) bool {
	s = strings.TrimSpace(s)
	switch s {
	case "", "-", "--", "—", "——", "－", "/", "不适用", "无", "0", "0.00", "-0-", "–":
		return true
	}
	return false
}

// hasDigit says whether a text holds a digit: a cell with digits and no
// figure is one the extractors did not take.
func hasDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			return true
		}
	}
	return false
}

// breakdown names the kinds of breakdown of a measure: by industry, by
// product, by region.
var breakdown = regexp.MustCompile(`^(主营业务)?(按|分|按照)(行业|产品|地区|地域|销售模式|渠道)(分类)?(情况)?(项目)?$|^(主营业务)?(行业|产品|地区|地域|销售模式|渠道)分类(情况)?(项目)?$`)

// breakdownName is the kind of breakdown a section row or a header's
// label names (行业 of 分行业, 主营业务分行业情况, 行业分类), or "".
func breakdownName(s string) string {
	s = strings.Trim(labelName(strings.ReplaceAll(s, "|", "")), " ")
	m := breakdown.FindStringSubmatch(s)
	switch {
	case m == nil:
		return ""
	case m[3] != "":
		return m[3]
	}
	return m[8]
}

// numberLike is a cell's text made of a number's characters only.
var numberLike = regexp.MustCompile(`^[-−+0-9０-９,，.．\s%％()（）]+$`)

// broken says whether row i has a cell of digits the extractors took no
// figure from, or took a figure from only part of: a number split over
// two cells (12,900,000.0 | 0, 6 | ,554,259.9 9), which the audit cannot
// read.
func (t *tTable) broken(i int) bool {
	row := &t.rows[i]
	for col, txt := range row.texts {
		if col < t.firstVal {
			continue
		}
		f, ok := row.vals[col]
		if !ok {
			if hasDigit(txt) && numberLike.MatchString(txt) && !blankCell(txt) {
				return true
			}
			continue
		}
		if squeezeLabel(txt) != squeezeLabel(f.Text) && numberLike.MatchString(txt) {
			return true
		}
	}
	return false
}

// keyValue says whether a row pairs labels and figures across its cells
// (报告期内审批对子公司担保额度合计（B1） | 0 | 报告期内对子公司担保实际发生额
// 合计（B2） | 0): words stand among its figures, so it is no row of a
// column of figures.
func (t *tTable) keyValue(i int) bool {
	row := &t.rows[i]
	for col, txt := range row.texts {
		if col >= t.firstVal && hasHan(txt) && !blankCell(txt) {
			if _, ok := row.vals[col]; !ok {
				return true
			}
		}
	}
	return false
}
