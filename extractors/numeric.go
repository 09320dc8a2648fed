package extractors

import (
	"context"
	"sort"
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// unitClass is what the word after a number makes of it.
type unitClass int

const (
	unitNone unitClass = iota
	unitPercent
	unitPermille
	unitPP       // 个百分点
	unitBP       // 个基点, bp
	unitMultiple // 倍
	unitMoney
	unitCount
)

// unitWord is one word that may follow a number.
type unitWord struct {
	word  []rune
	class unitClass
	unit  string // ISO 4217 code for money; the measure word for counts
	// notBefore lists runes that, right after the word, show it is part
	// of another word (元宇宙, 所示, 部门).
	notBefore string
	// pow scales the number into the unit (美分 are 10^-2 dollars).
	pow int
	// tight words follow their number with no blank between: after a
	// blank they begin the next table cell (1,600,000.00 省商务发展专项资金).
	tight bool
}

// wordEntry is a word with a value attached, for prefix and cue tables.
type wordEntry struct {
	word []rune
	val  string
}

// Link words allowed between a growth noun and its value (增速将达到).
const growthLinkRunes = "为是达到约将保持维持在高达分别均仍预计有望超过了已亦也则稳定近接于可"

func toRunes(words ...string) [][]rune {
	out := make([][]rune, len(words))
	for i, w := range words {
		out[i] = []rune(w)
	}
	return out
}

// wordTable is a list of words, longest first, with the sets of their
// first and last runes so that most look-ups end after one map probe.
type wordTable struct {
	list        []wordEntry
	first, last map[rune]bool
}

func sortedEntries(es []wordEntry) wordTable {
	sort.SliceStable(es, func(a, b int) bool { return len(es[a].word) > len(es[b].word) })
	t := wordTable{list: es, first: map[rune]bool{}, last: map[rune]bool{}}
	for _, e := range es {
		t.first[e.word[0]] = true
		t.last[e.word[len(e.word)-1]] = true
	}
	return t
}

// hasAt reports whether w occurs in s at i.
func hasAt(s []rune, i int, w []rune) bool {
	if i < 0 || i+len(w) > len(s) {
		return false
	}
	for k, r := range w {
		if s[i+k] != r {
			return false
		}
	}
	return true
}

// matchBefore returns the longest entry that ends at i.
func matchBefore(s []rune, i int, es wordTable) (wordEntry, bool) {
	if i <= 0 || i > len(s) || !es.last[s[i-1]] {
		return wordEntry{}, false
	}
	for _, e := range es.list {
		if hasAt(s, i-len(e.word), e.word) {
			return e, true
		}
	}
	return wordEntry{}, false
}

// matchAt returns the longest entry that starts at i.
func matchAt(s []rune, i int, es wordTable) (wordEntry, bool) {
	if i < 0 || i >= len(s) || !es.first[s[i]] {
		return wordEntry{}, false
	}
	for _, e := range es.list {
		if hasAt(s, i, e.word) {
			return e, true
		}
	}
	return wordEntry{}, false
}

// containsAny reports whether any word occurs in s[lo:hi].
func containsAny(s []rune, lo, hi int, words [][]rune) bool {
	for i := lo; i < hi; i++ {
		for _, w := range words {
			if s[i] == w[0] && i+len(w) <= hi && hasAt(s, i, w) {
				return true
			}
		}
	}
	return false
}

// hasSeparator reports a thousands separator in a number's text.
func hasSeparator(num []rune) bool {
	for _, r := range num {
		if r == ',' || r == '，' {
			return true
		}
	}
	return false
}

// valueToken is one number read with the words around it.
type valueToken struct {
	num      numeral
	vs, ve   int // the numeral itself
	cs, ce   int // the fact's text: qualifiers, currency and unit included
	class    unitClass
	unit     string
	qual     string
	per      string
	currency string // from a currency written before the number
	curRule  string
	extraPow int  // scale written after 多/余 (3000多万)
	unitPow  int  // the unit's own scale (美分)
	coined   bool // 5元3角, 两毛五, 3块钱: a CNY amount read with its coins
	skip     bool
}

// listState remembers the last value emitted, so that the values of a
// list (增速分别为6.64%、12.20%) take the kind, sign and basis of the first.
type listState struct {
	ce    int
	kind  string
	class unitClass
	sign  int
	basis string
	ok    bool
}

type numScanner struct {
	s    []rune
	out  []candidate
	last listState
	// table is the money unit a table caption gives (单位:万元), in force
	// until prose resumes; zero when none.
	table tableUnit
	// growthCols are the columns of the current table whose header is a
	// change on the year before (本年比上年增减): their percents are growth.
	growthCols map[int]string
	// headerCells is how many cells the header row of growthCols has;
	// headerRow is set while the lines read are header rows.
	headerCells int
	headerRow   bool
	paraStart   int
	// tagOpen is where an HTML tag opened on this line and has not yet
	// closed; -1 when none.
	tagOpen int
	// cellLines are the column headers of a table laid out one cell a
	// line, as converted PDFs give them.
	cellLines cellLineHeaders
	// blank caches the tokens of the paragraph being read.
	blank blankRow
	// basisMemo is paragraphBasis's last answer.
	basisMemo basisMemo
	// para is what is remembered of the paragraph being read.
	para paraMemo
}

// cellLineHeaders records which kinds of percent column a table laid out
// one cell a line has named so far.
type cellLineHeaders struct {
	change bool // 本年比上年增减
	share  bool // 占比, 比重, 比例, 毛利率: percents that are not changes
	// heads are the header lines read before the first cell of a number;
	// rows is set once such a cell was read. lastChange is the number of
	// value columns of a table whose change column (同比增减) is the last,
	// 0 when the table has none such.
	heads      []string
	rows       bool
	lastChange int
}

// note reads a short line without digits as a possible column header.
func (h *cellLineHeaders) note(line []rune) {
	h.noteHead(line)
	for _, r := range line {
		if isNumeralDigit(r) {
			return
		}
	}
	l := string(line)
	if strings.Contains(l, "增减") {
		h.change = true
	}
	if strings.Contains(l, "比重") || strings.Contains(l, "比例") || strings.Contains(l, "占比") || strings.Contains(l, "率") {
		h.share = true
	}
}

// noteHead records the header lines of a table laid out one cell a line,
// up to its first cell of a number, and then finds whether its change
// column is the last: 2016年 2015年 同比增减 over 金额 占营业收入比重 金额
// 占营业收入比重 has five value columns, the change last; 2016年 2015年
// 本年比上年增减 2014年 has a year after the change and is no such table.
func (h *cellLineHeaders) noteHead(line []rune) {
	if h.rows {
		return
	}
	l := strings.TrimSpace(string(line))
	if l == "" {
		return
	}
	if numericCell([]rune(l)) {
		h.rows = true
		at := -1
		for k, hd := range h.heads {
			if strings.Contains(hd, "增减") {
				at = k
			}
		}
		if at < 0 {
			return
		}
		years := 0
		if at == len(h.heads)-1 {
			return // the change header is the first row's label
		}
		for _, hd := range h.heads[:at] {
			if c, _ := headerToken([]rune(strings.ReplaceAll(hd, " ", ""))); c {
				years++
			}
		}
		// The last line before the first cell is the first row's label.
		after := h.heads[at+1 : len(h.heads)-1]
		for _, hd := range after {
			if strings.Contains(hd, "年") {
				return
			}
		}
		if len(after) == 0 {
			if years > 0 {
				h.lastChange = years + 1
			}
			return
		}
		// Sub-headers repeat once a year (金额 占比 under each year); the
		// label cells of the first row may follow them.
		for g := len(after) / max(years, 1); g > 0 && years > 0; g-- {
			if repeats(after[:g*years], g) {
				h.lastChange = g*years + 1
				return
			}
		}
		return
	}
	if len(h.heads) < 24 {
		h.heads = append(h.heads, l)
	}
}

// repeats reports a list that is its first g items over and over.
func repeats(l []string, g int) bool {
	for k := g; k < len(l); k++ {
		if l[k] != l[k-g] {
			return false
		}
	}
	return true
}

// numericCell reports a line that is one number, a percent included.
func numericCell(l []rune) bool {
	if n := len(l); n > 0 && (l[n-1] == '%' || l[n-1] == '％') {
		l = l[:n-1]
	}
	return numericToken(l)
}

// lastChangeCell reports a percent that is the last cell of its row, in
// a table laid out one cell a line whose change column is the last, in a
// row with a cell for every value column.
func (sc *numScanner) lastChangeCell(t valueToken) bool {
	n := sc.cellLines.lastChange
	s := sc.s
	if n == 0 || !(t.cs == 0 || s[t.cs-1] == '\n') || !(t.ce == len(s) || s[t.ce] == '\n') {
		return false
	}
	// The next line must not be a cell of a number.
	e := t.ce + 1
	for e < len(s) && s[e] != '\n' {
		e++
	}
	if t.ce < len(s) && numericCell([]rune(strings.TrimSpace(string(s[min(t.ce+1, len(s)):e])))) {
		return false
	}
	// The lines before, back to the row label, must be n-1 cells.
	cells, end := 1, t.cs-1
	for end > 0 && cells <= n {
		b := end - 1
		for b >= 0 && s[b] != '\n' {
			b--
		}
		if !numericCell([]rune(strings.TrimSpace(string(s[b+1 : end])))) {
			break
		}
		cells++
		end = b
	}
	return cells == n
}

// changeCellLine reports a percent that stands alone on its line in a
// table whose only percent column is a change on the year before.
func (sc *numScanner) changeCellLine(t valueToken) bool {
	if !sc.cellLines.change || sc.cellLines.share {
		return false
	}
	s := sc.s
	return (t.cs == 0 || s[t.cs-1] == '\n') && (t.ce == len(s) || s[t.ce] == '\n')
}

// tableUnit is the unit of a table's bare cells.
type tableUnit struct {
	currency string
	pow      int
	// pctColumns is set once the table names a column in percent or a
	// change ((%), 增减): its bare cells (40.39) may then be percents, so
	// only cells with thousands separators are taken as amounts.
	pctColumns bool
}

// caption reads 单位:万元 at i and sets the table unit.
func (sc *numScanner) caption(i int) {
	s := sc.s
	if !hasAt(s, i, []rune("单位")) || i+2 >= len(s) {
		return
	}
	if (isBlank(s[i+2]) || s[i+2] == '\t') && (i == 0 || isBlank(s[i-1]) || s[i-1] == '\t' || s[i-1] == '\n') {
		// A column named 单位 (产品 单位 生产量 销售量): each row names its
		// own unit (台, 吨), and the caption above no longer holds.
		sc.table = tableUnit{}
		return
	}
	if s[i+2] != ':' && s[i+2] != '：' {
		return
	}
	j := i + 3
	for j < len(s) && j-i < 8 && (isBlank(s[j]) || s[j] == '\n') {
		j++ // PDF tables put the unit on a line of its own
	}
	e, ok := matchAt(s, j, vocab.tableCaptions)
	if !ok {
		sc.table = tableUnit{}
		return
	}
	sc.table = tableUnit{currency: "CNY", pow: int(e.val[0] - '0')}
	sc.cellLines = cellLineHeaders{}
}

// endParagraph ends a table's unit where prose resumes: a paragraph of
// more than 40 runes without a tab.
func (sc *numScanner) endParagraph(start, end int, hasTab bool) {
	if !hasTab {
		sc.headerRow = false
		if end-start > 40 && !sc.blankTable(start, end) {
			sc.table = tableUnit{}
			sc.growthCols = nil
			sc.cellLines = cellLineHeaders{}
		} else {
			sc.cellLines.note(sc.s[start:end])
		}
		return
	}
	// A header row: it names columns and holds no amounts.
	cells := strings.Split(string(sc.s[start:end]), "\t")
	amounts := false
	var cols map[int]string
	for k, c := range cells {
		if strings.ContainsAny(c, ",%") || bareAmount(c) {
			amounts = true
		}
		if strings.Contains(c, "增减") || strings.Contains(c, "同比") || strings.Contains(c, "变动比例") || strings.Contains(c, "变动幅度") {
			if cols == nil {
				cols = map[int]string{}
			}
			// 毛利率比上年同期增减 changes a rate: percentage points.
			cols[k] = KindGrowth
			if h, _, ok := strings.Cut(c, "增减"); ok && (strings.Contains(h, "率") || strings.Contains(h, "比例") || strings.Contains(h, "比重") || strings.Contains(h, "占比")) {
				cols[k] = KindPPChange
			}
		}
	}
	if amounts {
		sc.headerRow = false
		return
	}
	// A second header row (金额 占营业收入比重 under 2019年 2018年 同比增减)
	// names sub-columns; the change columns named above it stay.
	if cols != nil || !sc.headerRow {
		sc.growthCols, sc.headerCells = cols, len(cells)
	}
	sc.headerRow = true
}

// bareAmount reports a cell that is a number alone other than a year
// (0.48, 120): a row that holds one is no header.
func bareAmount(cell string) bool {
	c := strings.TrimSpace(cell)
	if c == "" {
		return false
	}
	digits := 0
	for _, r := range c {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == '-':
		default:
			return false
		}
	}
	year := len(c) == 4 && (strings.HasPrefix(c, "19") || strings.HasPrefix(c, "20"))
	return digits > 0 && !year
}

