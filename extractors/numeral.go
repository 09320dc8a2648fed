package extractors

import (
	"math/big"

	"github.com/cockroachdb/apd/v3"
)

// numeral is a number as written at the start of a rune slice: Arabic
// digits (ASCII or full-width, thousands separators, decimals), Chinese
// numerals (including financial capitals and positional digit strings), or
// their mixtures with scale words (1554.17亿, 3千万, 一点五亿). Values are
// exact decimals: a scale word only moves the exponent.
type numeral struct {
	val     *apd.Decimal
	n       int  // runes consumed
	scale   int  // power of ten applied by scale words, 0 when none
	chinese bool // written in Chinese numerals (at least its first part)
	percent bool // a fraction (四分之一) or 成 (三成): val is already in percent
	rule    string
}

// numeralParsePrecision bounds the digits of divisions (fractions only);
// every other operation is exact.
var numeralCtx = apd.BaseContext.WithPrecision(40)

// parseNumeral reads the longest numeral at the start of s. It returns its
// value (a percent for fractions and 成), the number of runes read and
// whether a numeral was found.
func parseNumeral(s []rune) (*apd.Decimal, int, bool) {
	num, ok := readNumeral(s)
	if !ok {
		return nil, 0, false
	}
	return num.val, num.n, true
}

// readNumeral is parseNumeral with everything the scanner needs to know
// about how the number was written.
func readNumeral(s []rune) (numeral, bool) {
	if len(s) == 0 {
		return numeral{}, false
	}
	neg := false
	i := 0
	switch s[0] {
	case '-', '−', '－', '负', '負':
		if len(s) < 2 || !(isNumeralDigit(s[1]) || startsCNNumeral(s[1])) {
			return numeral{}, false
		}
		neg, i = true, 1
	case '+', '＋', '正':
		if len(s) < 2 || !(isNumeralDigit(s[1]) || startsCNNumeral(s[1])) || s[0] == '正' {
			return numeral{}, false
		}
		i = 1
	}
	var num numeral
	var ok bool
	if isNumeralDigit(s[i]) {
		num, ok = readArabic(s[i:])
	} else if startsCNNumeral(s[i]) {
		num, ok = readChinese(s[i:])
	}
	if !ok {
		return numeral{}, false
	}
	num.n += i
	if neg {
		num.val.Negative = !num.val.IsZero()
	}
	return num, true
}

// cnUnit gives the power of ten of a Chinese unit character, 0 for others.
func cnUnitPow(r rune) int {
	switch r {
	case '十', '拾':
		return 1
	case '百', '佰':
		return 2
	case '千', '仟':
		return 3
	case '万', '萬':
		return 4
	case '亿', '億':
		return 8
	}
	return 0
}

// isCNNumeral reports a rune that can start a Chinese numeral.
func startsCNNumeral(r rune) bool {
	return cnDigitValue(r) >= 0 && r != 'Ｏ' && r != '○' || cnUnitPow(r) > 0 || cnTens(r) > 0
}

// cnTens gives the value of the contracted tens 廿 卅 卌, 0 for others.
func cnTens(r rune) int64 {
	switch r {
	case '廿':
		return 20
	case '卅':
		return 30
	case '卌':
		return 40
	}
	return 0
}

func isCNPoint(r rune) bool { return r == '点' || r == '點' }

