package audit

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"golang.org/x/text/width"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// The arithmetic checks group figures by a few plain rules, all within one
// sentence (the facts' Sentence) unless said otherwise:
//
//   - total, 其中: the last amount (money or count) before 其中 is a whole,
//     and the amounts of its kind and unit after 其中 (the 分别 list, when
//     there is one; else all but a sum of them) are some of its parts: they
//     may not add up to more.
//   - total, 合计: an amount right after 合计 共计 总计 总共 一共 or 共 is the
//     sum of the amounts of its kind and unit before it in the sentence,
//     after the previous such sum, and inside the bracket it stands in.
//   - total, 分别: an amount before a 分别/依次 list, led by a word of a
//     whole (合计 总额 总量 总规模 市场规模 整体 …), is the sum of the list.
//   - shares: a 分别/依次 list of percents in a sentence about shares (占
//     占比 比重 份额 构成 结构 比例) adds up to 100%, or is a part of the
//     whole and adds up to less; more than 100% fails.
//   - shares, of amounts: a share that names its whole (占营业收入的31.59%)
//     is the amount before it over the last amount before that one led by
//     the whole's name (营业收入…117,530.10万元).
//   - growth / pp_change, stated change: 由/从 A … 增至/降至 B (and the
//     like) with a growth rate, multiple (翻番) or percentage-point change
//     in the same sentence, before A (投入翻番，由…), between A and B, or
//     after B up to the next level: B against A gives it. A CAGR needs the
//     years of A and B.
//   - growth / pp_change, a year apart: a year-on-year growth rate (or
//     percentage-point change) with an entity, metric and period, and the
//     amounts (or percents) of the same entity and metric for that period
//     and the year before, each stated once, in its document or else in
//     any document.
//
// Amounts that state a change (较上年增加5亿元, 减少资本公积131,250元) and
// prices per unit (15.55元/股) are neither totals nor parts. Only exact
// figures of running text take part in these rules; tables have their own
// (table.go).

// sentence is a run of facts of one document that share a sentence:
// the same Sentence, which holds the raw text between them.
type sentence struct {
	doc        *docFacts
	facts      []store.FactRow
	start, end int // the sentence's span in the raw text
}

const maxReach = 200 // how far a sentence's span reaches past its facts

func sentences(docs []docFacts) []sentence {
	var out []sentence
	for di := range docs {
		df := &docs[di]
		var cur *sentence
		var squeezed string // cur's sentence, squeezed once
		for _, f := range df.Facts {
			if inTable(f) {
				continue
			}
			if cur != nil && sameSentence(df.Raw, cur.facts[0], f, squeezed) {
				cur.facts = append(cur.facts, f)
				continue
			}
			out = append(out, sentence{doc: df, facts: []store.FactRow{f}})
			cur = &out[len(out)-1]
			squeezed = squeeze(f.Sentence)
		}
	}
	for i := range out {
		s := &out[i]
		lower, upper := 0, len(s.doc.Raw)
		if i > 0 && out[i-1].doc == s.doc {
			lower = clamp(out[i-1].facts[len(out[i-1].facts)-1].End, 0, upper)
		}
		if i+1 < len(out) && out[i+1].doc == s.doc {
			upper = clamp(out[i+1].facts[0].Start, lower, upper)
		}
		s.start = clamp(s.facts[0].Start, lower, upper)
		for s.start > lower && s.facts[0].Start-s.start < maxReach && !isTerminator(s.doc.Raw[s.start-1]) {
			s.start--
		}
		s.end = clamp(s.facts[len(s.facts)-1].End, s.start, upper)
		for s.end < upper && s.end-s.facts[len(s.facts)-1].End < maxReach && !isTerminator(s.doc.Raw[s.end]) {
			s.end++
		}
	}
	return out
}

// inTable says whether a fact is a table cell, by the extractors' rule
// (money.table_unit, growth.table): a table's 合计 row summed as a
// sentence, across its columns, would fail for nothing.
func inTable(f store.FactRow) bool {
	return strings.Contains(f.Rule, "table")
}