// changeColumn returns the kind of the change column of the current
// table that position i lies in, "" when none.
func (sc *numScanner) changeColumn(i int) string {
	if sc.growthCols == nil || sc.paraStart > i {
		return ""
	}
	tabs := sc.tabs()
	col, cells := sort.SearchInts(tabs, i), len(tabs)+1
	// The text drops a row's empty edge cells: the corner cell above the
	// row labels, the merged label of a row group. Where the row and the
	// header differ in cells, their last columns are the same ones.
	if cells == 1 {
		return "" // a line of prose inside the table's reach
	}
	if cells != sc.headerCells {
		col = sc.alignRow(col, cells)
	}
	kind := sc.growthCols[col]
	if kind == KindGrowth && sc.rowNamesRate(i) {
		kind = KindPPChange // 加权平均净资产收益率 14.07% 11.35% 2.72%
	}
	return kind
}

// cellClass is what a table cell holds, to align rows of unlike width.
func cellClass(c string) byte {
	c = strings.TrimSpace(c)
	switch {
	case c == "" || c == "--" || c == "-":
		return 'e'
	case numericCell([]rune(strings.ReplaceAll(c, " ", ""))):
		if strings.HasSuffix(c, "%") || strings.HasSuffix(c, "％") {
			return 'p'
		}
		return 'n'
	}
	return 't'
}

// alignRow maps the column col of the current row, which has cells cells,
// to a column of the header. The text drops a row's empty edge cells: a
// leading one (the corner above the row labels, the merged label of a row
// group) or a trailing one (a change left blank). A wider row just above
// shows which: the current row's cells line up with either its first or
// its last ones. Without such a row the last columns are taken as the same.
func (sc *numScanner) alignRow(col, cells int) int {
	s := sc.s
	cur := strings.Split(string(s[sc.paraStart:lineEnd(s, sc.paraStart)]), "\t")
	end := sc.paraStart - 1
	for look := 0; look < 6 && end > 0; look++ {
		start := end
		for start > 0 && s[start-1] != '\n' {
			start--
		}
		ref := strings.Split(string(s[start:end]), "\t")
		end = start - 1
		if len(ref) <= cells || len(ref) < sc.headerCells {
			continue
		}
		left, right := 0, 0
		for k, c := range cur {
			cc := cellClass(c)
			if cc == cellClass(ref[k]) {
				left++
			}
			if cc == cellClass(ref[len(ref)-len(cur)+k]) {
				right++
			}
		}
		if left > right {
			return col - (len(ref) - sc.headerCells)
		}
		return col + (len(ref) - cells) - (len(ref) - sc.headerCells)
	}
	return col - (cells - sc.headerCells)
}

func lineEnd(s []rune, i int) int {
	for i < len(s) && s[i] != '\n' {
		i++
	}
	return i
}

// rowNamesRate reports a row whose label names a rate or a share: its
// change on the year before is in percentage points.
func (sc *numScanner) rowNamesRate(i int) bool {
	label := i
	if tabs := sc.tabs(); len(tabs) > 0 && tabs[0] < i {
		label = tabs[0]
	}
	// The label is the same for every cell of the row: what it names is
	// remembered, and read on from where it was read to.
	m := &sc.para
	if m.labelTo > label || m.labelTo < sc.paraStart {
		m.labelTo, m.labelRate = sc.paraStart, false
	}
	if !m.labelRate && label > m.labelTo {
		m.labelRate = containsAny(sc.s, max(sc.paraStart, m.labelTo-maxWordRunes(vocab.shareWords)+1), label, vocab.shareWords)
	}
	m.labelTo = label
	return m.labelRate
}

// maxWordRunes is the length of the longest of words.
func maxWordRunes(words [][]rune) int {
	n := 0
	for _, w := range words {
		n = max(n, len(w))
	}
	return n
}

// paraMemo is what the scanner remembers of the paragraph that starts at
// para, so that what each number of a long paragraph (a table run onto
// one line) asks of it is read once, not once a number.
type paraMemo struct {
	para int
	// tabs are the offsets of the paragraph's tabs; nil until asked.
	tabs []int
	// labelRate says whether the row label up to labelTo names a rate.
	labelTo   int
	labelRate bool
}

// tabs are the offsets of the tabs of the paragraph being read.
func (sc *numScanner) tabs() []int {
	if sc.para.para != sc.paraStart || sc.para.tabs == nil {
		sc.para = paraMemo{para: sc.paraStart, tabs: []int{}, labelTo: -1}
		for k := sc.paraStart; k < len(sc.s) && sc.s[k] != '\n'; k++ {
			if sc.s[k] == '\t' {
				sc.para.tabs = append(sc.para.tabs, k)
			}
		}
	}
	return sc.para.tabs
}

// tableCell reports whether the value t is a whole table cell written as
// an amount (thousands separators or decimals): 831,903,896.72.
func (sc *numScanner) tableCell(t valueToken) bool {
	s := sc.s
	// Cells end at tabs and line breaks; PDF text sets a row's cells
	// apart with blanks. In a row of tabs a blank is inside a cell: the
	// converter split the number (1,618 ,715, 253.0 0), and no part of it
	// is the amount.
	tabs := len(sc.tabs()) > 0
	cellEdge := func(r rune) bool { return r == '\t' || r == '\n' || (!tabs && isBlank(r)) }
	if t.cs > 0 && !cellEdge(s[t.cs-1]) {
		return false
	}
	if t.ve < len(s) && !cellEdge(s[t.ve]) {
		return false
	}
	if sc.rowNamesOtherUnit(t.cs) {
		return false
	}
	if hasSeparator(s[t.vs:t.ve]) {
		return true
	}
	// A bare decimal (13.98) is an amount only between tabs, in a table
	// without percent columns: elsewhere it may be a percent or a ratio.
	if sc.table.pctColumns || t.cs == 0 || s[t.cs-1] != '\t' {
		return false
	}
	for _, r := range s[t.vs:t.ve] {
		if r == '.' || r == '．' {
			return true
		}
	}
	return false
}

// rowNamesOtherUnit reports a unit of its own in the row label before a
// cell: the text that precedes the row's numbers, back to a line break,
// a tab or another number.
func (sc *numScanner) rowNamesOtherUnit(cs int) bool {
	s := sc.s
	hi := cs
	for hi > 0 && cs-hi < 200 && (isNumeralDigit(s[hi-1]) || isBlank(s[hi-1]) || s[hi-1] == '\t' || strings.ContainsRune(",.-%", s[hi-1])) {
		hi--
	}
	lo := hi
	for lo > 0 && hi-lo < 40 && s[lo-1] != '\n' && s[lo-1] != '\t' && !isNumeralDigit(s[lo-1]) {
		lo--
	}
	if b := lastBlankCell(s, lo, hi); b > lo {
		// 同期末增减(%) 归属于上市公司股东的净资产: a header cell run on
		// before the label in a row set apart by blanks; the label alone
		// names the row.
		lo = b
	}
	if lo == hi && hi > 0 && s[hi-1] == '\n' {
		// One cell a line: the row label is the line above the cells
		// (主要子公司在职员工的数量（人） / 1,217).
		hi--
		lo = hi
		for lo > 0 && hi-lo < 40 && s[lo-1] != '\n' {
			lo--
		}
	}
	return containsAny(s, lo, hi, vocab.rowUnits)
}

// scanNumeric finds the numeric facts of the clean text in one pass: a
// cheap test per rune, and a closer look only where a numeral starts.
//
// The rules, by the id each fact records:
//
//	money.cn_unit      a currency word after the number (1554.17亿元, 5亿美元)
//	money.symbol       a currency sign before it (¥99, US$14)
//	money.prefix       a currency word before it only (人民币3.5亿)
//	money.no_currency  a bare amount with a scale word in a sentence about money (超过1500亿)
//	money.table_unit   a table cell under a caption 单位:万元
//	count.measure      a measure word after the number (14家, 1.4亿个, 3578人/天)
//	count.bare_scaled  a bare scaled number after 用户数, 人数 (2.5亿)
//	count.pips         basis points of an exchange rate (324个基点)
//	percent.sign       %; percent.permille ‰; percent.fraction 四分之一, 百分之二十; percent.cheng 九成
//	percent.half       一半, 半数 (50), 近一半 (approx), 过半, 超过半数 (over)
//	growth.verb        a percent after a verb of change (同比增长9.10%, 下降3%)
//	growth.noun        after a noun of change (增速为5%); growth.noun_after before one (233.49%的增速)
//	growth.list        a list or range item after a growth (增速分别为6.64%、12.20%)
//	growth.table       a percent, or a bare cell under (%), in a change column (本年比上年增减)
//	percent.table      a bare cell in a row whose label names (%) (加权平均净资产收益率(%) 8.37)
//	growth.flat        持平 of amounts
//	pp.points          个百分点; pp.bp 个基点 of a rate; pp.flat 持平 of shares; pp.table a rate's change column
//	multiple.times     倍 (1.4倍, 4倍以上); multiple.fanfan 翻番, 翻两番
func scanNumeric(clean []rune) []candidate {
	out, err := scanNumericContext(context.Background(), clean)
	if err != nil {
		panic(err) // a background context is never done
	}
	return out
}

// scanNumericContext is scanNumeric that stops with the context's error
// when ctx is done.
func scanNumericContext(ctx context.Context, clean []rune) ([]candidate, error) {
	sc := &numScanner{s: clean, tagOpen: -1, blank: blankRow{para: -1}}
	paraStart, paraTab := 0, false
	stop := canceller{ctx: ctx}
	for i := 0; i < len(clean); {
		if err := stop.check(i); err != nil {
			return nil, err
		}
		r := clean[i]
		switch {
		case r == '\n':
			sc.tagOpen = -1
			sc.endParagraph(paraStart, i, paraTab)
			paraStart, paraTab = i+1, false
			sc.paraStart = paraStart
		case r == '\t':
			paraTab = true
		case r == '%':
			sc.table.pctColumns = true // a (%) header: no number before it
		case r == '<':
			if i+1 < len(clean) && (isASCIILetter(clean[i+1]) || clean[i+1] == '/' || clean[i+1] == '!') {
				sc.tagOpen = i
			}
		case r == '>':
			sc.tagOpen = -1
		case r < 0x80:
			if (r >= '0' && r <= '9') || ((r == '-' || r == '+') && i+1 < len(clean) && clean[i+1] >= '0' && clean[i+1] <= '9') {
				if e := sc.splitCell(i); e > i {
					i = e
					continue
				}
				i = sc.token(i)
				continue
			}
		case r > 0xFFFF || !interesting[r]:
		case r == '翻':
			if n := sc.fanfan(i); n > i {
				i = n
				continue
			}
		case r == '半':
			sc.half(i)
		case r == '持':
			sc.flat(i)
		case r == '单':
			sc.caption(i)
		case r == '增':
			if i+1 < len(clean) && clean[i+1] == '减' {
				sc.table.pctColumns = true
			}
		case (r >= '０' && r <= '９') || r == '负' || r == '負' || r == '−' || r == '－':
			i = sc.token(i)
			continue
		case startsCNNumeral(r):
			if sc.chineseWorthReading(i) {
				i = sc.token(i)
				continue
			}
		}
		i++
	}
	return sc.out, nil
}

// interesting marks the runes above ASCII where a numeric fact can start:
// full-width digits and signs, Chinese numerals, 翻 (翻番) and 持 (持平).
// scanNumeric skips every other rune with one table look-up.
var interesting = func() *[0x10000]bool {
	var t [0x10000]bool
	for r := rune(0x80); r < 0x10000; r++ {
		t[r] = startsCNNumeral(r) || (r >= '０' && r <= '９')
	}
	for _, r := range "负負−－翻持单增半" {
		t[r] = true
	}
	return &t
}()

