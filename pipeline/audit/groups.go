package audit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"reportfacts/pipeline/text"
)

// Totals across sentences. Reports rarely state a total and its parts in
// one sentence; they are linked by what the facts are about, as the
// extractors' attribution gives it:
//
//   - a group and its members: a total whose entity counts its members
//     (6家国有大行 … 投入合计1074.93亿元) and the figures of that many
//     members that follow (工行 259.87亿元, then 建行、农行、中行、邮储银行、交行
//     分别为…), or of smaller groups that together count as many (14家银行 is
//     6家国有大行 and 8家全国性股份行). The group is checked only when every
//     member is accounted for; with fewer, it is reported as incomplete, not
//     failed;
//   - 其中 opening the next sentence: the last amount of the sentence before
//     is a whole, and the amounts after 其中 (up to the 。) that measure
//     what it does (公有云市场规模 and 私有云市场规模 of 云计算市场规模) are some
//     of its parts: they may not add up to more;
//   - a metric narrowed: a 分别 list of one measure (SaaS、PaaS、IaaS市场规模)
//     whose sentence names what narrows an earlier whole of that measure
//     (公有云 of 公有云市场规模) is a breakdown of that whole: all of it where
//     the sentence says so (细分, 分为, 构成), else some of its parts.
//
// Parts measure what the whole measures: their metrics end alike (投入 of
// 金融科技投入 and 科技资金投入, 市场规模), their kind and unit are the
// whole's, and their period is the whole's or none.

// groupEntity is an entity that counts its members: 6家国有大行.
var groupEntity = regexp.MustCompile(`^(?:这|该|上述|以上|前)?([0-9]+|[一二三四五六七八九十两]+)(?:家|个|只|位|所)(.+)$`)

// groupReach is how far after a group's total its members may stand.
const groupReach = 1500

// summand is an exact amount of prose that may be a total or a part.
type summand struct {
	s   *sentence
	i   int
	fig *figure
}

func (m summand) entity() string { return m.s.facts[m.i].Entity }
func (m summand) metric() string { return m.s.facts[m.i].Metric }

// groupCount is how many members a group entity counts, or 0.
func groupCount(entity string) int {
	m := groupEntity.FindStringSubmatch(entity)
	if m == nil {
		return 0
	}
	if n, err := strconv.Atoi(m[1]); err == nil {
		return n
	}
	return smallNumeral(m[1])
}

// smallNumeral reads a Chinese numeral below 100 (六, 十四, 二十), or 0.
func smallNumeral(s string) int {
	digit := func(r rune) int { return strings.IndexRune("零一二三四五六七八九", r) }
	r := []rune(strings.ReplaceAll(s, "两", "二"))
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return max(digit(r[0]), 0)
	case len(r) == 2 && r[0] == '十':
		return 10 + max(digit(r[1]), 0)
	case len(r) == 2 && r[1] == '十':
		return 10 * max(digit(r[0]), 0)
	case len(r) == 3 && r[1] == '十':
		return 10*max(digit(r[0]), 0) + max(digit(r[2]), 0)
	}
	return 0
}

// crossTotals finds the totals and parts that stand in different
// sentences of one document.
func crossTotals(sents []sentence) []Finding {
	var items []summand
	for si := range sents {
		s := &sents[si]
		for i := range s.facts {
			if !isSummand(s, i) || ledBySum(s, i) && groupCount(s.facts[i].Entity) == 0 {
				continue
			}
			g, ok := newFigure(s.facts[i])
			if !ok {
				continue
			}
			items = append(items, summand{s: s, i: i, fig: g})
		}
	}
	used := map[string]bool{} // wholes already checked, by key
	var out []Finding
	for k, w := range items {
		if n := groupCount(w.entity()); n >= 2 {
			if fd, ok := groupTotal(items, k, n); ok {
				out = append(out, fd)
				used[w.fig.row.Key] = true
			}
		}
	}
	for si := range sents {
		if fd, ok := nextSentenceParts(sents, si, items, used); ok {
			out = append(out, fd)
		}
		if fd, ok := narrowedList(sents, si, items, used); ok {
			out = append(out, fd)
		}
	}
	return out
}

