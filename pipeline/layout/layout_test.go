package layout

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"reportfacts/pipeline/table"
)

// write draws s from x on the baseline line whose top is y, each rune one
// advance wide (Chinese characters a full em, others half).
func write(s string, x, y, size float64) []Glyph {
	var gs []Glyph
	for _, r := range s {
		w := size / 2
		if isWide(r) {
			w = size
		}
		if r != ' ' {
			gs = append(gs, Glyph{Text: string(r), X0: x, X1: x + w, Top: y, Bottom: y + size, Size: size})
		}
		x += w
	}
	return gs
}

// gridRules draws the rules of a table with columns at xs and rows at ys; skip
// leaves out the vertical rule at xs[i] over row j (a cell spanning two
// columns) when skip[[2]int{i, j}].
func gridRules(xs, ys []float64, skip map[[2]int]bool) []Rule {
	var rules []Rule
	for _, y := range ys {
		rules = append(rules, Rule{X0: xs[0], Y0: y, X1: xs[len(xs)-1], Y1: y})
	}
	for i, x := range xs {
		for j := 0; j+1 < len(ys); j++ {
			if !skip[[2]int{i, j}] {
				rules = append(rules, Rule{X0: x, Y0: ys[j], X1: x, Y1: ys[j+1]})
			}
		}
	}
	return rules
}

// checkSpans asserts what every reader of the table model relies on: a
// cell's text is the page text at its offsets, and a row is one line.
func checkSpans(t *testing.T, res Result) {
	t.Helper()
	text := []rune(res.Text)
	for ti, tb := range res.Tables {
		for ri, row := range tb.Rows {
			for _, c := range row.Cells {
				if c.Start < 0 || c.End > len(text) || c.Start > c.End {
					t.Fatalf("table %d row %d: cell %q at %d..%d outside the text", ti, ri, c.Text, c.Start, c.End)
				}
				if got := string(text[c.Start:c.End]); got != c.Text {
					t.Errorf("table %d row %d: text at %d..%d is %q, cell says %q", ti, ri, c.Start, c.End, got, c.Text)
				}
				if strings.ContainsAny(c.Text, "\n\t\f") {
					t.Errorf("table %d row %d: cell %q breaks its row", ti, ri, c.Text)
				}
			}
		}
	}
}

func TestLayLines(t *testing.T) {
	tests := []struct {
		name   string
		glyphs []Glyph
		want   string
	}{
		{"lines top to bottom, drawn bottom first",
			append(write("第二行", 50, 120, 10), write("第一行", 50, 100, 10)...),
			"第一行\n第二行"},
		{"a wide gap is a blank, a narrow one is none",
			append(write("营业收入", 50, 100, 10), write("2019年", 130, 100, 10)...),
			"营业收入 2019年"},
		{"Latin words keep their blank",
			write("Alpha Beta", 50, 100, 10),
			"Alpha Beta"},
		{"fake bold drawn twice is read once",
			append(write("加粗", 50, 100, 10), write("加粗", 50.3, 100.2, 10)...),
			"加粗"},
		{"a paragraph gap is a blank line",
			append(write("上一段", 50, 100, 10), write("下一段", 50, 140, 10)...),
			"上一段\n\n下一段"},
		{"a superscript stays on its line",
			append(write("面积", 50, 100, 10), Glyph{Text: "2", X0: 70, X1: 73, Top: 99, Bottom: 105, Size: 6}),
			"面积2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Lay(Page{Width: 595, Height: 842, Glyphs: tc.glyphs})
			if got.Text != tc.want {
				t.Errorf("text %q, want %q", got.Text, tc.want)
			}
			if len(got.Tables) != 0 {
				t.Errorf("%d tables in plain text", len(got.Tables))
			}
		})
	}
}

