package extractors

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMetricRunes bounds a metric label: past it the phrase is a clause, not
// a label, and only its last words are kept.
const maxMetricRunes = 16

// attribute fills Sentence, Entity, Metric and Period of every candidate in
// place. cands are ordered by cs. Only the sentences that hold candidates
// (and, for a missing entity, the sentences before them in the paragraph)
// are segmented.
func attribute(clean []rune, sents []sentence, cands []candidate, opts Options) {
	if len(cands) == 0 {
		return
	}
	a := newAttributor(clean, sents, cands)
	ci := 0
	para := -1
	for si, s := range sents {
		if s.paragraph != para {
			para = s.paragraph
			a.paraPeriod = ""
		}
		for ci < len(cands) && cands[ci].cs < s.start {
			ci++ // a candidate outside every sentence (blank text) keeps its fields
		}
		first := ci
		for ci < len(cands) && cands[ci].cs < s.end {
			ci++
		}
		if first < ci {
			a.sentence(si, cands[first:ci])
		}
		a.carryPeriod(s, cands[first:ci])
	}
}

// attributor holds what attribution reads across sentences.
type attributor struct {
	clean  []rune
	sents  []sentence
	doc    string
	has    map[string]bool
	tokens map[int][]wtok // by sentence index, segmented lazily
	lex    *lexicon
	// paraPeriod is the period of the last date or period of earlier
	// sentences of the current paragraph.
	paraPeriod string
}

// wtok is a token placed in the clean text, with what attribution needs to
// know of it.
type wtok struct {
	token
	entity string // the entity the word names, resolved; empty if none
	value  bool   // the word is part of a candidate
	date   bool   // the word is part of a date or period candidate
}

func newAttributor(clean []rune, sents []sentence, cands []candidate) *attributor {
	_, lx, err := loadSegmenter()
	if err != nil {
		lx = nil // attribution falls back to what needs no segmenter
	}
	return &attributor{clean: clean, sents: sents, doc: string(clean), has: map[string]bool{}, tokens: map[int][]wtok{}, lex: lx}
}

// carryPeriod remembers the last usable date of a sentence for the
// sentences after it in the paragraph.
func (a *attributor) carryPeriod(s sentence, cs []candidate) {
	for i := len(cs) - 1; i >= 0; i-- {
		if isTimeKind(cs[i].Kind) && !a.isBasisDate(cs[i]) {
			a.paraPeriod = cs[i].Period
			return
		}
	}
}

func isTimeKind(k string) bool { return k == KindDate || k == KindPeriod }

// isBasisDate reports a date that a growth is measured against (较2020年,
// 比上年, 相比2020年): the period of the figures is another.
func (a *attributor) isBasisDate(c candidate) bool {
	for _, w := range []string{"较", "比", "相较", "较之"} {
		if a.endsWith(c.cs, w) {
			return true
		}
	}
	return a.startsWith(c.ce, "同期")
}

func (a *attributor) endsWith(at int, w string) bool {
	r := []rune(w)
	return at >= len(r) && string(a.clean[at-len(r):at]) == w
}

func (a *attributor) startsWith(at int, w string) bool {
	r := []rune(w)
	return at+len(r) <= len(a.clean) && string(a.clean[at:at+len(r)]) == w
}

// sentence attributes the candidates of sentence si.
func (a *attributor) sentence(si int, cs []candidate) {
	s := a.sents[si]
	text := sentenceText(a.clean, s)
	toks := a.segmentSentence(si, cs)
	for i := range cs {
		c := &cs[i]
		c.Sentence = text
		if isTimeKind(c.Kind) {
			c.Entity = a.entityNear(si, toks, c.cs, true)
			continue
		}
		c.Period = a.periodFor(cs, i)
		c.Entity = a.entityNear(si, toks, c.cs, false)
		c.Metric = a.metricFor(toks, cs, i)
	}
	a.pairLists(toks, cs)
}

// periodFor is the period of the nearest date before cs[i] in its
// sentence, else of the earlier sentences of its paragraph.
func (a *attributor) periodFor(cs []candidate, i int) string {
	for j := i - 1; j >= 0; j-- {
		if isTimeKind(cs[j].Kind) && !a.isBasisDate(cs[j]) {
			return cs[j].Period
		}
	}
	return a.paraPeriod
}

