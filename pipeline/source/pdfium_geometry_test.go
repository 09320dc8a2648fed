package source

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"

	"reportfacts/internal/testenv"
	"reportfacts/pipeline/layout"
)

// pdfiumDoc opens PDF bytes in a PDFium instance for a test; both are
// closed when the test ends.
func pdfiumDoc(tb testing.TB, data []byte) (pdfium.Pdfium, references.FPDF_DOCUMENT, int) {
	tb.Helper()
	inst, err := pdfiumInstance(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := inst.Close(); err != nil {
			tb.Errorf("close PDFium instance: %v", err)
		}
	})
	opened, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document}); err != nil {
			tb.Errorf("close document: %v", err)
		}
	})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		tb.Fatal(err)
	}
	return inst, opened.Document, n.PageCount
}

// pdfiumGeometryOf reads page i of a PDF built in the test.
func pdfiumGeometryOf(t *testing.T, data []byte, i int) layout.Page {
	t.Helper()
	inst, doc, _ := pdfiumDoc(t, data)
	pg, err := pdfiumGeometry(inst, doc, i)
	if err != nil {
		t.Fatal(err)
	}
	return pg
}

// onePagePDFium is a one-page PDF drawing content, with Helvetica as /F1 and
// the given extra page entries and resources.
func onePagePDFium(pageExtra, resExtra, content string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] %s /Resources << /Font << /F1 4 0 R >> %s >> /Contents 5 0 R >>", pageExtra, resExtra),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		stream("", content),
	}
	return testPDF(append(objs, extra...), "")
}

func pdfiumGlyphText(gs []layout.Glyph) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.Text)
	}
	return b.String()
}

func nearBy(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// hasPdfiumRule reports whether rules hold one within tol of want.
func hasPdfiumRule(rules []layout.Rule, want layout.Rule, tol float64) bool {
	for _, r := range rules {
		if nearBy(r.X0, want.X0, tol) && nearBy(r.X1, want.X1, tol) && nearBy(r.Y0, want.Y0, tol) && nearBy(r.Y1, want.Y1, tol) {
			return true
		}
	}
	return false
}

func TestPDFiumGeometryText(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PDFium; skipped in -short")
	}
	// "A B" draws its space; "CD" and "EF" are apart, so PDFium infers a
	// space between them, and a line break before the second line.
	content := "BT /F1 10 Tf 100 700 Td (A B) Tj 100 0 Td (CD) Tj 100 0 Td (EF) Tj ET\n" +
		"BT /F1 20 Tf 100 650 Td (G) Tj ET\n" +
		// Distiller's way: 1 Tf, the size in the text matrix.
		"BT /F1 1 Tf 9 0 0 9 100 600 Tm (H) Tj ET"
	pg := pdfiumGeometryOf(t, onePagePDFium("", "", content), 0)
	if pg.Width != 600 || pg.Height != 800 {
		t.Errorf("page %.2f x %.2f, want 600 x 800", pg.Width, pg.Height)
	}
	if got := pdfiumGlyphText(pg.Glyphs); got != "A BCDEFGH" {
		t.Fatalf("glyphs %q, want %q: PDFium's own spaces and line breaks dropped, the drawn space kept", got, "A BCDEFGH")
	}
	a := pg.Glyphs[0]
	// Helvetica's A is 667/1000 wide; the box runs 0.85 of the size above
	// the baseline (y 100 from the top) and 0.15 below.
	if !nearBy(a.X0, 100, 0.01) || !nearBy(a.X1, 106.67, 0.01) || !nearBy(a.Top, 91.5, 0.01) || !nearBy(a.Bottom, 101.5, 0.01) || a.Size != 10 {
		t.Errorf("A = %+v, want x 100–106.67, y 91.5–101.5, size 10", a)
	}
	if g := pg.Glyphs[7]; g.Size != 20 || !nearBy(g.Bottom, 153, 0.01) {
		t.Errorf("G = %+v, want size 20 on the baseline at y 150", g)
	}
	if g := pg.Glyphs[8]; !nearBy(g.Size, 9, 0.01) || !nearBy(g.Top, 200-0.85*9, 0.01) {
		t.Errorf("H = %+v, want size 9 from the text matrix", g)
	}
}