// keyDataPage is a ruled table of three columns: a header row whose first
// cell is empty, a row whose label wraps over two lines, and a row of
// signed and percent figures; a caption above and a sentence below.
func keyDataPage() Page {
	xs := []float64{50, 200, 300, 400}
	ys := []float64{100, 120, 150, 170}
	var gs []Glyph
	gs = append(gs, write("单位：元", 50, 80, 9)...)
	gs = append(gs, write("2019年", 210, 105, 9)...)
	gs = append(gs, write("2018年", 310, 105, 9)...)
	gs = append(gs, write("归属于上市公司股东的", 52, 123, 9)...)
	gs = append(gs, write("净利润", 52, 136, 9)...)
	gs = append(gs, write("770,782,185.09", 210, 130, 9)...)
	gs = append(gs, write("605,003,820.78", 310, 130, 9)...)
	gs = append(gs, write("加权平均净资产收益率", 52, 155, 9)...)
	gs = append(gs, write("-4.35%", 210, 155, 9)...)
	gs = append(gs, write("11.35%", 310, 155, 9)...)
	gs = append(gs, write("表后的说明。", 50, 190, 9)...)
	return Page{Width: 595, Height: 842, Glyphs: gs, Rules: gridRules(xs, ys, nil)}
}

func TestLayRuledTable(t *testing.T) {
	page := keyDataPage()
	// The order glyphs are drawn in must not matter.
	rand.New(rand.NewSource(1)).Shuffle(len(page.Glyphs), func(i, j int) {
		page.Glyphs[i], page.Glyphs[j] = page.Glyphs[j], page.Glyphs[i]
	})
	res := Lay(page)
	checkSpans(t, res)
	want := "单位：元\n\n\t2019年\t2018年\n归属于上市公司股东的净利润\t770,782,185.09\t605,003,820.78\n加权平均净资产收益率\t-4.35%\t11.35%\n\n表后的说明。"
	if res.Text != want {
		t.Errorf("text\n%q\nwant\n%q", res.Text, want)
	}
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables, want 1", len(res.Tables))
	}
	tb := res.Tables[0]
	if tb.Cols != 3 || len(tb.Rows) != 3 || !tb.Ruled {
		t.Fatalf("table of %d columns and %d rows (ruled %v), want 3 and 3, ruled", tb.Cols, len(tb.Rows), tb.Ruled)
	}
	cells := func(r table.Row) []string {
		var out []string
		for _, c := range r.Cells {
			out = append(out, c.Text)
		}
		return out
	}
	if got := strings.Join(cells(tb.Rows[1]), "|"); got != "归属于上市公司股东的净利润|770,782,185.09|605,003,820.78" {
		t.Errorf("row 1 is %s", got)
	}
	if c := tb.Rows[0].Cells[0]; c.Col != 1 || c.Text != "2019年" {
		t.Errorf("the header's first cell is %q at column %d, want 2019年 at 1", c.Text, c.Col)
	}
}

func TestLaySpans(t *testing.T) {
	// A header cell over two columns (no rule between them in row 0) and a
	// label over two rows (no rule under it in column 0).
	xs := []float64{50, 150, 250, 350}
	ys := []float64{100, 120, 140, 160, 180}
	skip := map[[2]int]bool{{2, 0}: true}
	rules := gridRules(xs, ys, skip)
	// Take the rule under the label cell of row 2 away: rebuild the
	// horizontal rule at ys[3] from column 1 on.
	var kept []Rule
	for _, r := range rules {
		if r.Horizontal() && r.Y0 == ys[3] {
			kept = append(kept, Rule{X0: xs[1], Y0: r.Y0, X1: r.X1, Y1: r.Y1})
			continue
		}
		kept = append(kept, r)
	}
	var gs []Glyph
	gs = append(gs, write("2019年", 160, 104, 9)...)
	gs = append(gs, write("金额", 160, 124, 9)...)
	gs = append(gs, write("比重", 260, 124, 9)...)
	gs = append(gs, write("医药", 60, 154, 9)...)
	gs = append(gs, write("1.0", 160, 144, 9)...)
	gs = append(gs, write("2%", 260, 144, 9)...)
	gs = append(gs, write("3.0", 160, 164, 9)...)
	gs = append(gs, write("4%", 260, 164, 9)...)
	res := Lay(Page{Width: 595, Height: 842, Glyphs: gs, Rules: kept})
	checkSpans(t, res)
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables, want 1:\n%s", len(res.Tables), res.Text)
	}
	tb := res.Tables[0]
	head := tb.Rows[0].Cells[0]
	if head.Text != "2019年" || head.ColSpan != 2 {
		t.Errorf("header cell %q spans %d columns, want 2019年 over 2", head.Text, head.ColSpan)
	}
	var label *table.Cell
	for _, r := range tb.Rows {
		for i := range r.Cells {
			if r.Cells[i].Text == "医药" {
				label = &r.Cells[i]
			}
		}
	}
	if label == nil || label.RowSpan != 2 {
		t.Errorf("label 医药: %+v, want a cell over two rows", label)
	}
}