// measuresAlike says whether a part measures what a whole does: the same
// kind and unit, the whole's period or none, and metrics that end alike
// (two characters or more), or no metric for either.
func measuresAlike(whole, part summand) bool {
	w, p := whole.s.facts[whole.i], part.s.facts[part.i]
	if !sameMeasure(w, p) {
		return false
	}
	if p.Period != "" && w.Period != "" && p.Period != w.Period {
		return false
	}
	return commonSuffix(w.Metric, p.Metric) >= 2
}

func commonSuffix(a, b string) int {
	x, y := []rune(a), []rune(b)
	n := 0
	for n < len(x) && n < len(y) && x[len(x)-1-n] == y[len(y)-1-n] {
		n++
	}
	return n
}

// groupTotal checks the total items[k], whose entity counts n members,
// against the members that follow it.
func groupTotal(items []summand, k, n int) (Finding, bool) {
	w := items[k]
	var parts []summand
	seen := map[string]bool{}
	count, skip := 0, 0
	for _, p := range items[k+1:] {
		if p.s.doc != w.s.doc || p.fig.row.Start-w.fig.row.End > groupReach {
			break
		}
		if !measuresAlike(w, p) || p.entity() == "" || p.entity() == w.entity() {
			continue
		}
		if m := groupCount(p.entity()); m > 0 {
			if m >= n || count+m > n {
				break // another group, not a part of this one
			}
			parts = append(parts, p)
			count += m
			skip = m // its members follow it
			if count == n {
				break
			}
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if seen[p.entity()] {
			continue
		}
		seen[p.entity()] = true
		parts = append(parts, p)
		count++
		if count == n {
			break
		}
	}
	if len(parts) == 0 {
		return Finding{}, false
	}
	figs := []*figure{w.fig}
	roles := []string{"total"}
	for _, p := range parts {
		figs = append(figs, p.fig)
		roles = append(roles, "part")
	}
	if count != n {
		fd := newFinding(CheckTotal, w.s.doc.Doc.Path, false, figs, roles,
			fmt.Sprintf("%s: %d of its %d members' figures found after %s, not checked", w.entity(), count, n, w.fig.row.Text))
		fd.Status = StatusIncomplete
		return fd, true
	}
	return sumParts(w, parts, true, fmt.Sprintf("%s and its %d members", w.entity(), n)), true
}

// sumParts compares a whole with its parts: equal within rounding when
// the parts are all of it, not more than it otherwise.
func sumParts(w summand, parts []summand, all bool, link string) Finding {
	var pf []*figure
	for _, p := range parts {
		pf = append(pf, p.fig)
	}
	lo, hi, val := sum(pf)
	got, tot := decSpan{lo, hi}, decSpan{w.fig.lo, w.fig.hi}
	var passed bool
	var detail string
	switch {
	case got.overlaps(tot):
		passed = true
		detail = fmt.Sprintf("%s: the parts add up to %s, the total %s", link, plain(val), w.fig.row.Text)
	case !all && lo.Cmp(w.fig.hi) <= 0:
		passed = true
		detail = fmt.Sprintf("%s: the parts add up to %s, within the total %s: the parts named are not all of it",
			link, plain(val), w.fig.row.Text)
	case all:
		detail = fmt.Sprintf("%s: the parts add up to %s, but the total is %s", link, plain(val), w.fig.row.Text)
	default:
		detail = fmt.Sprintf("%s: the parts add up to %s, more than the total %s", link, plain(val), w.fig.row.Text)
	}
	figs := append([]*figure{w.fig}, pf...)
	roles := []string{"total"}
	for range pf {
		roles = append(roles, "part")
	}
	f := newFinding(CheckTotal, w.s.doc.Doc.Path, passed, figs, roles, detail)
	f.Expected = describeSpan(val, got, w.fig.row.Unit)
	if !all {
		f.Expected = "at most " + describeFig(w.fig)
		f.Found = describeSpan(val, got, w.fig.row.Unit)
	} else {
		f.Found = describeFig(w.fig)
	}
	return f
}

// opensWith says whether a sentence begins with word (after blanks,
// quotes and punctuation).
func opensWith(s *sentence, word string) bool {
	lead := strings.TrimLeftFunc(s.raw(s.start, s.facts[0].Start), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || r == text.PageBreak
	})
	return strings.HasPrefix(lead, word)
}