func TestPDFiumGeometryRotated(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PDFium; skipped in -short")
	}
	// Each page is shown turned and draws its text turned back, so that
	// it reads left to right, and a line under it. (x, y) user space shows
	// at (y, x) on the first page; at (750 - y, 550 - x) on the second,
	// whose crop box is (50, 50)–(550, 750).
	cases := []struct {
		name, page, content string
		w, h                float64
		rule                layout.Rule
	}{
		{"90", "/Rotate 90", "BT /F1 10 Tf 0 1 -1 0 100 50 Tm (AB) Tj ET\n0.5 w 100 50 m 100 250 l S",
			800, 600, layout.Rule{X0: 50, Y0: 100, X1: 250, Y1: 100}},
		{"270 cropped", "/Rotate 270 /CropBox [50 50 550 750]", "BT /F1 10 Tf 0 -1 1 0 450 700 Tm (AB) Tj ET\n0.5 w 450 700 m 450 500 l S",
			700, 500, layout.Rule{X0: 50, Y0: 100, X1: 250, Y1: 100}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pg := pdfiumGeometryOf(t, onePagePDFium(c.page, "", c.content), 0)
			if pg.Width != c.w || pg.Height != c.h {
				t.Fatalf("page %.2f x %.2f, want %v x %v", pg.Width, pg.Height, c.w, c.h)
			}
			if got := pdfiumGlyphText(pg.Glyphs); got != "AB" {
				t.Fatalf("glyphs %q, want AB", got)
			}
			// The baseline is at y 100 on the page as shown.
			a, b := pg.Glyphs[0], pg.Glyphs[1]
			if !nearBy(a.X0, 50, 0.01) || !nearBy(a.X1, 56.67, 0.01) || !nearBy(a.Top, 91.5, 0.01) || !nearBy(a.Bottom, 101.5, 0.01) || a.Size != 10 || b.X0 < a.X1-0.01 {
				t.Errorf("A = %+v, B = %+v; want A at x 50–56.67 on the baseline y 100, B after it", a, b)
			}
			if !hasPdfiumRule(pg.Rules, c.rule, 0.5) || len(pg.Rules) != 1 {
				t.Errorf("rules %v, want %+v only", pg.Rules, c.rule)
			}
		})
	}
}

func TestPDFiumGeometryErrors(t *testing.T) {
	// A panic (here: no instance at all) is the page's error.
	if _, err := pdfiumGeometry(nil, "", 4); err == nil || !strings.HasPrefix(err.Error(), "page 5: ") {
		t.Errorf("nil instance: err = %v, want a page 5 error", err)
	}
	if testing.Short() {
		return
	}
	inst, doc, n := pdfiumDoc(t, onePagePDFium("", "", "BT /F1 10 Tf 100 700 Td (A) Tj ET"))
	if _, err := pdfiumGeometry(inst, doc, n+1); err == nil || !strings.HasPrefix(err.Error(), fmt.Sprintf("page %d: load: ", n+2)) {
		t.Errorf("page past the end: err = %v, want a load error for page %d", err, n+2)
	}
	if pg, err := pdfiumGeometry(inst, doc, 0); err != nil || pdfiumGlyphText(pg.Glyphs) != "A" {
		t.Errorf("after an error: %v, %q; want the page read", err, pdfiumGlyphText(pg.Glyphs))
	}
}

