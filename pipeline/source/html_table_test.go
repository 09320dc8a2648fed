package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/table"
)

// checkTables asserts what every table of doc promises: each cell's and
// context line's Text is the raw text at its span (pages joined by '\f',
// offsets in code points), cells lie on their row's one line in order,
// spans are at least 1 and stay on the grid, no two cells cover one grid
// slot, and context lines are non-blank, at most table.MaxContext, and
// stand between the previous table's end and the table's start.
func checkTables(t *testing.T, doc *Document) {
	t.Helper()
	raw := []rune(strings.Join(doc.Pages, "\f"))
	spanOK := func(where, text string, start, end int) bool {
		if start < 0 || start > end || end > len(raw) {
			t.Errorf("%s: span [%d,%d) outside the raw text (%d)", where, start, end, len(raw))
			return false
		}
		if got := string(raw[start:end]); got != text {
			t.Errorf("%s: Text %q, raw[%d:%d] %q", where, text, start, end, got)
			return false
		}
		if strings.TrimSpace(text) != text {
			t.Errorf("%s: Text %q has blanks around it", where, text)
		}
		return true
	}
	prevEnd := 0
	for i, tb := range doc.Tables {
		where := fmt.Sprintf("table %d", i)
		if tb.Page != 1 || tb.Cols < 1 || len(tb.Rows) == 0 || !tb.Ruled {
			t.Errorf("%s: Page %d, Cols %d, %d rows, Ruled %v", where, tb.Page, tb.Cols, len(tb.Rows), tb.Ruled)
			continue
		}
		first, last := -1, 0
		until := make([]int, tb.Cols) // per grid column, the row a span above covers it until
		for r, row := range tb.Rows {
			if row.Page != 1 {
				t.Errorf("%s row %d: Page %d", where, r, row.Page)
			}
			for k, c := range row.Cells {
				cw := fmt.Sprintf("%s row %d cell %d", where, r, k)
				if !spanOK(cw, c.Text, c.Start, c.End) {
					continue
				}
				if strings.ContainsAny(c.Text, "\t\n\f") {
					t.Errorf("%s: Text %q holds a tab or line break", cw, c.Text)
				}
				if c.ColSpan < 1 || c.RowSpan < 1 || c.Col < 0 || c.Col+c.ColSpan > tb.Cols || r+c.RowSpan > len(tb.Rows) {
					t.Errorf("%s: Col %d ColSpan %d RowSpan %d off the %d×%d grid", cw, c.Col, c.ColSpan, c.RowSpan, len(tb.Rows), tb.Cols)
				}
				if k > 0 && (c.Col <= row.Cells[k-1].Col || c.Start < row.Cells[k-1].End) {
					t.Errorf("%s: out of order after the cell before", cw)
				}
				if c.Start < last {
					t.Errorf("%s: starts at %d, before the row above ends (%d)", cw, c.Start, last)
				}
				for cc := c.Col; cc < min(c.Col+c.ColSpan, tb.Cols); cc++ {
					if until[cc] > r {
						t.Errorf("%s: grid column %d covered by a cell above", cw, cc)
					}
					until[cc] = r + c.RowSpan
				}
				if first < 0 {
					first = c.Start
				}
			}
			if n := len(row.Cells); n > 0 {
				if s, e := row.Cells[0].Start, row.Cells[n-1].End; strings.ContainsAny(string(raw[s:e]), "\n\f") {
					t.Errorf("%s row %d: cells on more than one line: %q", where, r, string(raw[s:e]))
				}
				last = row.Cells[n-1].End
			}
		}
		if len(tb.Context) > table.MaxContext {
			t.Errorf("%s: %d context lines", where, len(tb.Context))
		}
		for j, l := range tb.Context {
			lw := fmt.Sprintf("%s context %d", where, j)
			if !spanOK(lw, l.Text, l.Start, l.End) {
				continue
			}
			if l.Text == "" || strings.ContainsAny(l.Text, "\n\f") {
				t.Errorf("%s: %q is not one non-blank line", lw, l.Text)
			}
			if l.Start < prevEnd || l.End > first || j > 0 && l.Start <= tb.Context[j-1].End {
				t.Errorf("%s: [%d,%d) not between the previous table (%d) and this one (%d) in order", lw, l.Start, l.End, prevEnd, first)
			}
		}
		prevEnd = last
	}
}