// sameSentence says whether fact f stands in the sentence of first: they
// name the same sentence, and the raw text from first to f is part of it.
// Table cells name their cell as their sentence, and two cells of the same
// text are not one sentence.
// squeezed is first's sentence squeezed.
func sameSentence(raw []rune, first, f store.FactRow, squeezed string) bool {
	if f.Sentence == "" || f.Sentence != first.Sentence || first.Start < 0 || f.End > len(raw) || f.End < first.Start {
		return false
	}
	return strings.Contains(squeezed, squeeze(string(raw[first.Start:f.End])))
}

// squeeze drops white space, which layout adds to raw text and cleaning
// removes from sentences, and folds full-width forms as cleaning does.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, width.Fold.String(s))
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

func isTerminator(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';':
		return true
	}
	return false
}

// raw is the raw text from a to b, clamped to the sentence.
func (s *sentence) raw(a, b int) string {
	a, b = clamp(a, s.start, s.end), clamp(b, s.start, s.end)
	if a >= b {
		return ""
	}
	return string(s.doc.Raw[a:b])
}

// lead is the text between fact i and the fact before it (or the start of
// the sentence).
func (s *sentence) lead(i int) string {
	from := s.start
	if i > 0 {
		from = s.facts[i-1].End
	}
	return s.raw(from, s.facts[i].Start)
}

// find returns the raw offset of the first of words in the sentence, or -1.
func (s *sentence) find(words ...string) int {
	text := s.raw(s.start, s.end)
	best := -1
	for _, w := range words {
		if i := strings.Index(text, w); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return -1
	}
	return s.start + utf8.RuneCountInString(text[:best])
}

func isAmount(f store.FactRow) bool {
	return f.Kind == extractors.KindMoney || f.Kind == extractors.KindCount
}

func isLevel(f store.FactRow) bool { return isAmount(f) || f.Kind == extractors.KindPercent }

func isTime(f store.FactRow) bool {
	return f.Kind == extractors.KindDate || f.Kind == extractors.KindPeriod
}

func sameMeasure(a, b store.FactRow) bool { return a.Kind == b.Kind && a.Unit == b.Unit }

// changeWords in the clause before an amount make it a change (较上年增加
// 5亿元, 减少资本公积131,250元), not a level, unless a 至 到 or 为 follows
// them (增至, 减少为): then the amount is where the change led.
var changeWords = []string{"增加", "减少", "增长", "下降", "提高", "降低", "上升", "扣除", "扣回"}

func isChange(s *sentence, i int) bool {
	clause := []rune(s.lead(i))
	for k := len(clause) - 1; k >= 0; k-- {
		if strings.ContainsRune("，,、；;：:", clause[k]) {
			clause = clause[k+1:]
			break
		}
	}
	text := string(clause)
	for _, w := range changeWords {
		at := strings.Index(text, w)
		if at < 0 {
			continue
		}
		rest := []rune(text[at+len(w):])
		if len(rest) > 0 && strings.ContainsRune("至到为", rest[0]) {
			continue
		}
		return true
	}
	return false
}

// isPrice says whether fact i is a price per unit (15.55元/股), which
// is not a part of any sum.
func isPrice(s *sentence, i int) bool {
	after := strings.TrimLeft(s.raw(s.facts[i].End, s.end), " \n\t")
	return strings.HasPrefix(after, "/") || strings.HasPrefix(after, "／") || strings.HasPrefix(after, "每")
}

// isSummand says whether fact i can be a total or a part of one.
func isSummand(s *sentence, i int) bool {
	return isAmount(s.facts[i]) && !isChange(s, i) && !isPrice(s, i)
}

// scope is the raw offset where the parts of a total at fact i may start:
// the start of the sentence, or the bracket the total stands in when the
// bracket opens after the sentence starts (注:…合计为77,000,000.00元).
func (s *sentence) scope(i int) int {
	text := []rune(s.raw(s.start, s.facts[i].Start))
	depth := 0
	for k := len(text) - 1; k >= 0; k-- {
		switch text[k] {
		case ')', '）':
			depth++
		case '(', '（':
			if depth == 0 {
				return s.start + k
			}
			depth--
		}
	}
	return s.start
}

// list returns the indexes of the 分别 list that starts after raw offset
// p: the first level after p and those of its kind and unit that follow
// it closely.
func (s *sentence) list(p int) []int {
	var out []int
	for i, f := range s.facts {
		if f.Start < p || isTime(f) {
			continue
		}
		if len(out) == 0 {
			if !isLevel(f) {
				return nil
			}
			out = append(out, i)
			continue
		}
		prev := s.facts[out[len(out)-1]]
		gap := s.raw(prev.End, f.Start)
		if !sameMeasure(prev, f) || len([]rune(gap)) > 8 || strings.ContainsAny(gap, "。；;") {
			break
		}
		out = append(out, i)
	}
	return out
}