func TestPDFiumGeometryRules(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PDFium; skipped in -short")
	}
	content := strings.Join([]string{
		// A stroked line, a thin filled rectangle, a tiny mark, a diagonal.
		"0 0 0 RG 1 w 50 700 m 250 700 l S",
		"0 0 0 rg 300 699.6 200 0.8 re f",
		"400 650 1 1 re f",
		"50 600 m 250 620 l S",
		// A stroked rectangle: four edges.
		"50 500 100 50 re S",
		// A white fill on the page: nothing. A grey fill: four edges.
		"1 1 1 rg 300 500 100 50 re f",
		"0.8 0.8 0.8 rg 450 500 100 50 re f",
		// Grey shading in two rectangles that meet: no edge between them.
		"50 300 100 50 re f 150 300 100 50 re f",
		// A form XObject drawing a thin rectangle, moved by its matrix.
		"q 1 0 0 1 0 -100 cm /Fm1 Do Q",
		// A scaled stroked rectangle and a border drawn in pieces.
		"q 2 0 0 2 0 0 cm 0 0 0 RG 0.2 w 260 50 20 10 re S Q",
		"0 0 0 rg 300 50 100 0.5 re f 400.5 50 100 0.5 re f 400 50 0.5 0.5 re f",
	}, "\n")
	form := stream("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Matrix [1 0 0 1 10 0]", "0 0 0 rg 300 300 0.5 100 re f")
	pg := pdfiumGeometryOf(t, onePagePDFium("", "/XObject << /Fm1 6 0 R >>", content, form), 0)
	// Top-left y down: user y maps to 800 - y.
	want := []layout.Rule{
		{X0: 50, Y0: 100, X1: 250, Y1: 100},
		{X0: 300, Y0: 100, X1: 500, Y1: 100},
		{X0: 50, Y0: 300, X1: 150, Y1: 300}, {X0: 50, Y0: 250, X1: 150, Y1: 250},
		{X0: 50, Y0: 250, X1: 50, Y1: 300}, {X0: 150, Y0: 250, X1: 150, Y1: 300},
		{X0: 450, Y0: 300, X1: 550, Y1: 300}, {X0: 450, Y0: 250, X1: 550, Y1: 250},
		{X0: 450, Y0: 250, X1: 450, Y1: 300}, {X0: 550, Y0: 250, X1: 550, Y1: 300},
		{X0: 50, Y0: 500, X1: 250, Y1: 500}, {X0: 50, Y0: 450, X1: 250, Y1: 450},
		{X0: 50, Y0: 450, X1: 50, Y1: 500}, {X0: 250, Y0: 450, X1: 250, Y1: 500},
		{X0: 310.25, Y0: 500, X1: 310.25, Y1: 600},
		{X0: 520, Y0: 700, X1: 560, Y1: 700}, {X0: 520, Y0: 680, X1: 560, Y1: 680},
		{X0: 520, Y0: 680, X1: 520, Y1: 700}, {X0: 560, Y0: 680, X1: 560, Y1: 700},
		{X0: 300, Y0: 749.75, X1: 500.5, Y1: 749.75},
	}
	for _, w := range want {
		if !hasPdfiumRule(pg.Rules, w, 0.6) {
			t.Errorf("no rule %+v", w)
		}
	}
	if t.Failed() || len(pg.Rules) != len(want) {
		t.Errorf("%d rules, want %d:", len(pg.Rules), len(want))
		for _, r := range pg.Rules {
			t.Logf("  %+v", r)
		}
	}
}