// chineseWorthReading is a cheap test before reading a Chinese numeral:
// it must start with a digit or 十 (not 千家万户, 百姓), not follow 第 or
// another numeral rune, and be followed by a rune that can start a unit.
func (sc *numScanner) chineseWorthReading(i int) bool {
	s := sc.s
	r := s[i]
	if i > 0 && (s[i-1] == '第' || startsCNNumeral(s[i-1]) || s[i-1] == '点' || s[i-1] == '数' || s[i-1] == '几' || s[i-1] == '幾') {
		return false // 第三, 数十亿 and 几十万 name no single value
	}
	if k, _ := unitRun(s[i:]); cnDigitValue(r) < 0 && r != '十' && r != '拾' && !(i+k+1 < len(s) && s[i+k] == '分' && s[i+k+1] == '之') {
		return false
	}
	j := i
	fraction := false
	for j < len(s) && j-i < 24 && (startsCNNumeral(s[j]) || isCNPoint(s[j]) || (j > i && isNumeralDigit(s[j])) || s[j] == '分' || s[j] == '之' || s[j] == '多' || s[j] == '余' ||
		(j > i && containsRune("到至~-", s[j]) && j+1 < len(s) && (startsCNNumeral(s[j+1]) || isNumeralDigit(s[j+1])))) {
		fraction = fraction || s[j] == '之'
		j++
	}
	if fraction {
		return true // 四分之一, 百分之二十
	}
	if j >= len(s) {
		return false
	}
	_, ok := vocab.units[s[j]]
	return ok || s[j] == '成' || containsRune("块塊角毛", s[j]) || (s[j] == '钱' && s[j-1] == '分')
}

// token reads the value that starts at i (with a range partner where one
// follows) and emits its facts. It returns where scanning goes on.
func (sc *numScanner) token(i int) int {
	a, ok := sc.read(i)
	if !ok {
		return i + 1
	}
	if a.skip {
		return a.ve
	}
	// A range: 3%-4.5%, 15%至20%, 0.51-0.52美元, 3-5亿元.
	if b, next, ok := sc.rangePartner(a); ok {
		if a.class == unitNone && b.class != unitNone && !b.skip {
			a.class, a.unit, a.currency, a.curRule = b.class, b.unit, b.currency, b.curRule
			if pow := rangeScale(b.num, sc.s[b.vs:b.vs+b.num.n]); a.num.scale == 0 && pow != 0 && !a.num.percent {
				// 3-5亿元: the lower bound takes the scale, unless that
				// would put it above the upper (从8500到3万).
				lower := new(apd.Decimal).Set(a.num.val)
				lower.Exponent += int32(pow)
				if lower.Cmp(b.num.val) <= 0 {
					a.num.val = lower
				}
			}
			a.extraPow = b.extraPow
		}
		first := sc.emit(a, listState{})
		if !b.skip {
			sc.emit(b, first)
		}
		return next
	}
	sc.emit(a, listState{})
	return a.ce
}

// rangePartner reads the upper bound of a range that starts with a.
func (sc *numScanner) rangePartner(a valueToken) (valueToken, int, bool) {
	s := sc.s
	j := a.ve
	if a.class != unitNone {
		j = a.ce
	}
	if j >= len(s) {
		return valueToken{}, 0, false
	}
	switch s[j] {
	case '-', '~', '～', '—', '–', '－', '至', '到':
	default:
		return valueToken{}, 0, false
	}
	k := j + 1
	if k < len(s) && (s[k] == '—' || s[k] == '-') && s[k] == s[j] { // ——, --
		k++
	}
	if k >= len(s) || !(isNumeralDigit(s[k]) || (a.num.chinese && startsCNNumeral(s[k]))) {
		return valueToken{}, 0, false
	}
	b, ok := sc.read(k)
	if !ok {
		return valueToken{}, 0, false
	}
	if b.cs < k { // the upper bound cannot take words before the connector
		b.cs = k
	}
	if b.class == unitNone && !b.skip {
		// 2019-2021年, 1-7月: neither side is a fact.
		return b, b.ve, true
	}
	if a.class != unitNone && a.class != b.class {
		return valueToken{}, 0, false
	}
	return b, b.ce, true
}

// read reads the numeral at i with its qualifiers, currency and unit.
func (sc *numScanner) read(i int) (valueToken, bool) {
	s := sc.s
	end := i + 64
	if end > len(s) {
		end = len(s)
	}
	num, ok := readNumeral(s[i:end])
	if !ok {
		return valueToken{}, false
	}
	t := valueToken{num: num, vs: i, ve: i + num.n, cs: i, ce: i + num.n}
	if s[i] == '-' || s[i] == '+' {
		// A sign only where no number or word runs into it (not 3-5).
		if i > 0 && (isNumeralDigit(s[i-1]) || isASCIILetter(s[i-1]) || s[i-1] == '%') {
			return valueToken{}, false
		}
	}
	if sc.insideMarkup(i) {
		t.skip = true
		t.ve = sc.skipWord(t.ve)
		return t, true
	}
	// Numbers inside names, codes and versions: V2.1, Web3.0, 5G, 7x24.
	prev := rune(0)
	if i > 0 {
		prev = s[i-1]
	}
	if clockTime(s, t.ve) {
		t.skip = true // 16:30, 23：30: a time of day
		t.ve += 3
		return t, true
	}
	at := i
	if at > 0 && isBlank(s[at-1]) {
		if _, ok := matchBefore(s, at-1, vocab.currencyPrefixes); ok {
			at-- // 人民币 10.28 元
		}
	}
	if cur, ok := matchBefore(s, at, vocab.currencyPrefixes); ok && !hasAt(s, at-len(cur.word)-2, []rune("数字")) {
		t.currency, t.cs = cur.val, at-len(cur.word)
		t.curRule = "money.prefix"
		if len(cur.word) == 1 || cur.word[len(cur.word)-1] == '$' {
			t.curRule = "money.symbol"
		}
	} else if isASCIILetter(prev) || prev == '×' || prev == '*' || prev == '.' || prev == '/' || prev == '_' || prev == '#' || prev == '第' || prev == '@' || sc.afterOrdinal(i) {
		t.skip = true
		t.ve = sc.skipWord(t.ve)
		return t, true
	}
	if num.percent {
		t.class, t.unit = unitPercent, "%"
		if num.rule == "cheng" && t.ve < len(s) && containsRune("不为立功本交果员长熟就型效都绩品", s[t.ve]) {
			return valueToken{}, false
		}
	} else {
		sc.readUnit(&t)
		sc.coins(&t)
	}
	// Qualifier before (or before the currency): 超过1500亿, 约人民币5亿元.
	if q, ok := matchBefore(s, t.cs, vocab.qualifierPrefixes); ok && sc.qualifierPrefixOK(t.cs, q) {
		t.qual, t.cs = q.val, t.cs-len(q.word)
	}
	if t.qual == "" || t.qual == QualExact {
		if q, ok := matchAt(s, t.ce, vocab.qualifierSuffixes); ok && t.class != unitNone {
			next := t.ce + len(q.word)
			if !(string(q.word) == "上下" && next < len(s) && containsRune("游级文班半", s[next])) {
				t.qual, t.ce = q.val, next
			}
		}
	}
	return t, true
}

// clockTime reports a colon and two digits at ve, ending there: the
// number before is the hour of a time (16:30), not a value.
func clockTime(s []rune, ve int) bool {
	if ve+2 >= len(s) || (s[ve] != ':' && s[ve] != '：') || !isNumeralDigit(s[ve+1]) || !isNumeralDigit(s[ve+2]) {
		return false
	}
	return ve+3 == len(s) || !isNumeralDigit(s[ve+3])
}

// insideMarkup reports a number inside an HTML tag that survived into the
// text (<img style="max-width: 100%">): a tag opened earlier on the line
// and not yet closed.
func (sc *numScanner) insideMarkup(i int) bool {
	return sc.tagOpen >= 0 && sc.tagOpen < i && i-sc.tagOpen < 300
}

// afterOrdinal reports 第 before the number across blanks (第 2 项).
func (sc *numScanner) afterOrdinal(i int) bool {
	j := i
	for j > 0 && i-j < 2 && isBlank(sc.s[j-1]) {
		j--
	}
	return j > 0 && sc.s[j-1] == '第'
}

// skipWord returns the end of the letters and digits that run on from i
// (the rest of a code like 5G or V2.1.3).
func (sc *numScanner) skipWord(i int) int {
	s := sc.s
	for i < len(s) && (isNumeralDigit(s[i]) || isASCIILetter(s[i]) || s[i] == '.') {
		i++
	}
	return i
}

// containsRune reports whether r is one of the runes of the short
// constant set.
func containsRune(set string, r rune) bool {
	return strings.ContainsRune(set, r)
}

// qualifierPrefixOK rejects qualifier look-alikes: 最近3年, 附近.
func (sc *numScanner) qualifierPrefixOK(at int, q wordEntry) bool {
	start := at - len(q.word)
	if string(q.word) == "近" && start > 0 && containsRune("最附临亲靠就将接", sc.s[start-1]) {
		return false
	}
	if string(q.word) == "超" && start > 0 && containsRune("高赶", sc.s[start-1]) {
		return false
	}
	return true
}

// readUnit reads what follows the numeral: blanks, 多/余, a scale word
// after them, the unit, and what a price is per.
func (sc *numScanner) readUnit(t *valueToken) {
	s := sc.s
	j := t.ve
	if j < len(s) && (s[j] == '多' || s[j] == '余') && t.num.val.Exponent >= 0 {
		j++
		if t.num.scale == 0 {
			if pow, k := readScale(s[j:], t.num.chinese); k > 0 {
				t.extraPow = pow
				j += k
			}
		}
		t.qual = QualOver
	}
	// A blank may part a number from its unit where the text spaces its
	// numbers (38,420 项, 人民币 10.28 元), not after a heading's number
	// (2.1 人工智能).
	k := j
	if !t.num.chinese && (hasSeparator(s[t.vs:t.ve]) || (t.vs > 0 && isBlank(s[t.vs-1]))) {
		for k < len(s) && k-j < 2 && isBlank(s[k]) {
			k++
		}
		if k > j && t.num.scale == 0 && t.extraPow == 0 {
			if pow, n := readScale(s[k:], false); n > 0 {
				t.extraPow = pow // 人民币 3 亿元
				k += n
				j = k
			}
		}
	}
	if k >= len(s) {
		if t.qual != "" || t.extraPow != 0 {
			t.ce = j
		}
		return
	}
	for _, u := range vocab.units[s[k]] {
		if !hasAt(s, k, u.word) {
			continue
		}
		after := k + len(u.word)
		if after < len(s) && u.notBefore != "" && containsRune(u.notBefore, s[after]) {
			continue
		}
		if isASCIILetter(u.word[len(u.word)-1]) && after < len(s) && isASCIILetter(s[after]) {
			continue // GB inside GBP, BP inside BPM
		}
		if k > j && (u.tight || sc.surnameCell(k, u)) {
			continue
		}
		if u.word[0] == '%' && after+1 < len(s) && isHexDigit(s[after]) && isHexDigit(s[after+1]) {
			t.skip = true // %2F: an escape inside a URL
			t.ve = sc.skipWord(after)
			return
		}
		t.class, t.unit, t.ce, t.unitPow = u.class, u.unit, after, u.pow
		if u.unit == "CNY" && u.word[0] == '元' {
			// 2.43亿元美元: a currency word after a stray 元 wins.
			if cur, ok := moneyUnitAt(s, after); ok && cur.unit != "CNY" {
				t.unit, t.ce, t.unitPow = cur.unit, after+len(cur.word), cur.pow
			}
		}
		break
	}
	if t.class == unitNone {
		if t.qual != "" || t.extraPow != 0 {
			t.ce = j
		}
		if k < len(s) && isASCIILetter(s[k]) && k == t.ve {
			// 5G, 4K, 3D: a name, not a number.
			t.skip = true
			t.ve = sc.skipWord(t.ve)
		}
		return
	}
	// Per-unit prices and rates: 78.09美元/桶, 3578人/天.
	if t.ce+1 < len(s) && (s[t.ce] == '/' || s[t.ce] == '每') {
		p := t.ce + 1
		q := p
		for q < len(s) && q-p < 3 && (s[q] >= 0x4E00 && s[q] <= 0x9FFF || isASCIILetter(s[q])) {
			q++
		}
		if q > p {
			switch t.class {
			case unitMoney:
				t.per = string(s[p:q])
			case unitCount:
				if s[t.ce] == '/' {
					t.unit += string(s[t.ce:q])
					t.ce = q
				}
			}
		}
	}
}

// Coins. FACTS.md keeps money in whole currency units, so the spoken and
// written coins of a CNY amount are fractions of 元: 角 and 毛 are tenths,
// 分 hundredths, and 块 is the colloquial 元 (5元3角 is 5.3, 两毛五 0.25,
// 3块钱 3). 分 alone is points or minutes; it is money only inside such a
// composite or as X分钱. 块, 角 and 毛 are also words of their own (三块
// 土地, 三角债, 一毛不拔), so each is money only where nothing but a coin,
// 钱, a range or a bound follows.