// htmlDoc reads page as an HTML file and checks its tables.
func htmlDoc(t *testing.T, page string) *Document {
	t.Helper()
	doc, err := ReadBytes(context.Background(), "t.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusOK {
		t.Fatalf("Status %s: %s", doc.Status, doc.Error)
	}
	checkTables(t, doc)
	return doc
}

// cellTexts lists a row's cell texts with their grid places.
func cellTexts(r table.Row) string {
	var b strings.Builder
	for i, c := range r.Cells {
		if i > 0 {
			b.WriteString(" | ")
		}
		fmt.Fprintf(&b, "%s@%d", c.Text, c.Col)
		if c.ColSpan > 1 || c.RowSpan > 1 {
			fmt.Fprintf(&b, "(%dx%d)", c.RowSpan, c.ColSpan)
		}
	}
	return b.String()
}

func contextTexts(tb table.Table) []string {
	var out []string
	for _, l := range tb.Context {
		out = append(out, l.Text)
	}
	return out
}

func TestHTMLTable(t *testing.T) {
	doc := htmlDoc(t, `<html><body><p>前文</p>
<h>一、主要会计数据</h><br/><p>  单位：元 币种：人民币 </p><br/><br/><br/>
<table border=1>
<tr><th rowspan="2">项目</th><th colspan="2">2019 年</th><th rowspan=2>增减</th></tr>
<tr><th>上半年</th><th>下半年</th></tr>
<tr><td>营业收入</td><td>1,000.00</td><td></td><td>8.20%</td></tr>
<tr><td>净利润<br>（元）</td><td colspan=2> 500.00 </td><td>  </td></tr>
<tr><td><p>每股</p><p>收益</p></td><td rowspan="0">0.5</td><td colspan=x>0.6</td><td>-</td></tr>
<tr><td>末行</td><td>1</td><td>2</td></tr>
</table><p>后文</p></body></html>`)
	text := doc.Pages[0]
	// The text is what the reader has always written: a row a line, its
	// cells between tabs, a line break inside a cell a blank.
	wantText := "前文\n一、主要会计数据\n\n单位：元 币种：人民币\n\n" +
		"项目\t2019 年\t增减\n上半年\t下半年\n营业收入\t1,000.00\t\t8.20%\n" +
		"净利润 （元）\t 500.00\t\n每股 收益\t0.5\t0.6\t-\n末行\t1\t2\n后文"
	if text != wantText {
		t.Errorf("text:\n%q\nwant\n%q", text, wantText)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(doc.Tables))
	}
	tb := doc.Tables[0]
	if tb.Cols != 4 || tb.Page != 1 {
		t.Errorf("Cols %d Page %d, want 4 and 1", tb.Cols, tb.Page)
	}
	want := []string{
		"项目@0(2x1) | 2019 年@1(1x2) | 增减@3(2x1)",
		"上半年@1 | 下半年@2",
		"营业收入@0 | 1,000.00@1 | @2 | 8.20%@3",
		"净利润 （元）@0 | 500.00@1(1x2) | @3",
		"每股 收益@0 | 0.5@1(2x1) | 0.6@2 | -@3",
		"末行@0 | 1@2 | 2@3",
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(tb.Rows), len(want))
	}
	for i, r := range tb.Rows {
		if got := cellTexts(r); got != want[i] {
			t.Errorf("row %d: %s\nwant   %s", i, got, want[i])
		}
	}
	// An empty cell stands where it would be: just after its tab.
	if c := tb.Rows[2].Cells[2]; c.Start != c.End || c.Start != tb.Rows[2].Cells[1].End+1 {
		t.Errorf("empty cell at [%d,%d), the cell before ends at %d", c.Start, c.End, tb.Rows[2].Cells[1].End)
	}
	if got := strings.Join(contextTexts(tb), "|"); got != "前文|一、主要会计数据|单位：元 币种：人民币" {
		t.Errorf("context %q", got)
	}
	if c := tb.Rows[0].Cell(2); c == nil || c.Text != "2019 年" {
		t.Errorf("Row.Cell(2) = %v, want the 2019 年 header", c)
	}
}