// TestPDFiumVisibleRules checks which edges of filled rectangles show, as Word
// and Distiller draw ruled tables: thin black rectangles for borders,
// shading in several pieces.
func TestPDFiumVisibleRules(t *testing.T) {
	black, grey, white := paintColor{0, 0, 0, 255}, paintColor{211, 211, 211, 255}, paintColor{255, 255, 255, 255}
	fills := []pdfiumFill{
		// Borders: the cell from x 56.88 to 215.93, y 683.38 to 718.66.
		{x0: 56.40, y0: 683.38, x1: 56.88, y1: 718.66, color: black},
		{x0: 215.93, y0: 683.38, x1: 216.41, y1: 718.66, color: black},
		{x0: 56.88, y0: 718.66, x1: 215.93, y1: 719.14, color: black},
		// Grey shading: padding strips either side and the text area in
		// two pieces, one over the other.
		{x0: 57.00, y0: 683.38, x1: 58.08, y1: 718.66, color: grey},
		{x0: 214.85, y0: 683.38, x1: 216.05, y1: 718.66, color: grey},
		{x0: 58.08, y0: 701.02, x1: 214.85, y1: 718.66, color: grey},
		{x0: 58.08, y0: 683.38, x1: 214.85, y1: 701.02, color: grey},
		// The next cell's white shading.
		{x0: 216.53, y0: 683.38, x1: 534.94, y1: 718.66, color: white},
	}
	got := pdfiumVisibleRules(fills, nil)
	// The three borders; the shading's lower edge (no border below it,
	// the page is white there); nothing else: no edge between the grey
	// pieces, none from the strips, none from the white cell.
	want := []layout.Rule{
		{X0: 56.64, Y0: 683.38, X1: 56.64, Y1: 718.66},
		{X0: 216.17, Y0: 683.38, X1: 216.17, Y1: 718.66},
		{X0: 56.88, Y0: 718.90, X1: 215.93, Y1: 718.90},
		{X0: 58.08, Y0: 683.38, X1: 214.85, Y1: 683.38},
	}
	for _, w := range want {
		if !hasPdfiumRule(got, w, 0.2) {
			t.Errorf("no rule %+v", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d rules, want %d:", len(got), len(want))
		for _, r := range got {
			t.Logf("  %+v", r)
		}
	}
	// A white line over a coloured band shows; on the page it does not.
	band := []pdfiumFill{{x0: 0, y0: 0, x1: 100, y1: 50, color: grey}}
	strokes := []pdfiumStroke{
		{r: layout.Rule{X0: 10, Y0: 25, X1: 90, Y1: 25}, color: white},
		{r: layout.Rule{X0: 10, Y0: 80, X1: 90, Y1: 80}, color: white},
	}
	got = pdfiumVisibleRules(band, strokes)
	if !hasPdfiumRule(got, layout.Rule{X0: 10, Y0: 25, X1: 90, Y1: 25}, 0.01) || hasPdfiumRule(got, layout.Rule{X0: 10, Y0: 80, X1: 90, Y1: 80}, 0.01) {
		t.Errorf("white lines: got %v, want only the one over the band", got)
	}
}

// pdfiumLines writes the lines of pdfiumLinesOf, with a blank where a gap
// shows.
func pdfiumLines(gs []layout.Glyph) []string {
	var out []string
	for _, l := range pdfiumLinesOf(gs) {
		var b strings.Builder
		for j, g := range l {
			if j > 0 && g.X0-l[j-1].X1 > 0.5*g.Size {
				b.WriteByte(' ')
			}
			b.WriteString(g.Text)
		}
		out = append(out, b.String())
	}
	return out
}

var pdfiumAmountRe = regexp.MustCompile(`-?\d[\d,]*\.\d+%?`)

func pdfiumHan(gs []layout.Glyph) (han, fffd int) {
	for _, g := range gs {
		for _, r := range g.Text {
			switch {
			case r >= 0x4E00 && r <= 0x9FFF:
				han++
			case r == '\uFFFD':
				fffd++
			}
		}
	}
	return han, fffd
}

// TestPDFiumGeometryCorpus reads two annual reports whole: the page of 主
// 要会计数据 must hold the 营业收入 row with its amounts in order on one line,
// ruled across and between its cells, and the Han characters of all glyphs
// must come to at least 98% of poppler's count.
func TestPDFiumGeometryCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads two annual reports with PDFium; skipped in -short")
	}
	dir := testenv.SharedDir(t, "corpus")
	poppler := popplerHan(t, dir)
	cases := []struct {
		file    string
		amounts []string
	}{
		{"ar2019_haixiang_pharma_annual_report.pdf", []string{"2,941,412,770.30", "2,718,608,796.51", "8.20%", "2,308,922,170.29"}},
		{"ar2016_zhangjiajie_tourism_annual_report.pdf", []string{"592,183,264.90", "674,880,017.98", "-12.25%", "484,009,427.87"}},
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".pdf"), func(t *testing.T) {
			data, err := os.ReadFile(testenv.CorpusFile(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			inst, doc, n := pdfiumDoc(t, data)
			han, fffd, glyphs, rules := 0, 0, 0, 0
			tablePage := -1
			var table layout.Page
			for i := 0; i < n; i++ {
				pg, err := pdfiumGeometry(inst, doc, i)
				if err != nil {
					t.Fatal(err)
				}
				h, f := pdfiumHan(pg.Glyphs)
				han, fffd, glyphs, rules = han+h, fffd+f, glyphs+len(pg.Glyphs), rules+len(pg.Rules)
				if tablePage < 0 && strings.Contains(pdfiumGlyphText(pg.Glyphs), "主要会计数据") {
					tablePage, table = i, pg
				}
				for _, g := range pg.Glyphs {
					if !(g.X1 > g.X0 && g.Bottom > g.Top && g.Size > 0) {
						t.Fatalf("page %d: glyph %+v has an empty box or no size", i+1, g)
					}
				}
				for _, r := range pg.Rules {
					if r.X0 != r.X1 && r.Y0 != r.Y1 || r.X0 > r.X1 || r.Y0 > r.Y1 || max(r.X1-r.X0, r.Y1-r.Y0) < pdfiumRuleMin {
						t.Fatalf("page %d: rule %+v is not a horizontal or vertical rule", i+1, r)
					}
				}
			}
			stem, ok := stemFor(poppler, c.file)
			if !ok {
				t.Fatalf("MANIFEST has no row for %s", c.file)
			}
			t.Logf("%d pages, %d glyphs, %d rules; Han %d (poppler %d), U+FFFD %d", n, glyphs, rules, han, poppler[stem], fffd)
			if han*100 < poppler[stem]*98 {
				t.Errorf("%d Han characters, want at least 98%% of poppler's %d", han, poppler[stem])
			}
			if tablePage < 0 {
				t.Fatal("no page holds 主要会计数据")
			}

			// The 营业收入 row: its glyphs and their amounts.
			var row []layout.Glyph
			for _, l := range pdfiumLinesOf(table.Glyphs) {
				if strings.HasPrefix(pdfiumGlyphText(l), "营业收入") {
					row = l
					break
				}
			}
			if row == nil {
				t.Fatalf("page %d: no line starts with 营业收入; lines:\n%s", tablePage+1, strings.Join(pdfiumLines(table.Glyphs), "\n"))
			}
			line := pdfiumLines(row)[0]
			if got := pdfiumAmountRe.FindAllString(line, -1); strings.Join(got, " ") != strings.Join(c.amounts, " ") {
				t.Errorf("page %d: 营业收入 line %q has amounts %q, want %q", tablePage+1, line, got, c.amounts)
			}

			// Rules above and below the row across it, and rules before,
			// between and after its cells.
			top, bottom := row[0].Top, row[0].Bottom
			for _, g := range row {
				top, bottom = min(top, g.Top), max(bottom, g.Bottom)
			}
			cells := pdfiumCells(row)
			x0, x1 := cells[0].lo, cells[len(cells)-1].hi
			if !ruledAcrossRow(table.Rules, x0, x1, 0, top) || !ruledAcrossRow(table.Rules, x0, x1, bottom, table.Height) {
				t.Errorf("page %d: no horizontal rules across the row (x %.1f–%.1f) above y %.1f and below y %.1f", tablePage+1, x0, x1, top, bottom)
			}
			// A vertical rule in each gap: before the row, between its
			// cells, after it.
			gaps := []ruleSpan{{0, cells[0].lo}}
			for k := 1; k < len(cells); k++ {
				gaps = append(gaps, ruleSpan{cells[k-1].hi, cells[k].lo})
			}
			gaps = append(gaps, ruleSpan{x1, table.Width})
			for _, g := range gaps {
				if !ruledBesideRow(table.Rules, g.lo, g.hi, top, bottom) {
					t.Errorf("page %d: no vertical rule between x %.1f and %.1f beside the row", tablePage+1, g.lo, g.hi)
				}
			}
			t.Logf("page %d: %d rules (%d horizontal); row %q in %d cells", tablePage+1, len(table.Rules), countHorizontalRules(table.Rules), line, len(cells))
		})
	}
}