// coinDigit returns the value of the single digit at k, or -1.
func coinDigit(s []rune, k int) int64 {
	if k >= len(s) {
		return -1
	}
	if isNumeralDigit(s[k]) {
		return digitVal(s[k])
	}
	if s[k] == '〇' || s[k] == '○' || s[k] == 'Ｏ' || s[k] == '十' || cnUnitPow(s[k]) > 0 {
		return -1
	}
	return cnDigitValue(s[k])
}

// coinEnd reports whether an amount with coins may end at k: at the end
// of the text, before a blank, a digit-free sign or 钱, a range connector
// or a bound (以上, 左右).
func coinEnd(s []rune, k int) bool {
	if k >= len(s) {
		return true
	}
	r := s[k]
	if isNumeralDigit(r) || r == '.' || startsCNNumeral(r) {
		return false
	}
	return !isCJK(r) || containsRune("钱到至以左上", r)
}

// coinTail reads the coins after a whole amount of 元 or 块 at k: 3角,
// 3角5分, 3毛5, 零4 or 4分 (hundredths), and after 块 a bare 3 (tenths:
// 五块六). It returns the coins in hundredths and where they end.
func coinTail(s []rune, k int, kuai bool) (cents int64, end int, ok bool) {
	zero := k < len(s) && (s[k] == '零' || s[k] == '〇')
	if zero {
		k++
	}
	d := coinDigit(s, k)
	if d < 0 {
		return 0, 0, false
	}
	k++
	switch {
	case k < len(s) && s[k] == '分' && (k+1 >= len(s) || s[k+1] != '之'):
		return d, k + 1, coinEnd(s, k+1)
	case !zero && k < len(s) && (s[k] == '角' || s[k] == '毛'):
		cents, k = 10*d, k+1
		if e := coinDigit(s, k); e >= 0 {
			if k+1 < len(s) && s[k+1] == '分' {
				return cents + e, k + 2, coinEnd(s, k+2)
			}
			if coinEnd(s, k+1) {
				return cents + e, k + 1, true // 七毛八
			}
		}
		return cents, k, coinEnd(s, k)
	case kuai && coinEnd(s, k):
		if zero {
			return d, k, true // 三块零四
		}
		return 10 * d, k, true // 五块六
	}
	return 0, 0, false
}

// coins reads a CNY amount's coins, or an amount of 块, 角, 毛 or 分钱
// alone, into t.
func (sc *numScanner) coins(t *valueToken) {
	s := sc.s
	if t.qual != "" || t.num.scale != 0 || t.extraPow != 0 || t.num.percent || t.ve >= len(s) {
		if t.class == unitNone && t.ve < len(s) && containsRune("块塊", s[t.ve]) && t.num.scale != 0 && t.qual == "" {
			sc.kuai(t, t.ve) // 九千块钱
		}
		return
	}
	whole := isWhole(t.num.val)
	switch {
	case t.class == unitMoney && t.unit == "CNY" && t.currency == "" && t.unitPow == 0 && whole && t.ce == t.ve+1 && (s[t.ve] == '元' || s[t.ve] == '圆'):
		if cents, end, ok := coinTail(s, t.ce, false); ok {
			sc.addCoins(t, cents, end)
		}
	case t.class == unitMoney && t.unit == "USD" && t.currency == "" && t.unitPow == 0 && whole && hasAt(s, t.ce-2, []rune("美元")):
		// 两美元又三美分: 2.03 USD.
		k := t.ce
		if k < len(s) && containsRune("又零", s[k]) {
			k++
		}
		end := k + 4
		if end > len(s) {
			end = len(s)
		}
		if k >= len(s) || !(isNumeralDigit(s[k]) || startsCNNumeral(s[k])) {
			return
		}
		num, ok := readNumeral(s[k:end])
		if !ok || num.percent || num.scale != 0 || !hasAt(s, k+num.n, []rune("美分")) {
			return
		}
		cents, err := num.val.Int64()
		if err != nil || cents < 0 || cents >= 100 || !isWhole(num.val) {
			return
		}
		sc.addCoins(t, cents, k+num.n+2)
	case t.class != unitNone:
	case containsRune("块塊", s[t.ve]):
		sc.kuai(t, t.ve)
	case whole && containsRune("角毛", s[t.ve]) && t.num.val.Cmp(apd.New(10, 0)) < 0:
		// 2角, 两毛五, 两角五分; not 三角债, and after a word (冰山一角,
		// 珠三角, 铁三角) only with coins or 钱 after.
		d, _ := t.num.val.Int64()
		k := t.ve + 1
		cents := 10 * d
		tail := false
		if e := coinDigit(s, k); e >= 0 {
			switch {
			case k+1 < len(s) && s[k+1] == '分':
				cents, k = cents+e, k+2
			case coinEnd(s, k+1):
				cents, k = cents+e, k+1
			default:
				return
			}
			tail = true
		}
		if k < len(s) && s[k] == '钱' {
			k, tail = k+1, true
		}
		if !coinEnd(s, k) || (!tail && t.num.chinese && t.vs > 0 && isCJK(s[t.vs-1])) {
			return
		}
		t.num.val = apd.New(0, 0)
		t.class, t.unit = unitMoney, "CNY"
		sc.addCoins(t, cents, k)
	case whole && s[t.ve] == '分' && t.ve+1 < len(s) && s[t.ve+1] == '钱':
		// 五分钱: 分 is money only with 钱.
		cents, _ := t.num.val.Int64()
		if cents >= 100 {
			return
		}
		t.num.val = apd.New(0, 0)
		t.class, t.unit = unitMoney, "CNY"
		sc.addCoins(t, cents, t.ve+2)
	}
}

// kuai reads an amount of 块 at k: with 钱 or coins after it, or alone at
// the end of a clause in a sentence about a price (花费我三块; not 土地3块).
func (sc *numScanner) kuai(t *valueToken, k int) {
	s := sc.s
	k++
	switch {
	case k < len(s) && s[k] == '钱':
		k++
	case isWhole(t.num.val) && t.num.scale == 0:
		if cents, end, ok := coinTail(s, k, true); ok {
			t.class, t.unit = unitMoney, "CNY"
			sc.addCoins(t, cents, end)
			if t.ce < len(s) && s[t.ce] == '钱' {
				t.ce++
			}
			return
		}
		if !coinEnd(s, k) {
			return
		}
		lo, hi := sentenceBounds(s, t.vs)
		if !containsAny(s, lo, hi, vocab.priceWords) {
			return // 分为三块, 土地3块
		}
	case !coinEnd(s, k):
		return
	}
	t.class, t.unit, t.ce, t.coined = unitMoney, "CNY", k, true
}

// addCoins adds cents hundredths of 元 to t's whole amount, ending at end.
func (sc *numScanner) addCoins(t *valueToken, cents int64, end int) {
	sum := new(apd.Decimal)
	if _, err := numeralCtx.Add(sum, t.num.val, apd.New(cents, -2)); err != nil {
		return // an exact sum of two short decimals cannot fail; keep the whole amount
	}
	sum.Reduce(sum) // 5.6, not 5.60
	t.num.val = sum
	t.ce, t.coined = end, true
}

// moneyUnitAt returns the currency word that starts at k, if any.
func moneyUnitAt(s []rune, k int) (unitWord, bool) {
	if k >= len(s) {
		return unitWord{}, false
	}
	for _, u := range vocab.units[s[k]] {
		if u.class == unitMoney && hasAt(s, k, u.word) {
			return u, true
		}
	}
	return unitWord{}, false
}

// emit classifies a read value and appends its fact. inherit, when ok,
// is the first value of the range the value closes. It returns the state
// a following range bound or list item inherits.
func (sc *numScanner) emit(t valueToken, inherit listState) listState {
	if t.skip {
		return listState{}
	}
	if t.class == unitNone && t.currency == "" && t.num.scale == 0 && t.extraPow == 0 && sc.table.currency == "" && !sc.quote(t) {
		return listState{} // a bare number: a year, a code, an ordinal
	}
	if sc.slogan(t) {
		return listState{}
	}
	if t.num.rule == "positional" {
		// Chinese digits in a row are years (二〇二一) or doubled glyphs of
		// a broken font (一一种), not amounts.
		return listState{}
	}
	s := sc.s
	c := candidate{cs: t.cs, ce: t.ce}
	c.Qualifier = QualExact
	if t.qual != "" {
		c.Qualifier = t.qual
	}
	val := new(apd.Decimal).Set(t.num.val)
	val.Exponent += int32(t.extraPow)
	scaled := t.num.scale != 0 || t.extraPow != 0

	sign, verbRule := sc.changeBefore(t.cs)
	basis := ""
	listed := !inherit.ok && sc.inList(t.cs)
	if inherit.ok && sign == 0 {
		sign, basis = inherit.sign, inherit.basis
	}
	if listed && sign == 0 && sc.last.class == t.class {
		sign, basis = sc.last.sign, sc.last.basis
	}

	switch t.class {
	case unitPercent, unitPermille:
		if t.class == unitPermille {
			val.Exponent--
		}
		val.Exponent += int32(t.unitPow) // 9折 is 90 %
		c.Unit = "%"
		c.Kind, c.Rule = KindPercent, "percent.sign"
		switch t.num.rule {
		case "fraction":
			c.Rule = "percent.fraction"
		case "cheng":
			c.Rule = "percent.cheng"
		}
		if t.class == unitPermille {
			c.Rule = "percent.permille"
		}
		if t.unitPow != 0 {
			c.Rule = "percent.zhe"
		}
		growthRule := ""
		switch {
		case sign != 0 && verbRule != "":
			growthRule = "growth.verb"
		case sc.growthNounBefore(t.cs, &sign):
			growthRule = "growth.noun"
		case sc.growthNounAfter(t.ce, &sign):
			growthRule = "growth.noun_after"
		case t.class == unitPercent && sc.growthLevel(t.cs):
			growthRule, sign = "growth.level", 1
		case (inherit.ok || listed) && sign != 0:
			growthRule = "growth.list"
		case (inherit.ok && inherit.kind == KindGrowth) || (listed && sc.last.kind == KindGrowth):
			growthRule = "growth.list"
			sign = 1
		case t.class == unitPercent && sc.changeColumn(t.cs) == KindGrowth:
			growthRule, basis = "growth.table", BasisYoY
		case t.class == unitPercent && sc.changeColumn(t.cs) == KindPPChange:
			c.Kind, c.Unit, c.Rule = KindPPChange, "pp", "pp.table"
		case t.class == unitPercent && (sc.changeCellLine(t) || sc.lastChangeCell(t)):
			growthRule, basis = "growth.table", BasisYoY
		}
		if growthRule != "" {
			c.Kind, c.Rule = KindGrowth, growthRule
			if basis == "" {
				basis = sc.basisBefore(t.cs, t.ce)
			}
			if basis == BasisNone {
				basis = sc.paragraphBasis(t.cs)
			}
			c.Basis = basis
			if sign < 0 && !val.Negative {
				// 下降3% is -3; 下降-3% says the same with its sign written.
				val.Negative = !val.IsZero()
			}
		}
		c.Value = formatValue(val, true)
	case unitPP:
		c.Kind, c.Unit, c.Rule = KindPPChange, "pp", "pp.points"
		if sign == 0 {
			if !sc.growthNounBefore(t.cs, &sign) { // 降幅达0.3个百分点
				sign = sc.adjustedBefore(t.cs) // 下调存款准备金率0.5个百分点
			}
			if sign == 0 {
				sign = sc.adjustedAfter(t.ce) // 0.5个百分点的降准
			}
		} else if sc.declineRateBefore(t.cs) {
			// 降幅收窄0.4个百分点: the rate of decline shrank, so the
			// growth rate rose.
			sign = -sign
		}
		if sign < 0 {
			val.Negative = !val.Negative && !val.IsZero()
		}
		c.Value = formatValue(val, true)
	case unitBP:
		lo, hi := sentenceBounds(s, t.vs)
		if containsAny(s, lo, hi, vocab.fxWords) {
			c.Kind, c.Unit, c.Rule = KindCount, "个基点", "count.pips"
			c.Value = formatValue(val, false)
			break
		}
		val.Exponent -= 2
		c.Kind, c.Unit, c.Rule = KindPPChange, "pp", "pp.bp"
		if sign == 0 {
			sign = sc.adjustedBefore(t.cs) // 下调关键利率25基点
		}
		if sign == 0 {
			sign = sc.adjustedAfter(t.ce) // 50个基点的降息
		}
		if sign < 0 {
			val.Negative = !val.Negative && !val.IsZero()
		}
		c.Value = formatValue(val, true)
	case unitMultiple:
		c.Kind, c.Unit, c.Rule = KindMultiple, "x", "multiple.times"
		c.Value = formatValue(val, true)
	case unitMoney:
		if !t.coined && t.num.chinese && !scaled && t.ce == t.ve+1 && val.Cmp(apd.New(10, 0)) < 0 && t.ce < len(s) && isCJK(s[t.ce]) {
			return listState{} // 一元化, 二元结构; not 五美元和
		}
		val.Exponent += int32(t.unitPow)
		c.Kind, c.Unit, c.Rule = KindMoney, t.unit, "money.cn_unit"
		if t.currency != "" && (t.unit == "CNY") {
			c.Unit = t.currency // 港币两千九百六十元
		}
		if t.curRule == "money.symbol" {
			c.Rule = "money.symbol"
		}
		if t.coined {
			c.Rule = "money.coins"
		}
		c.Value = formatValue(val, false)
		c.per = t.per
	case unitCount:
		if t.num.chinese && !scaled && val.Cmp(apd.New(10, 0)) < 0 && !smallChineseCount(sc, t, val) && !sc.chineseSpan(t, val) {
			return listState{} // 一项重要举措, 三个代表: a way of speaking
		}
		if !sc.countOK(t) || sc.sizesSubject(t) {
			return listState{}
		}
		if t.unit == "个" {
			if class, ok := sc.elidedPoints(t.ce); ok {
				t.class, t.unit = class, "pp"
				return sc.emit(t, inherit)
			}
		}
		if discreteUnit(t.unit) && !isWhole(val) && !sc.averageBefore(t.cs) {
			// 44,018,013.70 款: an amount beside the next cell's word,
			// for no count of things has cents.
			return listState{}
		}
		c.Kind, c.Unit, c.Rule = KindCount, t.unit, "count.measure"
		if t.cs < t.vs && s[t.vs-1] == '近' && spanUnit(t.unit) {
			// 近5日 is the last five days, not about five.
			c.cs, c.Qualifier = t.vs, QualExact
		}
		c.Value = formatValue(val, false)
	default:
		if sc.table.currency != "" && t.currency == "" && t.qual == "" && !t.num.chinese && !scaled {
			switch sc.blankCellKind(t) {
			case KindPercent:
				c.Kind, c.Unit, c.Rule = KindPercent, "%", "percent.table"
				c.Value = formatValue(val, true)
				goto done
			case KindGrowth:
				c.Kind, c.Unit, c.Rule, c.Basis = KindGrowth, "%", "growth.table", BasisYoY
				c.Value = formatValue(val, true)
				goto done
			}
		}
		if sc.table.currency != "" && t.currency == "" && t.qual == "" && !t.num.chinese && !scaled && sc.tableCell(t) {
			val.Exponent += int32(sc.table.pow)
			c.Kind, c.Unit, c.Rule = KindMoney, sc.table.currency, "money.table_unit"
			c.Value = formatValue(val, false)
			break
		}
		switch {
		case t.currency != "":
			c.Kind, c.Unit, c.Rule = KindMoney, t.currency, t.curRule
		case sc.quote(t):
			c.Kind, c.Unit, c.Rule = KindCount, "", "count.quote"
			c.Value = formatValue(val, true)
			goto done
		case scaled && sc.countsBefore(t.cs) && sc.bareEnd(t.ce):
			c.Kind, c.Unit, c.Rule = KindCount, "", "count.bare_scaled"
		case scaled && !t.num.chinese && hasAt(s, t.ce, []rune("家电")):
			// 2.5万家电专卖店: 家 starts the noun, so the count has no
			// measure word.
			c.Kind, c.Unit, c.Rule = KindCount, "", "count.bare_scaled"
		case scaled && !t.num.chinese && sc.moneySentence(t.vs) && (sc.bareEnd(t.ce) || sc.moneyNounAfter(t.ce)):
			c.Kind, c.Unit, c.Rule = KindMoney, "CNY", "money.no_currency"
		case scaled && t.num.chinese && val.Cmp(apd.New(10000, 0)) >= 0 && sc.moneySentence(t.vs) && t.ve-t.vs >= 2 && sc.bareEnd(t.ce):
			c.Kind, c.Unit, c.Rule = KindMoney, "CNY", "money.no_currency"
		default:
			return listState{}
		}
		c.Value = formatValue(val, false)
	}
done:
	if t.class == unitMoney && t.currency != "" && t.unit == "" {
		c.Unit = t.currency
	}
	if c.Kind == KindMoney && val.Negative && c.Rule != "money.table_unit" && !sc.signedAmount(t.vs) {
		// A dash before the sum (1万(含)-5万元), not its sign.
		if c.cs != t.vs {
			return listState{}
		}
		val.Negative = false
		c.cs++
		c.Value = formatValue(val, false)
	}
	if c.Kind == KindPercent && (sc.holdingBound(c) || sc.inclusiveBound(c)) {
		return listState{}
	}
	sc.out = append(sc.out, c)
	st := listState{ce: c.ce, kind: c.Kind, class: t.class, sign: sign, basis: c.Basis, ok: true}
	sc.last = st
	return st
}

