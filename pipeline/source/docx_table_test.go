package source

import (
	"context"
	"strings"
	"testing"
)

// tcWith is a cell with the given cell properties (w:gridSpan, w:vMerge…).
func tcWith(props string, paras ...string) string {
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + strings.Join(paras, "") + "</w:tc>"
}

// docxDoc reads body as the body of a .docx and checks its tables.
func docxDoc(t *testing.T, body string) *Document {
	t.Helper()
	doc, err := ReadBytes(context.Background(), "t.docx", docxOf(t, body, ""))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusOK {
		t.Fatalf("Status %s: %s", doc.Status, doc.Error)
	}
	checkTables(t, doc)
	return doc
}

func TestDOCXTable(t *testing.T) {
	grid := `<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>`
	body := para(run("前文")) + para(run("二、主要会计数据")) + para(run("  单位：元  ")) +
		"<w:tbl><w:tblPr/>" + grid +
		row(tcWith(`<w:vMerge w:val="restart"/>`, para(run("项目"))),
			tcWith(`<w:gridSpan w:val="2"/><w:tcPrChange><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tcPrChange>`, para(run("2019年"))),
			tcWith(`<w:vMerge w:val="restart"/>`, para(run("备注")))) +
		row(tcWith(`<w:vMerge/>`, para()), cell(para(run("上半年"))), cell(para(run("下半年"))),
			tcWith(`<w:vMerge w:val="continue"/>`)) +
		row(cell(para(run("营业收入"))), cell(para(run("1,000")), para(run("元"))),
			cell(para(run("a"), `<w:r><w:br/></w:r>`, run("b\tc\nd"))), cell(para(run(" 8% ")))) +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tcWith(`<w:gridSpan w:val="3"/>`, para(run("跨三列"))) + `</w:tr>` +
		row(cell(para(run("外"))), cell(para(run("x")), "<w:tbl>"+row(cell(para(run("内1"))), cell(para(run("内2"))))+
			row(cell(para(run("内3"))))+"</w:tbl>", para(run("y"))), cell(), cell()) +
		"</w:tbl>" +
		para(run("后文"))
	doc := docxDoc(t, body)
	wantText := "前文\n二、主要会计数据\n  单位：元  \n" +
		"项目\t2019年\t备注\n\t上半年\t下半年\t\n营业收入\t1,000 元\ta b c d\t 8% \n跨三列\n外\tx 内1 内2 内3 y\t\t\n后文"
	if doc.Pages[0] != wantText {
		t.Errorf("text\n%q\nwant\n%q", doc.Pages[0], wantText)
	}
	if len(doc.Tables) != 1 {
		t.Fatalf("%d tables, want 1 (the nested one is part of its cell)", len(doc.Tables))
	}
	tb := doc.Tables[0]
	if tb.Cols != 4 || tb.Page != 1 || !tb.Ruled {
		t.Errorf("Cols %d Page %d Ruled %v, want 4, 1, true", tb.Cols, tb.Page, tb.Ruled)
	}
	want := []string{
		"项目@0(2x1) | 2019年@1(1x2) | 备注@3(2x1)",
		"上半年@1 | 下半年@2",
		"营业收入@0 | 1,000 元@1 | a b c d@2 | 8%@3",
		"跨三列@1(1x3)",
		"外@0 | x 内1 内2 内3 y@1 | @2 | @3",
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(tb.Rows), len(want))
	}
	for i, r := range tb.Rows {
		if got := cellTexts(r); got != want[i] {
			t.Errorf("row %d: %s\nwant   %s", i, got, want[i])
		}
	}
	if got := strings.Join(contextTexts(tb), "|"); got != "前文|二、主要会计数据|单位：元" {
		t.Errorf("context %q", got)
	}
}

func TestDOCXTableMerges(t *testing.T) {
	restart := tcWith(`<w:vMerge w:val="restart"/>`, para(run("合并")))
	cont := tcWith(`<w:vMerge/>`, para())
	body := para(run("一")) + para(run("二")) + para(run("三")) + para(run("四")) + para(run("五")) +
		"<w:tbl>" +
		row(restart, cell(para(run("1")))) +
		row(cont, cell(para(run("2")))) +
		row(cont, cell(para(run("3")))) +
		row(cell(para(run("新"))), cell(para(run("4")))) +
		row(cont, cell(para(run("5")))) + // continues nothing: a cell of its own
		"</w:tbl>" +
		para(run("单位：万元")) +
		"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid></w:tbl>" + // no rows: not a table
		"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" +
		"<w:tr></w:tr>" + row(cell(para(run("甲"))), cell(para(run("乙")))) + "</w:tbl>"
	doc := docxDoc(t, body)
	if len(doc.Tables) != 2 {
		t.Fatalf("%d tables, want 2", len(doc.Tables))
	}
	a, b := doc.Tables[0], doc.Tables[1]
	var got []string
	for _, r := range a.Rows {
		got = append(got, cellTexts(r))
	}
	if want := "合并@0(3x1) | 1@1;2@1;3@1;新@0 | 4@1;@0 | 5@1"; strings.Join(got, ";") != want {
		t.Errorf("rows %q\nwant %q", strings.Join(got, ";"), want)
	}
	if got := strings.Join(contextTexts(a), "|"); got != "二|三|四|五" {
		t.Errorf("first table's context %q, want the 4 nearest lines", got)
	}
	// The empty w:tr is an empty line, as ever, and no row; the grid is
	// as wide as w:tblGrid says.
	if b.Cols != 3 || len(b.Rows) != 1 || cellTexts(b.Rows[0]) != "甲@0 | 乙@1" {
		t.Errorf("second table: Cols %d, rows %d", b.Cols, len(b.Rows))
	}
	if got := strings.Join(contextTexts(b), "|"); got != "单位：万元" {
		t.Errorf("second table's context %q, want only what follows the first table", got)
	}
	if !strings.Contains(doc.Pages[0], "\t5\n单位：万元\n\n甲\t乙") {
		t.Errorf("text %q", doc.Pages[0])
	}
}

// FuzzDOCXTables checks the span promise of tables on any document body.
func FuzzDOCXTables(f *testing.F) {
	f.Add(para(run("单位：元")) + "<w:tbl>" + row(tcWith(`<w:vMerge w:val="restart"/><w:gridSpan w:val="2"/>`, para(run("a"))), cell(para(run("b")))) +
		row(tcWith(`<w:vMerge/><w:gridSpan w:val="2"/>`), cell(para(run("c\r\n")))) + "</w:tbl>")
	f.Add("<w:tbl>" + row(cell(para(run("x")), "<w:tbl>"+row(cell(para(run("1"))))+"</w:tbl>")) + "</w:tbl>")
	f.Fuzz(func(t *testing.T, body string) {
		doc, err := ReadBytes(context.Background(), "f.docx", docxOf(t, body, ""))
		if err != nil {
			t.Fatal(err)
		}
		checkTables(t, doc)
	})
}