// segmentSentence returns the sentence's tokens, marked and tagged.
func (a *attributor) segmentSentence(si int, cs []candidate) []wtok {
	if t, ok := a.tokens[si]; ok {
		return t
	}
	s := a.sents[si]
	var raw []token
	if a.lex != nil {
		sg, _, err := loadSegmenter()
		if err == nil {
			raw, err = segment(sg, string(a.clean[s.start:s.end]))
		}
		if err != nil {
			raw = nil
		}
	}
	if raw == nil {
		raw = runeTokens(a.clean[s.start:s.end])
	}
	toks := make([]wtok, len(raw))
	for i, t := range raw {
		t.start += s.start
		t.end += s.start
		toks[i] = wtok{token: t}
		for _, c := range cs {
			if t.start < c.ce && c.cs < t.end {
				toks[i].value = true
				toks[i].date = toks[i].date || isTimeKind(c.Kind)
			}
		}
	}
	a.markEntities(toks)
	a.tokens[si] = toks
	return toks
}

// runeTokens is the fallback when no segmenter loaded: one token a rune.
func runeTokens(rs []rune) []token {
	out := make([]token, len(rs))
	for i, r := range rs {
		out[i] = token{text: string(r), pos: "x", start: i, end: i + 1}
	}
	return out
}

// orgSuffix lists the words that end an organisation's name.
var orgSuffix = map[string]bool{
	"银行": true, "集团": true, "公司": true, "证券": true, "保险": true, "基金": true,
	"协会": true, "政府": true, "交易所": true, "委员会": true, "局": true, "部": true,
	"研究院": true, "研究所": true, "控股": true, "科技": true, "汽车": true, "央行": true,
	"联储": true, "财团": true, "银保监会": true, "证监会": true, "人寿": true, "资本": true,
}

// pronouns name the entity of an earlier sentence.
var pronouns = map[string]bool{
	"该行": true, "该公司": true, "本行": true, "本公司": true, "该集团": true, "本集团": true, "公司": true, "集团": true,
}

// markEntities sets the entity of the tokens that name one: lexicon
// institutions (resolved to the fullest name the document uses), regions
// and markets, gse's organisation and place names, and names followed by
// an organisation word (京东 集团 → 京东集团, merged into the last token).
func (a *attributor) markEntities(toks []wtok) {
	for i := range toks {
		t := &toks[i]
		if t.value || !isWordy(t.text) {
			continue
		}
		switch {
		case a.lex != nil && a.lex.fullName[t.text] != "":
			t.entity = a.resolve(t.text)
		case a.lex != nil && a.lex.region[t.text]:
			t.entity = t.text
		case orgSuffix[t.text] && i > 0 && isNameLike(toks[i-1]):
			name := toks[i-1].text + t.text
			if i > 1 && toks[i-2].pos == "ns" && !toks[i-2].value && isWordy(toks[i-2].text) {
				name = toks[i-2].text + name // 深圳市 政府
			}
			t.entity = a.resolve(name)
			toks[i-1].entity = ""
		case t.pos == "nt" && utf8.RuneCountInString(t.text) >= 2:
			t.entity = a.resolve(t.text)
		case t.pos == "ns" && utf8.RuneCountInString(t.text) >= 2:
			t.entity = t.text
		case isIndustry(t.text):
			t.entity = t.text
		}
		if t.entity != "" && a.isSource(toks, i) {
			t.entity = "" // 国家统计局公布数据显示: who reports, not what is measured
		}
	}
}

// isSource reports a name followed by a verb of reporting.
func (a *attributor) isSource(toks []wtok, i int) bool {
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		switch toks[j].text {
		case "显示", "公布", "发布", "表示", "预测", "称", "指出", "统计", "数据显示", "报告", "认为", "预计", "宣布", "披露":
			return true
		case "数据", "最新", "发布的", "的":
			continue
		}
		return false
	}
	return false
}

// isNameLike reports a token that may start an organisation's name.
func isNameLike(t wtok) bool {
	if t.value || !isWordy(t.text) {
		return false
	}
	switch t.pos {
	case "ns", "nz", "nt", "nr", "j", "nrt", "nrfg":
		return true
	case "n", "x", "eng":
		return utf8.RuneCountInString(t.text) >= 2
	}
	return false
}