// slogan reports a number that opens a short phrase in quotes
// (“30分钟万物到家”): a slogan, not a measurement.
func (sc *numScanner) slogan(t valueToken) bool {
	s := sc.s
	if t.cs == 0 || s[t.cs-1] != '“' {
		return false
	}
	for p := t.ce; p < len(s) && p-t.cs <= 16; p++ {
		switch {
		case s[p] == '”':
			return p > t.ce
		case !isCJK(s[p]):
			return false
		}
	}
	return false
}

// signedAmount reports a minus that signs the sum it stands before: 负,
// or a minus run on from the word naming the sum (流出金额-37亿,
// 年初未分配利润-81,656,445.00元, 净利润：-2.5亿元). After a unit, a scale
// word, a bracket or a connector it is a dash between two sums.
func (sc *numScanner) signedAmount(vs int) bool {
	s := sc.s
	if vs >= len(s) {
		return false
	}
	if s[vs] == '负' || s[vs] == '負' {
		return true
	}
	if vs == 0 {
		return false
	}
	p := s[vs-1]
	if p == ':' || p == '：' {
		return true
	}
	return isCJK(p) && !containsRune("万亿千百元至到和与及或", p)
}

// inList reports whether the value at cs follows the last value emitted
// with only a list separator between (、 , 和 及 与).
func (sc *numScanner) inList(cs int) bool {
	if !sc.last.ok || sc.last.ce > cs || cs-sc.last.ce > 3 {
		return false
	}
	sep := string(sc.s[sc.last.ce:cs])
	switch sep {
	case "、", ",", "，", "和", "及", "与", "以及", "或", "、 ", ", ":
		return true
	}
	return false
}

// changeBefore returns the sign of a verb of change right before the
// value's text (增长9.10%, 下降0.07个百分点, 下调10个基点), skipping 了.
func (sc *numScanner) changeBefore(cs int) (sign int, rule string) {
	s := sc.s
	j := cs
	for j > 0 && cs-j < 2 && isBlank(s[j-1]) {
		j-- // PDF text spaces its numbers: 下跌 50%
	}
	if j > 0 && s[j-1] == '了' {
		j--
	}
	v, ok := matchBefore(s, j, vocab.changeVerbs)
	if !ok {
		return 0, ""
	}
	// 新增 counts a new thing, not a change; 增至 names a level.
	if string(v.word) == "增" && j-2 >= 0 && s[j-2] == '新' {
		return 0, ""
	}
	if v.val == "-" {
		return -1, "verb"
	}
	return 1, "verb"
}

// adjustedBefore returns the sign of a verb that adjusts a rate earlier in
// the value's clause, with the rate named between them and no other
// number in the way (下调7天逆回购利率10个基点, 将关键利率上调25基点).
func (sc *numScanner) adjustedBefore(cs int) int {
	s := sc.s
	for j := cs; j > 0 && cs-j <= 20; j-- {
		if isClauseEnd(s[j-1]) || (isNumeralDigit(s[j-1]) && j < cs && !isNumeralDigit(s[j]) && !adjustedRateName(s, j)) {
			return 0
		}
		if v, ok := matchBefore(s, j, vocab.adjustVerbs); ok {
			if v.val == "-" {
				return -1
			}
			return 1
		}
	}
	return 0
}

// adjustedAfter returns the sign of a move named right after its size,
// with at most 的 and a short qualifier between (50个基点的降息, 一次25个基点
// 的鹰派加息).
func (sc *numScanner) adjustedAfter(ce int) int {
	s := sc.s
	k := ce
	if k < len(s) && s[k] == '的' {
		k++
	}
	for j := k; j < len(s) && j-k <= 3; j++ {
		if v, ok := matchAt(s, j, vocab.adjustNouns); ok {
			if v.val == "-" {
				return -1
			}
			return 1
		}
		if isClauseEnd(s[j]) || isNumeralDigit(s[j]) || !isCJK(s[j]) {
			return 0
		}
	}
	return 0
}

// adjustedRateName reports a digit that belongs to the name of the rate
// being adjusted (7天逆回购, 1年期LPR, 5年期以上), not to a figure.
func adjustedRateName(s []rune, j int) bool {
	return j < len(s) && (s[j] == '天' || s[j] == '年' || s[j] == '月' || s[j] == '日')
}

// growthNounBefore reports a noun of change before the value, with only
// link words between (增速为5%, 年均复合增长率将达到54.6%).
func (sc *numScanner) growthNounBefore(cs int, sign *int) bool {
	s := sc.s
	for j := cs; j >= 0 && cs-j <= 8; j-- {
		if n, ok := matchBefore(s, j, vocab.growthNouns); ok {
			if n.val == "-" && *sign == 0 {
				*sign = -1
			} else if *sign == 0 {
				*sign = 1
			}
			return true
		}
		if j-1 < 0 || !(containsRune(growthLinkRunes, s[j-1]) || isBlank(s[j-1])) {
			return false
		}
	}
	return false
}

// growthNounAfter reports a noun of change right after the value (高达
// 233.49%的增速).
func (sc *numScanner) growthNounAfter(ce int, sign *int) bool {
	n, ok := matchAt(sc.s, ce, vocab.growthNounsAfter)
	if !ok {
		return false
	}
	if *sign == 0 {
		*sign = 1
		if n.val == "-" {
			*sign = -1
		}
	}
	return true
}

// basisBefore finds what a growth rate compares with: the nearest cue
// back in the clause (同比, 较2020年, 环比, 复合增长率), or after the value
// (5%的复合增长率).
func (sc *numScanner) basisBefore(cs, ce int) string {
	s := sc.s
	lo := cs
	for lo > 0 && cs-lo < 60 && !isClauseEnd(s[lo-1]) {
		lo--
	}
	for j := cs; j > lo; j-- {
		if b, ok := matchBefore(s, j, vocab.basisCues); ok && j-len(b.word) >= lo {
			return b.val
		}
		// 较2020年, 比2019年, 相比2020年: a year to compare with.
		if s[j-1] == '年' && j-6 >= lo && isNumeralDigit(s[j-2]) && isNumeralDigit(s[j-5]) &&
			(s[j-6] == '较' || s[j-6] == '比') {
			return BasisYoY
		}
	}
	if n, ok := matchAt(s, ce, vocab.growthNounsAfter); ok && containsRune(string(n.word), '复') {
		return BasisCAGR
	}
	// 与2020年相比, …: a comparison fronted before the clause.
	slo, _ := sentenceBounds(s, cs)
	if lo > slo && containsAny(s, slo, lo, toRunes("相比,", "相比，", "同比,", "同比，")) {
		return BasisYoY
	}
	// 较上年同期19.62万人增长3.1万人,增幅15.80%: the comparison an
	// earlier clause of the sentence names holds for the rate. A compound
	// rate there is that clause's own, and does not carry.
	for j := lo; j > slo; j-- {
		if b, ok := matchBefore(s, j, vocab.basisCues); ok && j-len(b.word) >= slo {
			if b.val == BasisCAGR {
				break
			}
			return b.val
		}
	}
	return BasisNone
}