func figures(s *sentence, idx []int) ([]*figure, bool) {
	out := make([]*figure, 0, len(idx))
	for _, i := range idx {
		g, ok := newFigure(s.facts[i])
		if !ok {
			return nil, false
		}
		out = append(out, g)
	}
	return out, true
}

func (s *sentence) finding(check string, passed bool, figs []*figure, roles []string, detail string) Finding {
	return newFinding(check, s.doc.Doc.Path, passed, figs, roles, detail)
}

// newFinding reports figs of document doc; the first figure gives the page
// and sentence.
func newFinding(check, doc string, passed bool, figs []*figure, roles []string, detail string) Finding {
	f := Finding{Check: check, Passed: passed, Document: doc, Page: figs[0].row.Page,
		Sentence: figs[0].row.Sentence, Detail: detail}
	for i, g := range figs {
		f.FactKeys = append(f.FactKeys, g.row.Key)
		f.Figures = append(f.Figures, g.asFigure(roles[i]))
	}
	return f
}

// arith runs the arithmetic checks document by document, keeping across
// documents only what the year-apart rule needs (levels with an entity,
// metric and period, and the year-on-year changes no sentence explained),
// so that an audit does not hold every document's text at once.
type arith struct {
	on     map[string]bool
	found  map[string][]Finding
	levels map[measureKey][]store.FactRow
	yoy    []store.FactRow
}

func newArith(checks []string) *arith {
	a := &arith{on: map[string]bool{}, found: map[string][]Finding{}, levels: map[measureKey][]store.FactRow{}}
	for _, c := range checks {
		a.on[c] = true
	}
	return a
}

// addDoc runs the checks within one document. A check that panics is a
// bug of the audit: the document gets a failed finding saying so, and the
// audit goes on.
func (a *arith) addDoc(df docFacts) {
	defer func() {
		if p := recover(); p != nil {
			a.found[CheckTotal] = append(a.found[CheckTotal], Finding{Check: CheckTotal, Document: df.Doc.Path,
				Detail: fmt.Sprintf("the arithmetic checks of this document stopped on an internal error: %v", p)})
		}
	}()
	a.checkDoc(df)
}

func (a *arith) checkDoc(df docFacts) {
	docs := []docFacts{df}
	sents := sentences(docs)
	if a.on[CheckTotal] {
		for i := range sents {
			a.found[CheckTotal] = append(a.found[CheckTotal], totals(&sents[i])...)
		}
		a.found[CheckTotal] = append(a.found[CheckTotal], crossTotals(sents)...)
		if df.Doc.Tables == "" {
			// Without a table model (a document stored before tables
			// were), tables are read from the text between numbers.
			a.found[CheckTotal] = append(a.found[CheckTotal], tableTotals(docs)...)
		}
	}
	if df.Doc.Tables != "" {
		for c, fs := range tableChecks(&df, func(c string) bool { return a.on[c] }) {
			a.found[c] = append(a.found[c], fs...)
		}
	}
	if a.on[CheckShares] {
		for i := range sents {
			a.found[CheckShares] = append(a.found[CheckShares], shares(&sents[i])...)
		}
	}
	paired := map[string]bool{}
	for _, c := range []string{CheckGrowth, CheckPPChange} {
		if a.on[c] {
			a.found[c] = append(a.found[c], statedChanges(c, sents, paired)...)
		}
	}
	for _, f := range df.Facts {
		if isLevel(f) && f.Entity != "" && f.Metric != "" && f.Period != "" {
			k := measureKey{f.Entity, f.Metric, f.Period}
			a.levels[k] = append(a.levels[k], f)
		}
	}
	for si := range sents {
		s := &sents[si]
		for i, f := range s.facts {
			if paired[f.Key] || !isYoYChange(f, s.lead(i)) {
				continue
			}
			a.yoy = append(a.yoy, f)
		}
	}
}