// readArabic reads digits with thousands separators and a decimal part,
// then scale words.
func readArabic(s []rune) (numeral, bool) {
	var digits []byte
	i := 0
	for i < len(s) && isNumeralDigit(s[i]) {
		digits = append(digits, byte('0'+digitVal(s[i])))
		i++
	}
	if len(digits) == 0 {
		return numeral{}, false
	}
	// Thousands separators: a first group of 1-3 digits (no leading zero)
	// followed by groups of exactly three.
	if len(digits) <= 3 && digits[0] != '0' {
		for i+3 < len(s) && (s[i] == ',' || s[i] == '，') &&
			isNumeralDigit(s[i+1]) && isNumeralDigit(s[i+2]) && isNumeralDigit(s[i+3]) &&
			(i+4 >= len(s) || !isNumeralDigit(s[i+4])) {
			if s[i] == '，' && !(s[i-1] >= '０' && s[i-1] <= '９') && !(i+5 < len(s) && (s[i+4] == '.' || s[i+4] == '．') && isNumeralDigit(s[i+5])) {
				// A full-width comma separates list items far more often
				// than thousands; take it only before decimals (82，225.00)
				// or between full-width digits (９，９９９).
				break
			}
			for k := 1; k <= 3; k++ {
				digits = append(digits, byte('0'+digitVal(s[i+k])))
			}
			i += 4
		}
	}
	frac := 0
	if i+1 < len(s) && (s[i] == '.' || s[i] == '．') && isNumeralDigit(s[i+1]) {
		i++
		for i < len(s) && isNumeralDigit(s[i]) {
			digits = append(digits, byte('0'+digitVal(s[i])))
			frac++
			i++
		}
	}
	num := numeral{n: i, rule: "arabic"}
	if len(digits) <= 18 {
		var v int64
		for _, d := range digits {
			v = v*10 + int64(d-'0')
		}
		num.val = apd.New(v, int32(-frac))
	} else {
		var coeff apd.BigInt
		if _, ok := coeff.SetString(string(digits), 10); !ok {
			return numeral{}, false
		}
		num.val = apd.NewWithBigInt(&coeff, int32(-frac))
	}
	pow, k := readScale(s[i:], false)
	if k > 0 {
		num.val.Exponent += int32(pow)
		num.scale = pow
		num.n += k
		if pow >= 4 {
			readArabicTail(s, &num, pow)
		}
		return num, true
	}
	// 16分之5 is a fraction; ９成 and 2.5成 are tenths.
	if fr, ok := readFraction(s[i:], num.val); ok {
		fr.n += i
		return fr, true
	}
	if i < len(s) && s[i] == '成' && num.val.Cmp(apd.New(10, 0)) <= 0 && num.val.Sign() > 0 {
		v := new(apd.Decimal).Set(num.val)
		v.Exponent++
		return numeral{val: v, n: i + 1, percent: true, rule: "cheng"}, true
	}
	return num, true
}

// readArabicTail reads what follows a scale in 5万4千6百 or 5亿1万: digits
// each with a smaller unit, added to the value.
func readArabicTail(s []rune, num *numeral, lastPow int) {
	i := num.n
	for i < len(s) {
		j := i
		var v int64
		for j < len(s) && j-i < 4 && isNumeralDigit(s[j]) {
			v = v*10 + digitVal(s[j])
			j++
		}
		if j == i || j >= len(s) {
			return
		}
		u := cnUnitPow(s[j])
		if u == 0 || u >= lastPow || startsUnitAfterScale(s[j+1:]) {
			return
		}
		add := apd.New(v, int32(u))
		if _, err := numeralCtx.Add(num.val, num.val, add); err != nil {
			return
		}
		lastPow = u
		i = j + 1
		num.n = i
	}
}

// readFraction reads 分之 and the numerator after a denominator den.
func readFraction(s []rune, den *apd.Decimal) (numeral, bool) {
	if len(s) < 3 || s[0] != '分' || s[1] != '之' || den.IsZero() {
		return numeral{}, false
	}
	top, ok := readNumeral(s[2:])
	if !ok || top.percent {
		return numeral{}, false
	}
	p, ok := fractionPercent(top.val, den)
	if !ok {
		return numeral{}, false
	}
	return numeral{val: p, n: 2 + top.n, chinese: true, percent: true, rule: "fraction"}, true
}

// readScale reads scale words after a number: 万 亿 万亿 千 百 and their
// compounds (百万 千万 十万 十亿 百亿 千亿). It returns the power of ten and
// the runes read. 千 and 百 are not scales where they start a unit
// (千米 千瓦 千克 百分点); 十 is a scale only before 万 or 亿.
func readScale(s []rune, afterChinese bool) (pow, n int) {
	for n < len(s) && n < 4 {
		u := cnUnitPow(s[n])
		if u == 0 {
			break
		}
		next := rune(0)
		if n+1 < len(s) {
			next = s[n+1]
		}
		switch u {
		case 1, 2, 3:
			if afterChinese {
				return pow, n
			}
			if u == 1 && cnUnitPow(next) < 4 {
				return pow, n
			}
			if cnUnitPow(next) == 0 && startsUnitAfterScale(s[n+1:]) {
				return pow, n
			}
			if pow >= u {
				return pow, n
			}
		}
		pow += u
		n++
	}
	return pow, n
}

// startsUnitAfterScale reports a unit that begins with 千 or 百 and so
// must not be read as a scale: 千米 千瓦 千克 千伏 千卡 百分点 百分比.
func startsUnitAfterScale(s []rune) bool {
	if len(s) == 0 {
		return false
	}
	switch s[0] {
	case '米', '瓦', '克', '伏', '卡', '帕', '赫', '焦', '字', '分', '强':
		return true
	}
	return false
}