// paragraphBasis is the basis a growth rate with no cue of its own takes
// from the paragraph: reports name the base once and keep it for the
// rates that follow (1-7月份，固定资产投资同比增长3.6%，房地产开发投资下降
// 10.2%; 投入合计…同比增长10.77%。…增速分别为6.64%、…). So a rate without
// a cue takes the year-on-year or month-on-month basis of the nearest
// growth before it in the same paragraph. A compound rate is the rate of
// its own span, not a base that carries on: the search stops there. With
// no such growth before it, the text gives no basis and it stays none.
//
// A paragraph of many rates without a cue (a table run onto one line)
// asks again and again over the same candidates: the answer for the
// candidates already looked at is remembered, so each is looked at once.
func (sc *numScanner) paragraphBasis(cs int) string {
	m := sc.basisMemo
	useMemo := m.settled && m.para == sc.paraStart && cs >= m.cs && m.n <= len(sc.out)
	from := 0
	if useMemo {
		from = m.n
	}
	basis, found, settled := BasisNone, false, true
	for k := len(sc.out) - 1; k >= from && !found; k-- {
		c := sc.out[k]
		if c.cs < sc.paraStart {
			found = true
			break
		}
		if c.cs >= cs {
			settled = false // a later cs may take it: the answer is not for good
			continue
		}
		if c.Kind != KindGrowth {
			continue
		}
		switch c.Basis {
		case BasisYoY, BasisQoQ:
			basis, found = c.Basis, true
		case BasisCAGR:
			found = true
		}
	}
	if !found && useMemo {
		basis = m.basis
	}
	sc.basisMemo = basisMemo{para: sc.paraStart, n: len(sc.out), cs: cs, basis: basis, settled: settled}
	return basis
}

// basisMemo is paragraphBasis's last answer: basis, for the candidates
// sc.out[:n] of the paragraph that starts at para, asked at cs. settled
// says no candidate was passed over for standing at or after cs, so that
// the answer holds for any cs after it.
type basisMemo struct {
	para, n, cs int
	basis       string
	settled     bool
}

// reading reports a bare reading of an indicator right after the word
// that names it or its kind of reading, with at most 为 or a colon between.
func (sc *numScanner) reading(t valueToken) bool {
	s := sc.s
	p := t.cs
	if p > 0 && (s[p-1] == '为' || s[p-1] == ':' || s[p-1] == '：') {
		p--
	}
	ok := false
	for _, w := range vocab.readingWords {
		ok = ok || hasAt(s, p-len(w), w)
	}
	if !ok {
		return false
	}
	lo, hi := sentenceBounds(s, t.vs)
	return containsAny(s, lo, hi, vocab.indicatorWords)
}

// quote reports a level quoted without a unit right after 报 in a sentence
// about an exchange rate or an index (欧元兑美元跌0.37%报1.0971, 美元指数涨
// 0.44%报103.05), or a reading of an indicator (PMI为46.1，预期45.5): a
// count of the quote's own units. After 报 a decimal point is required, so
// that 报2024 and codes stay out.
func (sc *numScanner) quote(t valueToken) bool {
	s := sc.s
	if t.class != unitNone || t.currency != "" || t.qual != "" || t.num.chinese || t.num.scale != 0 || t.extraPow != 0 || t.cs != t.vs {
		return false
	}
	if t.ve < len(s) && (isCJK(s[t.ve]) || isASCIILetter(s[t.ve]) || s[t.ve] == '%' || s[t.ve] == '/' || s[t.ve] == '-' || s[t.ve] == '年') {
		return false
	}
	if sc.reading(t) {
		return true
	}
	point := false
	for _, r := range s[t.vs:t.ve] {
		point = point || r == '.'
	}
	if !point {
		return false
	}
	ok := false
	for _, w := range vocab.quoteWords {
		ok = ok || hasAt(s, t.cs-len(w), w)
	}
	if !ok {
		return false
	}
	lo, hi := sentenceBounds(s, t.vs)
	return containsAny(s, lo, hi, vocab.fxWords) || containsAny(s, lo, hi, vocab.indexWords)
}

// growthLevel reports a percent put at a level by a verb in a sentence
// about a rate of growth (经济体增速分化明显，美国处于2%以上): the
// level is the growth rate.
func (sc *numScanner) growthLevel(cs int) bool {
	v, ok := matchBefore(sc.s, cs, vocab.levelVerbs)
	if !ok {
		return false
	}
	lo, _ := sentenceBounds(sc.s, cs)
	return containsAny(sc.s, lo, cs-len(v.word), vocab.growthRateNouns)
}

// declineRateBefore reports a noun of a rate of decline shortly before cs
// in the clause, with no other number between (降幅比1-6月份收窄0.4个百分点).
func (sc *numScanner) declineRateBefore(cs int) bool {
	s := sc.s
	lo := cs
	for lo > 0 && cs-lo < 14 && !isClauseEnd(s[lo-1]) && s[lo-1] != '%' {
		lo--
	}
	return containsAny(s, lo, cs, vocab.declineNouns)
}

// spanUnit reports a unit of time that a span is counted in (units.txt:
// span).
func spanUnit(u string) bool { return vocab.spanUnits[u] }

// span reports a number of days, months or years that the text marks as
// a span of time.
func (sc *numScanner) span(t valueToken) bool {
	s := sc.s
	if t.num.val.Exponent < 0 || t.num.scale != 0 {
		return false // 1.5年 may be a span, but 2.5日 is no count of days
	}
	if t.unit == "年" && t.ve-t.vs == 4 && (hasAt(s, t.vs, []rune("19")) || hasAt(s, t.vs, []rune("20"))) {
		return false // 2024年以来 starts at a year
	}
	for _, w := range vocab.spanAfter {
		if hasAt(s, t.ce, w) {
			return true
		}
	}
	p := t.vs
	if hasAt(s, p-2, []rune("最近")) {
		return false // 最近3年 speaks of recent years, not of a count of them
	}
	if hasAt(s, p-2, []rune("未来")) {
		for _, w := range toRunes("内", " 内", "预期", "现金流") {
			if hasAt(s, t.ce, w) {
				return false // 未来12个月预期信用损失: a term of a rule or model
			}
		}
	}
	if t.ce < len(s) && s[t.ce] == '内' {
		// 未来12个月内 bounds a category of a rule; 拟在五年内完成 sets a
		// plan its span.
		return p > 0 && s[p-1] == '在'
	}
	for _, w := range vocab.spanBefore {
		if hasAt(s, p-len(w), w) {
			return true
		}
	}
	// 连跌4日, 连涨两日: 连 and a verb.
	return p >= 2 && s[p-2] == '连'
}

// countOK applies the checks that only counts need: index points only in
// sentences about an index or after a verb of change, 度 only with a
// scale word, and no counts inside names (中国金融50人论坛).
func (sc *numScanner) countOK(t valueToken) bool {
	s := sc.s
	switch t.unit {
	case "点":
		if sign, _ := sc.changeBefore(t.cs); sign != 0 {
			return true
		}
		lo, hi := sentenceBounds(s, t.vs)
		return containsAny(s, lo, hi, vocab.indexWords)
	case "度":
		return t.num.scale != 0 || t.extraPow != 0
	}
	if spanUnit(t.unit) {
		return sc.span(t)
	}
	for _, w := range vocab.nameWords {
		if hasAt(s, t.ce, w) {
			return false
		}
	}
	// 每10股 is a rate's base and 前10名 a rank, not a number of things.
	p := t.cs
	for p > 0 && isBlank(s[p-1]) {
		p--
	}
	if p > 0 && (s[p-1] == '每' || s[p-1] == '前' || s[p-1] == '后') {
		return false
	}
	return true
}

// sizesSubject reports a count that only sizes the subject of another
// figure of its sentence (14家银行金融科技资金投入合计1554.17亿元,
// 65家典型房企融资总量为523.46亿元, 余下的5家…分别为235.76亿元) or the
// whole a sentence reports from (70个大中城市中，各线城市…): the count
// belongs to who the figure is about, not a fact of its own. A count
// after a verb or a qualifier states something (共有5130家公司, 发行2只
// 债券，共计25亿元), and a whole with its part counted in the same
// sentence (251家上市公司中210家) is kept for the part to be read against.
func (sc *numScanner) sizesSubject(t valueToken) bool {
	s := sc.s
	if !discreteUnit(t.unit) || t.qual != "" || t.num.scale != 0 || t.extraPow != 0 {
		return false
	}
	p := t.cs
	for p > 0 && (isBlank(s[p-1]) || s[p-1] == '*') {
		p--
	}
	rest := p > 0 && s[p-1] == '的' && restOf(s, p-1)
	switch {
	case p == 0 || isClauseEnd(s[p-1]) || rest:
	case containsRune("年月份", s[p-1]) && datePrefix(s, p-1):
	case sc.placeBefore(p):
	default:
		return false // 拥有的2家钢铁厂, 发行2只: the object of a verb
	}
	if t.ce >= len(s) || !(isCJK(s[t.ce]) || isASCIILetter(s[t.ce])) {
		return false // 共4家。: the count ends its clause
	}
	lo, hi := t.ce, t.ce
	for hi < len(s) && hi-t.ce < 120 && !containsRune("。！？；;!?", s[hi]) {
		hi++
	}
	if rest {
		// 约32亿美元进入了其中的六家公司: the figure may come first.
		for lo > 0 && t.ce-lo < 120 && !containsRune("。！？；;!?", s[lo-1]) {
			lo--
		}
	}
	for k := t.ce; k < hi; k++ {
		if s[k] != '中' {
			continue
		}
		// 251家上市公司中210家: the part in the same measure word (not
		// 其中一线城市).
		if num, ok := readNumeral(s[k+1 : min(hi, k+40)]); ok && num.n > 0 && hasAt(s, k+1+num.n, []rune(t.unit)) {
			return false
		}
	}
	if sc.wholeOfSentence(t.ce, hi) {
		return true
	}
	for k := lo; k < hi; k++ {
		if k >= t.cs && k < t.ce || !isNumeralDigit(s[k]) {
			continue
		}
		j := k + 1
		for j < hi && (isNumeralDigit(s[j]) || s[j] == '.' || s[j] == ',') {
			j++
		}
		if j < hi && containsRune("%％亿元", s[j]) || j+1 < hi && s[j] == '万' && s[j+1] == '元' || hasAt(s, j, []rune("个百分点")) {
			return true
		}
		k = j - 1
	}
	return false
}

// placeBefore reports a count opened by 在 and a short place or market
// name (在美股11家大型科技公司): the count still leads the subject.
func (sc *numScanner) placeBefore(p int) bool {
	for q := p - 1; q >= 0 && p-q <= 4; q-- {
		if sc.s[q] == '在' {
			return q == 0 || isClauseEnd(sc.s[q-1]) || q < p-1 && isCJK(sc.s[q-1])
		}
		if !isCJK(sc.s[q]) {
			return false
		}
	}
	return false
}

// wholeOfSentence reports a count's noun closed by 中 and a clause break
// (70个大中城市中，): the whole a sentence goes on to report from.
func (sc *numScanner) wholeOfSentence(ce, hi int) bool {
	s := sc.s
	for k := ce; k < hi && k-ce <= 8; k++ {
		if s[k] == '中' && k+1 < len(s) && (s[k+1] == '，' || s[k+1] == ',') {
			return true // not the 中 inside 大中城市
		}
		if !isCJK(s[k]) {
			return false
		}
	}
	return false
}

// restOf reports 余下的, 其余的, 剩下的, 其中的 ending at the 的 at i: the
// rest or a part of a group named before, which a figure then sizes.
func restOf(s []rune, i int) bool {
	for _, w := range toRunes("余下", "其余", "剩下", "剩余", "其中") {
		if hasAt(s, i-len(w), w) {
			return true
		}
	}
	return false
}

// datePrefix reports that the 年, 月 or 份 at i ends a date or a span
// of the calendar (2021年, 7月份, 全年, 今年前7月), as a sized subject's
// sentence may open with one.
func datePrefix(s []rune, i int) bool {
	j := i
	if s[j] == '份' && j > 0 && s[j-1] == '月' {
		j--
	}
	if j == 0 {
		return false
	}
	prev := s[j-1]
	return isNumeralDigit(prev) || containsRune("全今去明上本前", prev)
}

// smallChineseCount reports a count of two to nine things written in
// Chinese with a measure word of whole things (三次, 五项措施, 两只证券,
// 六家公司). 一 is nearly always 'a' (一项重要举措), and 个 makes set
// phrases (两个维护, 三个代表): both stay out.
func smallChineseCount(sc *numScanner, t valueToken, val *apd.Decimal) bool {
	s := sc.s
	if val.Cmp(apd.New(2, 0)) < 0 {
		return false
	}
	switch t.unit {
	case "次", "家", "件", "只", "起", "批", "部门", "名":
	case "个", "项", "方面":
		if !sc.listSummary(t.vs) && !sc.etcList(t.vs) {
			return false // 三个代表, 五个维度, 下列两项: a way of speaking
		}
	default:
		return false // 下列两项, 三位一体, 二部: items of a text or names
	}
	// Plain digits only: 陆家嘴 and 叁 are names and amounts in words.
	if t.ve-t.vs != 1 || !containsRune("两二三四五六七八九", s[t.vs]) {
		return false
	}
	// 九届四次董事会 numbers a session; 连续两次未出席 and 下列两项 state a
	// rule; 二次项 is a term of algebra.
	if t.vs > 0 && containsRune("届第前", s[t.vs-1]) {
		return false
	}
	for _, w := range toRunes("连续", "下列", "上述", "以下") {
		if hasAt(s, t.vs-len(w), w) {
			return false
		}
	}
	return !(t.ce < len(s) && containsRune("项方元函型", s[t.ce]))
}

