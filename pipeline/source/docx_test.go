package source

import (
	"context"
	"strings"
	"testing"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// docxOf builds a .docx whose body is body (WordprocessingML inside
// <w:body>), with optional core properties.
func docxOf(t testing.TB, body, core string) []byte {
	t.Helper()
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	if core != "" {
		files["docProps/core.xml"] = core
	}
	return zipOf(t, files)
}

func para(runs ...string) string {
	return "<w:p><w:pPr/>" + strings.Join(runs, "") + "</w:p>"
}

func run(s string) string { return `<w:r><w:rPr/><w:t xml:space="preserve">` + s + `</w:t></w:r>` }

func cell(paras ...string) string { return "<w:tc><w:tcPr/>" + strings.Join(paras, "") + "</w:tc>" }

func row(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }

func TestReadDOCX(t *testing.T) {
	body := para(run("一、公司简介")) +
		para(run("2020年营业收入"), run("16.4亿元"), `<w:r><w:tab/></w:r>`, run("同比增长12%")) +
		para(run("第一行"), `<w:r><w:br/></w:r>`, run("第二行")) +
		"<w:tbl><w:tblPr/>" +
		row(cell(para(run("项目"))), cell(para(run("2020年"))), cell(para(run("2019年")))) +
		row(cell(para(run("营业收入"))), cell(para(run("1,640,000,000.00"))), cell(para(run("1,458,000,000.00")))) +
		row(cell(para(run("合计")), para(run("（元）"))), cell(para(run("nested"))+
			"<w:tbl>"+row(cell(para(run("a"))), cell(para(run("b"))))+"</w:tbl>"), cell()) +
		"</w:tbl>" +
		para(`<w:r><w:delText>删除的文字</w:delText></w:r>`, run("保留"), `<w:r><w:instrText> PAGE </w:instrText></w:r>`) +
		para(`<mc:AlternateContent><mc:Choice Requires="wps">`+run("文本框")+`</mc:Choice><mc:Fallback>`+run("文本框")+`</mc:Fallback></mc:AlternateContent>`) +
		para(run("完"))
	core := `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>因子说明</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2021-02-24T03:15:00Z</dcterms:created></cp:coreProperties>`

	doc, err := ReadBytes(context.Background(), "card.docx", docxOf(t, body, core))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusOK || doc.Format != "docx" || doc.Engine != "docx" {
		t.Fatalf("Status/Format/Engine = %s/%s/%s (%s)", doc.Status, doc.Format, doc.Engine, doc.Error)
	}
	if doc.Title != "因子说明" || doc.Date != "2021-02-24" {
		t.Errorf("Title/Date = %q/%q, want 因子说明/2021-02-24", doc.Title, doc.Date)
	}
	if len(doc.Pages) != 1 {
		t.Fatalf("got %d pages, want 1", len(doc.Pages))
	}
	text := doc.Pages[0]
	// The order of paragraphs and cells is the point of the reader.
	for _, want := range []string{
		"一、公司简介\n2020年营业收入16.4亿元\t同比增长12%\n第一行\n第二行\n",
		"项目\t2020年\t2019年\n营业收入\t1,640,000,000.00\t1,458,000,000.00\n",
		"保留\n文本框\n完",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"删除的文字", "PAGE", "文本框\n文本框"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("text holds %q:\n%s", unwanted, text)
		}
	}
	checkGolden(t, "docx_basic.golden", text)
}

func TestReadDOCXWithoutCore(t *testing.T) {
	doc, err := ReadBytes(context.Background(), "a.docx", docxOf(t, para(run("只有正文")), ""))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusOK || doc.Pages[0] != "只有正文" || doc.Title != "" {
		t.Errorf("Status/Pages/Title = %s/%q/%q", doc.Status, doc.Pages, doc.Title)
	}
}