func TestLayTwoTablesOneWidth(t *testing.T) {
	// Two tables with the same columns, one under the other, with a
	// sentence between them: two tables, and the sentence is no row.
	xs := []float64{50, 200, 300}
	var rules []Rule
	rules = append(rules, gridRules(xs, []float64{100, 120, 140}, nil)...)
	rules = append(rules, gridRules(xs, []float64{200, 220, 240}, nil)...)
	var gs []Glyph
	for _, y := range []float64{104, 124, 204, 224} {
		gs = append(gs, write("项目", 60, y, 9)...)
		gs = append(gs, write("1.00", 210, y, 9)...)
		gs = append(gs, write("2.00", 310, y, 9)...)
	}
	gs = append(gs, write("两表之间的一句话。", 50, 165, 9)...)
	res := Lay(Page{Width: 595, Height: 842, Glyphs: gs, Rules: rules})
	checkSpans(t, res)
	if len(res.Tables) != 2 {
		t.Fatalf("%d tables, want 2:\n%s", len(res.Tables), res.Text)
	}
	if !strings.Contains(res.Text, "\n两表之间的一句话。\n") {
		t.Errorf("the sentence between the tables is not a line of its own:\n%s", res.Text)
	}
}

func TestLayBoxIsNoTable(t *testing.T) {
	// A frame around a paragraph is one cell: no table.
	rules := gridRules([]float64{40, 400}, []float64{90, 140}, nil)
	gs := append(write("重要提示：本报告摘要来自年度报告全文。", 50, 100, 9), write("投资者应当到网站仔细阅读。", 50, 115, 9)...)
	res := Lay(Page{Width: 595, Height: 842, Glyphs: gs, Rules: rules})
	if len(res.Tables) != 0 {
		t.Errorf("a framed paragraph became %d tables", len(res.Tables))
	}
	if !strings.Contains(res.Text, "重要提示") || !strings.Contains(res.Text, "仔细阅读。") {
		t.Errorf("the framed paragraph's text is lost: %q", res.Text)
	}
}

func BenchmarkLay(b *testing.B) {
	// A page of a 40-row ruled table and some prose.
	xs := []float64{50, 200, 300, 400, 500}
	ys := []float64{100}
	var gs []Glyph
	for r := 0; r < 40; r++ {
		y := ys[len(ys)-1]
		gs = append(gs, write("归属于上市公司股东的净利润", 52, y+4, 8)...)
		for c := 1; c < 4; c++ {
			gs = append(gs, write("1,234,567,890.12", xs[c]+2, y+4, 8)...)
		}
		ys = append(ys, y+14)
	}
	for i := 0; i < 10; i++ {
		gs = append(gs, write("报告期内，公司实现营业收入十五亿元，同比增长百分之四十。", 50, 700+float64(i)*12, 9)...)
	}
	page := Page{Width: 595, Height: 842, Glyphs: gs, Rules: gridRules(xs, ys, nil)}
	b.ReportAllocs()
	for b.Loop() {
		Lay(page)
	}
}