// readChinese reads a Chinese numeral: positional strings (二〇二一),
// grammatical numbers (一千五百, 一百零五, 十四, 两万, 一万五), decimals
// (一点五), scales (一点五亿), fractions (四分之一 as 25 percent) and 成
// (三成 as 30 percent).
func readChinese(s []rune) (numeral, bool) {
	// 百分之, 千分之, 万分之, 百万分之: a denominator of units alone.
	if k, pow := unitRun(s); k > 0 && k+1 < len(s) && s[k] == '分' && s[k+1] == '之' {
		if fr, ok := readFraction(s[k:], apd.New(1, int32(pow))); ok {
			fr.n += k
			return fr, true
		}
		return numeral{}, false
	}
	intPart, n, ok := readChineseInt(s)
	if !ok {
		return numeral{}, false
	}
	num := numeral{chinese: true, rule: "chinese"}
	if n >= 2 && cnDigitValue(s[0]) >= 0 && cnDigitValue(s[1]) >= 0 {
		num.rule = "positional" // 二〇二一: a year or a code, rarely an amount
	}
	var coeff apd.BigInt
	coeff.SetMathBigInt(intPart)
	num.val = apd.NewWithBigInt(&coeff, 0)
	// Decimal part: 一点五.
	if n+1 < len(s) && isCNPoint(s[n]) && cnDigitValue(s[n+1]) >= 0 {
		digits := intPart.String()
		k := n + 1
		frac := 0
		for k < len(s) && cnDigitValue(s[k]) >= 0 {
			digits += string(rune('0' + cnDigitValue(s[k])))
			frac++
			k++
		}
		var c apd.BigInt
		c.SetString(digits, 10)
		num.val = apd.NewWithBigInt(&c, int32(-frac))
		n = k
		if pow, k := readScale(s[n:], true); k > 0 {
			num.val.Exponent += int32(pow)
			num.scale = pow
			n += k
		}
	}
	num.n = n
	if num.scale == 0 {
		num.scale = trailingScale(s[:n])
	}
	// Fractions: X分之Y is Y/X, given in percent.
	if n+2 < len(s) && s[n] == '分' && s[n+1] == '之' {
		if fr, ok := readFraction(s[n:], num.val); ok {
			fr.n += n
			return fr, true
		}
		return numeral{}, false
	}
	// 三成 is 30 percent, 八点五成 85: tenths up to 十.
	if n < len(s) && s[n] == '成' && num.val.Sign() > 0 && num.val.Cmp(apd.New(10, 0)) <= 0 {
		v := new(apd.Decimal).Set(num.val)
		v.Exponent++
		return numeral{val: v, n: n + 1, chinese: true, percent: true, rule: "cheng"}, true
	}
	return num, true
}

// unitRun reads a run of unit characters alone (百, 万, 百万) and returns
// its length and power of ten.
func unitRun(s []rune) (n, pow int) {
	for n < len(s) && n < 4 && cnUnitPow(s[n]) > 0 {
		pow += cnUnitPow(s[n])
		n++
	}
	return n, pow
}

// trailingScale is the power of the scale words a Chinese numeral ends
// with (三万 4, 九百亿 8), so that the lower bound of a range (两到三万)
// can take it.
func trailingScale(s []rune) int {
	pow := 0
	k := len(s)
	for k > 0 && (s[k-1] == '万' || s[k-1] == '萬' || s[k-1] == '亿' || s[k-1] == '億') {
		pow += cnUnitPow(s[k-1])
		k--
	}
	return pow
}

// rangeScale is the scale a range's lower bound takes from its upper:
// the upper's scale words, or the unit of a lone digit (两到三千).
func rangeScale(upper numeral, text []rune) int {
	if upper.scale != 0 {
		return upper.scale
	}
	if upper.chinese && len(text) == 2 && cnDigitValue(text[0]) > 0 && cnUnitPow(text[1]) >= 2 && cnUnitPow(text[1]) <= 3 {
		return cnUnitPow(text[1])
	}
	return 0
}

// fractionPercent returns num/den*100, exact where it terminates, else
// rounded to four significant digits.
func fractionPercent(num, den *apd.Decimal) (*apd.Decimal, bool) {
	var q apd.Decimal
	hundredfold := new(apd.Decimal).Set(num)
	hundredfold.Exponent += 2
	if _, err := numeralCtx.Quo(&q, hundredfold, den); err != nil {
		return nil, false
	}
	q.Reduce(&q)
	if q.NumDigits() > 12 {
		// It does not terminate (三分之一): four significant digits, and
		// at least two decimals (33.33, 0.07143).
		if _, err := fractionCtx.Round(&q, &q); err != nil {
			return nil, false
		}
		if q.Exponent < -2 && q.Cmp(apd.New(100, 0)) >= 0 {
			if _, err := numeralCtx.Quantize(&q, &q, -2); err != nil {
				return nil, false
			}
		}
		q.Reduce(&q)
	}
	return &q, true
}