// isYoYChange says whether f is a growth rate or percentage-point change
// against the year before, attributed well enough to find its levels.
func isYoYChange(f store.FactRow, lead string) bool {
	if f.Kind != extractors.KindGrowth && f.Kind != extractors.KindPPChange {
		return false
	}
	if f.Entity == "" || f.Metric == "" || f.Period == "" {
		return false
	}
	return f.Basis == extractors.BasisYoY || containsAny(lead, yoyWords)
}

// finish runs the checks across documents and returns every finding of
// check c.
func (a *arith) finish(c string) []Finding {
	out := a.found[c]
	if a.on[c] && (c == CheckGrowth || c == CheckPPChange) {
		out = append(out, yearApart(c, a.yoy, a.levels)...)
	}
	return out
}

// checkArithmetic runs one arithmetic check over the documents.
func checkArithmetic(check string, docs []docFacts) []Finding {
	a := newArith([]string{check})
	for _, df := range docs {
		a.addDoc(df)
	}
	return a.finish(check)
}

var (
	sumWords   = []string{"合计", "共计", "总计", "总共", "一共"}
	wholeWords = []string{"合计", "共计", "总计", "总共", "一共", "总额", "总量", "总规模", "市场规模", "整体", "全部", "总体"}
	shareWords = []string{"占比", "占", "比重", "份额", "构成", "结构", "比例"}
	listWords  = []string{"分别", "依次"}
)

// ledBySum says whether fact i follows a word that makes it a sum: 合计
// (and the like) anywhere in the few characters before it, or 共 right
// before it.
func ledBySum(s *sentence, i int) bool {
	lead := []rune(s.lead(i))
	if len(lead) > 6 {
		lead = lead[len(lead)-6:]
	}
	for _, w := range sumWords {
		if strings.Contains(string(lead), w) {
			return true
		}
	}
	trimmed := strings.TrimRight(string(lead), "约达为有计 ")
	return strings.HasSuffix(trimmed, "共")
}