func TestLayAlignedTable(t *testing.T) {
	// A table ruled only above and below: its columns come from where its
	// figures stand; a word centred over them heads them all; a label
	// that wraps goes on in its row.
	var gs []Glyph
	gs = append(gs, write("项目", 60, 100, 9)...)
	gs = append(gs, write("期末余额", 280, 100, 9)...)
	gs = append(gs, write("1年以内", 170, 115, 9)...)
	gs = append(gs, write("1至2年", 250, 115, 9)...)
	gs = append(gs, write("合计", 400, 115, 9)...)
	rows := []struct {
		label string
		cells []string
	}{
		{"短期借款", []string{"389,500,000.00", "", "389,500,000.00"}},
		{"应付账款", []string{"654,014,966.80", "7,169,472.34", "665,752,933.35"}},
		{"一年内到期的非流动负", []string{"53,400,000.00", "", "53,400,000.00"}},
	}
	y := 130.0
	for _, r := range rows {
		gs = append(gs, write(r.label, 50, y, 9)...)
		for i, c := range r.cells {
			// Right-aligned at 230, 310 and 450.
			right := []float64{230, 310, 450}[i]
			gs = append(gs, write(c, right-float64(len(c))*4.5, y, 9)...)
		}
		y += 15
		if strings.HasSuffix(r.label, "负") {
			gs = append(gs, write("债", 50, y, 9)...)
			y += 15
		}
	}
	res := Lay(Page{Width: 595, Height: 842, Glyphs: gs, Rules: []Rule{{X0: 45, Y0: 95, X1: 460, Y1: 95}, {X0: 45, Y0: y, X1: 460, Y1: y}}})
	checkSpans(t, res)
	if len(res.Tables) != 1 {
		t.Fatalf("%d tables, want 1:\n%s", len(res.Tables), res.Text)
	}
	tb := res.Tables[0]
	if tb.Ruled {
		t.Error("a table found from aligned text says it is ruled")
	}
	want := "项目\t期末余额\n\t1年以内\t1至2年\t合计\n短期借款\t389,500,000.00\t\t389,500,000.00\n应付账款\t654,014,966.80\t7,169,472.34\t665,752,933.35\n一年内到期的非流动负债\t53,400,000.00\t\t53,400,000.00"
	if res.Text != want {
		t.Errorf("text\n%s\nwant\n%s", res.Text, want)
	}
	if c := tb.Rows[0].Cells[1]; c.Text != "期末余额" || c.ColSpan != 3 {
		t.Errorf("the header over the figures is %q over %d columns, want 期末余额 over 3", c.Text, c.ColSpan)
	}
}

func TestLayAlignedNotTables(t *testing.T) {
	// Lines that end in a number are not rows of a table: a contents page,
	// and prose with figures.
	var toc []Glyph
	for i, l := range []string{"第一节 重要提示、目录和释义", "第二节 公司简介和主要财务指标", "第三节 公司业务概要", "第四节 经营情况讨论与分析"} {
		toc = append(toc, write(l, 50, 100+float64(i)*15, 9)...)
		toc = append(toc, write(strconv.Itoa(2+i*4), 500, 100+float64(i)*15, 9)...)
	}
	var prose []Glyph
	for i, l := range []string{"报告期内公司实现营业收入1,175,301,034.32元，", "同比下降4.49%，净利润129,465,020.68元，", "同比下降28.95%，经营活动现金流量净额增长。"} {
		prose = append(prose, write(l, 50, 100+float64(i)*15, 9)...)
	}
	for name, gs := range map[string][]Glyph{"contents": toc, "prose": prose} {
		if res := Lay(Page{Width: 595, Height: 842, Glyphs: gs}); len(res.Tables) != 0 {
			t.Errorf("%s became %d tables:\n%s", name, len(res.Tables), res.Text)
		}
	}
}