// isIndustry reports an industry word such as 银行业 or 证券行业.
func isIndustry(w string) bool {
	n := utf8.RuneCountInString(w)
	return n >= 3 && n <= 6 && (strings.HasSuffix(w, "行业") || strings.HasSuffix(w, "业") && !strings.HasSuffix(w, "企业") && !strings.HasSuffix(w, "产业") && !strings.HasSuffix(w, "专业") && !strings.HasSuffix(w, "作业") && !strings.HasSuffix(w, "营业") && !strings.HasSuffix(w, "就业") && !strings.HasSuffix(w, "创业") && !strings.HasSuffix(w, "事业"))
}

// isWordy reports text made of letters (not punctuation or digits only).
func isWordy(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// resolve turns a name into the fullest form of it that the document uses:
// 工行 becomes 工商银行 where the document writes 工商银行.
func (a *attributor) resolve(name string) string {
	if a.lex == nil {
		return name
	}
	full := a.lex.fullName[name]
	if full == "" {
		return name
	}
	best := name
	for _, cand := range append([]string{full}, a.lex.aliases[full]...) {
		if utf8.RuneCountInString(cand) > utf8.RuneCountInString(best) && a.docHas(cand) {
			best = cand
		}
	}
	return best
}

func (a *attributor) docHas(w string) bool {
	h, ok := a.has[w]
	if !ok {
		h = strings.Contains(a.doc, w)
		a.has[w] = h
	}
	return h
}

// entityNear is the entity named nearest before offset at in the sentence
// (or, with after set, the first after it when none is before), else the
// last one named in the earlier sentences of the paragraph.
func (a *attributor) entityNear(si int, toks []wtok, at int, after bool) string {
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].end <= at {
			if e := a.tokenEntity(si, toks, i); e != "" {
				return e
			}
		}
	}
	if after {
		for i := range toks {
			if toks[i].start >= at && toks[i].entity != "" {
				return toks[i].entity
			}
		}
		return ""
	}
	return a.entityBefore(si)
}

// tokenEntity is the entity token i names, pronouns resolved.
func (a *attributor) tokenEntity(si int, toks []wtok, i int) string {
	if toks[i].entity != "" {
		return toks[i].entity
	}
	if pronouns[toks[i].text] {
		return a.entityBefore(si)
	}
	return ""
}

// entityBefore is the last entity named in the sentences before si in
// its paragraph.
func (a *attributor) entityBefore(si int) string {
	para := a.sents[si].paragraph
	for j := si - 1; j >= 0 && j >= si-8 && a.sents[j].paragraph == para; j-- {
		toks := a.segmentSentence(j, nil)
		for i := len(toks) - 1; i >= 0; i-- {
			if toks[i].entity != "" {
				return toks[i].entity
			}
		}
	}
	return ""
}

// skipWords stand between a metric and its value: verbs of being and
// change, qualifiers, bases. They are passed over, not made part of the
// metric.
var skipWords = map[string]bool{
	"为": true, "是": true, "达": true, "达到": true, "约": true, "约为": true, "合计": true, "共": true, "共计": true,
	"累计": true, "超过": true, "超": true, "逾": true, "突破": true, "近": true, "接近": true, "将近": true, "大约": true,
	"分别": true, "分别为": true, "依次": true, "依次为": true, "同比": true, "环比": true, "比": true, "较": true,
	"增长": true, "增加": true, "上升": true, "下降": true, "减少": true, "提升": true, "提高": true, "降低": true,
	"下滑": true, "回落": true, "上涨": true, "下跌": true, "涨": true, "跌": true, "升": true, "降": true, "增": true,
	"增至": true, "降至": true, "至": true, "到": true, "预计": true, "将": true, "有望": true, "可": true, "已": true,
	"已经": true, "仅": true, "只": true, "高达": true, "实现": true, "录得": true, "报": true, "收于": true, "在": true,
	"于": true, "年均": true, "复合": true, "的": true, "了": true, "也": true, "则": true, "还": true, "均": true,
	"达成": true, "超出": true, "不足": true, "不到": true, "低于": true, "高于": true, "以上": true, "以下": true,
	"左右": true, "多": true, "余": true, "万": true, "亿": true, "元": true, "亿元": true, "万元": true, "占": false,
	"持续": true, "保持": true, "维持": true, "稳定": true, "再": true, "大幅": true, "小幅": true, "显著": true,
	"扩大": true, "收窄": true, "翻番": true, "倍": true, "首次": true, "全年": true, "预期": true, "前值": true,
	"初值": true, "终值": true, "修正": true, "创": true, "新高": true, "新低": true, "年率": true, "按年": true,
	"为止": true, "止": true, "截至": true, "截止": true, "有": true, "共有": true, "拥有": true, "上调": true, "下调": true,
}