func TestHTMLTableContext(t *testing.T) {
	doc := htmlDoc(t, `<p>一</p><p>二</p><p>三</p><p>四</p><p>五</p><p>六</p>
<table><tr><td>a</td><td>1</td></tr></table>
<p>单位：万元</p>
<table><tr><td>b</td><td>2</td></tr></table>
<table><tr><td>c</td><td>3</td></tr></table>`)
	if len(doc.Tables) != 3 {
		t.Fatalf("%d tables, want 3", len(doc.Tables))
	}
	for i, want := range []string{"三|四|五|六", "单位：万元", ""} {
		if got := strings.Join(contextTexts(doc.Tables[i]), "|"); got != want {
			t.Errorf("table %d context %q, want %q", i, got, want)
		}
	}
}

func TestHTMLTableNested(t *testing.T) {
	doc := htmlDoc(t, `<p>标题</p><table>
<tr><td>外</td><td>x<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>y</td><td>z</td></tr>
<tr><td>下</td><td><table></table></td><td><pre>保留
  空格</pre></td></tr>
</table>`)
	// Only the outer table is recorded; the inner one's rows are written
	// into the cell they stand in, blanks between its cells and rows.
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables, want 1 (the outer)", len(doc.Tables))
	}
	if want := "标题\n外\tx a b c y\tz\n下\t\t保留 空格"; doc.Pages[0] != want {
		t.Errorf("text %q, want %q", doc.Pages[0], want)
	}
	tb := doc.Tables[0]
	if tb.Cols != 3 || len(tb.Rows) != 2 {
		t.Fatalf("Cols %d, %d rows; want 3 and 2", tb.Cols, len(tb.Rows))
	}
	if got := cellTexts(tb.Rows[0]); got != "外@0 | x a b c y@1 | z@2" {
		t.Errorf("row 0: %s", got)
	}
	if got := cellTexts(tb.Rows[1]); got != "下@0 | @1 | 保留 空格@2" {
		t.Errorf("row 1: %s", got)
	}
}

func TestHTMLTableWithoutRows(t *testing.T) {
	doc := htmlDoc(t, `<p>前</p><table></table><table><caption>说明</caption><tr></tr></table><table/><p>后</p>
<table><tr><td>一</td></tr></table>`)
	if want := "前\n说明\n后\n一"; doc.Pages[0] != want {
		t.Errorf("text %q, want %q", doc.Pages[0], want)
	}
	// Tables without rows are not recorded; the one table left has the
	// lines above it, a caption of an empty table among them.
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(doc.Tables))
	}
	if got := strings.Join(contextTexts(doc.Tables[0]), "|"); got != "前|说明|后" {
		t.Errorf("context %q", got)
	}
}

func TestHTMLTableMalformed(t *testing.T) {
	// Unclosed tags, cells without rows, a huge colspan, a table that
	// never ends: the reader records what it can and keeps its promises.
	for _, page := range []string{
		`<table><td>a<td>b<tr><td>c`,
		`<table><tr><td colspan=999999999>a</td><td rowspan=999999999>b</td></tr><tr><td>c</td></tr>`,
		`<td>outside</td><tr><td>x</td></tr><table><tr><td>1</td></tr><table><tr><td>2</td></tr></table></table>`,
		"<pre>a  \n\n\n\n  \nb</pre><table><tr><td>\r\nc\f</td></tr></table>",
	} {
		doc := htmlDoc(t, page)
		if len(doc.Tables) == 0 {
			t.Errorf("%q: no table", page)
		}
	}
}

// FuzzHTMLTables checks the span promise of tables on any HTML.
func FuzzHTMLTables(f *testing.F) {
	f.Add(`<p>单位：元</p><table><tr><th rowspan=2>a</th><td colspan=2>b</td></tr><tr><td>c<br>d</td><td></td></tr></table>`)
	f.Add(`<table><tr><td>x<table><tr><td>1</td></tr></table></td></tr></table><pre>  p  </pre>`)
	f.Fuzz(func(t *testing.T, page string) {
		doc, err := ReadBytes(context.Background(), "f.html", []byte(page))
		if err != nil {
			t.Fatal(err)
		}
		checkTables(t, doc)
	})
}

