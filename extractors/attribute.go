package extractors

import (
	"context"
	"strconv"
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
// are segmented; a sentence longer than maxSentenceRunes is read in
// pieces. It stops with the context's error when ctx is done, checked once
// a sentence.
func attribute(ctx context.Context, clean []rune, sents []sentence, cands []candidate, opts Options) error {
	if len(cands) == 0 {
		return nil
	}
	if err := segmenterLoaded(ctx); err != nil {
		return err
	}
	sents = boundSentences(clean, sents, cands)
	a := newAttributor(clean, sents, cands)
	// A report's own year (2016年年度报告, printed in 2017) dates its
	// tables' 本期 and 上期 better than the date of its file.
	a.reportYear = titleYear(clean, sents)
	if a.docYear = a.reportYear; a.docYear == 0 {
		a.docYear = documentYear(opts.DocumentDate)
	}
	ci := 0
	para := -1
	for si, s := range sents {
		if err := ctx.Err(); err != nil {
			return err
		}
		for ci < len(cands) && cands[ci].cs < s.start {
			ci++ // a candidate outside every sentence (blank text) keeps its fields
		}
		first := ci
		for ci < len(cands) && cands[ci].cs < s.end {
			ci++
		}
		if s.paragraph != para {
			para = s.paragraph
			a.release = ""
			if !a.continues(s) && !(a.paraPeriod != "" && a.picksUp(si, cands[first:ci])) {
				a.paraPeriod, a.paraPeriodRule, a.paraMetric, a.paraPoint = "", "", "", ""
			}
		} else if a.opensItem(s) {
			// 2、本公司以前年度已使用…: a numbered item starts a topic of its
			// own, as a paragraph does.
			a.paraPeriod, a.paraPeriodRule, a.paraMetric, a.paraPoint = "", "", "", ""
		}
		if a.reportYear > 0 && a.startsWith(s.start, "报告期") && a.ownReport() != "" {
			a.paraPeriod, a.paraPeriodRule = strconv.Itoa(a.reportYear), "period.report_period" // 报告期内: the report's year
		}
		if first < ci {
			a.sentence(si, cands[first:ci])
		}
		a.carryPeriod(s, cands[first:ci])
	}
	return a.tables(ctx, cands)
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
	// paraPeriodRule is the id of the rule that chose paraPeriod.
	paraPeriodRule string
	// paraPoint is the last day (2024年二季度末) of earlier sentences of
	// the current paragraph: a balance stands on a day, not over the span
	// of a flow named after it.
	paraPoint string
	// paraMetric is the metric of the last figure of earlier sentences of
	// the current paragraph (进口物价指数同比升1.6%;环比升0.1% goes on).
	paraMetric string
	// release is the country of a paragraph that reports a data release
	// (德国8月季调后失业率为6%, 英国7月央行抵押贷款许可6.20万件): the
	// paragraph's figures are the country's, and a name that opens their
	// clause is part of what is measured.
	release string
	// instrument is what moved, for the figures of a market report, by
	// their clean-text start.
	instrument map[int]string
	// before memoizes entityBefore, by sentence index.
	before map[int]string
	// self is the company the document is of, once looked up.
	self *string
	// reportYear is the year a report's title names (2019年年度报告), 0 if
	// none: the period of its figures that name none.
	reportYear int
	// docYear is the document's year (from its date, dateline or title),
	// which relative table headers (本期, 上期) are read against; 0 if none.
	docYear int
}

// wtok is a token placed in the clean text, with what attribution needs to
// know of it.
type wtok struct {
	token
	entity string // the entity the word names, resolved; empty if none
	source string // the entity of a name that reports a figure (国家统计局公布)
	value  bool   // the word is part of a candidate
	inName bool   // the word ends the name the word before it starts (京东 健康)
	date   bool   // the word is part of a date or period candidate
}

func newAttributor(clean []rune, sents []sentence, cands []candidate) *attributor {
	_, lx, err := loadSegmenter()
	if err != nil {
		lx = nil // attribution falls back to what needs no segmenter
	}
	return &attributor{clean: clean, sents: sents, doc: string(clean), has: map[string]bool{}, tokens: map[int][]wtok{}, lex: lx, instrument: map[int]string{}, before: map[int]string{}}
}

// continuers open a paragraph that goes on with the one before it.
var continuers = []string{"其中", "同时", "与此同时", "而", "但", "不过", "相比之下"}

// continues reports a paragraph that starts with a continuer (其中,公有云
// 市场规模达1277亿元): its figures keep the period and entity of the
// paragraph before it.
func (a *attributor) continues(s sentence) bool {
	for _, w := range continuers {
		if a.startsWith(s.start, w) {
			return true
		}
	}
	return false
}

// clauseStart is the start of the clause that offset at is in: just past
// the comma, semicolon, full stop or line break before it, looked for no
// further back than maxSentenceRunes (a text without them has no clauses
// to speak of, and looking back to its start for each figure would cost
// the square of its length).
func (a *attributor) clauseStart(at int) int {
	b := at
	for b > 0 && at-b < maxSentenceRunes && !strings.ContainsRune(",，;；。\n", a.clean[b-1]) {
		b--
	}
	return b
}

// clauseHas reports one of ws in the clause that ends at offset at.
func (a *attributor) clauseHas(at int, ws ...string) bool {
	b := a.clauseStart(at)
	clause := string(a.clean[b:at])
	for _, w := range ws {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// picksUp reports a paragraph whose first sentence si opens with a name
// the last sentence of the paragraph before ended on (…分别为华泰证券、中金
// 公司。⏎华泰证券IT投入突破20亿元): it goes on with the same topic, and
// keeps its period. A numbered item or a heading never does.
func (a *attributor) picksUp(si int, cs []candidate) bool {
	if si == 0 || a.opensItem(a.sents[si]) || a.clean[a.sents[si].start] == '#' {
		return false
	}
	prev := a.sents[si-1]
	if prev.paragraph != a.sents[si].paragraph-1 {
		return false // a blank paragraph between: a break in the text
	}
	named := map[string]bool{}
	for _, t := range a.segmentSentence(si-1, nil) {
		if t.entity != "" && !a.isPlace(t) {
			named[t.entity] = true
		}
	}
	toks := a.segmentSentence(si, cs)
	for _, t := range toks {
		if isClauseBreak(t.text) || t.value {
			break
		}
		if t.entity != "" {
			return named[t.entity]
		}
	}
	return false
}

// releaseCountry is the country a sentence opens with when a date follows
// it right away (美国8月芝加哥PMI…): the sentence reports a release of that
// country's data. "" otherwise.
func (a *attributor) releaseCountry(toks []wtok) string {
	k := 0
	for k < len(toks) && (isBlankWord(toks[k].text) || strings.Trim(toks[k].text, "*#、.．0123456789") == "") && !toks[k].value {
		k++
	}
	if k+1 < len(toks) && toks[k].entity != "" && a.isPlace(toks[k]) && toks[k+1].date {
		return toks[k].entity
	}
	return ""
}

// releaseFigure gives a figure of a data release its country: a name
// opening the figure's clause (after the release's date) is then part of
// the metric, not who the figure is about (芝加哥PMI, 央行抵押贷款).
func (a *attributor) releaseFigure(toks []wtok, c *candidate) {
	if a.release == "" {
		return
	}
	k := len(toks) - 1
	for k >= 0 && toks[k].end > c.cs {
		k--
	}
	// The clause's first word, past the country and its date.
	b := k
	for b >= 0 && !isClauseBreak(toks[b].text) && !toks[b].date && !(toks[b].entity == a.release && a.isPlace(toks[b])) {
		b--
	}
	b++
	if b > k || toks[b].value {
		return
	}
	if hasEntity(toks[b:k+1]) && c.Metric != "" {
		// The metric runs on from the name: 芝加哥 PMI, 纽约联储 制造业指数.
		between := string(a.clean[toks[b].start:c.cs])
		if k := strings.Index(between, c.Metric); k > 0 && !strings.HasPrefix(c.Metric, toks[b].text) && isWordRun(between[:k]) {
			amendMetric(&c.Fact, between[:k]+c.Metric, "metric.release_name")
		}
	}
	setEntity(&c.Fact, a.release, "entity.release_country")
}

// isWordRun reports text of letters only: no digit, blank or punctuation.
func isWordRun(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// opensItem reports a sentence that opens a numbered item: 2、, (3), （三）.
func (a *attributor) opensItem(s sentence) bool {
	k := s.start
	for k < s.end && isSpace(a.clean[k]) {
		k++
	}
	open := k < s.end && (a.clean[k] == '(' || a.clean[k] == '（')
	if open {
		k++
	}
	n := 0
	for k < s.end && n < 3 && (isDigit(a.clean[k]) || isCnNumeral(a.clean[k])) {
		k++
		n++
	}
	if n == 0 || k >= s.end {
		return false
	}
	if open {
		return a.clean[k] == ')' || a.clean[k] == '）'
	}
	return a.clean[k] == '、'
}

// carryPeriod remembers the last usable date of a sentence for the
// sentences after it in the paragraph.
func (a *attributor) carryPeriod(s sentence, cs []candidate) {
	carried := false
	for i := len(cs) - 1; i >= 0; i-- {
		if isTimeKind(cs[i].Kind) && (!a.isBasisDate(cs[i]) || a.opensSince(cs[i])) && !a.isFromDate(cs[i]) && !a.isVintageDate(cs[i]) && !a.isCircumstance(cs[i]) && cs[i].Rule != ruleSameLastYear && !a.isScheduled(cs[i]) && !a.isOwnEventDate(cs[i]) {
			if !carried {
				a.paraPeriod, a.paraPeriodRule, carried = cs[i].Period, "period.paragraph_date", true
			}
			if cs[i].Kind == KindDate && len(cs[i].From) == len("2006-01-02") {
				a.paraPoint = cs[i].Period
				return
			}
		}
	}
}

func isTimeKind(k string) bool { return k == KindDate || k == KindPeriod }

// isBasisDate reports a date that a growth is measured against (较2020年,
// 相比2020年, 2022年1月以来): the period of the figures is another.
func (a *attributor) isBasisDate(c candidate) bool {
	at := c.cs
	for at > 0 && (a.clean[at-1] == ' ' || a.clean[at-1] == '\u3000') {
		at-- // 较 年初: a layout's blank
	}
	for _, w := range []string{"较", "比", "相较", "较之"} {
		if a.endsWith(at, w) {
			return true
		}
	}
	// 为2022年1月以来新高: a start of comparison, not the figure's time.
	return a.startsWith(c.ce, "同期") || a.startsWith(c.ce, "以来") || a.startsWith(c.ce, "至今")
}

// opensSince reports a date that opens its sentence or clause as the
// start of a time up to now (今年以来，…; 2024年以来，…): the figures of
// what follows are of it, unlike a start of comparison inside a clause
// (为2020年以来最低).
func (a *attributor) opensSince(c candidate) bool {
	if !a.startsWith(c.ce, "以来") {
		return false
	}
	if k := c.ce + 2; k >= len(a.clean) || !strings.ContainsRune(",，", a.clean[k]) {
		return false
	}
	k := c.cs
	for k > 0 && (isSpace(a.clean[k-1]) || a.clean[k-1] == '*') {
		k--
	}
	if k > 0 && a.clean[k-1] == '、' {
		// 7、今年以来: a numbered item's marker.
		for k--; k > 0 && (isDigit(a.clean[k-1]) || cnDigit(a.clean[k-1]) > 0 || a.clean[k-1] == '十'); k-- {
		}
	}
	return k == 0 || strings.ContainsRune(",，;；。:：\n", a.clean[k-1])
}

// bracketsBasis reports a figure in brackets right after a date it is
// compared with, in the same clause (较今年预期值（802万亿韩元）增加10.1%,
// 较去年（67.1%）有所扩大): the bracket gives the compared date's value.
func (a *attributor) bracketsBasis(d, c candidate) bool {
	if d.ce > c.cs {
		return false
	}
	between := []rune(strings.TrimRight(string(a.clean[d.ce:c.cs]), " \u3000"))
	if len(between) == 0 || len(between) > 8 {
		return false
	}
	if last := between[len(between)-1]; last != '（' && last != '(' {
		return false
	}
	return !strings.ContainsAny(string(between[:len(between)-1]), ",，;；。（()）")
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
	if country := a.releaseCountry(toks); country != "" {
		a.release = country
	}
	for i := range cs {
		c := &cs[i]
		c.Sentence = text
		if isTimeKind(c.Kind) {
			e, rule := a.entityNear(si, toks, c.cs, true)
			setEntity(&c.Fact, e, rule)
			continue
		}
		p, rule := a.periodFor(cs, i)
		setPeriod(&c.Fact, p, rule)
		if a.afterWord(c.cs, "前值", 16) {
			amendPeriod(&c.Fact, previousPeriod(c.Period), "period.previous_value") // 7月…前值降0.2%: June's figure
		}
		e, rule := a.entityNear(si, toks, c.cs, false)
		setEntity(&c.Fact, e, rule)
		if c.Kind == KindMoney {
			if party, rule := a.penalisedParty(c.cs, c.ce); party != "" {
				// 某局拟对某人处以…罚款, 某公司被某会罚款…: the party fined,
				// not the body that fines; 该公司 is the one named before, if
				// any.
				if pronouns[party] {
					party = a.entityBefore(si)
				}
				setEntity(&c.Fact, party, rule)
			}
		}
		if self := a.ownReport(); self != "" {
			// A company's own report is about the company, unless a part of
			// it (医药板块, a subsidiary) opens the clause.
			if part := a.clausePart(toks, c.cs); part != "" {
				setEntity(&c.Fact, part, "entity.report_part")
			} else if place, named := a.clauseSubject(toks, c.cs); place != "" {
				setEntity(&c.Fact, place, "entity.clause_place") // 根据农业农村部…数据显示,2020年末全国生猪存栏量4.07亿头
			} else if a.lex == nil || !a.lex.region[c.Entity] || !a.clauseHas(c.cs, c.Entity) {
				setEntity(&c.Fact, self, "entity.report_self") // (2020年末全国生猪存栏量4.07亿头: a place named in the clause stays)
				if i > 0 && !isTimeKind(cs[i-1].Kind) && a.lex != nil && a.lex.region[cs[i-1].Entity] && (isChangeKind(c.Kind) || !named) {
					// …4.07亿头,同比增长31%,能繁母猪存栏量4161万头: the
					// place's figures go on until a clause names another.
					setEntity(&c.Fact, cs[i-1].Entity, "entity.previous_place")
				}
			}
			if c.Period == "" && a.reportYear > 0 {
				setPeriod(&c.Fact, a.pastDateAfter(cs, i), "period.past_date_after")
			}
			if c.Period == "" && a.reportYear > 0 && !a.clauseHas(c.cs, "以前年度", "以前期间", "往年") {
				setPeriod(&c.Fact, strconv.Itoa(a.reportYear), "period.report_year") // (以前年度已使用: the years before it)
			}
		}
		var inherited bool
		if c.Kind == KindCount && groupUnits[c.Unit] {
			if g := a.namedGroup(toks, c); g != "" {
				setEntity(&c.Fact, g, "entity.named_group") // 商务部等5部门联合出台: the departments act
			}
		}
		m, rule, inherited := a.metricFor(toks, cs, i)
		setMetric(&c.Fact, m, rule)
		if a.paraPoint != "" && c.Period == a.paraPeriod && c.Period != a.paraPoint && isSpanPeriod(c.Period) && !a.datedBefore(cs, i) &&
			(strings.HasSuffix(c.Metric, "余额") || inherited && i > 0 && strings.HasSuffix(cs[i-1].Metric, "余额") && cs[i-1].Period == a.paraPoint) {
			// …上半年增加6105亿元。个人住房贷款余额37.79万亿元: the balance
			// is of the day the paragraph's balances stand on.
			setPeriod(&c.Fact, a.paraPoint, "period.balance_day")
		}
		if c.Entity == "" && inherited {
			// 汽车经销商综合库存系数为1.50,同比下降7.1%: the change is of the
			// same actors' figure.
			for j := i - 1; j >= 0; j-- {
				if !isTimeKind(cs[j].Kind) {
					if cs[j].Metric == c.Metric && (isActor(cs[j].Entity) || isBalanceBook(cs[j].Entity)) {
						setEntity(&c.Fact, cs[j].Entity, "entity.previous_actor")
					}
					break
				}
			}
		} else if c.Entity == "" {
			if e, rest := splitActor(c.Metric); e != "" {
				setEntity(&c.Fact, e, "entity.actor_in_metric")
				amendMetric(&c.Fact, rest, "metric.actor_split")
			}
		}
		if c.Entity == "" && !inherited && strings.HasSuffix(c.Metric, "余额") {
			if book := a.balanceBook(c.cs); book != "" {
				// 房地产开发贷款余额13.77万亿元: the book of loans is what the balance is of
				setEntity(&c.Fact, book, "entity.balance_book")
				amendMetric(&c.Fact, "余额", "metric.balance_of_book")
			}
		}
		if market, turnover := marketTurnover(toks, c.cs); market != "" {
			// 市场成交额8804.2亿元, 大市成交879.35亿港元
			setEntity(&c.Fact, market, "entity.market_turnover")
			setMetric(&c.Fact, turnover, "metric.market_turnover")
		} else if inherited && turnoverWords[c.Metric] {
			// 市场成交额接近6000亿元,此前连续3日不足5000亿元: the same
			// market's turnover.
			for j := i - 1; j >= 0; j-- {
				if !isTimeKind(cs[j].Kind) && !isSpan(cs[j]) {
					if cs[j].Metric == c.Metric && marketWords[cs[j].Entity] {
						setEntity(&c.Fact, cs[j].Entity, "entity.previous_market")
					}
					break
				}
			}
		}
		a.releaseFigure(toks, c)
		if name := a.movedName(toks, c.cs); name != "" {
			setEntity(&c.Fact, name, "entity.moved_name")
			setMetric(&c.Fact, "股价", "metric.moved_name")
		}
		if c.Metric == "" && (c.Kind == KindMoney || c.Kind == KindCount) {
			// 处以6000万美元的罚款, 发行7亿元永续资本债: with no words before
			// it, what follows an amount names it.
			setMetric(&c.Fact, a.countedThing(toks, c.ce, true), "metric.counted_after")
		}
		if isSpan(*c) {
			// 连跌4日, 近5日累计跌, 逾3年新低: a span is not dated, and it
			// measures what went on over it.
			setPeriod(&c.Fact, "", "")
			if m := a.spanMetric(toks, c); m != "" {
				setMetric(&c.Fact, m, "metric.span")
			}
		} else if c.Kind == KindCount {
			// 三个研发中心,搭建了一支500余人的金融科技队伍: a noun phrase
			// after 的 names the count before a figure earlier in the
			// sentence does.
			if m := a.countedThing(toks, c.ce, c.Metric == "" || inherited); m != "" {
				setMetric(&c.Fact, m, "metric.counted_after")
			}
		}
		if c.per != "" {
			amendMetric(&c.Fact, perUnitMetric(c.Metric, c.per), "metric.per_unit")
		} else if c.Kind == KindMoney && c.Metric != "" && (a.endsWith(c.cs, "每股") || a.endsWith(c.cs, "每股为")) {
			amendMetric(&c.Fact, perUnitMetric(c.Metric, "股"), "metric.per_share") // 发行价为每股人民币10.28元
		}
		if c.Kind == KindCount && c.Unit == "点" && isIndexName(c.Metric) {
			// 恒生指数盘中收复18000点: a level is the index's 点位.
			if c.Entity != "" && strings.Contains(c.Sentence, c.Entity+c.Metric) {
				amendMetric(&c.Fact, c.Entity+c.Metric, "metric.index_entity") // 中国出口集装箱指数
			}
			// The index is the entity now, as the metric's rules named it.
			setEntity(&c.Fact, c.Metric, amendedRule(c.Metric, c.MetricRule, "entity.index_name"))
			setMetric(&c.Fact, "点位", "metric.index_level")
		}
		a.marketMove(toks, cs, i)
		if isSpan(*c) {
			for j := i - 1; j >= 0; j-- {
				if a.instrument[cs[j].cs] != "" {
					setEntity(&c.Fact, cs[j].Entity, "entity.previous_instrument") // 近5日累计跌: the span of the instrument quoted before it
					break
				}
			}
		}
	}
	a.pairLists(toks, cs)
	for i := len(cs) - 1; i >= 0; i-- {
		if !isTimeKind(cs[i].Kind) && cs[i].Metric != "" && !a.isEarlierRelease(cs, i, -1) && !isSpan(cs[i]) {
			a.paraMetric = cs[i].Metric
			break
		}
	}
	// Done last, so that the figures after one and the next sentence take
	// the quantity, not its change.
	for i := range cs {
		if c := &cs[i]; (c.Kind == KindMoney || c.Kind == KindCount) && c.Metric != "" {
			amendMetric(&c.Fact, c.Metric+changeBefore(toks, c.cs), "metric.change_word")
		}
	}
	if strings.Contains(text, "回购") {
		for i := range cs {
			// 以58亿美元的总价回购总计6.13亿股普通股, 回购…,总额为21亿美元:
			// the amount and the shares of a buyback are the buyback's.
			if c := &cs[i]; (c.Kind == KindMoney || c.Kind == KindCount) && buybackHeads[c.Metric] {
				amendMetric(&c.Fact, "回购"+c.Metric, "metric.buyback")
			}
		}
	}
	for i := range cs {
		// 房地产开发贷款余额13.77万亿元,…,增速比上年末高1.3个百分点,上半年
		// 增加6105亿元: the rate and the change of the same book of loans.
		c := &cs[i]
		if c.Entity != "" || isTimeKind(c.Kind) || !strings.HasPrefix(c.Metric, "余额") || c.Metric == "余额" {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if !isTimeKind(cs[j].Kind) && cs[j].Entity != "" {
				if isBalanceBook(cs[j].Entity) {
					setEntity(&c.Fact, cs[j].Entity, "entity.previous_balance_book")
					amendMetric(&c.Fact, strings.TrimPrefix(c.Metric, "余额"), "metric.balance_of_book")
				}
				break
			}
		}
	}
}

// marketWords name a whole market, whose turnover a brief reports.
var marketWords = map[string]bool{"市场": true, "大市": true, "两市": true, "沪深两市": true, "全市场": true}

// turnoverWords name what a whole market traded.
var turnoverWords = map[string]bool{"成交": true, "成交额": true, "成交量": true, "成交金额": true, "总成交额": true}

// marketTurnover reads a market word and a turnover word right before
// offset at (市场成交额8804.2亿元, 大市成交879.35亿港元): the market traded,
// whatever company the sentences before named. Empty if there are none.
func marketTurnover(toks []wtok, at int) (market, turnover string) {
	k := len(toks) - 1
	for k >= 0 && toks[k].end > at {
		k--
	}
	for k >= 0 && !isClauseBreak(toks[k].text) && skipWords[toks[k].text] && !turnoverWords[toks[k].text] {
		k--
	}
	if k < 1 || toks[k-1].value || toks[k].value || !turnoverWords[toks[k].text] || !marketWords[toks[k-1].text] {
		return "", ""
	}
	return toks[k-1].text, toks[k].text
}

// buybackHeads name an amount or the shares of a buyback without saying so.
var buybackHeads = map[string]bool{
	"总价": true, "总额": true, "金额": true, "总金额": true, "资金总额": true,
	"普通股": true, "股份": true, "股票": true, "A股": true, "H股": true, "A类普通股": true, "美国存托股": true,
}

// balanceBook is the kind of loans or deposits (房地产开发贷款, 个人住房
// 贷款) whose 余额 the clause before offset at states with no one named
// as holding it, or "".
func (a *attributor) balanceBook(at int) string {
	b := a.clauseStart(at)
	clause := string(a.clean[b:at])
	k := strings.LastIndex(clause, "余额")
	if k < 0 {
		return ""
	}
	book := clause[:k]
	if !isBalanceBook(book) || utf8.RuneCountInString(book) > 12 || strings.IndexFunc(book, func(r rune) bool {
		return !unicode.Is(unicode.Han, r)
	}) >= 0 || utf8.RuneCountInString(book) < 3 {
		return "" // (贷款余额 alone names no kind of loan)
	}
	return book
}

// isBalanceBook reports a kind of loans or deposits.
func isBalanceBook(name string) bool {
	return strings.HasSuffix(name, "贷款") || strings.HasSuffix(name, "存款")
}

// amountChangeVerbs say an amount is a change of a quantity, not its level.
var amountChangeVerbs = map[string]bool{
	"增加": true, "减少": true, "增": true, "减": true,
	"同比增加": true, "同比减少": true, "环比增加": true, "环比减少": true,
}

// changeBefore is the change verb right before an amount, with the basis
// before the verb (环比减少91.8万吨, 人民币贷款增加13.26万亿元, 预期增1.8万
// 人): the amount is the change, which the metric says. Empty if none.
func changeBefore(toks []wtok, at int) string {
	v := 0
	for v < len(toks) && toks[v].start < at {
		v++
	}
	if v == 0 || v == len(toks) || toks[v].start != at || !toks[v].value {
		return ""
	}
	verb := toks[v-1].text
	if toks[v-1].value || !amountChangeVerbs[verb] {
		return ""
	}
	if v >= 2 && (toks[v-2].text == "同比" || toks[v-2].text == "环比") {
		return toks[v-2].text + verb
	}
	return verb
}

// marketMoveVerbs report a price's move in the market's words.
var marketMoveVerbs = map[string]bool{
	"涨": true, "跌": true, "上涨": true, "下跌": true, "收涨": true, "收跌": true, "大涨": true,
	"大跌": true, "涨超": true, "跌超": true, "周涨": true, "周跌": true, "盘中涨": true, "盘中跌": true,
	"调升": true, "调降": true, "上行": true, "下行": true,
}

// isIndicatorMove reports a name of an economic indicator or of its rate
// of change (CPI同比, PPI环比, 制造业PMI): its 上涨 is a statistic's change,
// not an instrument's move in the market.
func isIndicatorMove(name string) bool {
	if strings.Contains(name, "同比") || strings.Contains(name, "环比") {
		return true
	}
	for _, w := range []string{"CPI", "PPI", "PMI", "GDP"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// quoteVerbs lead the level a moved price ends at: 涨1.39%报40563.06点.
var quoteVerbs = map[string]bool{"报": true, "收报": true, "收于": true, "至": true, "报收": true, "收盘报": true}

// marketMove attributes the figures of a market report: what moved is the
// entity (道指, 美油9月合约, 英国10年期国债, 欧元兑美元, 思科) and the
// metric says what of it: 涨幅 or 跌幅, 点位, 价格/桶, 收益率, 汇率, or
// 股价 for a listed company. A level after 报 is of the same instrument.
func (a *attributor) marketMove(toks []wtok, cs []candidate, i int) {
	c := &cs[i]
	k := len(toks) - 1
	for k >= 0 && toks[k].end > c.cs {
		k--
	}
	if k < 0 {
		return
	}
	var name string
	switch {
	case marketMoveVerbs[toks[k].text]:
		name = a.instrumentBefore(toks, k)
		if name == "" {
			name = a.previousInstrument(cs, i) // 周跌0.44%
		}
		if name == "" {
			name = a.sentenceInstrument(toks, k) // X收盘报…,较上一交易日上涨221个基点
		}
	case quoteVerbs[toks[k].text]:
		name = a.previousInstrument(cs, i)
		if n := a.instrumentBefore(toks, k); name == "" && isQuoted(n) {
			name = n // 中国出口集装箱指数报1974.46点: the level opens the report
		}
	default:
		return
	}
	if name == "" || isIndicatorMove(name) {
		return
	}
	// The metric is what of the instrument is quoted, and what its move is
	// a move of: the thing that grows.
	entity, metric := name, ""
	priced := false
	switch {
	case strings.HasSuffix(name, "价格") && len(name) > len("价格"):
		// 国产电池级碳酸锂价格涨300元: the thing priced moved, by an amount.
		entity, metric, priced = strings.TrimSuffix(name, "价格"), "价格", true
	case strings.HasSuffix(name, "收益率") && len(name) > len("收益率"):
		entity, metric = strings.TrimSuffix(name, "收益率"), "收益率"
	case strings.HasSuffix(name, "股价") && len(name) > len("股价"):
		// 某公司盘后股价下跌: the company's share price.
		entity, metric = strings.TrimSuffix(name, "股价"), "股价"
		for _, w := range []string{"盘后", "盘前", "盘中", "复牌", "收盘"} {
			entity = strings.TrimSuffix(entity, w)
		}
	case isBondName(name) && (c.Kind == KindPPChange || c.Kind == KindPercent):
		metric = "收益率" // a bond's move in bp and its level in % are its yield's
	case strings.HasSuffix(name, "中间价") && len(name) > len("中间价"):
		entity, metric = strings.TrimSuffix(name, "中间价"), "中间价"
	case strings.ContainsAny(name, "兑对"):
		metric = "汇率"
	case isIndexName(name):
		metric = "点位"
	case !isInstrument(name) && a.aboutShares(a.paragraphStart(toks[0].start), c.cs):
		metric = "股价"
	default:
		metric = "价格"
	}
	switch {
	case c.Kind == KindCount && c.Unit == "点":
		metric = "点位"
	case c.per != "" && metric == "价格":
		metric = "价格/" + c.per
	case c.Kind == KindMoney && c.per == "" && metric == "价格" && !priced:
		return // an amount, not a quote
	}
	if isSpan(*c) {
		setEntity(&c.Fact, entity, "entity.instrument") // 连跌4日: the span is the instrument's, its metric says what went on
		return
	}
	setEntity(&c.Fact, entity, "entity.instrument")
	setMetric(&c.Fact, metric, "metric.instrument_quote")
	a.instrument[c.cs] = name
}

// sentenceInstrument is the quoted name that the first move or quote of
// the sentence before token k reports on, or "".
func (a *attributor) sentenceInstrument(toks []wtok, k int) string {
	for q := 0; q < k; q++ {
		if marketMoveVerbs[toks[q].text] || quoteVerbs[toks[q].text] {
			if n := a.instrumentBefore(toks, q); isQuoted(n) {
				return n
			}
		}
	}
	return ""
}

// paragraphStart is the start of the paragraph that holds offset at, or
// of its last 2×maxSentenceRunes runes before at when it is longer.
func (a *attributor) paragraphStart(at int) int {
	for b := at; b > 0 && at-b < 2*maxSentenceRunes; b-- {
		if a.clean[b-1] == '\n' {
			return b
		}
	}
	return max(0, at-2*maxSentenceRunes)
}

// isIndexName reports the name of a market index: 道指, 纳指, 标普500指数.
func isIndexName(name string) bool {
	for _, e := range []string{"指数", "指", "综指", "股指", "全A"} {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	// 科创50, 北证50, 万得A500: an index named by its count of shares.
	r := []rune(name)
	return len(r) > 2 && isDigit(r[len(r)-1]) && !isDigit(r[0])
}

// previousInstrument is the instrument of the figure before cs[i] in its
// sentence, when that one reported a market move.
func (a *attributor) previousInstrument(cs []candidate, i int) string {
	for j := i - 1; j >= 0; j-- {
		if isTimeKind(cs[j].Kind) || cs[j].Kind == KindCount && a.instrument[cs[j].cs] == "" {
			continue // 近5日累计涨380元: a span of days is no quote
		}
		return a.instrument[cs[j].cs]
	}
	return ""
}

// instrumentBefore is the name that opens the clause before a move verb
// at token k: the words from the clause start (a punctuation mark, 、 or a
// figure) up to the verb, markdown asterisks dropped.
func (a *attributor) instrumentBefore(toks []wtok, k int) string {
	if name := quotedBefore(toks, k); name != "" {
		return name // 7年期“24附息国债06”上行0.4bp: the quoted name
	}
	if k >= 2 && quotedMetrics[toks[k-1].text] && !toks[k-1].value {
		if name := quotedBefore(toks, k-1); name != "" {
			return name + toks[k-1].text // 30年期“24特别国债04”收益率下行: the quoted name's yield
		}
	}
	j := k - 1
	for j >= 0 && !toks[j].value && (!isClauseBreak(toks[j].text) || isClockColon(toks, j)) && toks[j].text != "、" {
		j--
	}
	if j == k-1 {
		return ""
	}
	name := strings.Trim(string(a.clean[toks[j+1].start:toks[k].start]), " *\t")
	if strings.HasPrefix(name, "较") || strings.HasPrefix(name, "比") || strings.HasPrefix(name, "同比") || strings.HasPrefix(name, "环比") {
		return "" // 较上一交易日上涨221个基点: a basis, not a name
	}
	// 周五在岸人民币对美元, 本周累计: the words of the session are not the name.
	for trimmed := true; trimmed; {
		trimmed = false
		for _, w := range []string{"其中", "而", "截至收盘", "全线", "多数", "本周", "当周", "本月", "当日", "当天", "累计", "昨日", "昨天", "今日", "今天", "前日", "前天", "周一", "周二", "周三", "周四", "周五", "周六", "周日"} {
			if strings.HasPrefix(name, w) {
				name, trimmed = strings.TrimPrefix(name, w), true
			}
		}
	}
	// 在岸人民币对美元16:30收盘: nor is the time of the close.
	name = trimClock(strings.TrimSuffix(name, "收盘"))
	// 恒生指数收跌, 三大指数盘中均涨: the words of the move are not the name.
	for trimmed := true; trimmed; {
		trimmed = false
		for _, w := range []string{"收盘", "收", "均", "盘中", "全天", "尾盘", "早盘", "午盘", "夜盘", "盘后", "盘前", "复牌", "一度", "大幅", "小幅", "本周", "全周", "当周", "周"} {
			if strings.HasSuffix(name, w) {
				name, trimmed = strings.TrimSuffix(name, w), true
			}
		}
	}
	if n := utf8.RuneCountInString(name); n < 2 || n > 24 || !isWordy(name) || strings.ContainsAny(name, "涨跌") {
		return ""
	}
	return name
}

// quotedMetrics are what of a quoted instrument a move is a move of.
var quotedMetrics = map[string]bool{"收益率": true, "价格": true, "股价": true, "汇率": true, "中间价": true}

// quotedBefore is the text quoted right before token k (“22万科06”涨超5%),
// or "".
func quotedBefore(toks []wtok, k int) string {
	if k < 2 || toks[k-1].text != "”" && toks[k-1].text != "\"" {
		return ""
	}
	var parts []string
	for j := k - 2; j >= 0 && j >= k-10; j-- {
		if toks[j].text == "“" || toks[j].text == "\"" {
			name := strings.Join(parts, "")
			if utf8.RuneCountInString(name) >= 2 && isWordy(name) {
				return name
			}
			return ""
		}
		if isClauseBreak(toks[j].text) {
			return ""
		}
		parts = append([]string{toks[j].text}, parts...)
	}
	return ""
}

// isBondName reports the name of a bond (24附息国债06, 22万科06, 伟24转债).
func isBondName(name string) bool {
	r := []rune(name)
	return strings.Contains(name, "债") || len(r) >= 4 && isDigit(r[0]) && isDigit(r[1]) && isDigit(r[len(r)-1])
}

// isClockColon reports the colon of a clock time (16:30), which ends no
// clause.
func isClockColon(toks []wtok, j int) bool {
	digits := func(w string) bool {
		return w != "" && strings.Trim(w, "0123456789") == ""
	}
	return (toks[j].text == ":" || toks[j].text == "：") && j > 0 && j+1 < len(toks) && digits(toks[j-1].text) && digits(toks[j+1].text)
}

// trimClock drops a clock time (16:30) that ends a name.
func trimClock(name string) string {
	r := []rune(strings.TrimSpace(name))
	n := len(r)
	if n >= 4 && isDigit(r[n-1]) && isDigit(r[n-2]) && (r[n-3] == ':' || r[n-3] == '：') && isDigit(r[n-4]) {
		k := n - 4
		if k > 0 && isDigit(r[k-1]) {
			k--
		}
		return strings.TrimSpace(string(r[:k]))
	}
	return string(r)
}

// isQuoted reports a name whose level a 报 quotes: an index, a contract or
// a commodity, a rate or a currency pair.
func isQuoted(name string) bool {
	return name != "" && (isIndexName(name) || isInstrument(name) || strings.HasSuffix(name, "中间价") || strings.HasSuffix(name, "价格"))
}

// isInstrument reports the name of an index, a future, a contract, a rate
// or a commodity rather than of a company: its move is a 涨幅, not a 股价.
func isInstrument(name string) bool {
	if strings.ContainsAny(name, "兑对") {
		return true
	}
	for _, e := range []string{"指数", "指", "综指", "期货", "合约", "油", "金", "银", "铜", "铝", "锌", "镍", "锡", "铅", "国债", "美债", "收益率"} {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return strings.HasPrefix(name, "LME") || strings.HasPrefix(name, "COMEX")
}

// periodFor is the period of the nearest date before cs[i] in its
// sentence, else of the earlier sentences of its paragraph. A starting
// date (由2020年的6.41亿元增至13.46亿元) holds only up to the 至.
func (a *attributor) periodFor(cs []candidate, i int) (period, rule string) {
	for j := i - 1; j >= 0; j-- {
		if !isTimeKind(cs[j].Kind) {
			continue
		}
		if a.isBasisDate(cs[j]) {
			if a.bracketsBasis(cs[j], cs[i]) {
				return cs[j].Period, "period.compared_date" // 较今年预期值（802万亿韩元）: the figure is of the year compared with
			}
			if !a.opensSince(cs[j]) {
				continue
			}
		}
		if a.isFromDate(cs[j]) && strings.ContainsRune(string(a.clean[cs[j].ce:cs[i].cs]), '至') {
			continue
		}
		if a.isVintageDate(cs[j]) && strings.ContainsAny(string(a.clean[cs[j].ce:cs[i].cs]), ",，;；") {
			continue // 7月终值升2.6%；环比升0.2%: the 环比 is of the month the sentence opened with
		}
		if a.isCircumstance(cs[j]) {
			continue // 在下半年染料景气度回落的市场环境下,…实现销售收入13.18亿元
		}
		return cs[j].Period, "period.sentence_date"
	}
	return a.paraPeriod, a.paraPeriodRule
}

// pastDateAfter is the period of the first date after cs[i] in its
// sentence when that date is of a year before the report's, else "". An
// own report's undated figure is of the report's year unless its
// sentence tells of an earlier event (…募集资金1,026,869,436.44元,…于2016年
// 9月1日汇入): then the figures are that event's.
func (a *attributor) pastDateAfter(cs []candidate, i int) string {
	for j := i + 1; j < len(cs); j++ {
		c := cs[j]
		if !isTimeKind(c.Kind) || a.isBasisDate(c) || a.isFromDate(c) || a.isVintageDate(c) || a.isCircumstance(c) || c.Rule == ruleSameLastYear {
			continue
		}
		if y := documentYear(c.From); y > 0 && y < a.reportYear {
			return c.Period
		}
		return ""
	}
	return ""
}

// isScheduled reports a date an event is set for (将于8月26日续做, 拟于9月
// 召开): it dates its own clause, and the sentences after it go on in the
// time the paragraph was in (当日71亿元逆回购到期: the day named before).
func (a *attributor) isScheduled(c candidate) bool {
	at := c.cs
	for at > 0 && isSpace(a.clean[at-1]) {
		at--
	}
	for _, w := range []string{"将于", "拟于", "定于", "将在", "计划于"} {
		if a.endsWith(at, w) {
			return true
		}
	}
	return false
}

// isOwnEventDate reports, in a company's own report, the date of one
// event (该项目于2019年12月取得许可证): the sentences after it go on in
// the report's year, not in that month.
func (a *attributor) isOwnEventDate(c candidate) bool {
	if a.ownReport() == "" || documentYear(c.From) != a.reportYear || c.From == strconv.Itoa(a.reportYear) {
		return false
	}
	at := c.cs
	for at > 0 && isSpace(a.clean[at-1]) {
		at--
	}
	return a.endsWith(at, "于")
}

// isSpanPeriod reports a period over a span (2024-01..2024-06).
func isSpanPeriod(p string) bool { return strings.Contains(p, "..") }

// datedBefore reports a date or period before cs[i] in its sentence.
func (a *attributor) datedBefore(cs []candidate, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if isTimeKind(cs[j].Kind) {
			return true
		}
	}
	return false
}

// isCircumstance reports a date inside 在…下 (在下半年…的市场环境下): the
// time of a circumstance, not of the figures after it.
func (a *attributor) isCircumstance(c candidate) bool {
	at := c.cs
	for at > 0 && isSpace(a.clean[at-1]) {
		at--
	}
	if !a.endsWith(at, "在") {
		return false
	}
	for k := c.ce; k < len(a.clean) && k < c.ce+30; k++ {
		switch a.clean[k] {
		case ',', '，', ';', '；', '。', '\n':
			return k > c.ce && a.clean[k-1] == '下'
		}
	}
	return false
}

// afterWord reports w ending at most gap runes before offset at, in the
// same clause.
func (a *attributor) afterWord(at int, w string, gap int) bool {
	for k := at; k >= 0 && k >= at-gap; k-- {
		if a.endsWith(k, w) {
			return true
		}
		if k > 0 && strings.ContainsRune(",，;；。", a.clean[k-1]) {
			return false
		}
	}
	return false
}

// previousPeriod is the period before p of the same length: the month,
// quarter or year before; "" for a day (a weekly figure's 当周); p itself
// when it is of another shape.
func previousPeriod(p string) string {
	from, to, ok := strings.Cut(p, "..")
	if !ok {
		to = from
	}
	f, okf := parseYM(from)
	t, okt := parseYM(to)
	if !okf || !okt {
		return p
	}
	if f.d != 0 || t.d != 0 {
		return "" // the week before 8月3日 is no day the text names
	}
	if f.m == 0 && t.m == 0 {
		f.y, t.y = f.y-(t.y-f.y+1), t.y-(t.y-f.y+1)
	} else {
		n := (t.y-f.y)*12 + t.m - f.m + 1 // months the period spans
		f, t = addMonths(f, -n), addMonths(t, -n)
	}
	if !ok {
		return f.String()
	}
	return f.String() + ".." + t.String()
}

// parseYM reads YYYY, YYYY-MM or YYYY-MM-DD.
func parseYM(s string) (ymd, bool) {
	var v ymd
	parts := strings.Split(s, "-")
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) != 4 {
		return v, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, false
		}
		nums[i] = n
	}
	v.y = nums[0]
	if len(nums) > 1 {
		v.m = nums[1]
	}
	if len(nums) > 2 {
		v.d = nums[2]
	}
	return v, true
}

// addMonths moves a year and month by n months.
func addMonths(v ymd, n int) ymd {
	k := v.y*12 + v.m - 1 + n
	v.y, v.m = k/12, k%12+1
	return v
}

// isVintageDate reports a date that dates an earlier release of a figure
// (7月终值, 第一季度终值, 前值) or a move over a longer span (恒生指数涨
// 1.14%,8月涨3.72%): it holds for its own clause only.
func (a *attributor) isVintageDate(c candidate) bool {
	for _, v := range append([]string{"前值", "涨", "跌", "上涨", "下跌", "累计涨", "累计跌", "大涨", "大跌"}, vintages...) {
		if a.startsWith(c.ce, v) {
			return true
		}
	}
	return false
}

// isEarlierRelease reports a figure cs[j] of another release (7月终值升
// 2.6%, 初值升1.1%: its clause opens with a vintage) in a clause that ends
// before offset at (at < 0: the sentence's end): the clauses after it go
// on with the figure the sentence opened with.
func (a *attributor) isEarlierRelease(cs []candidate, j, at int) bool {
	b := a.clauseStart(cs[j].cs)
	for k := j - 1; k >= 0 && cs[k].cs >= b; k-- {
		if !isTimeKind(cs[k].Kind) {
			return false
		}
		b = cs[k].ce // the clause's date (7月终值): the vintage follows it
	}
	opens := false
	for _, v := range vintages {
		opens = opens || a.startsWith(b, v)
	}
	return opens && (at < 0 || strings.ContainsAny(string(a.clean[cs[j].ce:at]), ",，;；"))
}

// isFromDate reports a date that starts a change: 由2020年的, 从2019年.
func (a *attributor) isFromDate(c candidate) bool {
	return a.endsWith(c.cs, "由") || a.endsWith(c.cs, "从")
}

// segmentSentence returns the sentence's tokens, marked and tagged. The
// contract gives attribute no error to return: a sentence the segmenter
// fails on (or every sentence, when its dictionary did not load) is read
// one rune a token, which costs its facts their words, never the facts.
func (a *attributor) segmentSentence(si int, cs []candidate) []wtok {
	if t, ok := a.tokens[si]; ok {
		return t
	}
	s := a.sents[si]
	// Each candidate is one token and only the text between candidates is
	// segmented: a word the segmenter would join across a value's edge
	// (8月季调后 read as 月季, 7月终值 as 月终) cuts a metric in two.
	var toks []wtok
	at := s.start
	piece := func(end int) {
		if end <= at {
			return
		}
		for _, t := range a.segmentPiece(a.clean[at:end]) {
			t.start += at
			t.end += at
			toks = append(toks, wtok{token: t})
		}
	}
	for _, c := range cs {
		cs0, ce0 := max(c.cs, s.start), min(c.ce, s.end)
		if ce0 <= cs0 {
			continue
		}
		if cs0 < at { // overlapping candidates: widen the token before
			if n := len(toks); n > 0 && toks[n-1].value && ce0 > toks[n-1].end {
				toks[n-1].end = ce0
				toks[n-1].text = string(a.clean[toks[n-1].start:ce0])
				toks[n-1].date = toks[n-1].date || isTimeKind(c.Kind)
				at = ce0
			}
			continue
		}
		piece(cs0)
		toks = append(toks, wtok{token: token{text: string(a.clean[cs0:ce0]), pos: "m", start: cs0, end: ce0}, value: true, date: isTimeKind(c.Kind)})
		at = ce0
	}
	piece(s.end)
	a.markEntities(toks)
	a.tokens[si] = toks
	return toks
}

// segmentPiece segments a stretch of text, or reads it one rune a token
// when the segmenter failed to load or fails on it. Blanks between two Han
// characters (募 集资金, 人 民币: a layout's line or column breaks) are left
// out of what is segmented; a token's text is then its word without them,
// its span the one in the text.
func (a *attributor) segmentPiece(rs []rune) []token {
	compact := make([]rune, 0, len(rs))
	idx := make([]int, 0, len(rs))
	for i, r := range rs {
		if isSpace(r) && i > 0 && i+1 < len(rs) && unicode.Is(unicode.Han, rs[i-1]) && unicode.Is(unicode.Han, rs[i+1]) {
			continue
		}
		compact = append(compact, r)
		idx = append(idx, i)
	}
	var toks []token
	if a.lex != nil {
		if sg, _, err := loadSegmenter(); err == nil {
			if raw, err := segment(sg, string(compact)); err == nil {
				toks = raw
			}
		}
	}
	if toks == nil {
		toks = runeTokens(compact)
	}
	toks = joinDottedNames(toks)
	if len(compact) == len(rs) {
		return toks
	}
	for i := range toks {
		if toks[i].end > toks[i].start {
			toks[i].start, toks[i].end = idx[toks[i].start], idx[toks[i].end-1]+1
		}
	}
	return toks
}

// joinDottedNames joins a name of Latin letters and digits written with a
// dot inside it (C3.ai, Node.js), which the segmenter cuts at the dot, into
// one token: letters on both sides of the dot, no blank around it.
func joinDottedNames(toks []token) []token {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for i+2 < len(toks) && isLatinName(t.text) && toks[i+1].text == "." && toks[i+1].start == t.end &&
			toks[i+2].start == toks[i+1].end && isLatinName(toks[i+2].text) && isASCIILetter(rune(toks[i+2].text[0])) {
			t = token{text: t.text + "." + toks[i+2].text, pos: "eng", start: t.start, end: toks[i+2].end}
			i += 2
		}
		out = append(out, t)
	}
	return out
}

// isLatinName reports a word of ASCII letters and digits with a letter in it.
func isLatinName(w string) bool {
	letter := false
	for _, r := range w {
		switch {
		case isASCIILetter(r):
			letter = true
		case r < '0' || r > '9':
			return false
		}
	}
	return letter
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
	"研究院": true, "研究所": true, "控股": true, "央行": true, "汽车": true,
	"联储": true, "财团": true, "银保监会": true, "证监会": true, "人寿": true,
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
		if t.value || t.inName || !isWordy(t.text) {
			continue
		}
		switch {
		case a.lex != nil && a.lex.fullName[t.text] != "" && i+1 < len(toks) && a.isBusinessWord(toks[i+1]) &&
			!(i+2 < len(toks) && !toks[i+2].value && a.isMetricWord(toks[i+2]) && !ownsWord(toks[i+2].text)):
			// (not 中国平安科技业务总收入, where 科技业务 is what is measured)
			// 京东健康, 京东物流: a company of the group, named in full.
			t.entity = t.text + toks[i+1].text
			toks[i+1].inName = true
		case a.lex != nil && a.lex.fullName[t.text] != "" && i > 0 && a.isPlace(toks[i-1]) && !toks[i-1].value:
			// 菲律宾央行: another country's bank, not the one 央行 means alone.
			t.entity = toks[i-1].text + t.text
			toks[i-1].entity, toks[i-1].inName = "", true
		case a.lex != nil && a.lex.fullName[t.text] != "":
			t.entity = a.resolve(t.text) + a.shareClass(t.end)
		case a.lex != nil && a.lex.region[t.text] && i+1 < len(toks) && toks[i+1].start == t.end && !toks[i+1].value &&
			a.isPlace(toks[i+1]) && !a.lex.region[toks[i+1].text] && !notPlaces[toks[i+1].text] && utf8.RuneCountInString(toks[i+1].text) >= 2:
			// 江苏盐城: a region and the place inside it it leads are one.
			t.entity = t.text + toks[i+1].text
			toks[i+1].inName = true
		case a.lex != nil && a.lex.region[t.text]:
			t.entity = t.text
		case a.legalName(toks, i) >= 0:
			// 一品红药业股份有限公司营业收入: a company named with its legal
			// form is who, not part of the metric; 2019年 before it is not.
			from := a.legalName(toks, i)
			for j := from; j < i; j++ {
				toks[j].entity, toks[j].inName = "", true
			}
			t.entity = a.resolve(string(a.clean[toks[from].start:t.end]))
		case orgSuffix[t.text] && i > 0 && isNameLike(toks[i-1]):
			name := toks[i-1].text + t.text
			if i > 1 && toks[i-2].pos == "ns" && !toks[i-2].value && isWordy(toks[i-2].text) {
				name = toks[i-2].text + name // 深圳市 政府
			}
			t.entity = a.resolve(name)
			toks[i-1].entity = ""
		case t.text == "规模以上" && a.sizedGroupEnd(toks, i) > i:
			// 规模以上工业中小企业, 规模以上互联网和相关服务企业: a class of
			// firms sized by a threshold is who the figure is about.
			e := a.sizedGroupEnd(toks, i)
			t.entity = string(a.clean[t.start:toks[e].end])
			for j := i + 1; j <= e; j++ {
				toks[j].inName = true
			}
		case orgSuffix[t.text] && a.placedOrg(toks, i) != "":
			// 挪威主权财富基金, 美国钢铁公司: a place, nouns, an organisation word.
			name, from := a.placedOrg(toks, i), i
			for from > 0 && !strings.HasPrefix(name, toks[from].text) {
				from--
			}
			for j := from; j < i; j++ {
				toks[j].entity, toks[j].inName = "", true
			}
			t.entity = name
		case t.pos == "nt" && utf8.RuneCountInString(t.text) >= 2 && !givenName(toks, i):
			t.entity = a.resolve(t.text)
		case isUpperWord(t.text) && !acronymMetrics[t.text] && opensSentence(toks, i) && i+1 < len(toks) && !toks[i+1].value && a.isStrictMetric(toks[i+1].text):
			// AIDC收入同比增长32%: a business named in capitals, opening the
			// sentence before what it earned, is who.
			t.entity = t.text
		case a.latinCompany(toks, i):
			// 人工智能公司C3.ai第一财季…: a name in Latin letters after the
			// kind of company it is, or opening the sentence before its
			// figures, is who.
			t.entity = t.text
		case (t.pos == "nr" || t.pos == "nrt" || t.pos == "nz") && utf8.RuneCountInString(t.text) >= 2 && opensSentence(toks, i) &&
			i+1 < len(toks) && (toks[i+1].value || a.isMetricWord(toks[i+1]) || toks[i+1].pos == "t" || strings.Trim(toks[i+1].text, "0123456789") == ""):
			// 沃尔玛2025财年…, 高盛将裁员: a name opening an item, before its
			// date or figures, is who the item is about.
			t.entity = t.text
		case t.pos == "ns" && utf8.RuneCountInString(t.text) >= 2 && !notPlaces[t.text] && !isCurrencyWord(t.text) && !givenName(toks, i):
			t.entity = t.text
		case t.text == "行业" && i > 0 && !toks[i-1].value && (toks[i-1].pos == "v" || isClauseBreak(toks[i-1].text)):
			// 推动行业实现…: the industry as a whole is who.
			t.entity = t.text
		case isIndustry(t.text) && !(i+1 < len(toks) && !toks[i+1].value && a.isStrictMetric(toks[i+1].text)):
			// 制造业产出 is a metric; 银行业 alone is who.
			t.entity = t.text
		}
		if t.entity == "" && isGroupNoun(t.text) {
			t.entity = a.countedGroup(toks, i)
			if t.entity == "" && a.lex != nil && a.lex.group[t.text] {
				t.entity = t.text // 国有大行, 股份行: a kind of bank is who the figure is about
			}
		}
		if t.entity != "" && i > 0 && toks[i-1].text == "占" {
			t.entity = "" // 占全球总申请数量: part of a share's metric
		}
		if t.entity != "" && a.isSource(toks, i) {
			// 国家统计局公布数据显示: who reports, not what is measured;
			// still who acts on a date (2021年7月,人民银行发布白皮书).
			t.source, t.entity = t.entity, ""
		}
	}
}

// kindNouns name a kind of company, which an appositive name may follow.
var kindNouns = map[string]bool{"公司": true, "集团": true, "企业": true, "巨头": true, "厂商": true, "平台": true, "初创公司": true, "制造商": true, "运营商": true}

// latinCompany reports token i a name of Latin letters, with digits or a
// dot in it or not, that follows a kind of company (芯片公司Arm) or opens
// its sentence before a figure, a metric or a time (C3.ai第一财季); not a
// word of capitals alone (those the rule of capitals reads) nor a metric's
// acronym.
func (a *attributor) latinCompany(toks []wtok, i int) bool {
	t := toks[i]
	if !isLatinName(strings.ReplaceAll(t.text, ".", "")) || len(t.text) < 2 || isUpperWord(t.text) || acronymMetrics[strings.ToUpper(t.text)] {
		return false
	}
	if i > 0 && !toks[i-1].value && kindNouns[toks[i-1].text] && toks[i-1].end == t.start {
		return true
	}
	return opensSentence(toks, i) && i+1 < len(toks) && (toks[i+1].value || toks[i+1].pos == "m" || toks[i+1].pos == "t" || a.isMetricWord(toks[i+1]))
}

// sizedGroupEnd is the index of the word ending a class of firms (企业,
// 中小企业, 公司) within six words after token i, or -1.
func (a *attributor) sizedGroupEnd(toks []wtok, i int) int {
	for j := i + 1; j < len(toks) && j <= i+6; j++ {
		if toks[j].value || isClauseBreak(toks[j].text) {
			return -1
		}
		if strings.HasSuffix(toks[j].text, "企业") || toks[j].text == "公司" {
			return j
		}
	}
	return -1
}

// acronymMetrics are capitals that name what is measured, not who.
var acronymMetrics = map[string]bool{
	"GDP": true, "CPI": true, "PPI": true, "PMI": true, "IT": true, "AI": true, "GMV": true, "ROE": true, "ROA": true,
	"EPS": true, "EBITDA": true, "ARPU": true, "MAU": true, "DAU": true, "IPO": true, "ETF": true, "LPR": true, "MLF": true,
}

// isUpperWord reports a word of two or more capital letters.
func isUpperWord(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// opensSentence reports token i opening its sentence, past an item's
// number (6、) and markdown marks.
func opensSentence(toks []wtok, i int) bool {
	for j := 0; j < i; j++ {
		w := strings.Trim(toks[j].text, "*#、.． ")
		if w != "" && strings.Trim(w, "0123456789") != "" {
			return false
		}
	}
	return true
}

// placedOrg is the name that an organisation word at token i ends when a
// place and one to three nouns lead it (挪威 主权 财富 基金), else "".
func (a *attributor) placedOrg(toks []wtok, i int) string {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		t := toks[j]
		if t.value || !isWordy(t.text) {
			return ""
		}
		if j < i-1 && a.isPlace(t) && !notPlaces[t.text] {
			return string(a.clean[t.start:toks[i].end])
		}
		if t.pos != "n" && t.pos != "nz" && t.pos != "vn" {
			return ""
		}
	}
	return ""
}

// isGroupNoun reports words for a kind of institution that a count may
// lead: 14家银行, 6家国有大行, 8家全国性股份行.
func isGroupNoun(w string) bool {
	for _, e := range []string{"银行", "大行", "股份行", "券商", "保险公司", "险企", "上市公司", "公司", "企业", "机构", "房企", "城市"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// countedGroup is "<count><words><group noun>" when a count with 家 or 个
// leads the group noun at token i within three words, else "".
func (a *attributor) countedGroup(toks []wtok, i int) string {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if !toks[j].value && toks[j].text == "家" && j > 0 && !toks[j-1].value && isNumeral(toks[j-1].text) {
			// 14家银行, the count no fact of its own: it sizes the group.
			return string(a.clean[toks[j-1].start:toks[i].end])
		}
		if !toks[j].value {
			if isClauseBreak(toks[j].text) || toks[j].entity != "" || skipWords[toks[j].text] {
				return ""
			}
			continue
		}
		if toks[j].text != "家" && !strings.HasSuffix(toks[j].text, "家") {
			return ""
		}
		s := j
		for s > 0 && toks[s-1].value && !toks[s-1].date {
			s--
		}
		return string(a.clean[toks[s].start:toks[i].end])
	}
	return ""
}

// isNumeral reports a word of digits or Chinese numerals only.
func isNumeral(w string) bool {
	for _, r := range w {
		if !isDigit(r) && !isCnNumeral(r) {
			return false
		}
	}
	return w != ""
}

// notPlaces are words gse tags as places that name no place a fact is
// about: 上市 of 上市公司, 新建 of 新建商品房, 城镇 of 城镇调查失业率.
var notPlaces = map[string]bool{
	"上市": true, "新建": true, "城市": true, "城镇": true, "农村": true, "海外": true,
	"境外": true, "境内": true, "国内": true, "国外": true, "各地": true, "地方": true, "当地": true,
	"市场": true, "中外": true, "全市": true, "全省": true, "本地": true, "外地": true, "中西部": true,
}

// isCurrencyWord reports the name of a currency (挪威克朗, 日元), which is
// what a rate is of, not who.
func isCurrencyWord(w string) bool {
	for _, e := range []string{"元", "币", "克朗", "英镑", "卢布", "卢比", "比索", "法郎", "里拉", "林吉特", "兰特"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// shareClass is the mark of a share class that follows a listed
// company's name (美团-W, 小米集团-W), or "".
func (a *attributor) shareClass(at int) string {
	for _, m := range []string{"-SW", "-WR", "-W", "-S", "-B", "-U"} {
		if a.startsWith(at, m) && !(at+len(m) < len(a.clean) && isASCIILetter(a.clean[at+len(m)])) {
			return m
		}
	}
	return ""
}

// businessWords name a company of a group after the group's short name
// (京东健康, 阿里云, 腾讯音乐).
var businessWords = map[string]bool{
	"健康": true, "物流": true, "科技": true, "云": true, "音乐": true, "金融": true, "数科": true,
	"汽车": true, "地产": true, "证券": true, "银行": true, "保险": true, "资本": true, "国际": true,
	"零售": true, "工业": true, "能源": true, "医药": true, "控股": true, "视频": true, "影业": true,
}

// isBusinessWord reports a word that names a company of a group.
func (a *attributor) isBusinessWord(t wtok) bool {
	return !t.value && businessWords[t.text]
}

// isSource reports a name that is the source of a statement, not who its
// figures are about: a name followed by a verb of reporting (国家统计局公布
// 数据显示), a name whose clause ends in one (国家邮政局监测数据显示，…;
// 某部向国会提交的报告显示，…), or a name that 据 or 根据 opens (据某市统计局，
// …; 据某研究院数据，…). A verb of speaking that goes on to what the speaker
// does (某央行宣布将利率下调…, 某公司预计到2030年…) leaves the speaker the
// subject.
func (a *attributor) isSource(toks []wtok, i int) bool {
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		switch toks[j].text {
		case "显示", "公布", "发布", "指出", "统计", "数据显示", "报告", ":", "：":
			return true
		case "表示", "预测", "称", "认为", "预计", "宣布", "披露":
			return j+1 >= len(toks) || isClauseBreak(toks[j+1].text)
		case "数据", "最新", "发布的", "的", "监测", "监测数据", "调查", "统计数据":
			continue
		}
		break
	}
	return a.sourceClause(toks, i)
}

// reportVerbs end a clause that names the source of the next one.
var reportVerbs = map[string]bool{
	"显示": true, "数据显示": true, "指出": true, "表示": true, "称": true, "统计": true, "披露": true,
	"认为": true, "预计": true, "预测": true, "测算": true, "报道": true, "消息": true, "数据": true,
	"介绍": true, "透露": true, "统计显示": true, "监测": true, "分析": true,
}

// sourceClause reports token i in a clause that holds no figure and is the
// source of the next: opened by 据 or 根据, or ended by a verb of reporting
// before its comma or colon.
func (a *attributor) sourceClause(toks []wtok, i int) bool {
	b := i
	for b > 0 && !isClauseBreak(toks[b-1].text) && i-b < 12 {
		b--
	}
	e := i + 1
	for e < len(toks) && !isClauseBreak(toks[e].text) && e-i < 16 {
		if toks[e].value {
			return false
		}
		e++
	}
	if e >= len(toks) || e-i >= 16 || toks[e].text == "。" {
		return false
	}
	for k := b; k < i; k++ {
		if toks[k].value {
			return false
		}
	}
	for k := b; k < i && k <= b+2; k++ { // (3、据…: past an item's number)
		if w := toks[k].text; w == "据" || w == "根据" {
			return true
		}
	}
	if !reportVerbs[toks[e-1].text] {
		return false
	}
	// What reports is the name itself, a publication of it (报告, 数据,
	// 调查) or a person speaking for it (发言人, a person's name); a name's
	// own instrument (某央行点阵图显示) states the name's own view.
	if k := e - 2; k > i && !publicationWords[toks[k].text] && !speakerWords[toks[k].text] && toks[k].pos != "nr" {
		return false
	}
	return true
}

// speakerWords name a person speaking for an organisation.
var speakerWords = map[string]bool{
	"发言人": true, "新闻发言人": true, "负责人": true, "主席": true, "行长": true, "副行长": true, "主任": true, "副主任": true,
	"部长": true, "副部长": true, "局长": true, "副局长": true, "总裁": true, "首席执行官": true, "董事长": true, "官员": true, "人士": true,
}

// publicationWords name what a source publishes, between its name and the
// verb of reporting.
var publicationWords = map[string]bool{
	"报告": true, "数据": true, "统计": true, "统计数据": true, "监测": true, "监测数据": true, "调查": true,
	"调查结果": true, "消息": true, "报道": true, "公告": true, "研究": true, "测算": true, "最新": true,
	"最新数据": true, "公布": true, "发布": true, "结果": true, "报告书": true, "文件": true, "分析": true,
}

// isNameLike reports a token that may start an organisation's name.
func isNameLike(t wtok) bool {
	if t.value || !isWordy(t.text) {
		return false
	}
	switch t.pos {
	case "ns", "nz", "nt", "nr", "j", "nrt", "nrfg":
		return true
	case "x", "eng":
		return isASCIIWord(t.text)
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
func (a *attributor) entityNear(si int, toks []wtok, at int, after bool) (entity, rule string) {
	// An organisation named before the value outweighs a place named
	// nearer to it (中泰证券构建上海、北京、济南三个研发中心,搭建了一支500余人).
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].end <= at && toks[i].entity != "" && !a.isPlace(toks[i]) && !(i > 0 && objectMarks[toks[i-1].text]) {
			return toks[i].entity, a.pastSource(toks, at, "entity.org_before")
		}
	}
	// A place after a locative 在 is where, not who (广东省计划…在澳门特别
	// 行政区发行2只…债券): a name before it is the actor.
	where := ""
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].end <= at {
			if e := a.tokenEntity(si, toks, i); e != "" {
				if where == "" && i > 0 && toks[i-1].text == "在" && a.isPlace(toks[i]) {
					where = e
					continue
				}
				return e, a.pastSource(toks, at, "entity.name_before")
			}
		}
	}
	if where != "" {
		return where, "entity.place_after_zai"
	}
	if !after {
		if e, rule := a.sourceFallback(toks, at); e != "" {
			return e, rule
		}
	}
	if after {
		for i := range toks {
			if toks[i].start >= at && toks[i].entity != "" {
				return toks[i].entity, "entity.name_after"
			}
			if toks[i].start >= at && toks[i].source != "" {
				return toks[i].source, "entity.source_after"
			}
		}
		return "", ""
	}
	return a.entityBefore(si), "entity.previous_sentence"
}

// pastSource is rule, or entity.source_excluded when the sentence names
// the source of its statement before offset at (据某统计局，…某市…): the
// name chosen is the subject of the reported clause, the source passed over.
func (a *attributor) pastSource(toks []wtok, at int, rule string) string {
	for i := range toks {
		if toks[i].end > at {
			break
		}
		if toks[i].source != "" {
			return "entity.source_excluded"
		}
	}
	return rule
}

// penalisedParty is the party a fine or penalty of the amount at cs..ce
// falls on, read from its clause: the object of 对 before the verb
// (对某公司实际控制人某某处以…罚款: entity.penalised_party, a role before
// the person's name dropped), or the subject of a passive 被 (某某均被罚款…,
// 某机构，被某会罚款…: entity.passive_subject, the agent after 被 not);
// "" when the clause fines no one.
func (a *attributor) penalisedParty(cs, ce int) (party, rule string) {
	b := a.clauseStart(cs)
	clause := string(a.clean[b:cs])
	after := string(a.clean[ce:min(ce+6, len(a.clean))])
	if !strings.Contains(clause, "罚") && !strings.Contains(after, "罚") {
		return "", ""
	}
	if k := strings.LastIndex(clause, "被"); k >= 0 && strings.ContainsAny(clause[k:]+after, "罚") {
		subject := trimParty(clause[:k])
		if subject == "" && b > 0 && a.clean[b-1] != '。' && a.clean[b-1] != '\n' {
			// 某机构等6家机构，被某会罚款…: the subject is the clause before
			// (a count sizing it stays part of it).
			pb := a.clauseStart(b - 1)
			if prev := string(a.clean[pb : b-1]); utf8.RuneCountInString(prev) <= 30 {
				subject = trimParty(prev)
			}
		}
		if subject != "" {
			return subject, "entity.passive_subject"
		}
		return "", ""
	}
	k := strings.LastIndex(clause, "对")
	if k < 0 {
		return "", ""
	}
	rest := clause[k+len("对"):]
	v := -1
	for _, w := range []string{"处以", "罚款", "处罚", "处", "罚"} {
		if i := strings.Index(rest, w); i > 0 && (v < 0 || i < v) {
			v = i
		}
	}
	if v < 0 {
		return "", ""
	}
	p := rest[:v]
	for _, r := range partyRoles {
		if i := strings.LastIndex(p, r); i >= 0 && utf8.RuneCountInString(p[i+len(r):]) >= 2 {
			p = p[i+len(r):] // 实际控制人某某: the person named
		}
	}
	if p = trimParty(p); utf8.RuneCountInString(p) < 2 || strings.ContainsAny(p, "0123456789") {
		return "", ""
	}
	return p, "entity.penalised_party"
}

// partyRoles name a party's role before its name (时任董事长某某).
var partyRoles = []string{"控制人", "实控人", "董事长", "总经理", "董事", "监事", "高管", "负责人", "法定代表人", "时任", "总裁", "秘书", "股东"}

// trimParty trims marks, an item's number and adverbs off a party's name.
func trimParty(p string) string {
	p = strings.Trim(p, "*# 　")
	if i := strings.IndexAny(p, "、."); i > 0 && strings.Trim(p[:i], "0123456789") == "" {
		_, size := utf8.DecodeRuneInString(p[i:])
		p = p[i+size:] // 2、 or 2.: an item's number
	}
	for changed := true; changed; {
		changed = false
		for _, w := range []string{"均", "也", "都", "分别", "已经", "已", "将", "拟", "再次", "同时", "其中"} {
			if strings.HasSuffix(p, w) {
				p, changed = strings.TrimSuffix(p, w), true
			}
		}
	}
	return strings.Trim(p, "*# 　、")
}

// sourceFallback is who a figure is about when its sentence names no one
// but the source of its statement: the speaker whose words go on to what
// it does (某部副主任表示，将从…等5方面…: entity.speaker), else the place a
// source covers (某国国家旅游局公布的数据显示，…: entity.source_region).
func (a *attributor) sourceFallback(toks []wtok, at int) (entity, rule string) {
	place := ""
	for i := range toks {
		if toks[i].end > at {
			break
		}
		if toks[i].source == "" {
			continue
		}
		for j := i + 1; j < len(toks) && toks[j].end <= at && !isClauseBreak(toks[j].text); j++ {
			if speakVerbs[toks[j].text] {
				return toks[i].source, "entity.speaker"
			}
		}
		if place == "" && a.isPlace(toks[i]) {
			place = toks[i].source
		}
	}
	return place, "entity.source_region"
}

// speakVerbs report what someone said, as opposed to the data a source
// published (显示, 统计).
var speakVerbs = map[string]bool{"表示": true, "称": true, "认为": true, "预计": true, "强调": true, "介绍": true, "透露": true}

// clauseSubject is the place a figure's clause names before it, in a
// company's own report (全国生猪存栏量: the country's, not the company's),
// and whether the clause names anyone at all (a place, a name, 公司).
func (a *attributor) clauseSubject(toks []wtok, at int) (place string, named bool) {
	for i := len(toks) - 1; i >= 0; i-- {
		t := toks[i]
		if t.end > at {
			continue
		}
		if isClauseBreak(t.text) {
			break
		}
		if pronouns[t.text] {
			return "", true
		}
		if t.entity != "" {
			if a.lex != nil && a.lex.region[t.entity] && !t.value {
				return t.entity, true
			}
			return "", true
		}
	}
	return "", false
}

// groupUnits count bodies or places that a list before 等 names.
var groupUnits = map[string]bool{"部门": true, "个部门": true, "部委": true, "省": true, "市": true, "省市": true, "国": true, "个国家": true}

// namedGroup is who a count of bodies or places right after 等 is: the
// names before 等 when they are all of them (央行、发改委…和卫健委等六部门),
// else the group they lead, count included (商务部等5部门). "" if no name
// leads the 等.
func (a *attributor) namedGroup(toks []wtok, c *candidate) string {
	v := 0
	for v < len(toks) && toks[v].start < c.cs {
		v++
	}
	if v < 2 || v == len(toks) || toks[v].start != c.cs || toks[v-1].text != "等" {
		return ""
	}
	first, names := -1, 1
	for j := v - 2; j >= 0; j-- {
		t := toks[j]
		if t.value || !isWordy(t.text) && !listJoins[t.text] {
			break
		}
		if listJoins[t.text] {
			names++
			continue
		}
		if t.entity != "" {
			first = j
		}
	}
	if first < 0 {
		return ""
	}
	names = 1
	for j := first; j < v-1; j++ {
		if listJoins[toks[j].text] {
			names++
		}
	}
	if n, err := strconv.Atoi(c.Value); err == nil && n == names && names > 1 {
		return string(a.clean[toks[first].start:toks[v-2].end])
	}
	return string(a.clean[toks[first].start:c.ce])
}

// listJoins separate the names of a list.
var listJoins = map[string]bool{"、": true, "和": true, "及": true, "与": true, "以及": true}

// actorWords end the name of a class of actors, which leads what they
// measure when no one else is named (汽车经销商综合库存系数).
var actorWords = []string{"经销商", "企业", "房企", "车企", "险企", "商家", "厂商", "券商"}

// isActor reports a name of a class of actors (汽车经销商).
func isActor(name string) bool {
	for _, w := range actorWords {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

// splitActor splits a metric led by a class of actors into the actors,
// who the figure is about, and the amount of theirs that is measured. A
// metric with no such lead, or whose rest names no amount (企业钱包: a
// kind of wallet), is returned whole, with no entity.
func splitActor(metric string) (entity, rest string) {
	for _, w := range actorWords {
		k := strings.Index(metric, w)
		if k < 0 || strings.ContainsAny(metric[:k], "占的/") {
			continue
		}
		if rest := metric[k+len(w):]; rest != "" && hasMetricEnding(rest) {
			return metric[:k+len(w)], rest
		}
	}
	return "", metric
}

// objectMarks are prepositions whose object is not who a figure is about:
// 在太保新云…等领域形成规划 speaks of 太保科技, named before it.
var objectMarks = map[string]bool{"在": true, "于": true, "对": true, "向": true, "从": true, "自": true}

// isPlace reports an entity that is a country, region, city or market.
func (a *attributor) isPlace(t wtok) bool {
	return t.pos == "ns" || (a.lex != nil && a.lex.region[t.text])
}

// tokenEntity is the entity token i names, pronouns resolved.
func (a *attributor) tokenEntity(si int, toks []wtok, i int) string {
	if toks[i].entity != "" {
		return toks[i].entity
	}
	if pronouns[toks[i].text] {
		if e := a.entityBefore(si); e != "" {
			return e
		}
		return a.selfName() // 公司 of an annual report: the company it is of
	}
	return ""
}

// ownReport is the name of the company whose own report (年度报告,
// 半年度报告 …) the document is, or "".
func (a *attributor) ownReport() string {
	if a.reportYear == 0 {
		return ""
	}
	return a.selfName()
}

// partWords end the name of a part of a company: a segment or a
// subsidiary (医药板块, 川南药业 is named whole by the segmenter).
var partWords = []string{"板块", "事业部", "子公司", "分公司", "厂区"}

// clausePart is a part of the company that opens the clause before
// offset at (医药板块…实现销售收入16.23亿元), or "".
func (a *attributor) clausePart(toks []wtok, at int) string {
	for k := len(toks) - 1; k >= 0; k-- {
		t := toks[k]
		if t.end > at {
			continue
		}
		if t.text == "。" || t.text == ";" || t.text == "；" {
			return ""
		}
		for _, w := range partWords {
			if t.text == w && k > 0 && isWordy(toks[k-1].text) && !toks[k-1].value {
				return toks[k-1].text + w
			}
			if strings.HasSuffix(t.text, w) && utf8.RuneCountInString(t.text) > utf8.RuneCountInString(w) {
				return t.text
			}
		}
		if t.text == "其中" {
			return segmentAfter(toks, k+1, at)
		}
	}
	return ""
}

// segmentWords end the name of a line of business, which is a part of the
// company only where 其中 sets it apart from the company's total.
var segmentWords = map[string]bool{"产业": true, "业务": true, "分部": true, "板块": true, "事业部": true}

// segmentAfter is the line of business a clause opened by 其中 names in its
// first words (其中,生物制药产业实现主营收入151,753万元), or "".
func segmentAfter(toks []wtok, k, at int) string {
	for k < len(toks) && (toks[k].text == "," || toks[k].text == "，" || isBlankWord(toks[k].text)) {
		k++
	}
	var b strings.Builder
	for n := 0; k < len(toks) && toks[k].end <= at && n < 3; k, n = k+1, n+1 {
		t := toks[k]
		if t.value || t.entity != "" || !isWordy(t.text) || t.pos != "n" && t.pos != "nz" && t.pos != "vn" {
			return ""
		}
		b.WriteString(t.text)
		if n > 0 && segmentWords[t.text] {
			return b.String()
		}
	}
	return ""
}

// legalForms end a company's registered name.
var legalForms = map[string]bool{"有限公司": true, "有限责任公司": true, "股份有限公司": true}

// legalNameWords are the parts of speech a registered name is made of.
var legalNameWords = map[string]bool{"n": true, "nz": true, "nr": true, "ns": true, "nt": true, "l": true, "j": true, "vn": true, "nrt": true}

// legalName is the index of the first token of the registered company name
// whose legal form token i is (一品红 药业 股份 有限公司), or -1 when token i
// ends none: the name runs back over adjoining nouns, at most 12 characters
// before the legal form, stopping at a figure, a date word or a verb.
func (a *attributor) legalName(toks []wtok, i int) int {
	if !legalForms[toks[i].text] {
		return -1
	}
	from, n := i, 0
	for k := i - 1; k >= 0; k-- {
		t := toks[k]
		if t.value || t.end != toks[k+1].start || !legalNameWords[t.pos] || !isHanWord(t.text) {
			break
		}
		n += utf8.RuneCountInString(t.text)
		if n > 12 {
			return -1 // too long to be one name: where it starts is unknown
		}
		from = k
	}
	if from == i || utf8.RuneCountInString(string(a.clean[toks[from].start:toks[i].start])) < 2 {
		return -1
	}
	if f := toks[from]; !properWords[f.pos] && utf8.RuneCountInString(f.text) < 3 {
		return -1 // 节能科技有限公司, (上海)食品机械有限公司: a trade word is not how a name starts
	}
	if k := from - 1; k >= 0 && !nameOpener(toks, k) {
		return -1 // 三孚硅业, 四方科技集团股份⏎有限公司: only the tail was found
	}
	return from
}

// givenName reports a two-character word the segmenter took for an
// organisation or a place that is the given name after a one-character
// surname (朱 国建, 丁 蓉蓉 in a list of directors: a person, not who a
// figure is about).
func givenName(toks []wtok, i int) bool {
	if i == 0 || utf8.RuneCountInString(toks[i].text) != 2 {
		return false
	}
	p := toks[i-1]
	if p.value || p.end != toks[i].start || utf8.RuneCountInString(p.text) != 1 || !isHanWord(p.text) {
		return false
	}
	switch p.pos {
	case "p", "c", "d", "r", "u", "uj", "ul", "uz", "ud", "ug", "uv", "f", "m", "v", "a", "q":
		return false // 在国建, 与国建: a function word or a verb before a name
	}
	return true
}

// properWords are the parts of speech of a proper name.
var properWords = map[string]bool{"nz": true, "nr": true, "ns": true, "nt": true, "l": true, "j": true, "nrt": true}

// nameOpener reports a token a registered name can follow whole: a figure,
// punctuation other than a closing bracket or Latin text, a verb, preposition or other function word, or
// the 年 of a year written in digits.
func nameOpener(toks []wtok, k int) bool {
	t := toks[k]
	if t.text == "）" || t.text == ")" {
		return false // 四方星(上海)冷链科技: the name goes on before the bracket
	}
	if t.value || !isHanWord(t.text) {
		return true
	}
	if t.text == "年" {
		j := k - 1
		for j >= 0 && isBlankWord(toks[j].text) {
			j--
		}
		return j >= 0 && strings.Trim(toks[j].text, "0123456789") == ""
	}
	switch t.pos {
	case "v", "p", "c", "d", "r", "u", "uj", "ul", "uz", "ud", "ug", "uv", "zg", "f":
		return true
	}
	return false
}

// isHanWord reports a word written in Chinese characters only.
func isHanWord(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// selfSuffixes end the name of the company a report is of.
var selfSuffixes = []string{"股份有限公司", "有限责任公司", "有限公司"}

// selfName is the company named in the first lines of the document (浙江
// 海翔药业股份有限公司 above 2019年年度报告), or "".
func (a *attributor) selfName() string {
	if a.self != nil {
		return *a.self
	}
	name := ""
	head := a.clean[:min(len(a.clean), datelineLimit)]
	for _, suf := range selfSuffixes {
		k := indexOf(head, []rune(suf))
		if k < 0 {
			continue
		}
		b := k
		for b > 0 && k-b < 20 && unicode.Is(unicode.Han, head[b-1]) && !yearMark(head, b-1) {
			b--
		}
		if k-b >= 2 {
			name = string(head[b : k+len([]rune(suf))])
			break
		}
	}
	a.self = &name
	return name
}

// yearMark reports a 年 at i that ends a year written in digits (2020 年
// 一品红药业股份有限公司: the year is not part of the name).
func yearMark(rs []rune, i int) bool {
	if rs[i] != '年' {
		return false
	}
	for j := i - 1; j >= 0; j-- {
		if !unicode.IsSpace(rs[j]) {
			return unicode.IsDigit(rs[j])
		}
	}
	return false
}

// indexOf is the offset of w in rs, or -1.
func indexOf(rs, w []rune) int {
	for i := 0; i+len(w) <= len(rs); i++ {
		if string(rs[i:i+len(w)]) == string(w) {
			return i
		}
	}
	return -1
}

// entityBefore is the last entity named in the sentences before si in
// its paragraph.
func (a *attributor) entityBefore(si int) string {
	// It is asked for each figure of si that names no one: once is enough.
	e, ok := a.before[si]
	if !ok {
		e = a.lastEntityBefore(si)
		a.before[si] = e
	}
	return e
}

func (a *attributor) lastEntityBefore(si int) string {
	para := a.sents[si].paragraph
	first := si // the first sentence of the paragraph, if among the 8 before si
	for first > 0 && first > si-9 && a.sents[first-1].paragraph == para {
		first--
	}
	for j := si - 1; j >= 0 && j >= si-8 && (a.sents[j].paragraph == para || j == first-1 && a.continues(a.sents[first])); j-- {
		toks := a.segmentSentence(j, nil)
		place := ""
		for i := len(toks) - 1; i >= 0; i-- {
			if toks[i].entity == "" {
				continue
			}
			if !a.isPlace(toks[i]) {
				return toks[i].entity
			}
			if place == "" {
				place = toks[i].entity
			}
		}
		if place != "" {
			return place
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
	"于": true, "的": true, "总计": true, "已有": true, "了": true, "也": true, "则": true, "还": true, "均": true,
	"达成": true, "超出": true, "不足": true, "不到": true, "低于": true, "高于": true, "以上": true, "以下": true,
	"左右": true, "多": true, "余": true, "万": true, "亿": true, "元": true, "亿元": true, "万元": true,
	"持续": true, "保持": true, "维持": true, "稳定": true, "再": true, "大幅": true, "小幅": true, "显著": true,
	"扩大": true, "收窄": true, "翻番": true, "倍": true, "首次": true, "全年": true, "预期": true, "前值": true,
	"值": true, "修正": true, "创": true, "新高": true, "新低": true, "年率": true, "按年": true,
	"相比": true, "相较": true, "较之": true, "同": true, "为止": true, "止": true, "同期": true, "截至": true, "截止": true, "有": true, "共有": true, "拥有": true, "上调": true, "下调": true,
}

// metricFor is the noun phrase before cs[i] in its clause, past the words
// that link it to the value (为, 达到, 同比增长, dates); with none, the
// nearest metric word between it and the value before it (工行金融科技投入
// 排名第一,为259.87亿元); with none, the metric of the value before it in
// the sentence (同比增长 grows what the figure before it measured).
//
// inherited reports a metric taken from a figure before, not from the
// words of the figure's own clause.
func (a *attributor) metricFor(toks []wtok, cs []candidate, i int) (metric, rule string, inherited bool) {
	if m, r := a.ownMetric(toks, cs, i); m != "" {
		return m, r, false
	}
	m, r := a.inheritedMetric(toks, cs, i)
	return m, r, true
}

// ownMetric is the metric named by the words before a figure in its clause,
// or the metric of what a figure with a rate word before it goes on with.
func (a *attributor) ownMetric(toks []wtok, cs []candidate, i int) (metric, rule string) {
	c := cs[i]
	k := len(toks) - 1
	for k >= 0 && toks[k].end > c.cs {
		k--
	}
	for {
		for k >= 0 && !isClauseBreak(toks[k].text) && (skipWords[toks[k].text] || toks[k].date || isLinkPOS(toks[k]) || isBlankWord(toks[k].text)) {
			k--
		}
		// 较上一交易日上涨, 较去年同期增长: what a change is measured
		// against is passed over too.
		if _, start := a.nounRun(toks, k); start <= k {
			if b := basisBefore(toks, start); b >= 0 {
				k = b - 1
				continue
			}
		}
		break
	}
	if k >= 0 && toks[k].entity != "" && !a.isPlace(toks[k]) && movesPrice(toks, k+1, c.cs) {
		return "股价", "metric.company_move" // 阿里巴巴涨2.83%: a company's move is its share price's
	}
	m, rule := a.shareRun(toks, k), "metric.label_before"
	if m == "" && c.Kind == KindMoney && k >= 0 && toks[k].pos == "v" && !toks[k].value {
		// 开展了5777亿元7天期逆回购操作: an amount between a verb and its
		// object is the object's, not a metric further back.
		if obj := a.objectAfter(toks, c.ce); obj != "" {
			return obj, "metric.verb_object"
		}
	}
	if m == "" {
		for j := k; j >= 0 && (!toks[j].value || toks[j].date); j-- {
			if toks[j].entity == "" && !toks[j].value && a.isStrictMetric(toks[j].text) {
				m, rule = a.shareRun(toks, j), "metric.metric_word_before"
				break
			}
		}
	}
	if c.Kind == KindGrowth {
		m = stripRateWord(m) // 增速 of a growth names no thing that grows
	}
	if c.Kind == KindPPChange && stripRateWord(m) == "" && m != "" {
		// 增速比上年同期高1.3个百分点: the growth rate of what came before.
		for j := i - 1; j >= 0; j-- {
			if !isTimeKind(cs[j].Kind) && cs[j].Metric != "" {
				return stripRateWord(cs[j].Metric) + m, "metric.rate_of_previous"
			}
		}
	}
	if c.Kind == KindPPChange && (m == "降息" || m == "加息" || m == "减息" || a.policyMoveBefore(c.cs)) {
		return "政策利率", "metric.policy_rate" // 降息25个基点: the policy rate moved
	}
	if c.Kind == KindMoney && isCurrencyWord(m) {
		m = "" // 折合人民币约1万亿元: the currency, not what is measured
		if run := a.perShareBefore(toks, k); run != "" {
			return perUnitMetric(run, "股"), "metric.per_share_before" // 发行价为每股人民币10.28元
		}
	}
	if isVintage(m) {
		// 实际GDP年化环比初值增3.1%: the vintage qualifies the noun run
		// before it in the clause.
		j := k - 1
		for j >= 0 && !isClauseBreak(toks[j].text) && (skipWords[toks[j].text] || toks[j].text == "年化" || toks[j].text == "年" || toks[j].text == "化" || isLinkPOS(toks[j])) {
			j--
		}
		if j >= 0 && j < k-1 && !toks[j].value {
			if run := a.shareRun(toks, j); run != "" {
				if j == k-2 && toks[k-1].text == "预期" && !isClauseBreak(toks[j].text) {
					// 一年期通胀率预期终值2.8%: the final reading of the
					// expected rate, not a forecast.
					return run + "预期" + m, "metric.vintage_expected"
				}
				return run, "metric.vintage_label"
			}
		}
		// 7月终值升2.6%: the final reading of what the figure before measured.
		if base := a.baseMetric(cs, i); base != "" {
			return base + m, "metric.vintage_previous"
		}
	}
	return m, rule
}

// inheritedMetric is the metric of a figure with no words of its own: what
// the sentence before or the figure before measured.
func (a *attributor) inheritedMetric(toks []wtok, cs []candidate, i int) (metric, rule string) {
	c := cs[i]
	if !hasFigureBefore(cs, i) && a.paraMetric != "" && isChangeKind(c.Kind) {
		// 环比升0.1% opening a sentence: the change of what the sentence
		// before measured.
		return a.paraMetric, "metric.previous_sentence"
	}
	// A figure with no words of its own measures what the figure before it
	// did (涨1.39%报40563.06点, 同比增长9.10%, 2只债券,共计25亿元), unless
	// one is a share and the other an amount: they measure different things.
	for j := i - 1; j >= 0; j-- {
		if isTimeKind(cs[j].Kind) || cs[j].Metric == "" || a.isEarlierRelease(cs, j, c.cs) || isSpan(cs[j]) {
			continue
		}
		if isChangeKind(c.Kind) || isChangeKind(cs[j].Kind) || (c.Kind == KindPercent) == (cs[j].Kind == KindPercent) {
			if !isChangeKind(c.Kind) {
				if m := stripRateWord(cs[j].Metric); m != "" {
					return m, "metric.previous_figure" // an amount after 贷款余额增速 is the 贷款余额
				}
			}
			if m, _, ok := strings.Cut(cs[j].Metric, "/"); ok && isChangeKind(c.Kind) && m != "" && cs[j].per != "" {
				return m, "metric.previous_figure" // 单价为3.2万元/吨,环比上涨2.3%: the price grew, not a price per 吨
			}
			return cs[j].Metric, "metric.previous_figure"
		}
		// 市场规模占整个行业的57%,达到862.1亿元: the amount is the part
		// before 占.
		if k := strings.Index(cs[j].Metric, "占"); k > 0 && c.Kind != KindPercent {
			return a.wholeBeforeShare(toks, cs[j], cs[j].Metric[:k]), "metric.whole_of_share"
		}
		return "", ""
	}
	return "", ""
}

// wholeBeforeShare is the part a share's metric names before its 占, read
// afresh from the words before the 占: the share's run was bounded by its
// length, so 计算机视觉产品的市场规模占整个人工智能行业 kept only 市场规模.
func (a *attributor) wholeBeforeShare(toks []wtok, share candidate, part string) string {
	for k := len(toks) - 1; k > 0; k-- {
		if toks[k].start >= share.cs || toks[k].text != "占" {
			continue
		}
		if run, _ := a.nounRun(toks, k-1); strings.HasSuffix(run, part) {
			return run
		}
		break
	}
	return part
}

// vintages name a release of a figure (CPI初值, GDP终值): part of what is
// measured, since the two readings differ.
var vintages = []string{"初值", "终值", "修正值"}

// isVintage reports a metric that is only a vintage word.
func isVintage(m string) bool {
	for _, v := range vintages {
		if m == v {
			return true
		}
	}
	return false
}

// baseMetric is the metric of the figure before cs[i] in its sentence
// (else of the paragraph), its vintage word dropped: CPI of CPI初值.
func (a *attributor) baseMetric(cs []candidate, i int) string {
	m := a.paraMetric
	for j := i - 1; j >= 0; j-- {
		if !isTimeKind(cs[j].Kind) && cs[j].Metric != "" {
			m = cs[j].Metric
			break
		}
	}
	for _, v := range vintages {
		m = strings.TrimSuffix(m, v)
	}
	return m
}

// basisBefore is the index of the 较 (比, 相比) that makes the words from
// token start on the basis of a comparison (较上一交易日), or -1.
func basisBefore(toks []wtok, start int) int {
	for b := start - 1; b >= 0 && b >= start-3; b-- {
		switch toks[b].text {
		case "较", "比", "相比", "相较", "较之", "对比":
			return b
		case "上", "一", "前", "上一", "前一":
			continue
		}
		return -1
	}
	return -1
}

// hasFigureBefore reports a numeric figure before cs[i] in its sentence.
func hasFigureBefore(cs []candidate, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if !isTimeKind(cs[j].Kind) {
			return true
		}
	}
	return false
}

func isChangeKind(k string) bool { return k == KindGrowth || k == KindPPChange || k == KindMultiple }

// isDurationUnit reports the measure word of a span of time.
func isDurationUnit(u string) bool {
	switch u {
	case "日", "天", "年", "个月", "月", "小时", "周", "个交易日", "交易日", "分钟", "个工作日":
		return true
	}
	return false
}

// isSpan reports a count of a span of time (连续3日), whose metric no
// figure after it goes on with.
func isSpan(c candidate) bool { return c.Kind == KindCount && isDurationUnit(c.Unit) }

// spanStops end the words that say what went on over a span.
var spanStops = map[string]bool{"为": true, "是": true, "达": true, "达到": true, "的": true, "了": true, "不足": true, "超过": true, "以来": true, "以上": true, "左右": true, "将": true, "会": true, "可": true, "也": true}

// spanMetric is what a span of time measures: a 连 word leading it (连续,
// 连跌) and the words after it up to the clause's end or the next figure
// (累计跌, 净卖出, 新低), without 内. "" when there are none.
func (a *attributor) spanMetric(toks []wtok, c *candidate) string {
	k := 0
	for k < len(toks) && toks[k].start < c.ce {
		k++
	}
	before := ""
	if j := k - 1; j >= 0 && toks[j].value {
		switch {
		case j > 0 && strings.HasPrefix(toks[j-1].text, "连") && !toks[j-1].value:
			before = toks[j-1].text
		case j > 1 && toks[j-2].text == "连" && !toks[j-1].value && isWordy(toks[j-1].text):
			before = toks[j-2].text + toks[j-1].text // 连 跌
		}
	}
	var b strings.Builder
	n := 0
	for ; k < len(toks); k++ {
		t := toks[k]
		if n == 0 && (t.text == "内" || t.text == "之内" || t.text == "间" || t.text == "期间") {
			continue
		}
		if t.value || isClauseBreak(t.text) || spanStops[t.text] || !isWordy(t.text) {
			break
		}
		w := utf8.RuneCountInString(t.text)
		if n+w > maxMetricRunes/2 {
			break
		}
		n += w
		b.WriteString(t.text)
	}
	return before + b.String()
}

// countedThing is what a count counts when the words right after it name
// it (1238个区块链信息服务备案, 17个地区): their noun run. With afterDe set
// (the count has no metric of its own) it may pass a 的 (500余人的金融科技
// 队伍); else 超过2万个的目标 would name the 目标.
func (a *attributor) countedThing(toks []wtok, at int, afterDe bool) string {
	k := 0
	for k < len(toks) && toks[k].start < at {
		k++
	}
	var b strings.Builder
	n := 0
	for ; k < len(toks); k++ {
		t := toks[k]
		if t.text == "“" || t.text == "”" || t.text == "\"" || t.text == "的" && n == 0 && afterDe {
			continue // 218个“数字员工”, 500余人的金融科技队伍
		}
		nextNoun := k+1 < len(toks) && a.isMetricWord(toks[k+1]) && !toks[k+1].value
		if t.value || isClauseBreak(t.text) || skipWords[t.text] || isLinkPOS(t) || t.pos == "v" && !hasMetricEnding(t.text) && !nextNoun {
			break
		}
		// 千余个健康养殖档案: an adjective or verb before a noun is part of
		// what is counted; A类普通股: a class letter's 类 too.
		classOf := t.text == "类" && k > 0 && len(toks[k-1].text) == 1 && toks[k-1].text[0] >= 'A' && toks[k-1].text[0] <= 'Z'
		if !classOf && !a.isMetricWord(t) && t.entity == "" && t.pos != "ns" && !((t.pos == "v" && !actionVerbs[t.text] || t.pos == "a") && nextNoun) {
			break
		}
		w := utf8.RuneCountInString(t.text)
		if n+w > maxMetricRunes*3/4 {
			break
		}
		n += w
		b.WriteString(t.text)
	}
	return b.String()
}

// perShareBefore is the metric of a price per share written with the
// currency before the amount (发行价为每股人民币10.28元): the noun run before
// 每股 and the currency, found back from token k, or "".
func (a *attributor) perShareBefore(toks []wtok, k int) string {
	perShare := false
	for ; k >= 0 && !toks[k].value && !isClauseBreak(toks[k].text); k-- {
		w := toks[k].text
		switch {
		case strings.HasPrefix(w, "每股"):
			perShare = true
			if rest := strings.TrimPrefix(w, "每股"); rest != "" && !isCurrencyWord(rest) {
				return ""
			}
		case w == "每" || w == "股" || isCurrencyWord(w) || skipWords[w] || isLinkPOS(toks[k]) || isBlankWord(w):
		default:
			if !perShare {
				return ""
			}
			return a.shareRun(toks, k)
		}
	}
	return ""
}

// objectAfter is the noun phrase right after offset at, tenors (7天期)
// included, up to the next clause break, verb or value; "" when the word
// after at is no noun.
func (a *attributor) objectAfter(toks []wtok, at int) string {
	k := 0
	for k < len(toks) && toks[k].start < at {
		k++
	}
	var b strings.Builder
	for n := 0; k < len(toks); k++ {
		t := toks[k]
		if isClauseBreak(t.text) || isLinkPOS(t) || skipWords[t.text] || t.pos == "v" && !hasMetricEnding(t.text) {
			break
		}
		end := k + 1
		if t.value || !a.isMetricWord(t) {
			if end = tenorEnd(toks, k); end == k {
				break
			}
		}
		for _, t := range toks[k:end] {
			n += utf8.RuneCountInString(t.text)
			b.WriteString(t.text)
		}
		if n > maxMetricRunes {
			return ""
		}
		k = end - 1
	}
	return b.String()
}

// tenorEnd is the index after a tenor (7天期, 10年期, 3个月期) that opens
// at token k, or k when none does.
func tenorEnd(toks []wtok, k int) int {
	if !isNumeralText(toks[k].text) {
		return k
	}
	for j := k + 1; j < len(toks) && j <= k+3; j++ {
		switch w := toks[j].text; {
		case strings.HasPrefix(w, "期") && j > k+1:
			return j + 1 // (期 may be read together with what follows)
		case w == "天" || w == "年" || w == "个" || w == "月" || w == "日" || w == "周" || w == "个月":
			continue
		default:
			return k
		}
	}
	return k
}

// isNumeralText reports a run of ASCII digits.
func isNumeralText(w string) bool {
	return w != "" && strings.Trim(w, "0123456789") == ""
}

// perUnitMetric is the metric of a price per unit, in one form for all:
// what is priced, a slash, and the unit (原油价格/桶, 每股收益 → 每股收益/股).
func perUnitMetric(metric, per string) string {
	if metric == "" {
		metric = "价格"
	}
	if strings.HasSuffix(metric, "/"+per) || strings.HasPrefix(metric, "每"+per) {
		return metric // 每股收益 0.36元/股 already says per share
	}
	return metric + "/" + per
}

// movedName is the name of a listed company whose move a growth reports
// (世纪互联涨12.1%): a name right before 涨 or 跌 that names no amount,
// index or commodity; "" otherwise.
func (a *attributor) movedName(toks []wtok, at int) string {
	k := len(toks) - 1
	for k >= 0 && toks[k].end > at {
		k--
	}
	for k >= 0 && !isClauseBreak(toks[k].text) && (skipWords[toks[k].text] || isLinkPOS(toks[k])) {
		k--
	}
	if k < 0 || !movesPrice(toks, k+1, at) || toks[k].value || toks[k].entity != "" {
		return ""
	}
	name, start := a.nounRun(toks, k)
	if utf8.RuneCountInString(name) < 2 || isASCIIWord(name) {
		return ""
	}
	for j := start; j <= k; j++ {
		if a.isStrictMetric(toks[j].text) || isCurrencyWord(toks[j].text) || toks[j].pos == "ns" {
			return ""
		}
	}
	if start > 0 && !isClauseBreak(toks[start-1].text) && toks[start-1].text != "、" {
		return "" // only a name that opens its clause: 热门中概股多数上涨,世纪互联涨12.1%
	}
	if !a.aboutShares(toks[0].start, toks[start].start) {
		return "" // 纯碱涨2.85%: a commodity, not a company
	}
	return name
}

// aboutShares reports a sentence about shares: 中概股, 个股, 股价 before at.
func (a *attributor) aboutShares(from, at int) bool {
	t := string(a.clean[from:at])
	return strings.Contains(t, "股") && !strings.Contains(t, "期货")
}

// movesPrice reports a market move (涨, 跌, 收涨) among the words between
// token k and offset at.
func movesPrice(toks []wtok, k, at int) bool {
	for ; k < len(toks) && toks[k].end <= at; k++ {
		switch toks[k].text {
		case "涨", "跌", "上涨", "下跌", "收涨", "收跌", "大涨", "大跌", "涨超", "跌超", "领涨", "领跌":
			return true
		}
	}
	return false
}

// shareRun is the noun run ending at token k, extended back to a 占 a few
// words before it: 占全球总申请数量 names a share, not a 数量.
func (a *attributor) shareRun(toks []wtok, k int) string {
	m, start := a.nounRun(toks, k)
	if m == "" || strings.HasPrefix(m, "占") {
		return m
	}
	for j := start - 1; j >= 0 && j >= start-4; j-- {
		t := toks[j]
		if t.value || isClauseBreak(t.text) {
			break
		}
		if t.text == "占" {
			return strings.TrimRight(string(a.clean[t.start:toks[k].end]), "的")
		}
	}
	return m
}

// nounRun is the run of metric words ending at token k, at most
// maxMetricRunes long, stopping at values, entities and clause breaks;
// start is the index of its first token.
func (a *attributor) nounRun(toks []wtok, k int) (run string, start int) {
	var parts []string
	n := 0
	start = k + 1
	for ; k >= 0; k-- {
		t := toks[k]
		if isBlankWord(t.text) && k > 0 && len(parts) > 0 {
			continue // 募 集资金: a blank a layout left inside a word
		}
		if (t.text == "及" || t.text == "的") && len(parts) > 0 && k > 0 && !toks[k-1].value && toks[k-1].entity == "" && !pronouns[toks[k-1].text] && a.isMetricWord(toks[k-1]) {
			// 原料药及中间体研发项目, 计算机视觉产品的市场规模: one thing.
		} else if t.pos == "q" && len(parts) > 0 && k > 0 && !toks[k-1].value && toks[k-1].entity == "" && a.isMetricWord(toks[k-1]) && !isNumeral(toks[k-1].text) {
			// 人工智能基础层市场规模: a word gse reads as a measure word
			// between two nouns is part of the name.
		} else if t.text == "相关" && len(parts) > 0 && parts[len(parts)-1] != "的" {
			// 相关产业规模, 相关费用: 相关 qualifies the noun right after
			// it, whatever gse tags it (人工智能相关的专利 names no thing).
		} else if pronouns[t.text] && len(parts) > 0 && ownersWord(parts[len(parts)-1]) {
			// 公司权益持有人应占净亏损, 归属于公司普通股东净利润: the
			// company's owners, part of what is measured.
		} else if t.value || t.entity != "" || pronouns[t.text] || isClauseBreak(t.text) || !a.isMetricWord(t) {
			break
		}
		w := utf8.RuneCountInString(t.text)
		if n+w > maxMetricRunes {
			break
		}
		n += w
		parts = append(parts, t.text)
		start = k
	}
	for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
		parts[l], parts[r] = parts[r], parts[l]
	}
	// A run cut short (by its length, or by a word that is no noun) before
	// a 的 keeps only what follows the 的: 产品的市场规模 is a fragment.
	if cut := k >= 0 && !toks[k].value && toks[k].entity == "" && !pronouns[toks[k].text] && !isClauseBreak(toks[k].text) && !isBlankWord(toks[k].text); cut {
		for p := 0; p < len(parts)-1; p++ {
			if parts[p] == "的" {
				parts = parts[p+1:]
				start += p + 1
				break
			}
		}
	}
	if k >= 0 && useVerbs[toks[k].text] && !toks[k].value && len(parts) > 0 {
		// 已使用募集资金, 永久性补充流动资金: funds used are not funds
		// raised; the verb and its qualifiers are part of the measure.
		j := k
		for j > 0 && useQualifiers[toks[j-1].text] && k-j < 2 {
			j--
		}
		for m := k; m >= j; m-- {
			parts = append([]string{toks[m].text}, parts...)
		}
		start, k = j, j-1
	}
	switch {
	case k >= 0 && statusVerbs[toks[k].text] && !toks[k].value && len(parts) > 0:
		parts = append([]string{toks[k].text}, parts...) // 申请发明专利3项: applied for, not granted
		start = k
	case k >= 0 && spillVerbs[toks[k].text] && !toks[k].value && len(parts) > 0 && parts[0] == "相关":
		parts = append([]string{toks[k].text}, parts...) // 带动相关产业规模
		start = k
	case k >= 0 && toks[k].text == "累计" && len(parts) > 0:
		parts = append([]string{toks[k].text}, parts...) // 累计融资总量: a running total is another measure
		start = k
	case k >= 1 && toks[k-1].text == "累计" && (toks[k].pos == "v" || toks[k].pos == "vn") && !toks[k].value && !actionVerbs[toks[k].text] && len(parts) > 0:
		parts = append([]string{toks[k-1].text, toks[k].text}, parts...) // 累计运行时长
		start = k - 1
	}
	if len(parts) == 1 && genericHeads[parts[0]] {
		if j := a.modifierStart(toks, start); j < start {
			// 银行存款利息扣除银行手续费等的净额: a bare 净额 or 金额
			// names nothing; what it is the amount of is the phrase
			// before its 的.
			var b strings.Builder
			for _, t := range toks[j : start+1] {
				if !isBlankWord(t.text) { // 扣除 银行: a blank the layout left
					b.WriteString(t.text)
				}
			}
			parts = []string{b.String()}
			start = j
		}
	}
	run = strings.TrimLeft(strings.Join(parts, ""), "的与和及、/")
	if len(parts) > 1 && actionVerbs[parts[0]] {
		run = strings.TrimPrefix(run, parts[0]) // 生产粗钢8294万吨: the steel is what is measured
	}
	for _, p := range []string{"财季", "财年", "季度"} {
		// 第三财季营收 (财季 cut in two by the segmenter): the span dates
		// the figure; what follows it is what is measured.
		if k := strings.LastIndex(run, p); k >= 0 && k+len(p) < len(run) {
			run = run[k+len(p):]
		}
	}
	return run, start
}

// genericHeads name an amount of something without saying of what.
var genericHeads = map[string]bool{"净额": true, "金额": true, "总额": true, "数额": true}

// maxModifierRunes bounds the phrase a generic head takes before its 的.
const maxModifierRunes = 24

// modifierStart is the first token of the phrase before the 的 that ends
// just before token head: back to the clause's start, an earlier 的, a
// value, a date or a pronoun, an entity opening it left out. It is head when there is no 的
// before head or no phrase before it.
func (a *attributor) modifierStart(toks []wtok, head int) int {
	if head < 2 || toks[head-1].text != "的" {
		return head
	}
	j, n := head-1, 0
	for k := head - 2; k >= 0; k-- {
		t := toks[k]
		if t.value || t.date || pronouns[t.text] || isClauseBreak(t.text) || t.text == "的" || skipWords[t.text] {
			break
		}
		n += utf8.RuneCountInString(t.text)
		if n > maxModifierRunes {
			return head
		}
		j = k
	}
	for j < head-1 && toks[j].entity != "" {
		j++ // 京东的收入总额: whose amount it is stays the entity's
	}
	if j == head-1 || !a.isMetricWord(toks[j]) {
		return head // the phrase must open on a noun: 收到的净额 names no thing
	}
	return j
}

// actionVerbs open a noun run with what was done, not what is measured
// (生产粗钢, 启动研发项目, 演练应急救援预案).
var actionVerbs = map[string]bool{
	"生产": true, "启动": true, "新启动": true, "开展": true, "完成": true, "提交": true, "组织": true,
	"演练": true, "实施": true, "推出": true, "举办": true, "开立": true, "开设": true, "新增": true,
	"进行": true,
}

// useVerbs say what was done with an amount of money: 使用募集资金 is
// another sum than 募集资金.
var useVerbs = map[string]bool{"使用": true, "补充": true, "置换": true, "归还": true, "支付": true}

// statusVerbs say how far a thing counted has come (申请发明专利, 受理发明
// 专利, 授权发明专利, 签约项目): each is a count of its own.
var statusVerbs = map[string]bool{"申请": true, "受理": true, "授权": true, "获批": true, "签约": true}

// spillVerbs before 相关 name an amount a thing brought about in others:
// 带动相关产业规模 is not the industry's own size.
var spillVerbs = map[string]bool{"带动": true, "拉动": true}

// useQualifiers lead a useVerb: 已使用, 实际使用, 永久性补充.
var useQualifiers = map[string]bool{"已": true, "实际": true, "累计": true, "永久性": true, "永久": true, "尚未": true, "未": true}

// ownsWord reports a word that opens a share of the owners (归属于, 应占):
// the name before it is whose.
func ownsWord(w string) bool {
	return w == "归属" || w == "归属于" || w == "应占" || w == "应佔"
}

// ownersWord reports a word naming a company's owners (权益持有人, 普通股东,
// 所有者), which a 公司 before it belongs to.
func ownersWord(w string) bool {
	for _, o := range []string{"权益持有人", "所有者", "普通股东", "股东", "普通股"} {
		if strings.HasPrefix(w, o) {
			return true
		}
	}
	return false
}

// rateWords name a rate of growth rather than what grows.
var rateWords = []string{"同比增速", "年均复合增长率", "复合增长率", "年均增长率", "增长率", "增速", "增幅", "涨幅", "跌幅", "降幅"}

// stripRateWord removes a trailing rate word: 人工智能核心产品复合增长率 →
// 人工智能核心产品.
func stripRateWord(m string) string {
	for _, w := range rateWords {
		if strings.HasSuffix(m, w) {
			return strings.TrimRight(strings.TrimSuffix(m, w), "的")
		}
	}
	return m
}

// isStrictMetric reports a word that by itself names an amount.
func (a *attributor) isStrictMetric(w string) bool {
	return (a.lex != nil && a.lex.metric[w]) || hasMetricEnding(w)
}

// isLinkPOS reports adverbs, prepositions, conjunctions and particles.
func isLinkPOS(t wtok) bool {
	switch t.pos {
	case "d", "p", "c", "u", "uj", "ul", "uz", "y", "e", "r":
		return !strings.HasSuffix(t.text, "率")
	}
	return false
}

// isBlankWord reports a token of white space only.
func isBlankWord(w string) bool {
	return w != "" && strings.TrimSpace(strings.ReplaceAll(w, "\u3000", "")) == ""
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
	if t.inName || periodNouns[t.text] {
		return false
	}
	if a.lex != nil && a.lex.metric[t.text] {
		return true
	}
	if skipWords[t.text] {
		return false
	}
	if notPlaces[t.text] {
		return true // 新建商品房销售面积, 城镇调查失业率
	}
	// 占 joins a share to its whole (占总营收比例); the others qualify a
	// rate (复合增长率).
	if t.text == "占" || t.text == "/" || t.text == "复合" || t.text == "年均" || t.text == "平均" {
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

// periodNouns name a span of time the segmenter may tag as a noun (第二财季
// 总营收): they date a figure, they are not what it measures.
var periodNouns = map[string]bool{"财季": true, "财年": true, "季度": true, "年度": true, "当周": true, "上周": true, "本周": true}

// hasMetricEnding reports words that name an amount whatever gse tags them.
func hasMetricEnding(w string) bool {
	for _, e := range []string{"收入", "投入", "利润", "额", "量", "率", "数", "规模", "占比", "比例", "比重", "指数", "价格", "价", "产出", "销售", "出口", "进口", "余额", "支出", "成本", "费用", "资产", "负债", "营收", "融资", "投资", "预算", "合约", "期货", "现货", "汇率", "指"} {
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
	for _, t := range toks {
		if t.text != "分别" && t.text != "依次" && t.text != "分别为" && t.text != "依次为" {
			continue
		}
		items, asEntity, shared := a.listItems(toks, t.start)
		if len(items) < 2 {
			continue
		}
		for _, g := range a.valueGroups(cs, t.start) {
			if len(g) != len(items) {
				continue
			}
			for n, ci := range g {
				if asEntity {
					setEntity(&cs[ci].Fact, items[n], "entity.list_item")
					if shared != "" && !strings.HasPrefix(cs[ci].Metric, "占") {
						setMetric(&cs[ci].Fact, shared, "metric.list_shared")
					}
				} else {
					setMetric(&cs[ci].Fact, items[n], "metric.list_item")
				}
			}
		}
		return
	}
}

// listItems reads the list A、B和C before offset at: its items, whether
// they are entities (else metrics), and a metric they share, written after
// the last item (工商银行、建设银行金融科技投入分别为 → 金融科技投入) or in
// a clause of its own (北京市、上海市,占比分别为 → 占比).
func (a *attributor) listItems(toks []wtok, at int) (items []string, asEntity bool, shared string) {
	k := len(toks) - 1
	for k >= 0 && toks[k].start >= at {
		k--
	}
	chunk := func() []wtok {
		var out []wtok
		for k >= 0 && !isListSep(toks[k].text) && !isClauseBreak(toks[k].text) && !toks[k].value && !toks[k].date {
			out = append([]wtok{toks[k]}, out...)
			k--
		}
		return out
	}
	last := chunk()
	sharedClause := ""
	if k >= 0 && isClauseBreak(toks[k].text) && toks[k].text != "。" && (len(last) == 0 || a.isStrictMetric(joinToks(last))) {
		sharedClause = joinToks(last)
		k--
		last = chunk()
	}
	if len(last) == 0 {
		return nil, false, ""
	}
	chunks := [][]wtok{last}
	for k >= 0 && isListSep(toks[k].text) {
		k--
		c := chunk()
		if len(c) == 0 {
			return nil, false, ""
		}
		chunks = append([][]wtok{c}, chunks...)
	}
	if len(chunks) < 2 {
		return nil, false, ""
	}
	// The first chunk may start with words that lead into the list.
	first := chunks[0]
	for j := len(first) - 1; j > 0; j-- {
		if pronouns[first[j-1].text] || first[j-1].entity != "" || isLinkPOS(first[j-1]) || first[j-1].pos == "v" || skipWords[first[j-1].text] {
			chunks[0] = first[j:]
			break
		}
	}
	// Items of one word each: the first is its last word too (2020年我国
	// 公有云SaaS、PaaS、IaaS → SaaS).
	if len(chunks[0]) > 1 {
		single := true
		for _, c := range chunks[1 : len(chunks)-1] {
			single = single && len(c) == 1
		}
		if single && len(chunks) > 2 {
			chunks[0] = chunks[0][len(chunks[0])-1:]
		}
	}
	allMetric := true
	for _, c := range chunks {
		if !a.isStrictMetric(joinToks(c)) && !a.isStrictMetric(c[len(c)-1].text) {
			allMetric = false
		}
	}
	if allMetric && sharedClause == "" && !hasEntity(chunks[0]) {
		for _, c := range chunks {
			items = append(items, strings.TrimLeft(joinToks(c), "的"))
		}
		return items, false, ""
	}
	// A list of entities: the last item may carry the shared metric.
	lastChunk := chunks[len(chunks)-1]
	cut := len(lastChunk)
	for cut > 1 && a.isStrictMetric(lastChunk[cut-1].text) {
		cut--
	}
	shared = sharedClause
	if cut < len(lastChunk) {
		shared = joinToks(lastChunk[cut:])
		chunks[len(chunks)-1] = lastChunk[:cut]
	}
	for _, c := range chunks {
		items = append(items, a.itemName(c))
	}
	return items, true, shared
}

// itemName is the entity an item of a list names: its entity word when it
// has one (resolved), else its words up to a summing word (三大都市圈, 等).
func (a *attributor) itemName(c []wtok) string {
	if len(c) == 1 && c[0].entity != "" {
		return c[0].entity
	}
	var b strings.Builder
	for _, t := range c {
		if t.text == "等" || t.text == "的" || isSummingWord(t.text) || b.Len() > 0 && isNumeral(t.text) {
			break // 粤港澳大湾区三大都市圈 (三 大都市圈 split by gse): a sum, not the name
		}
		b.WriteString(t.text)
	}
	name := b.String()
	if name == "" {
		name = joinToks(c)
	}
	return a.resolve(name)
}

// isSummingWord reports words such as 三大 or 两个 that sum up a list.
func isSummingWord(w string) bool {
	r := []rune(w)
	return len(r) >= 2 && isCnNumeral(r[0]) && strings.ContainsRune("大个家类种项", r[len(r)-1])
}

func hasEntity(c []wtok) bool {
	for _, t := range c {
		if t.entity != "" {
			return true
		}
	}
	return false
}

func joinToks(ts []wtok) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.text)
	}
	return b.String()
}

// isValueGap reports the text between two values of one list: a
// separator, perhaps with the verb of the next value (、增加).
func isValueGap(gap string) bool {
	for _, sep := range []string{"以及", "、", "和", "及", "与", ",", "，"} {
		if strings.HasPrefix(gap, sep) {
			gap = strings.TrimSpace(strings.TrimPrefix(gap, sep))
			break
		}
	}
	return gap == "" || skipWords[gap] || strings.HasPrefix(gap, "同比") && skipWords[strings.TrimPrefix(gap, "同比")]
}

func isListSep(w string) bool {
	switch w {
	case "、", "和", "及", "与", "以及":
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
			if !isValueGap(gap) {
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

// cellKind tells the parts of a table row apart.
type cellKind int

const (
	cellText  cellKind = iota // a label or a header word
	cellValue                 // a numeric candidate
	cellDate                  // a date or period candidate
)

// cell is one part of a table paragraph: a tab-separated cell, or a piece
// of one where a value and the next row's label ran together.
type cell struct {
	kind cellKind
	text string
	cand int // index into the candidates, for values and dates; -1 if none
	tab  int // which tab-separated cell of the paragraph it is part of
}

// tables attributes the cells of tables. The clean text keeps a table
// either as paragraphs of tab-separated cells (one a row, or a whole table
// in one paragraph when the layout ran its rows together) or as one short
// paragraph a cell. A cell's metric is its row label, its period its
// column header: a dated header, a relative one (本期, 上期, 期末) read
// against the document's year, or for a column of change (本年比上年增减)
// the first dated column. It stops with the context's error when ctx is
// done, looked at once a paragraph.
func (a *attributor) tables(ctx context.Context, cands []candidate) error {
	var header, run []cell
	var pending *cell // a row label that ended the paragraph before
	inSpaced := false // the paragraph before was a row or header set apart by blanks
	flushRun := func() {
		if len(run) > 2 {
			a.tableRows(run, nil, cands, true)
		}
		run = nil
	}
	ci := 0
	for p := 0; p < len(a.sents); {
		if err := ctx.Err(); err != nil {
			return err
		}
		q := p
		for q < len(a.sents) && a.sents[q].paragraph == a.sents[p].paragraph {
			q++
		}
		start, end := a.sents[p].start, a.sents[q-1].end
		p = q
		for ci < len(cands) && cands[ci].cs < start {
			ci++
		}
		first := ci
		for ci < len(cands) && cands[ci].cs < end {
			ci++
		}
		if strings.ContainsRune(string(a.clean[start:end]), '\t') {
			flushRun()
			cells := a.tableCells(start, end, cands, first, ci, false, false)
			header = a.tableRows(cells, header, cands, false)
			continue
		}
		if kind := a.spacedRow(start, end, cands, first, ci, pending != nil); kind != notSpaced {
			flushRun()
			cells := a.tableCells(start, end, cands, first, ci, true, kind == spacedHeader)
			if pending != nil && len(cells) > 0 && cells[0].kind == cellValue {
				cells = append([]cell{*pending}, cells...)
			}
			pending = nil
			if n := len(cells); kind == spacedRow && n > 1 && cells[n-1].kind == cellText {
				// 484,009,427.87归属于上市公司股东的净利润: the next row's label.
				last := cells[n-1]
				pending = &last
			}
			retabHeader(cells)
			header = a.tableRows(cells, header, cands, false)
			inSpaced = true
			continue
		}
		if c, ok := a.lineCell(start, end, cands, first, ci); ok {
			if inSpaced && c.kind == cellText {
				// A label wrapped onto lines of its own ((元),
				// 常性损益的净利润(元)) goes with the row whose values follow.
				label := c
				if pending != nil {
					label.text = pending.text + c.text
				}
				pending = &label
			} else {
				header, pending, inSpaced = nil, nil, false
			}
			c.tab = len(run)
			run = append(run, c)
			continue
		}
		header, pending, inSpaced = nil, nil, false
		flushRun()
	}
	flushRun()
	return nil
}

// The kinds of paragraph a table whose cells are set apart by blanks has.
const (
	notSpaced    = iota
	spacedRow    // a label, then values: 稀释每股收益(元/股) 0.19 0.36 -47.22% 0.19
	spacedHeader // column headers only: 2016 年 2015 年 本年比上年增减 2014 年
)

// maxSpacedRow bounds a paragraph that may be a row (or rows run together)
// of a table set apart by blanks.
const maxSpacedRow = 3000

// spacedRow tells a paragraph of a blank-separated table from prose: no
// sentence punctuation, and either two values or more after a label, or
// two header cells or more and no values. With pending set a row may
// start with its values: its label ended the paragraph before.
func (a *attributor) spacedRow(start, end int, cands []candidate, first, last int, pending bool) int {
	t := string(a.clean[start:end])
	if end-start > maxSpacedRow || strings.ContainsAny(t, "。;；") || hasProseComma(t) || !strings.Contains(t, " ") {
		return notSpaced
	}
	values, dates := 0, 0
	rest := []rune(t) // the text outside the candidates
	for _, c := range cands[first:last] {
		if isTimeKind(c.Kind) {
			dates++
		} else {
			values++
		}
		for i := c.cs; i < c.ce; i++ {
			rest[i-start] = ' '
		}
	}
	for _, w := range strings.Fields(string(rest)) {
		if n := numericPrefix(w); n == len(w) {
			values++ // a number the scanner left alone still fills a column
		}
	}
	switch {
	case values >= 2 && (numericPrefix(strings.TrimSpace(t)) == 0 || pending || startsWithYear(t) || opensWithDate(cands[first:last], start)):
		return spacedRow
	case values == 0 && dates+len(strings.Fields(t)) >= 3 && end-start <= maxCellRunes*2:
		return spacedHeader
	}
	return notSpaced
}

// opensWithDate reports a paragraph whose first candidate is a date at its
// start: a header of dates run into the first row (2020年末 2019年末 …
// 归属于上市公司股东的净资产 4,981,663,905.19 …).
func opensWithDate(cs []candidate, start int) bool {
	return len(cs) > 0 && isTimeKind(cs[0].Kind) && cs[0].cs == start
}

// startsWithYear reports a row that opens with a bare year, the header
// of a table whose first row ran into it (2007 2008 … 2017收益率 28.70% …).
func startsWithYear(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 || len(f[0]) != 4 {
		return false
	}
	y, err := strconv.Atoi(f[0])
	return err == nil && validYear(y)
}

// hasProseComma reports a comma that is not a thousands separator.
func hasProseComma(t string) bool {
	rs := []rune(t)
	for i, r := range rs {
		if r == ',' || r == '，' {
			if i == 0 || i == len(rs)-1 || !isDigit(rs[i-1]) || !isDigit(rs[i+1]) {
				return true
			}
		}
	}
	return false
}

// maxCellRunes bounds a paragraph that may be one cell of a table.
const maxCellRunes = 40

// lineCell reads a paragraph as one cell of a table laid out a cell a
// line: a value alone, a number that is no candidate, or a short label.
func (a *attributor) lineCell(start, end int, cands []candidate, first, last int) (cell, bool) {
	if end-start > maxCellRunes {
		return cell{}, false
	}
	t := strings.TrimSpace(string(a.clean[start:end]))
	if last == first+1 && cands[first].cs <= start+1 && cands[first].ce >= end-1 {
		kind := cellValue
		if isTimeKind(cands[first].Kind) {
			kind = cellDate
		}
		return cell{kind: kind, text: t, cand: first}, true
	}
	if n := numericPrefix(t); n == len(t) && n > 0 {
		return cell{kind: cellValue, cand: -1}, true
	}
	if last > first || strings.ContainsAny(t, "。;；!?！？") || !isWordy(t) {
		return cell{}, false
	}
	return cell{kind: cellText, text: t, cand: -1}, true
}

// tableCells cuts a table paragraph into cells.
//
// With spaced set the cells are set apart by blanks, as PDF text lays out
// a table: numbers are cells of their own, and the words between them
// one label (a row) or, with header also set, one cell each.
func (a *attributor) tableCells(start, end int, cands []candidate, first, last int, spaced, header bool) []cell {
	var cells []cell
	var buf []rune
	tab := 0
	addText := func(t string) {
		// A number that is no candidate (an amount whose unit is in the
		// caption) still holds its column; a label run into it is cut off.
		if n := numericPrefix(t); n > 0 {
			cells = append(cells, cell{kind: cellValue, text: t[:n], cand: -1, tab: tab})
			t = strings.TrimSpace(t[n:])
			if spaced {
				tab++ // a blank-separated number is a cell of its own
			}
		}
		if t == "" || !isWordy(t) {
			return
		}
		if n := len(cells); spaced && !header && n > 0 && cells[n-1].kind == cellText && cells[n-1].tab == tab {
			cells[n-1].text += t // 归属于上市公司股东的净利润 (元): one label
			return
		}
		cells = append(cells, cell{kind: cellText, text: t, cand: -1, tab: tab})
	}
	flush := func() {
		t := strings.TrimSpace(string(buf))
		buf = buf[:0]
		if !spaced {
			addText(t)
			return
		}
		for _, w := range strings.Fields(t) {
			addText(w)
			if header {
				tab++
			}
		}
	}
	k := first
	for i := start; i < end; {
		for k < last && cands[k].ce <= i {
			k++
		}
		if k < last && cands[k].cs == i {
			flush()
			kind := cellValue
			if isTimeKind(cands[k].Kind) {
				kind = cellDate
			}
			cells = append(cells, cell{kind: kind, text: string(a.clean[cands[k].cs:cands[k].ce]), cand: k, tab: tab})
			if spaced {
				tab++ // a blank-separated value or date is a cell of its own
			}
			i = cands[k].ce
			continue
		}
		if a.clean[i] == '\t' {
			flush()
			tab++
		} else {
			buf = append(buf, a.clean[i])
		}
		i++
	}
	flush()
	return cells
}

// tableRows reads the header (the cells before the first label followed
// by a value) and the rows of a table, and attributes their values: the
// row label always, the column's period where the row has as many values
// as the header has columns. A header longer than the rows keeps its last
// columns (项目 and spanning headers drop out). It returns the header to
// use for the next paragraph of the same table.
func (a *attributor) tableRows(cells []cell, header []cell, cands []candidate, lines bool) []cell {
	h := -1
	for i := 0; i+1 < len(cells); i++ {
		if cells[i].kind == cellText && cells[i+1].kind == cellValue {
			h = i
			break
		}
	}
	if h < 0 {
		// A row of headers only: the columns of the rows below.
		if hd := headerCells(cells); len(hd) > 1 {
			return hd
		}
		return header
	}
	if h > 0 {
		header = headerCells(cells[:h])
	}
	if n := rowLength(cells, h); lines && len(header) > n {
		header = header[len(header)-n:]
	} else if len(header) == n+1 && header[0].kind == cellText && a.columnPeriod(header[0], cands, "") == "" {
		// 主要会计数据 2020年 2019年 …: the corner cell heads the labels,
		// not a column of values.
		header = header[1:]
	}
	basePeriod := ""
	for _, c := range header {
		if c.kind == cellDate {
			basePeriod = cands[c.cand].Period
			break
		}
	}
	for i := h; i < len(cells); {
		if cells[i].kind != cellText {
			i++
			continue
		}
		label := rowLabel(cells[i].text)
		if i == h {
			label = rowLabel(afterHeaderTail(cells[i].text))
		}
		j := i + 1
		for j < len(cells) && cells[j].kind != cellText {
			j++
		}
		row := cells[i+1 : j]
		for col, c := range row {
			if c.kind != cellValue || c.cand < 0 || label == "" {
				continue
			}
			f := &cands[c.cand]
			setMetric(&f.Fact, label, "metric.text_table_row")
			setEntity(&f.Fact, a.ownReport(), "entity.report_self") // a table of a company's own report is the company's
			if len(row) != len(header) {
				continue
			}
			if p := a.columnPeriod(header[col], cands, basePeriod); p != "" {
				setPeriod(&f.Fact, p, "period.text_table_column")
			}
		}
		i = j
	}
	return header
}

// afterHeaderTail cuts off the end of a change column's header that a
// layout ran into the first row's label (本期末比上年 2018年末 同期末增减(%)
// 归属于上市公司股东的净资产): the label is what follows it.
func afterHeaderTail(t string) string {
	for _, tail := range []string{"增减(%)", "增减（%）", "增减(％)", "增减（％）"} {
		if k := strings.Index(t, tail); k >= 0 && k+len(tail) < len(t) {
			return strings.TrimSpace(t[k+len(tail):])
		}
	}
	return t
}

// retabHeader gives each header cell of a blank-separated row its own
// column, before the first label followed by a value: a text cell does not
// share the column of the date after it (本期比上年同期增减(%) 2018年 are
// two columns); words of one text cell stay together.
func retabHeader(cells []cell) {
	tab := 0
	for i := range cells {
		if i+1 < len(cells) && cells[i].kind == cellText && cells[i+1].kind == cellValue {
			return
		}
		if i > 0 && !(cells[i].kind == cellText && cells[i-1].kind == cellText) {
			tab++
		}
		cells[i].tab = tab
	}
}

// rowLength is the number of values of the row whose label is cell h.
func rowLength(cells []cell, h int) int {
	n := 0
	for j := h + 1; j < len(cells) && cells[j].kind != cellText; j++ {
		n++
	}
	return n
}

// columnPeriod is the period a header cell gives its column, or "".
func (a *attributor) columnPeriod(hc cell, cands []candidate, basePeriod string) string {
	if hc.kind == cellDate {
		return cands[hc.cand].Period
	}
	if y, err := strconv.Atoi(hc.text); err == nil && hc.kind == cellValue && len(hc.text) == 4 && validYear(y) {
		return hc.text // a header of bare years: 2007 2008 … 2017
	}
	if p := a.relativeHeader(hc.text); p != "" {
		return p
	}
	if strings.Contains(hc.text, "增减") || strings.Contains(hc.text, "变动") || strings.Contains(hc.text, "比上年") {
		return basePeriod
	}
	return ""
}

// relativeHeader reads the headers of financial statements that name their
// period against the report's year: 本期 and 本年 the year, 上期 and 上年
// the one before, 期末 and 期初 its last and first day.
func (a *attributor) relativeHeader(t string) string {
	y := a.docYear
	if y == 0 {
		return ""
	}
	switch {
	case strings.HasPrefix(t, "期末"), strings.HasPrefix(t, "本期末"), strings.HasPrefix(t, "本年末"):
		return ymd{y, 12, 31}.String()
	case strings.HasPrefix(t, "期初"), strings.HasPrefix(t, "本期初"), strings.HasPrefix(t, "年初"):
		return ymd{y, 1, 1}.String()
	case strings.HasPrefix(t, "上年末"), strings.HasPrefix(t, "上期末"):
		return ymd{y - 1, 12, 31}.String()
	case strings.HasPrefix(t, "本期"), strings.HasPrefix(t, "本年"), strings.HasPrefix(t, "本报告期"):
		return ymd{y: y}.String()
	case strings.HasPrefix(t, "上期"), strings.HasPrefix(t, "上年"):
		return ymd{y: y - 1}.String()
	}
	return ""
}

// headerCells merges the pieces of each tab-separated header cell into
// one: its date where it has one (本年末比上年末增减 is one column).
func headerCells(pieces []cell) []cell {
	var out []cell
	for _, p := range pieces {
		if n := len(out); n > 0 && out[n-1].tab == p.tab {
			if out[n-1].kind != cellDate && p.kind == cellDate {
				out[n-1] = p
			}
			continue
		}
		out = append(out, p)
	}
	return out
}

// numericPrefix is the length in bytes of the number that starts t
// (2,308,922,170.29, -4.10%, 0.48), or 0.
func numericPrefix(t string) int {
	n, digits := 0, 0
	for i, r := range t {
		switch {
		case isDigit(r):
			digits++
		case r == ',' || r == '.' || r == '%' || (r == '-' && i == 0):
		default:
			if digits == 0 {
				return 0
			}
			return n
		}
		n = i + utf8.RuneLen(r)
	}
	if digits == 0 {
		return 0
	}
	return n
}

// rowLabel is a table row's label as a metric: the unit in brackets and
// the blanks of a wrapped line removed (营业收入(元) → 营业收入).
func rowLabel(t string) string {
	t = strings.Join(strings.Fields(t), "")
	for _, open := range []string{"(", "（"} {
		if k := strings.LastIndex(t, open); k > 0 && strings.HasSuffix(t, ")") || k > 0 && strings.HasSuffix(t, "）") {
			t = t[:k]
		}
	}
	if utf8.RuneCountInString(t) > 2*maxMetricRunes {
		return ""
	}
	return t
}

// policyMoveBefore reports a move of the policy rate written right before
// the figure (宣布加息25个基点), whatever the segmenter made of the words
// around it.
func (a *attributor) policyMoveBefore(cs int) bool {
	for _, w := range []string{"降息", "加息", "减息", "升息"} {
		if a.endsWith(cs, w) {
			return true
		}
	}
	return false
}