// metricFor is the noun phrase before cs[i] in its clause, past the words
// that link it to the value; with none, the metric of the value before it
// in the sentence (同比增长 grows what the figure before it measured).
func (a *attributor) metricFor(toks []wtok, cs []candidate, i int) string {
	c := cs[i]
	k := len(toks) - 1
	for k >= 0 && toks[k].end > c.cs {
		k--
	}
	// Pass over the linking words, and dates (2025年预计超过).
	for k >= 0 && !isClauseBreak(toks[k].text) && (skipWords[toks[k].text] || toks[k].date || isLinkPOS(toks[k])) {
		k--
	}
	var parts []string
	n := 0
	for ; k >= 0; k-- {
		t := toks[k]
		if t.value || t.entity != "" || pronouns[t.text] || isClauseBreak(t.text) || !a.isMetricWord(t) {
			break
		}
		if n+utf8.RuneCountInString(t.text) > maxMetricRunes {
			break
		}
		n += utf8.RuneCountInString(t.text)
		parts = append(parts, t.text)
	}
	if len(parts) > 0 {
		for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
			parts[l], parts[r] = parts[r], parts[l]
		}
		m := strings.Join(parts, "")
		m = strings.TrimLeft(m, "占的与和及、")
		if m != "" {
			return m
		}
	}
	for j := i - 1; j >= 0; j-- {
		if !isTimeKind(cs[j].Kind) {
			return cs[j].Metric
		}
	}
	return ""
}

// isLinkPOS reports adverbs, prepositions, conjunctions and particles.
func isLinkPOS(t wtok) bool {
	switch t.pos {
	case "d", "p", "c", "u", "uj", "ul", "uz", "y", "e", "r":
		return !strings.HasSuffix(t.text, "率")
	}
	return false
}

