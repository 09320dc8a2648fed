package source

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadHTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>海翔药业 2019 年度报告</title>
<style>.x { color: red }</style><script>var revenue = "999亿元";</script></head>
<body>
<h>第一节 重要提示</h><br/><h>公司负责人声明：保证年度报告真实。</h><br/>
<p>营业收入<b>16.4</b>亿元，&nbsp;同比增长<span>12%</span>&#160;&amp; 净利润
  跨行   合并</p>
<div>第一段</div><div>第二段<br>换行</div>



<table><tr><th>项目</th><th>2020年</th><th>2019年</th></tr>
<tr><td>营业收入</td><td>1,640,000,000.00</td><td>1,458,000,000.00</td></tr>
<tr><td>合计</td><td></td><td>3</td></tr></table>
<ul><li>一</li><li>二</li></ul>
<noscript>请启用脚本</noscript>
<pre>  保留  空格
第二行</pre>
<a name=2></a>张家界&#160;2016&#160;年年度报告<b>&#160;</b><br/>
</body></html>`
	doc, err := ReadBytes(context.Background(), "report.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Status != StatusOK || doc.Format != "html" || doc.Engine != "html" || doc.Encoding != "utf-8" {
		t.Fatalf("Status/Format/Engine/Encoding = %s/%s/%s/%s (%s)", doc.Status, doc.Format, doc.Engine, doc.Encoding, doc.Error)
	}
	if doc.Title != "海翔药业 2019 年度报告" {
		t.Errorf("Title = %q", doc.Title)
	}
	text := doc.Pages[0]
	for _, want := range []string{
		"第一节 重要提示\n",
		"营业收入16.4亿元， 同比增长12% & 净利润 跨行 合并\n",
		"第一段\n第二段\n换行\n",
		"项目\t2020年\t2019年\n营业收入\t1,640,000,000.00\t1,458,000,000.00\n合计\t\t3\n",
		"一\n二\n",
		"  保留  空格\n第二行",
		"张家界 2016 年年度报告",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"999亿元", "color", "请启用脚本", "\n\n\n", "海翔药业 2019"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("text holds %q:\n%s", unwanted, text)
		}
	}
	checkGolden(t, "html_basic.golden", text)
}

func TestReadHTMLCharsets(t *testing.T) {
	const body = "<h>2020年营业收入16.4亿元</h><br/>"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(body)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data, enc string
	}{
		{"utf-8 without meta", body, "utf-8"},
		{"gbk with meta", `<meta charset="gbk">` + gbk, "gbk"},
		{"gb2312 with http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + gbk, "gbk"},
		{"gbk without meta", gbk, "gb18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), "a.htm", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Status != StatusOK || doc.Encoding != tt.enc {
				t.Fatalf("Status/Encoding = %s/%s (%s), want ok/%s", doc.Status, doc.Encoding, doc.Error, tt.enc)
			}
			if doc.Pages[0] != "2020年营业收入16.4亿元" {
				t.Errorf("text = %q", doc.Pages[0])
			}
		})
	}
}