// pdfiumLinesOf sorts glyphs into lines by their vertical centres, each
// line left to right.
func pdfiumLinesOf(gs []layout.Glyph) [][]layout.Glyph {
	sorted := append([]layout.Glyph(nil), gs...)
	center := func(g layout.Glyph) float64 { return (g.Top + g.Bottom) / 2 }
	sort.SliceStable(sorted, func(i, j int) bool { return center(sorted[i]) < center(sorted[j]) })
	var lines [][]layout.Glyph
	for _, g := range sorted {
		if n := len(lines); n > 0 {
			last := lines[n-1][0]
			if math.Abs(center(g)-center(last)) <= 0.4*min(g.Size, last.Size) {
				lines[n-1] = append(lines[n-1], g)
				continue
			}
		}
		lines = append(lines, []layout.Glyph{g})
	}
	for _, l := range lines {
		sort.SliceStable(l, func(a, b int) bool { return l[a].X0 < l[b].X0 })
	}
	return lines
}

// pdfiumCells splits a line at gaps wider than two font sizes: a table
// row's cells. Blanks (a cell's trailing space) are not its text.
func pdfiumCells(row []layout.Glyph) []ruleSpan {
	var out []ruleSpan
	for _, g := range row {
		if strings.TrimSpace(g.Text) == "" {
			continue
		}
		if n := len(out); n > 0 && g.X0-out[n-1].hi <= 2*g.Size {
			out[n-1].hi = max(out[n-1].hi, g.X1)
			continue
		}
		out = append(out, ruleSpan{g.X0, g.X1})
	}
	return out
}