// endsSentence says whether sentence s ends at a full stop (not a
// semicolon): a 其中 clause runs on to the full stop.
func endsSentence(s *sentence) bool {
	if s.end >= len(s.doc.Raw) {
		return true
	}
	r := s.doc.Raw[s.end]
	return r == '。' || r == '！' || r == '？' || r == '!' || r == '?'
}

// nextSentenceParts checks a sentence that opens with 其中 against the
// last amount of the sentence before it.
func nextSentenceParts(sents []sentence, si int, items []summand, used map[string]bool) (Finding, bool) {
	s := &sents[si]
	if si == 0 || len(s.facts) == 0 || !opensWith(s, "其中") {
		return Finding{}, false
	}
	prev := &sents[si-1]
	if prev.doc != s.doc || !endsSentence(prev) || s.start-prev.end > 3 {
		return Finding{}, false
	}
	var whole *summand
	for k := range items {
		if items[k].s == prev {
			whole = &items[k]
		}
	}
	if whole == nil || used[whole.fig.row.Key] {
		return Finding{}, false
	}
	var parts []summand
	for k := range items {
		p := items[k]
		if p.s.doc != s.doc || p.fig.row.Start < s.start {
			continue
		}
		if p.fig.row.Start > sentenceEnd(sents, si) {
			break
		}
		if measuresAlike(*whole, p) && !ledBySum(p.s, p.i) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return Finding{}, false
	}
	used[whole.fig.row.Key] = true
	return sumParts(*whole, parts, false, "其中 in the next sentence"), true
}

// sentenceEnd is where the full sentence that sentence si begins ends:
// the end of the first sentence from si on that ends at a full stop.
func sentenceEnd(sents []sentence, si int) int {
	for k := si; k < len(sents) && sents[k].doc == sents[si].doc; k++ {
		if endsSentence(&sents[k]) {
			return sents[k].end
		}
	}
	return sents[si].end
}

// completeWords say that a list breaks a whole down into all its parts.
var completeWords = []string{"细分", "分为", "构成"}

// narrowReach is how far before a list its whole may stand.
const narrowReach = 600

// narrowedList checks a 分别 list of one measure against an earlier whole
// whose metric narrows that measure by a word the list's sentence names.
func narrowedList(sents []sentence, si int, items []summand, used map[string]bool) (Finding, bool) {
	s := &sents[si]
	p := s.find(listWords...)
	if p < 0 {
		return Finding{}, false
	}
	idx := s.list(p)
	if len(idx) < 2 {
		return Finding{}, false
	}
	var parts []summand
	for _, i := range idx {
		found := false
		for _, it := range items {
			if it.s == s && it.i == i {
				parts = append(parts, it)
				found = true
			}
		}
		if !found {
			return Finding{}, false
		}
	}
	m := parts[0].metric()
	for _, q := range parts[1:] {
		if q.metric() != m {
			return Finding{}, false
		}
	}
	before := s.raw(s.start, s.facts[idx[0]].Start)
	listStart := parts[0].fig.row.Start
	var whole *summand
	for k := len(items) - 1; k >= 0; k-- {
		w := &items[k]
		if w.s.doc != s.doc || w.fig.row.Start >= s.start {
			continue
		}
		if listStart-w.fig.row.End > narrowReach {
			break
		}
		wm := []rune(w.metric())
		if len(wm) <= len([]rune(m)) || !strings.HasSuffix(w.metric(), m) || !sameMeasure(w.s.facts[w.i], parts[0].s.facts[parts[0].i]) {
			continue
		}
		narrow := string(wm[:len(wm)-len([]rune(m))])
		if len([]rune(narrow)) >= 2 && strings.Contains(before, narrow) {
			if per, part := w.s.facts[w.i].Period, parts[0].s.facts[parts[0].i].Period; per != "" && part != "" && per != part {
				continue
			}
			whole = w
			break
		}
	}
	if whole == nil || used[whole.fig.row.Key] {
		return Finding{}, false
	}
	all := containsAny(before, completeWords)
	link := fmt.Sprintf("the %s of %s", m, whole.metric())
	if all {
		link += ", broken down in full"
	}
	return sumParts(*whole, parts, all, link), true
}