// corpusHTML reads a corpus HTML file, checks its tables, and checks
// that its raw text is the one the reader wrote before it read tables
// (by SHA-256): fact keys hold offsets into it, so reading tables must
// not move a character.
func corpusHTML(t *testing.T, name, sum string) *Document {
	t.Helper()
	doc, err := Read(context.Background(), testenv.CorpusFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusOK {
		t.Fatalf("Status %s: %s", doc.Status, doc.Error)
	}
	checkTables(t, doc)
	h := sha256.Sum256([]byte(strings.Join(doc.Pages, "\f")))
	if got := hex.EncodeToString(h[:]); got != sum {
		t.Errorf("raw text SHA-256 %s, want %s: the text moved", got, sum)
	}
	return doc
}

// findTable returns the first table with a row whose first cell is label.
func findTable(doc *Document, label string) (*table.Table, *table.Row) {
	for i := range doc.Tables {
		for j := range doc.Tables[i].Rows {
			r := &doc.Tables[i].Rows[j]
			if len(r.Cells) > 0 && r.Cells[0].Col == 0 && r.Cells[0].Text == label {
				return &doc.Tables[i], r
			}
		}
	}
	return nil, nil
}

func TestHTMLTablesHaixiang(t *testing.T) {
	doc := corpusHTML(t, "ar2019_haixiang_pharma_annual_report.html", "b5482956f0b934558d2c04ebd755259f4c4fb809051a8caffa3e0f302868cca7")
	if len(doc.Tables) != 354 {
		t.Errorf("%d tables, want the 354 of the markup", len(doc.Tables))
	}
	tb, r := findTable(doc, "营业收入（元）")
	if tb == nil {
		t.Fatal("no table with a 营业收入（元） row (主要会计数据)")
	}
	if tb.Cols != 5 {
		t.Errorf("主要会计数据: %d columns, want 5", tb.Cols)
	}
	if got := cellTexts(tb.Rows[0]); got != "@0 | 2019 年@1 | 2018 年@2 | 本年比上年增减@3 | 2017 年@4" {
		t.Errorf("主要会计数据 header: %s", got)
	}
	if got := cellTexts(*r); got != "营业收入（元）@0 | 2,941,412,770.30@1 | 2,718,608,796.51@2 | 8.20%@3 | 2,308,922,170.29@4" {
		t.Errorf("营业收入 row: %s", got)
	}
	if !slicesHas(contextTexts(*tb), "六、主要会计数据和财务指标") {
		t.Errorf("主要会计数据 context %q", contextTexts(*tb))
	}
	// A cell whose text wraps in the markup is one cell, the break a blank.
	if tb, _ := findTable(doc, "归属于上市公司股东的净利润 （元）"); tb == nil {
		t.Error("no 归属于上市公司股东的净利润 （元） row")
	}

	var quarterly *table.Table
	for i := range doc.Tables {
		for _, l := range doc.Tables[i].Context {
			if strings.Contains(l.Text, "分季度主要财务指标") {
				quarterly = &doc.Tables[i]
			}
		}
	}
	if quarterly == nil {
		t.Fatal("no table under 分季度主要财务指标")
	}
	if ctx := contextTexts(*quarterly); !slicesHas(ctx, "单位：元") {
		t.Errorf("分季度主要财务指标 context %q lacks 单位：元", ctx)
	}
	if got := cellTexts(quarterly.Rows[0]); got != "@0 | 第一季度@1 | 第二季度@2 | 第三季度@3 | 第四季度@4" {
		t.Errorf("quarterly header: %s", got)
	}

	// Row and column spans of the markup land on the grid.
	spans := 0
	for _, tb := range doc.Tables {
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				if c.RowSpan > 1 || c.ColSpan > 1 {
					spans++
				}
			}
		}
	}
	if spans < 300 {
		t.Errorf("%d spanning cells, want hundreds", spans)
	}
}

func TestHTMLTablesZhangjiajie(t *testing.T) {
	// pdftohtml output: lines of text ended by <br/>, <a name=N> page
	// anchors and <hr/> between pages, no table markup. Its tables are
	// not recovered from HTML (the PDF reader finds them in the PDF).
	doc := corpusHTML(t, "ar2016_zhangjiajie_tourism_annual_report.html", "c4f4de3bfa350ae467832096c03d13a9bfbb4d8885cc3fb2e0c96d53bcde7229")
	if len(doc.Tables) != 0 {
		t.Errorf("%d tables from HTML without table markup", len(doc.Tables))
	}
}

func slicesHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