// ruledAcrossRow reports whether horizontal rules between y0 and y1 cover x0
// to x1, pieces that meet within 3 points joined.
func ruledAcrossRow(rules []layout.Rule, x0, x1, y0, y1 float64) bool {
	byY := map[int][]ruleSpan{}
	for _, r := range rules {
		if r.Horizontal() && r.Y0 > y0 && r.Y0 < y1 {
			k := int(math.Round(r.Y0))
			byY[k] = append(byY[k], ruleSpan{r.X0 - 1.5, r.X1 + 1.5})
		}
	}
	for _, spans := range byY {
		for _, s := range mergeRuleSpans(spans) {
			if s.lo <= x0 && s.hi >= x1 {
				return true
			}
		}
	}
	return false
}

// ruledBesideRow reports whether a vertical rule between x0 and x1 runs from y0
// to y1.
func ruledBesideRow(rules []layout.Rule, x0, x1, y0, y1 float64) bool {
	for _, r := range rules {
		if !r.Horizontal() && r.X0 > x0 && r.X0 < x1 && r.Y0 <= y0 && r.Y1 >= y1 {
			return true
		}
	}
	return false
}

func countHorizontalRules(rules []layout.Rule) int {
	n := 0
	for _, r := range rules {
		if r.Horizontal() {
			n++
		}
	}
	return n
}

// BenchmarkPDFiumGeometry reads two annual reports whole and reports
// pages per second: the whole geometry; its glyphs and its rules alone;
// and, for comparison with the glyphs, go-pdfium's GetPageTextStructured,
// which returns each character's text and tight box in one call but
// neither its font size nor its baseline, and does not tell PDFium's
// inserted characters from drawn ones. Each pass opens the document in an
// instance and closes both, as a reader does: go-pdfium keeps a handle for
// every page object and path segment asked for until its instance is
// closed.
func BenchmarkPDFiumGeometry(b *testing.B) {
	// PDFium compiles once per process, before any timing.
	inst, err := pdfiumInstance(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if err := inst.Close(); err != nil {
		b.Fatal(err)
	}
	for _, file := range []string{"ar2019_haixiang_pharma_annual_report.pdf", "ar2016_zhangjiajie_tourism_annual_report.pdf"} {
		data, err := os.ReadFile(testenv.CorpusFile(b, file))
		if err != nil {
			b.Fatal(err)
		}
		withPage := func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int, f func(requests.Page) error) error {
			p, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
			if err != nil {
				return err
			}
			defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: p.Page})
			return f(requests.Page{ByReference: &p.Page})
		}
		variants := []struct {
			name string
			read func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) error
		}{
			{"geometry", func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) error {
				_, err := pdfiumGeometry(inst, doc, i)
				return err
			}},
			{"glyphs", func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) error {
				return withPage(inst, doc, i, func(p requests.Page) error {
					_, err := pdfiumGlyphs(inst, p, identity)
					return err
				})
			}},
			{"rules", func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) error {
				return withPage(inst, doc, i, func(p requests.Page) error {
					_, err := pdfiumRules(inst, p, identity)
					return err
				})
			}},
			{"GetPageTextStructured", func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) error {
				return withPage(inst, doc, i, func(p requests.Page) error {
					_, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{Page: p, Mode: requests.GetPageTextStructuredModeChars})
					return err
				})
			}},
		}
		for _, v := range variants {
			b.Run(strings.TrimSuffix(file, ".pdf")+"/"+v.name, func(b *testing.B) {
				pages := 0
				for b.Loop() {
					pages += readAllPDFium(b, data, v.read)
				}
				b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			})
		}
	}
}

// readAllPDFium opens data in an instance, reads each page, and closes
// both; it returns the page count.
func readAllPDFium(b *testing.B, data []byte, read func(pdfium.Pdfium, references.FPDF_DOCUMENT, int) error) int {
	inst, err := pdfiumInstance(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer inst.Close()
	opened, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		b.Fatal(err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n.PageCount; i++ {
		if err := read(inst, opened.Document, i); err != nil {
			b.Fatal(err)
		}
	}
	return n.PageCount
}