// etcList reports a Chinese count after 等 that closes a list of its
// sentence (提高贷款额度、降低首付比例等五项措施): it counts the items.
func (sc *numScanner) etcList(vs int) bool {
	s := sc.s
	if vs == 0 || s[vs-1] != '等' {
		return false
	}
	for p := vs - 2; p >= 0 && vs-p <= 80 && !isSentenceStop(s[p]); p-- {
		if s[p] == '、' {
			return true
		}
	}
	return false
}

// chineseSpan reports a span of time counted in Chinese digits that the
// text marks as one (两日连涨, 拟在五年内): 一 only before 新高 or 新低
// (创一个月新高), for 一年 and 一天 are mostly a way of speaking.
func (sc *numScanner) chineseSpan(t valueToken, val *apd.Decimal) bool {
	if !spanUnit(t.unit) || t.ve-t.vs != 1 || !sc.span(t) {
		return false
	}
	if hasAt(sc.s, t.vs-2, []rune("未来")) || hasAt(sc.s, t.vs-1, []rune("近")) {
		// 未来两年增速, 未来五年的改革: a horizon spoken of; 近三年主要会计
		// 数据, 近三年受处罚: the set phrase of a report's sections.
		return false
	}
	if val.Cmp(apd.New(2, 0)) >= 0 {
		return true
	}
	return hasAt(sc.s, t.ce, []rune("新高")) || hasAt(sc.s, t.ce, []rune("新低"))
}

// listSummary reports a Chinese count that sums up the names listed right
// before it in its clause (上海、北京、济南三个研发中心, 海翔药业和台州前进
// 两个省级企业研究院): it counts concrete things. A quoted list (“数字生态、
// 数字基因”五个维度) frames a thought, and after 为 or 在 the count
// announces what follows.
func (sc *numScanner) listSummary(vs int) bool {
	s := sc.s
	if vs == 0 || !isCJK(s[vs-1]) || containsRune("为在是有等的", s[vs-1]) {
		return false
	}
	for p := vs - 1; p >= 0 && vs-p <= 20 && !isClauseEnd(s[p]); p-- {
		if containsRune("“”\"《》", s[p]) {
			return false
		}
		if s[p] == '、' || s[p] == '和' {
			return sc.concreteAfter(vs + 2)
		}
	}
	return false
}

// concreteAfter reports a concrete noun in the words from i to the end
// of the clause, at most 10 runes on.
func (sc *numScanner) concreteAfter(i int) bool {
	hi := i
	for hi < len(sc.s) && hi-i < 10 && !isClauseEnd(sc.s[hi]) {
		hi++
	}
	return containsAny(sc.s, i, hi, vocab.concreteNouns)
}

// discreteUnit reports a measure word of whole things: a count in it has
// no fraction (units.txt: whole).
func discreteUnit(u string) bool { return vocab.wholeUnits[u] }

// isWhole reports a value without a fractional part (12.00 is whole).
func isWhole(v *apd.Decimal) bool {
	frac := new(apd.Decimal)
	v.Modf(new(apd.Decimal), frac)
	return frac.IsZero()
}

// averageBefore reports 均 (人均, 户均, 平均) in the clause just before
// cs: an average count may have a fraction (人均就诊2.5次).
func (sc *numScanner) averageBefore(cs int) bool {
	for p := cs - 1; p >= 0 && cs-p <= 8 && !isClauseEnd(sc.s[p]); p-- {
		if sc.s[p] == '均' {
			return true
		}
	}
	return false
}

// surnameCell reports a measure word set apart from its number by a blank
// that begins a person's name in the next cell (2,569,133 张蔼然, 3 项明):
// 张, 项 and 单 are surnames, and a name of one or two more runes ends
// the cell.
func (sc *numScanner) surnameCell(k int, u unitWord) bool {
	s := sc.s
	if len(u.word) != 1 || !containsRune("张项单", u.word[0]) {
		return false
	}
	n := 0
	for p := k + 1; p < len(s) && isCJK(s[p]); p++ {
		n++
	}
	end := k + 1 + n
	return n >= 1 && n <= 2 && (end == len(s) || isBlank(s[end]) || s[end] == '\n' || s[end] == '\t')
}

// elidedPoints reports a list whose last item alone writes the unit in
// full (高7.5个和4.5个百分点): the 个 before it means 个百分点 too.
func (sc *numScanner) elidedPoints(ce int) (unitClass, bool) {
	s := sc.s
	j := ce
	if j < len(s) && containsRune("、,和及与", s[j]) {
		j++
	} else {
		return unitNone, false
	}
	num, ok := readNumeral(s[j:min(len(s), j+40)])
	if !ok || num.n == 0 {
		return unitNone, false
	}
	k := j + num.n
	switch {
	case hasAt(s, k, []rune("个百分点")):
		return unitPP, true
	case hasAt(s, k, []rune("个基点")):
		return unitBP, true
	}
	return unitNone, false
}

// countsBefore reports a counting word in the 10 runes before cs, within
// the clause.
func (sc *numScanner) countsBefore(cs int) bool {
	lo := cs
	for lo > 0 && cs-lo < 10 && !isClauseEnd(sc.s[lo-1]) {
		lo--
	}
	return containsAny(sc.s, lo, cs, vocab.countingWords)
}

// bareEnd reports whether a bare amount ends where a noun could not run
// on from it: punctuation, the end, or a joining word (超过1500亿。, 100亿
// 和200亿). 2.5亿用户 counts users, not money.
func (sc *numScanner) bareEnd(ce int) bool {
	if ce >= len(sc.s) {
		return true
	}
	r := sc.s[ce]
	return !isCJK(r) && !isASCIILetter(r) && !isNumeralDigit(r) || containsRune("的和与及或至到", r)
}

// moneyNounAfter reports a noun of money right after a bare amount
// (36亿管理费, 100亿资金).
func (sc *numScanner) moneyNounAfter(ce int) bool {
	for k := ce; k < len(sc.s) && k-ce < 4 && isCJK(sc.s[k]); k++ {
		if containsRune("费款税金资薪", sc.s[k]) {
			return true
		}
	}
	return false
}

// moneySentence reports whether the sentence around i measures money.
func (sc *numScanner) moneySentence(i int) bool {
	lo, hi := sentenceBounds(sc.s, i)
	return containsAny(sc.s, lo, hi, vocab.moneyWords)
}

// fanfan reads 翻番, 翻一番, 翻了一番, 翻两番, 翻倍 at i: a multiple.
func (sc *numScanner) fanfan(i int) int {
	s := sc.s
	j := i + 1
	if j < len(s) && s[j] == '了' {
		j++
	}
	val := int64(0)
	switch {
	case hasAt(s, j, []rune("番")) || hasAt(s, j, []rune("倍")) || hasAt(s, j, []rune("一番")) || hasAt(s, j, []rune("一倍")):
		val = 2
		if s[j] == '一' {
			j++
		}
	case hasAt(s, j, []rune("两番")) || hasAt(s, j, []rune("二番")):
		val, j = 4, j+1
	case hasAt(s, j, []rune("三番")):
		val, j = 8, j+1
	default:
		return i
	}
	j++
	c := candidate{cs: i, ce: j}
	c.Kind, c.Unit, c.Rule, c.Qualifier = KindMultiple, "x", "multiple.fanfan", QualExact
	c.Value = formatValue(apd.New(val, 0), false)
	if q, ok := matchBefore(s, i, vocab.qualifierPrefixes); ok && sc.qualifierPrefixOK(i, q) {
		c.Qualifier, c.cs = q.val, i-len(q.word)
	}
	sc.out = append(sc.out, c)
	sc.last = listState{ce: j, kind: KindMultiple, class: unitMultiple, ok: true}
	return j
}

// halfNotBefore are runes that, after 半, make it half of a unit or part
// of a word (近半年, 过半个月, 一半导体, 近半成 is 5%), not half of a whole.
const halfNotBefore = "年月个天日时周季世导岛径场价期身生小辈程边点壁成自封票"

// holdingBound reports a share that bounds a class of holders rather than
// measuring anything (持股5%以上的股东, 持有半数以上表决权): an open bound
// after 持股 or 持有, with a noun running on after it. Such a bound names a
// category, the way 5%以上股东 is a name, and is no fact.
func (sc *numScanner) holdingBound(c candidate) bool {
	s := sc.s
	if c.Qualifier != QualOver && c.Qualifier != QualUnder {
		return false
	}
	if c.ce >= len(s) || !(isCJK(s[c.ce]) || s[c.ce] == '(' || s[c.ce] == '（') {
		return false
	}
	lo := c.cs
	for lo > 0 && c.cs-lo < 8 && !isClauseEnd(s[lo-1]) {
		lo--
	}
	return containsAny(s, lo, c.cs, vocab.holdingWords)
}

// inclusiveBound reports a share that a definition says includes itself
// (90%以上（含90%）): the open bound before （含 and the share restated
// inside it name a category, not a measurement. Sums so bounded are
// often a plan's real limits (回购不超过50,000万元（含）) and stay.
func (sc *numScanner) inclusiveBound(c candidate) bool {
	s := sc.s
	if (c.Qualifier == QualOver || c.Qualifier == QualUnder) && (hasAt(s, c.ce, []rune("（含")) || hasAt(s, c.ce, []rune("(含"))) {
		return true
	}
	p := c.cs
	for p > 0 && isBlank(s[p-1]) {
		p--
	}
	return p >= 2 && (hasAt(s, p-2, []rune("（含")) || hasAt(s, p-2, []rune("(含"))) &&
		c.ce < len(s) && (s[c.ce] == '）' || s[c.ce] == ')')
}

// half reads a share of one half at the 半 at i: 一半, 半数 and 过半 are
// 50%, with the qualifier before (近一半, 超过半数, 逾半, 不到一半) or after
// (半数以上). 上半年, 半导体, 一年半 and 多半 (mostly) are not shares.
func (sc *numScanner) half(i int) {
	s := sc.s
	cs, ce, qual := i, i+1, ""
	switch {
	case i > 0 && s[i-1] == '一':
		if i > 1 && (startsCNNumeral(s[i-2]) || s[i-2] == '另' || s[i-2] == '第') {
			return // 十一半, 另一半
		}
		cs = i - 1
	case i > 0 && (s[i-1] == '过' || s[i-1] == '逾' || s[i-1] == '超'):
		cs, qual = i-1, QualOver
		if s[i-1] == '过' && i > 1 && s[i-2] == '超' {
			cs-- // 超过半数
		}
		if cs > 0 && containsRune("未不没", s[cs-1]) {
			cs, qual = cs-1, QualUnder // 未过半
		}
	case i > 0 && s[i-1] == '近':
		if !sc.qualifierPrefixOK(i, wordEntry{word: []rune("近")}) {
			return
		}
		cs, qual = i-1, QualApprox
	case hasAt(s, i+1, []rune("数")):
	default:
		return
	}
	if hasAt(s, ce, []rune("数")) {
		ce++
	} else if ce < len(s) && containsRune(halfNotBefore, s[ce]) {
		return
	}
	if qual == "" {
		qual = QualExact
		if q, ok := matchBefore(s, cs, vocab.qualifierPrefixes); ok && sc.qualifierPrefixOK(cs, q) {
			qual, cs = q.val, cs-len(q.word)
		}
	}
	if q, ok := matchAt(s, ce, vocab.qualifierSuffixes); ok && qual == QualExact && string(q.word) != "上下" {
		qual, ce = q.val, ce+len(q.word)
	}
	c := candidate{cs: cs, ce: ce}
	c.Kind, c.Unit, c.Rule, c.Qualifier, c.Value = KindPercent, "%", "percent.half", qual, "50"
	if sc.holdingBound(c) {
		return
	}
	sc.out = append(sc.out, c)
	sc.last = listState{ce: ce, kind: KindPercent, class: unitPercent, ok: true}
}