// isClauseBreak reports punctuation that ends a clause.
func isClauseBreak(w string) bool {
	switch w {
	case "，", ",", "；", ";", "：", ":", "。", "（", "(", "）", ")", "“", "”", "《", "》", "!", "！", "?", "？", "\"", "【", "】", "*", "**", "|", "#":
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsPunct(r) && r != '、' && r != '/' && r != '-'
}

// isMetricWord reports a word that may be part of a metric label.
func (a *attributor) isMetricWord(t wtok) bool {
	if a.lex != nil && a.lex.metric[t.text] {
		return true
	}
	if skipWords[t.text] && t.text != "占" {
		return false
	}
	if t.text == "占" || t.text == "/" {
		return true
	}
	switch {
	case t.pos == "vn", t.pos == "an", t.pos == "nz", t.pos == "n", t.pos == "j", t.pos == "l", t.pos == "b", t.pos == "ng":
		return true
	case t.pos == "x" || t.pos == "eng":
		return isASCIIWord(t.text)
	case t.pos == "v":
		return hasMetricEnding(t.text)
	}
	return hasMetricEnding(t.text)
}

// hasMetricEnding reports words that name an amount whatever gse tags them.
func hasMetricEnding(w string) bool {
	for _, e := range []string{"收入", "投入", "利润", "额", "量", "率", "数", "规模", "占比", "比例", "比重", "指数", "价格", "价", "产出", "销售", "出口", "进口", "余额", "支出", "成本", "费用", "资产", "负债", "营收", "融资", "投资"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

func isASCIIWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// pairLists applies 分别为 / 依次为: the values after it, list by list,
// take in order the entities or metrics listed before it. A list whose
// length differs from the items' is left as it was.
func (a *attributor) pairLists(toks []wtok, cs []candidate) {
	if len(cs) < 2 {
		return
	}
	s := a.sentOf(cs[0].cs)
	at := -1
	for _, w := range []string{"分别", "依次"} {
		if k := indexRunes(a.clean[s.start:s.end], w); k >= 0 && (at < 0 || s.start+k < at) {
			at = s.start + k
		}
	}
	if at < 0 {
		return
	}
	items, asEntity, shared := a.listItems(toks, cs, at)
	if len(items) < 2 {
		return
	}
	for _, g := range a.valueGroups(cs, at) {
		if len(g) != len(items) {
			continue
		}
		for n, ci := range g {
			if asEntity {
				cs[ci].Entity = items[n]
				if shared != "" {
					cs[ci].Metric = shared
				}
			} else {
				cs[ci].Metric = items[n]
			}
		}
	}
}

func (a *attributor) sentOf(at int) sentence {
	for _, s := range a.sents {
		if at >= s.start && at < s.end {
			return s
		}
	}
	return sentence{start: at, end: at}
}

// indexRunes is the rune offset of w in hay, or -1.
func indexRunes(hay []rune, w string) int {
	b := strings.Index(string(hay), w)
	if b < 0 {
		return -1
	}
	return utf8.RuneCountInString(string(hay)[:b])
}

// listItems reads the list A、B和C before offset at: its items, whether they
// are entities (else metrics), and a metric they share (工商银行、建设银行
// 金融科技投入分别为 → 金融科技投入).
func (a *attributor) listItems(toks []wtok, cs []candidate, at int) (items []string, asEntity bool, shared string) {
	k := len(toks) - 1
	for k >= 0 && toks[k].start >= at {
		k--
	}
	// The shared metric: words after the last item.
	var sharedParts []string
	for k >= 0 && toks[k].entity == "" && !isListSep(toks[k].text) && !isClauseBreak(toks[k].text) && !toks[k].value {
		sharedParts = append([]string{toks[k].text}, sharedParts...)
		k--
	}
	if k >= 0 && toks[k].entity != "" {
		asEntity = true
		for k >= 0 {
			if toks[k].entity == "" {
				return nil, false, ""
			}
			items = append([]string{toks[k].entity}, items...)
			k--
			if k < 0 || !isListSep(toks[k].text) {
				break
			}
			k--
		}
		shared = strings.TrimLeft(strings.Join(sharedParts, ""), "的")
		if shared == "" || !isMetricish(shared) {
			shared = ""
		}
		return items, asEntity, shared
	}
	// A list of metrics: the words between separators.
	if len(sharedParts) == 0 {
		return nil, false, ""
	}
	items = []string{strings.Join(sharedParts, "")}
	for k >= 0 && isListSep(toks[k].text) {
		k--
		var parts []string
		for k >= 0 && !isListSep(toks[k].text) && !isClauseBreak(toks[k].text) && !toks[k].value && toks[k].entity == "" {
			parts = append([]string{toks[k].text}, parts...)
			k--
		}
		if len(parts) == 0 {
			return nil, false, ""
		}
		items = append([]string{strings.Join(parts, "")}, items...)
	}
	return items, false, ""
}

func isMetricish(w string) bool { return utf8.RuneCountInString(w) <= maxMetricRunes }

func isListSep(w string) bool {
	switch w {
	case "、", "和", "及", "与", "以及", "、和", ",":
		return true
	}
	return false
}

// valueGroups splits the candidates after offset at into lists: values
// joined only by separators (、 和 及 与 blanks) form one list.
func (a *attributor) valueGroups(cs []candidate, at int) [][]int {
	var groups [][]int
	var cur []int
	for i, c := range cs {
		if c.cs < at || isTimeKind(c.Kind) {
			continue
		}
		if len(cur) > 0 {
			prev := cs[cur[len(cur)-1]]
			gap := strings.TrimSpace(string(a.clean[prev.ce:c.cs]))
			if !isListSep(gap) && gap != "" {
				groups = append(groups, cur)
				cur = nil
			}
		}
		cur = append(cur, i)
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	return groups
}