func totals(s *sentence) []Finding {
	var out []Finding
	used := map[int]bool{}
	// 其中: parts of a whole, possibly not all of them.
	if p := s.find("其中"); p >= 0 {
		t := -1
		for i, f := range s.facts {
			if f.End <= p && isSummand(s, i) {
				t = i
			}
		}
		if t >= 0 {
			var parts []int
			if q := s.find(listWords...); q > p {
				parts = s.list(q)
			} else {
				for i, f := range s.facts {
					if f.Start >= p && sameMeasure(f, s.facts[t]) && isSummand(s, i) && !ledBySum(s, i) {
						parts = append(parts, i)
					}
				}
			}
			if len(parts) > 0 && sameMeasure(s.facts[parts[0]], s.facts[t]) {
				used[t] = true
				if f, ok := totalFinding(s, t, parts, false, "其中"); ok {
					out = append(out, f)
				}
			}
		}
	}
	// 合计: the sum of what comes before it, since the last such total and
	// within the bracket it stands in.
	floor := 0
	for i, f := range s.facts {
		if used[i] || !isSummand(s, i) || !ledBySum(s, i) {
			continue
		}
		from := s.scope(i)
		var parts []int
		for j := floor; j < i; j++ {
			if !used[j] && s.facts[j].Start >= from && sameMeasure(s.facts[j], f) && isSummand(s, j) {
				parts = append(parts, j)
			}
		}
		if len(parts) < 2 {
			continue
		}
		used[i], floor = true, i+1
		if fd, ok := totalFinding(s, i, parts, true, "合计"); ok {
			out = append(out, fd)
		}
	}
	// 分别 after a whole.
	if p := s.find(listWords...); p >= 0 {
		parts := s.list(p)
		if len(parts) >= 2 && isAmount(s.facts[parts[0]]) {
			t := -1
			for i, f := range s.facts {
				if f.End <= p && sameMeasure(f, s.facts[parts[0]]) && isSummand(s, i) {
					t = i
				}
			}
			if t >= 0 && !used[t] && containsAny(s.raw(s.start, s.facts[t].Start), wholeWords) {
				if fd, ok := totalFinding(s, t, parts, true, "分别"); ok {
					out = append(out, fd)
				}
			}
		}
	}
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// totalFinding compares the whole t with its parts: equal within rounding
// when the parts are all of it, not more than it otherwise.
func totalFinding(s *sentence, t int, parts []int, all bool, rule string) (Finding, bool) {
	total, ok := newFigure(s.facts[t])
	if !ok {
		return Finding{}, false
	}
	pf, ok := figures(s, parts)
	if !ok {
		return Finding{}, false
	}
	lo, hi, val := sum(pf)
	sumSpan, totSpan := decSpan{lo, hi}, decSpan{total.lo, total.hi}
	var passed bool
	var detail string
	switch {
	case sumSpan.overlaps(totSpan):
		passed = true
		detail = fmt.Sprintf("%s: parts add up to %s (%s), the total %s (%s)", rule, plain(val), sumSpan, total.row.Value, totSpan)
	case !all && lo.Cmp(total.hi) <= 0:
		passed = true
		detail = fmt.Sprintf("%s: parts add up to %s (%s), within the total %s: the parts named are not all of it", rule, plain(val), sumSpan, total.row.Value)
	case all:
		detail = fmt.Sprintf("%s: parts add up to %s (%s), but the total is %s (%s)", rule, plain(val), sumSpan, total.row.Value, totSpan)
	default:
		detail = fmt.Sprintf("%s: parts add up to %s (%s), more than the total %s (%s)", rule, plain(val), sumSpan, total.row.Value, totSpan)
	}
	figs := append([]*figure{total}, pf...)
	roles := []string{"total"}
	for range pf {
		roles = append(roles, "part")
	}
	return s.finding(CheckTotal, passed, figs, roles, detail), true
}

var hundred = apd.New(100, 0)

func shares(s *sentence) []Finding {
	var out []Finding
	inList := map[int]bool{}
	if p := s.find(listWords...); p >= 0 {
		idx := s.list(p)
		for _, i := range idx {
			inList[i] = true
		}
		if f, ok := sharesOfWhole(s, idx); ok {
			out = append(out, f)
		}
	}
	for i, f := range s.facts {
		if f.Kind == extractors.KindPercent && !inList[i] {
			if fd, ok := shareOfAmounts(s, i); ok {
				out = append(out, fd)
			}
		}
	}
	return out
}

// sharesOfWhole checks a 分别 list of shares against 100%.
func sharesOfWhole(s *sentence, idx []int) (Finding, bool) {
	if len(idx) < 2 || s.facts[idx[0]].Kind != extractors.KindPercent {
		return Finding{}, false
	}
	if !containsAny(s.raw(s.start, s.facts[idx[0]].Start), shareWords) {
		return Finding{}, false
	}
	// Shares of the same measure stated before the list in the sentence
	// (服务器占比达69%，网络设备…的支出占比分别为11%、9%…) are of its whole too.
	var lead []int
	for i := 0; i < idx[0]; i++ {
		f := s.facts[i]
		if f.Kind == extractors.KindPercent && commonSuffix(f.Metric, s.facts[idx[0]].Metric) >= 2 &&
			containsAny(f.Metric, shareWords) {
			lead = append(lead, i)
		}
	}
	idx = append(lead, idx...)
	figs, ok := figures(s, idx)
	if !ok {
		return Finding{}, false
	}
	lo, hi, val := sum(figs)
	got := decSpan{lo, hi}
	roles := make([]string, len(figs))
	for i := range roles {
		roles[i] = "share"
	}
	var f Finding
	switch {
	case got.overlaps(decSpan{hundred, hundred}):
		f = s.finding(CheckShares, true, figs, roles,
			fmt.Sprintf("shares add up to %s%% (%s), a whole", plain(val), got))
	case lo.Cmp(hundred) > 0:
		f = s.finding(CheckShares, false, figs, roles,
			fmt.Sprintf("shares of one whole add up to %s%% (%s), more than 100%%", plain(val), got))
	default:
		// Less than 100%: the list names only some of the parts.
		f = s.finding(CheckShares, false, figs, roles,
			fmt.Sprintf("shares add up to %s%% (%s), less than a whole: the parts named are not all of it, not checked", plain(val), got))
		f.Status = StatusIncomplete
	}
	f.Expected, f.Found = "100 %", describeSpan(val, got, "%")
	return f, true
}

// wholeName is what a share says it is a share of: 营业收入 in
// 占营业收入的31.59%, or nothing.
func wholeName(s *sentence, i int) string {
	text := []rune(s.lead(i) + s.facts[i].Text)
	at := -1
	for k := len(text) - 1; k >= 0; k-- {
		if text[k] == '占' {
			at = k
			break
		}
	}
	if at < 0 {
		return ""
	}
	var name []rune
	for _, r := range text[at+1:] {
		if r == '的' || r == '比' || r == '%' || r == '％' || unicode.IsDigit(r) || unicode.IsSpace(r) {
			break
		}
		name = append(name, r)
	}
	return string(name)
}

// shareOfAmounts checks a share (占营业收入的31.59%) against the amount it
// follows and the whole the sentence states before that amount, led by the
// whole's name: the part over the whole gives the share.
func shareOfAmounts(s *sentence, i int) (Finding, bool) {
	name := wholeName(s, i)
	if len([]rune(name)) < 2 {
		return Finding{}, false
	}
	part := -1
	for k := i - 1; k >= 0; k-- {
		if isSummand(s, k) {
			part = k
			break
		}
	}
	if part < 0 {
		return Finding{}, false
	}
	whole := -1
	for k := part - 1; k >= 0; k-- {
		if sameMeasure(s.facts[k], s.facts[part]) && isSummand(s, k) &&
			(strings.Contains(s.lead(k), name) || s.facts[k].Metric == name) {
			whole = k
			break
		}
	}
	if whole < 0 {
		return Finding{}, false
	}
	figs, ok := figures(s, []int{whole, part, i})
	if !ok || figs[0].lo.Sign() <= 0 || figs[1].lo.Sign() < 0 {
		return Finding{}, false
	}
	w, p, sh := figs[0], figs[1], figs[2]
	got := span{toFloat(p.lo) / toFloat(w.hi) * 100, toFloat(p.hi) / toFloat(w.lo) * 100}
	ratio := toFloat(p.val) / toFloat(w.val) * 100
	roles := []string{"whole", "part", "share"}
	if got.overlaps(sh.span()) {
		return s.finding(CheckShares, true, figs, roles, fmt.Sprintf("%s of %s is %s%% (%s), as stated %s%% (%s)",
			p.row.Value, w.row.Value, fmtFloat(ratio), got, sh.row.Value, sh.span())), true
	}
	return s.finding(CheckShares, false, figs, roles, fmt.Sprintf("%s of %s is %s%% (%s), but the text states %s%% (%s)",
		p.row.Value, w.row.Value, fmtFloat(ratio), got, sh.row.Value, sh.span())), true
}

// toVerbs join the two values of a stated change.
var toVerbs = []string{"增至", "增长至", "增长到", "增加至", "增加到", "提高至", "提高到", "提升至", "提升到",
	"上升至", "上升到", "升至", "扩大至", "扩大到", "达到", "降至", "下降至", "下降到", "减少至", "减少到",
	"减至", "回落至", "回落到", "回升至", "缩小至", "缩小到", "变为"}

// pair is a stated change from a to b, with the relations that state by
// how much.
type pair struct {
	s    *sentence
	a, b int
	rels []int
}

func pairs(s *sentence) []pair {
	var out []pair
	claimed := 0    // facts before this index belong to an earlier pair
	lastLevel := -1 // the level before the one at hand
	for i, f := range s.facts {
		if !isLevel(f) {
			continue
		}
		prevLevel := lastLevel
		lastLevel = i
		j := i + 1
		for j < len(s.facts) && !isLevel(s.facts[j]) {
			j++
		}
		if j >= len(s.facts) || !sameMeasure(f, s.facts[j]) {
			continue
		}
		between := s.raw(f.End, s.facts[j].Start)
		lead := []rune(s.lead(i))
		if len(lead) > 12 {
			lead = lead[len(lead)-12:]
		}
		fromTo := strings.ContainsAny(string(lead), "由从") && strings.ContainsAny(between, "至到")
		if !fromTo && !containsAny(between, toVerbs) {
			continue
		}
		p := pair{s: s, a: i, b: j}
		// A relation may come first (投入翻番，由6.41亿元增至13.46亿元),
		// between the two values, or after them up to the next level.
		k := max(claimed, prevLevel+1)
		for ; k < len(s.facts); k++ {
			if k > j && isLevel(s.facts[k]) {
				break
			}
			switch s.facts[k].Kind {
			case extractors.KindGrowth, extractors.KindMultiple, extractors.KindPPChange:
				p.rels = append(p.rels, k)
			}
		}
		claimed = k
		out = append(out, p)
	}
	return out
}

// statedChanges checks the stated changes of the sentences (由 A 增至 B,
// with the rates that go with them) and marks the rates it used in paired.
func statedChanges(check string, sents []sentence, paired map[string]bool) []Finding {
	var out []Finding
	for si := range sents {
		for _, p := range pairs(&sents[si]) {
			a, okA := newFigure(p.s.facts[p.a])
			b, okB := newFigure(p.s.facts[p.b])
			if !okA || !okB {
				continue
			}
			for _, k := range p.rels {
				rel := p.s.facts[k]
				if relCheck(rel) != check {
					continue
				}
				r, ok := newFigure(rel)
				if !ok {
					continue
				}
				if fd, ok := relate(p.s.doc.Doc.Path, a, b, r, p.s.lead(k)); ok {
					paired[rel.Key] = true
					out = append(out, fd)
				}
			}
		}
	}
	return out
}

// relCheck is the check a relation fact belongs to.
func relCheck(f store.FactRow) string {
	if f.Kind == extractors.KindPPChange {
		return CheckPPChange
	}
	return CheckGrowth
}

var riseWords = []string{"增长", "增加", "提高", "提升", "上升"}

// relate checks the relation r between the values a (earlier) and b.
func relate(doc string, a, b, r *figure, lead string) (Finding, bool) {
	figs := []*figure{a, b, r}
	roles := []string{"from", "to", r.row.Kind}
	switch r.row.Kind {
	case extractors.KindPPChange:
		if a.row.Kind != extractors.KindPercent {
			return Finding{}, false
		}
		lo, hi := new(apd.Decimal), new(apd.Decimal)
		_, _ = dc.Sub(lo, b.lo, a.hi)
		_, _ = dc.Sub(hi, b.hi, a.lo)
		diff, val := decSpan{lo, hi}, new(apd.Decimal)
		_, _ = dc.Sub(val, b.val, a.val)
		stated := decSpan{r.lo, r.hi}
		if diff.overlaps(stated) {
			return newFinding(CheckPPChange, doc, true, figs, roles, fmt.Sprintf("%s%% to %s%% is %s points (%s), as stated %s (%s)",
				a.row.Value, b.row.Value, plain(val), diff, r.row.Value, stated)), true
		}
		return newFinding(CheckPPChange, doc, false, figs, roles, fmt.Sprintf("%s%% to %s%% is %s points (%s), but the text states %s (%s)",
			a.row.Value, b.row.Value, plain(val), diff, r.row.Value, stated)), true
	case extractors.KindMultiple:
		if a.lo.Sign() <= 0 {
			return Finding{}, false
		}
		ratio := span{toFloat(b.lo) / toFloat(a.hi), toFloat(b.hi) / toFloat(a.lo)}
		stated := r.span()
		ok := ratio.overlaps(stated)
		// 增长1.4倍 is read both as "to 2.4 times" and, loosely, as "to
		// 1.4 times"; 翻番 and 是…的2倍 only as the latter.
		if !ok && !strings.Contains(r.row.Text, "番") && containsAny(lead+r.row.Text, riseWords) {
			ok = ratio.overlaps(span{stated.lo + 1, stated.hi + 1})
		}
		verdict := "as stated"
		if !ok {
			verdict = "but the text states"
		}
		return newFinding(CheckGrowth, doc, ok, figs, roles, fmt.Sprintf("%s to %s is %s times (%s), %s %s (%s)",
			a.row.Value, b.row.Value, fmtFloat(toFloat(b.val)/toFloat(a.val)), ratio, verdict, r.row.Text, stated)), true
	default:
		if a.lo.Sign() <= 0 {
			return Finding{}, false
		}
		years := 1.0
		what := "growth"
		if r.row.Basis == extractors.BasisCAGR {
			n, ok := yearsBetween(a.row.Period, b.row.Period)
			if !ok {
				return Finding{}, false
			}
			years, what = float64(n), fmt.Sprintf("compound growth over %d years", n)
		}
		rate := func(from, to float64) float64 { return (math.Pow(to/from, 1/years) - 1) * 100 }
		got := span{rate(toFloat(a.hi), toFloat(b.lo)), rate(toFloat(a.lo), toFloat(b.hi))}
		stated := r.span()
		ok := got.overlaps(stated)
		verdict := "as stated"
		if !ok {
			verdict = "but the text states"
		}
		return newFinding(CheckGrowth, doc, ok, figs, roles, fmt.Sprintf("%s to %s is %s%% %s (%s), %s %s%% (%s)",
			a.row.Value, b.row.Value, fmtFloat(rate(toFloat(a.val), toFloat(b.val))), what, got, verdict, r.row.Value, stated)), true
	}
}

// yearsBetween is the number of years from period a to period b, each
// starting with a year.
func yearsBetween(a, b string) (int, bool) {
	ya, okA := yearOf(a)
	yb, okB := yearOf(b)
	if !okA || !okB || yb <= ya {
		return 0, false
	}
	return yb - ya, true
}

func yearOf(period string) (int, bool) {
	if len(period) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(period[:4])
	return y, err == nil
}

// yoyWords mark a change against the year before.
var yoyWords = []string{"同比", "比上年", "较上年", "上年同期", "比去年", "较去年"}

// shiftYear moves a period (YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO) by
// years.
func shiftYear(period string, years int) (string, bool) {
	parts := strings.Split(period, "..")
	for i, p := range parts {
		y, ok := yearOf(p)
		if !ok {
			return "", false
		}
		parts[i] = fmt.Sprintf("%04d%s", y+years, p[4:])
	}
	return strings.Join(parts, ".."), true
}

type measureKey struct{ entity, metric, period string }

// yearApart relates each year-on-year change that no stated change used
// to the levels of its entity and metric in its period and the year
// before.
func yearApart(check string, changes []store.FactRow, levels map[measureKey][]store.FactRow) []Finding {
	want := func(f store.FactRow) bool {
		if check == CheckPPChange {
			return f.Kind == extractors.KindPercent
		}
		return isAmount(f)
	}
	var out []Finding
	for _, rel := range changes {
		if relCheck(rel) != check {
			continue
		}
		prevPeriod, ok := shiftYear(rel.Period, -1)
		if !ok {
			continue
		}
		cur := levels[measureKey{rel.Entity, rel.Metric, rel.Period}]
		prev := levels[measureKey{rel.Entity, rel.Metric, prevPeriod}]
		a, b, ok := onePair(filter(prev, want), filter(cur, want), rel.DocumentID)
		if !ok {
			continue
		}
		r, ok := newFigure(rel)
		if !ok {
			continue
		}
		fd, ok := relate(rel.DocumentPath, a, b, r, "")
		if !ok {
			continue
		}
		fd.Page, fd.Sentence = rel.Page, rel.Sentence
		if a.row.DocumentID != rel.DocumentID || b.row.DocumentID != rel.DocumentID {
			fd.Detail += fmt.Sprintf(" [values from %s and %s]", a.row.DocumentPath, b.row.DocumentPath)
		}
		// The change leads: it is what the finding is about.
		fd.FactKeys = append([]string{rel.Key}, fd.FactKeys[:2]...)
		fd.Figures = append([]Figure{fd.Figures[2]}, fd.Figures[:2]...)
		out = append(out, fd)
	}
	return out
}

func filter(rows []store.FactRow, keep func(store.FactRow) bool) []store.FactRow {
	var out []store.FactRow
	for _, r := range rows {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// onePair picks the one earlier and one later level of one kind and unit,
// from document doc when it states both, else from all documents; it
// fails when the figures are ambiguous (two kinds, or two values).
func onePair(prev, cur []store.FactRow, doc int64) (*figure, *figure, bool) {
	inDoc := func(f store.FactRow) bool { return f.DocumentID == doc }
	if p, c := filter(prev, inDoc), filter(cur, inDoc); len(p) > 0 && len(c) > 0 {
		prev, cur = p, c
	}
	var a, b *figure
	for _, set := range []struct {
		rows []store.FactRow
		dst  **figure
	}{{prev, &a}, {cur, &b}} {
		for _, f := range set.rows {
			g, ok := newFigure(f)
			if !ok {
				return nil, nil, false
			}
			if *set.dst == nil {
				*set.dst = g
				continue
			}
			if !sameMeasure((*set.dst).row, f) || (*set.dst).val.Cmp(g.val) != 0 {
				return nil, nil, false
			}
		}
	}
	if a == nil || b == nil || !sameMeasure(a.row, b.row) {
		return nil, nil, false
	}
	return a, b, true
}