// flat reads 持平 at i: a change of zero, in percentage points where the
// sentence is about shares or the list holds percentage points, else zero
// growth. 保持平稳 and 维持平衡 are not 持平.
func (sc *numScanner) flat(i int) {
	s := sc.s
	if !hasAt(s, i, []rune("持平")) {
		return
	}
	if i > 0 && containsRune("保维坚把支扶", s[i-1]) {
		return
	}
	if i+2 < len(s) && containsRune("稳衡台价", s[i+2]) {
		return
	}
	c := candidate{cs: i, ce: i + 2}
	c.Qualifier, c.Value = QualExact, "0"
	lo, hi := sentenceBounds(s, i)
	listed := sc.inList(i)
	switch {
	case listed && sc.last.kind == KindPPChange:
		c.Kind, c.Unit, c.Rule = KindPPChange, "pp", "pp.flat"
	case listed && sc.last.kind == KindGrowth:
		c.Kind, c.Unit, c.Rule = KindGrowth, "%", "growth.flat"
		c.Basis = sc.last.basis
	case containsAny(s, lo, hi, vocab.shareWords):
		c.Kind, c.Unit, c.Rule = KindPPChange, "pp", "pp.flat"
	default:
		c.Kind, c.Unit, c.Rule = KindGrowth, "%", "growth.flat"
		c.Basis = sc.basisBefore(i, i+2)
		if c.Basis == BasisNone {
			c.Basis = sc.paragraphBasis(i)
		}
	}
	sc.out = append(sc.out, c)
	sc.last = listState{ce: c.ce, kind: c.Kind, class: unitPP, basis: c.Basis, ok: true}
	if c.Kind == KindGrowth {
		sc.last.class = unitPercent
	}
}

// blankRow is a paragraph cut at blanks into tokens, for tables whose
// cells PDF text sets apart with blanks (主要会计数据 2020年 2019年
// 本期比上年同期增减(%) 2018年 营业收入 1,581,905,632.48 … 40.39 …).
type blankRow struct {
	para int      // the paragraph's start, -1 before the first
	toks [][2]int // token spans
	// What blankCellKind asks of the tokens, for each cell of a row again:
	// remembered, so that a row of thousands of cells is read once.
	// numRun[k] spans the numeric tokens right before and after token k
	// (the indexes of the first and the last); header[k] is headerToken's
	// answer for token k (0 not yet asked, else headerSeen|…); headerLo[k]
	// is where the run of header tokens that ends at k starts (-1 not yet
	// known); columns holds headerColumns of the run ending at k.
	numRun   [][2]int
	header   []uint8
	headerLo []int
	columns  map[int]string
}

// The bits of blankRow.header.
const (
	headerSeen uint8 = 1 << iota
	headerColumn
	headerChange
)

// numericRun is the span of the numeric tokens right before and after
// token k: the index of the first and of the last, k itself whatever it
// is.
func (b *blankRow) numericRun(s []rune, k int) (first, last int) {
	if b.numRun == nil {
		n := len(b.toks)
		num := make([]bool, n)
		for i, tk := range b.toks {
			num[i] = numericToken(s[tk[0]:tk[1]])
		}
		b.numRun = make([][2]int, n)
		for i := range n {
			b.numRun[i][0] = i
			if i > 0 && num[i-1] {
				b.numRun[i][0] = b.numRun[i-1][0]
			}
		}
		for i := n - 1; i >= 0; i-- {
			b.numRun[i][1] = i
			if i+1 < n && num[i+1] {
				b.numRun[i][1] = b.numRun[i+1][1]
			}
		}
	}
	return b.numRun[k][0], b.numRun[k][1]
}

// headerToken is headerToken of token k, asked once.
func (b *blankRow) headerToken(s []rune, k int) (column, change bool) {
	if b.header == nil {
		b.header = make([]uint8, len(b.toks))
	}
	if b.header[k] == 0 {
		col, ch := headerToken(s[b.toks[k][0]:b.toks[k][1]])
		b.header[k] = headerSeen
		if col {
			b.header[k] |= headerColumn
		}
		if ch {
			b.header[k] |= headerChange
		}
	}
	return b.header[k]&headerColumn != 0, b.header[k]&headerChange != 0
}

// headerRun is where the run of header tokens that ends at token h (a
// header token) starts.
func (b *blankRow) headerRun(s []rune, h int) int {
	if b.headerLo == nil {
		b.headerLo = make([]int, len(b.toks))
		for i := range b.headerLo {
			b.headerLo[i] = -1
		}
	}
	lo := h
	for lo > 0 && b.headerLo[lo] < 0 {
		if c, _ := b.headerToken(s, lo-1); !c {
			break
		}
		lo--
	}
	if b.headerLo[lo] >= 0 {
		lo = b.headerLo[lo]
	}
	for k := h; k >= lo && b.headerLo[k] < 0; k-- {
		b.headerLo[k] = lo
	}
	return lo
}

// headerColumns is headerColumns of the run of header tokens ending at h,
// asked once.
func (b *blankRow) headerColumns(s []rune, h int) string {
	if cols, ok := b.columns[h]; ok {
		return cols
	}
	if b.columns == nil {
		b.columns = map[int]string{}
	}
	cols := headerColumns(s, b.toks[b.headerRun(s, h):h+1])
	b.columns[h] = cols
	return cols
}

// tokens cuts the paragraph that starts at sc.paraStart, once.
func (sc *numScanner) tokens() [][2]int {
	if sc.blank.para == sc.paraStart && sc.blank.toks != nil {
		return sc.blank.toks
	}
	s := sc.s
	toks := make([][2]int, 0, 64)
	for i := sc.paraStart; i < len(s) && s[i] != '\n'; {
		if isBlank(s[i]) || s[i] == '\t' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] != '\n' && !isBlank(s[j]) && s[j] != '\t' {
			j++
		}
		toks = append(toks, [2]int{i, j})
		i = j
	}
	sc.blank = blankRow{para: sc.paraStart, toks: toks}
	return toks
}

// blankTable reports a paragraph that is a table whose cells PDF text
// sets apart with blanks: three numbers standing alone and no full stop.
// It keeps the caption's unit in force, as a row of tabs does.
func (sc *numScanner) blankTable(start, end int) bool {
	s := sc.s
	n := 0
	for i := start; i < end; i++ {
		if s[i] == '。' {
			return false
		}
		if i > start && isBlank(s[i-1]) && isNumeralDigit(s[i]) {
			j := i
			for j < end && (isNumeralDigit(s[j]) || s[j] == ',' || s[j] == '.') {
				j++
			}
			if j == end || isBlank(s[j]) {
				n++
			}
			i = j - 1
		}
	}
	return n >= 3
}

// numericToken reports a token that is a number alone (1,581,905,632.48,
// 40.39, -4.49).
func numericToken(tok []rune) bool {
	digits := false
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r == ',' || r == '.' || r == '-':
		default:
			return false
		}
	}
	return digits
}

// headerToken reports a column header of a year (2019年, 2019年末) or of
// a change (本期比上年同期增减(%)).
func headerToken(tok []rune) (column, change bool) {
	t := string(tok)
	if strings.Contains(t, "增减") {
		return true, strings.Contains(t, "%")
	}
	digits := 0
	for _, r := range tok {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits == 4 && strings.Contains(t, "年") && len(tok) <= 7 || splitChangeHeader(tok), false
}

// splitChangeHeader reports a header cell the layout made of the first
// half of a change header and the year column after it (本期末比上年 and
// 2018年末 read as 本期末比上年2018年末, its 同期末增减(%) coming next).
func splitChangeHeader(tok []rune) bool {
	t := string(tok)
	i := strings.Index(t, "比上年")
	if i < 0 || strings.Contains(t, "增减") {
		return false
	}
	year := []rune(t[i+len("比上年"):])
	col, _ := headerToken(year)
	return len(year) >= 5 && col && isNumeralDigit(year[0])
}

// headerColumns reads a run of header cells into one byte a column: 'y'
// for a year, 'c' for the change. A split change header stands for the
// change and the year after it; the 增减 cell that ends it adds none.
func headerColumns(s []rune, toks [][2]int) string {
	var b strings.Builder
	split := false
	for _, tk := range toks {
		tok := s[tk[0]:tk[1]]
		_, ch := headerToken(tok)
		switch {
		case splitChangeHeader(tok):
			b.WriteString("cy")
			split = true
		case ch && split:
			split = false
		case ch:
			b.WriteByte('c')
		default:
			b.WriteByte('y')
		}
	}
	return b.String()
}

// blankCellKind classifies a bare number that is a cell of a table laid
// out with blanks: a percent where its row label names (%) (加权平均净资产
// 收益率(%) 8.37), year-on-year growth where it stands in the column of a
// header 本期比上年同期增减(%) and its row has as many cells as the header
// has columns. "" when neither.
// lastBlankCell returns where the last blank-separated word of s[lo:hi]
// starts when it is a label of at least two Han runes after a word
// ending in a bracket (a header cell), else lo.
func lastBlankCell(s []rune, lo, hi int) int {
	for hi > lo && isBlank(s[hi-1]) {
		hi--
	}
	b := hi
	for b > lo && !isBlank(s[b-1]) {
		b--
	}
	if b == lo || hi-b < 2 || !isCJK(s[b]) {
		return lo
	}
	e := b - 1
	for e > lo && isBlank(s[e-1]) {
		e--
	}
	if e > lo && (s[e-1] == ')' || s[e-1] == '）') {
		return b
	}
	return lo
}

func (sc *numScanner) blankCellKind(t valueToken) string {
	s := sc.s
	if t.cs != t.vs || t.cs < sc.paraStart {
		return ""
	}
	toks := sc.tokens()
	k := sort.Search(len(toks), func(k int) bool { return toks[k][0] >= t.cs })
	if k == len(toks) || toks[k][0] != t.cs || toks[k][1] != t.ve {
		return "" // not a whole cell
	}
	// The row: the numbers before and after the cell, and the label.
	first, last := sc.blank.numericRun(s, k)
	if first == 0 {
		return ""
	}
	label := s[toks[first-1][0]:toks[first-1][1]]
	if hasSuffix(label, "(%)") || hasSuffix(label, "（%）") {
		return KindPercent
	}
	if hasSeparator(s[t.vs:t.ve]) && !sc.table.pctColumns {
		return ""
	}
	// The header: the nearest run of year and change columns before the
	// label that names a change in percent.
	for h := first - 2; h >= 0 && first-h < 200; h-- {
		if col, _ := sc.blank.headerToken(s, h); !col {
			continue
		}
		cols := sc.blank.headerColumns(s, h)
		changeAt := strings.LastIndexByte(cols, 'c')
		if changeAt < 0 {
			return ""
		}
		if len(cols) == last-first+1 && changeAt == k-first {
			return KindGrowth
		}
		return ""
	}
	return ""
}

func hasSuffix(r []rune, suffix string) bool {
	return strings.HasSuffix(string(r), suffix)
}

// splitCell reads an amount that a converter split with blanks inside one
// cell of a row of tabs (30,000,000.0 0, 1,618 ,715, 253.0 0): joined, the
// cell's digits are one amount in the unit of the table's caption. It
// returns the cell's end, or i where the cell is no such amount.
func (sc *numScanner) splitCell(i int) int {
	s := sc.s
	if sc.table.currency == "" || (i > sc.paraStart && s[i-1] != '\t') {
		return i
	}
	e, blanks := i, false
	var joined []rune
	for ; e < len(s) && s[e] != '\t' && s[e] != '\n'; e++ {
		switch r := s[e]; {
		case isBlank(r):
			blanks = true
		case isNumeralDigit(r) || r == ',' || r == '.' || (r == '-' && e == i):
			joined = append(joined, r)
		default:
			return i
		}
	}
	if !blanks || e == i || isBlank(s[e-1]) || !groupedAmount(joined) {
		return i
	}
	tabs := sc.tabs()
	if (len(tabs) == 0 || tabs[0] >= e) && (e >= len(s) || s[e] != '\t') {
		return i
	}
	if sc.rowNamesOtherUnit(i) {
		return e
	}
	plain := strings.ReplaceAll(string(joined), ",", "")
	val, _, err := apd.NewFromString(plain)
	if err != nil {
		return i
	}
	val.Exponent += int32(sc.table.pow)
	c := candidate{cs: i, ce: e}
	c.Kind, c.Unit, c.Rule, c.Qualifier = KindMoney, sc.table.currency, "money.table_unit", QualExact
	c.Value = formatValue(val, false)
	sc.out = append(sc.out, c)
	return e
}

// groupedAmount reports an amount written with thousands separators in
// their places: -1,618,715,253.00.
func groupedAmount(r []rune) bool {
	if len(r) > 0 && r[0] == '-' {
		r = r[1:]
	}
	intPart, frac := r, []rune(nil)
	for k, c := range r {
		if c == '.' {
			intPart, frac = r[:k], r[k+1:]
			break
		}
	}
	for _, c := range frac {
		if !isNumeralDigit(c) {
			return false
		}
	}
	groups := strings.Split(string(intPart), ",")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}