// fractionCtx rounds the percent of a fraction that does not terminate.
var fractionCtx = apd.BaseContext.WithPrecision(4)

// readChineseInt reads the integer part of a Chinese numeral.
func readChineseInt(s []rune) (*big.Int, int, bool) {
	// Positional digit strings: two digits in a row (二〇二一, 一二).
	if len(s) >= 2 && cnDigitValue(s[0]) >= 0 && cnDigitValue(s[1]) >= 0 && s[0] != '零' && s[0] != '两' {
		v := new(big.Int)
		n := 0
		for n < len(s) && cnDigitValue(s[n]) >= 0 && s[n] != '两' && n < 30 {
			v.Mul(v, big.NewInt(10))
			v.Add(v, big.NewInt(cnDigitValue(s[n])))
			n++
		}
		return v, n, true
	}
	result := new(big.Int)  // complete 亿 groups
	section := new(big.Int) // the part below the last 亿, including 万 groups
	var small int64         // the part below 万
	digit := int64(-1)      // the pending digit
	lastUnit := 0           // power of the unit read last
	zeroSinceUnit := false  // a 零 came after the last unit
	prevDigit := false      // the rune before was a digit
	n := 0
	seen := false
	for n < len(s) && n < 40 {
		r := s[n]
		if d := cnDigitValue(r); d >= 0 {
			if prevDigit && !(digit == 0) {
				break // 十一二: stop before the second digit
			}
			if d == 0 {
				zeroSinceUnit = true
			}
			digit = d
			prevDigit = true
			seen = true
			n++
			continue
		}
		if t := cnTens(r); t > 0 {
			if digit >= 0 || (lastUnit != 0 && lastUnit < 4) {
				break
			}
			small += t
			seen, prevDigit, lastUnit, zeroSinceUnit = true, false, 1, false
			n++
			continue
		}
		u := cnUnitPow(r)
		if u == 0 {
			break
		}
		prevDigit = false
		switch {
		case u <= 3:
			if lastUnit != 0 && lastUnit <= u && lastUnit < 4 && digit < 0 {
				// 百千: not a number any more.
				goto done
			}
			if digit < 0 || (digit == 0 && u == 1) {
				if u != 1 && !(n == 0 && u == 2) && !(n == 0 && u == 3) {
					goto done
				}
				digit = 1 // 十四, 一万零十二
			}
			small += digit * pow10(u)
		case u == 4:
			if digit < 0 && small == 0 && !seen {
				goto done
			}
			if digit < 0 && small == 0 && lastUnit == 4 {
				section.Mul(section, big.NewInt(10000)) // 四万万
				lastUnit = 4
				n++
				continue
			}
			if digit > 0 {
				small += digit
			}
			t := big.NewInt(small)
			t.Mul(t, big.NewInt(10000))
			section.Add(section, t)
			small = 0
		case u == 8:
			if digit < 0 && small == 0 && section.Sign() == 0 && !seen {
				goto done
			}
			if digit > 0 {
				small += digit
			}
			section.Add(section, big.NewInt(small))
			result.Add(result, section)
			result.Mul(result, big.NewInt(100000000))
			section.SetInt64(0)
			small = 0
		}
		seen = true
		digit = -1
		lastUnit = u
		zeroSinceUnit = false
		n++
	}
done:
	if !seen || n == 0 {
		return nil, 0, false
	}
	if digit > 0 {
		if lastUnit >= 2 && !zeroSinceUnit {
			// 一万五 is 15000, 三百五 is 350.
			small += digit * pow10(lastUnit-1)
		} else {
			small += digit
		}
	}
	result.Add(result, section)
	result.Add(result, big.NewInt(small))
	return result, n, true
}

func pow10(p int) int64 {
	v := int64(1)
	for ; p > 0; p-- {
		v *= 10
	}
	return v
}

// formatValue writes a value as a decimal string without exponent. Money
// and counts drop a fractional part of zeros (16.4亿 → 1640000000,
// 82,225.00元 → 82225) but keep written decimals otherwise (0.36); percent
// kinds keep the precision as written (9.10).
func formatValue(d *apd.Decimal, keepPrecision bool) string {
	if d == nil {
		return ""
	}
	v := new(apd.Decimal).Set(d)
	if !keepPrecision && v.Exponent < 0 {
		var integ, frac apd.Decimal
		v.Modf(&integ, &frac)
		if frac.IsZero() {
			v.Reduce(v)
		}
	}
	if v.IsZero() {
		v.Negative = false
		if v.Exponent > 0 {
			v.Exponent = 0
		}
	}
	return v.Text('f')
}
