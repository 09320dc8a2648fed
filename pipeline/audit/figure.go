package audit

import (
	"fmt"
	"math"
	"strings"

	"github.com/cockroachdb/apd/v3"

	"reportfacts/extractors"
	"reportfacts/pipeline/store"
)

// dc is the decimal context of the audit's arithmetic: sums and
// differences of stated figures are exact at this precision.
var dc = apd.BaseContext.WithPrecision(40)

// figure is a stated number taken as an interval: the value give or take
// half a unit of its last printed digit, since 1554.17亿 stands for
// anything that rounds to it.
type figure struct {
	row    store.FactRow
	val    *apd.Decimal
	lo, hi *apd.Decimal
}

// newFigure makes a figure of a fact, or says why the fact cannot be one:
// only exact numeric facts are, since 约 超过 不足 state bounds, not figures.
func newFigure(f store.FactRow) (*figure, bool) {
	if f.Value == "" || (f.Qualifier != "" && f.Qualifier != extractors.QualExact) {
		return nil, false
	}
	v, _, err := apd.NewFromString(f.Value)
	if err != nil || v.Form != apd.Finite {
		return nil, false
	}
	half := halfUnit(f.Text, v)
	if exactFigure(f, v) {
		half = apd.New(0, 0)
	}
	fig := &figure{row: f, val: v, lo: new(apd.Decimal), hi: new(apd.Decimal)}
	if _, err := dc.Sub(fig.lo, v, half); err != nil {
		return nil, false
	}
	if _, err := dc.Add(fig.hi, v, half); err != nil {
		return nil, false
	}
	return fig, true
}

func (g *figure) asFigure(role string) Figure {
	return Figure{Role: role, Text: g.row.Text, Value: g.row.Value, Unit: g.row.Unit, Page: g.row.Page, Key: g.row.Key}
}

// exactFigure says whether a figure is exact as printed, not rounded: an
// amount of money printed to the fen (1,234.56 in a table in 元), since
// books are kept in fen, and a whole number of things counted one by one
// (20,200户, 210,674,875股). Amounts per unit (0.62 元/股) are quotients,
// rounded like any ratio.
func exactFigure(f store.FactRow, v *apd.Decimal) bool {
	printed, decimals, ok := printedNumber(f.Text)
	if !ok || printed.IsZero() {
		return false
	}
	scale := new(apd.Decimal)
	if _, err := dc.Quo(scale, v, printed); err != nil {
		return false
	}
	scale.Abs(scale)
	unit := new(apd.Decimal).Set(scale)
	unit.Exponent -= int32(decimals)
	switch f.Kind {
	case extractors.KindMoney:
		if perUnit(f.Metric) || perUnit(f.Text) {
			return false
		}
		return unit.Cmp(apd.New(1, -2)) <= 0
	case extractors.KindCount:
		return decimals == 0 && scale.Cmp(apd.New(1, 0)) == 0 && countedOneByOne[f.Unit]
	}
	return false
}

// countedOneByOne are the measure words of things counted one by one.
var countedOneByOne = map[string]bool{"股": true, "户": true, "人": true, "家": true, "名": true, "个": true, "项": true, "笔": true, "件": true}

// perUnit says whether a metric or text is of an amount per unit.
func perUnit(s string) bool {
	return strings.Contains(s, "每股") || strings.Contains(s, "/股") || strings.Contains(s, "／股") ||
		strings.Contains(s, "每10股") || strings.Contains(s, "每十股")
}

// halfUnit is half a unit of the last digit printed in text for the value
// v. The printed number (1554.17 in 1554.17亿元) gives the decimals, and
// v divided by it the scale (亿); a value printed without Arabic digits
// (一千五百亿, 翻番) is as precise as its last non-zero digit.
func halfUnit(text string, v *apd.Decimal) *apd.Decimal {
	unit := new(apd.Decimal)
	printed, decimals, ok := printedNumber(text)
	switch {
	case ok && !printed.IsZero():
		scale := new(apd.Decimal)
		if _, err := dc.Quo(scale, v, printed); err != nil {
			return apd.New(0, 0)
		}
		scale.Abs(scale)
		unit.Set(scale)
		unit.Exponent -= int32(decimals)
	case ok:
		unit.SetFinite(1, -int32(decimals))
	case v.IsZero():
		return apd.New(0, 0)
	default:
		r := new(apd.Decimal)
		r.Reduce(v)
		unit.SetFinite(1, r.Exponent)
	}
	half := new(apd.Decimal)
	if _, err := dc.Quo(half, unit, apd.New(2, 0)); err != nil {
		return apd.New(0, 0)
	}
	return half
}

// printedNumber finds the first number written in Arabic digits in text
// (half- or full-width, with thousands separators) and how many decimals
// it prints.
func printedNumber(text string) (*apd.Decimal, int, bool) {
	var b strings.Builder
	started, decimals, inFraction := false, 0, false
	for _, r := range text {
		switch {
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		case r == '．':
			r = '.'
		}
		switch {
		case r >= '0' && r <= '9':
			started = true
			b.WriteRune(r)
			if inFraction {
				decimals++
			}
		case started && (r == ',' || r == '，' || r == ' ' || r == '\n' || r == '\r'):
			// thousands separators, and layout breaks inside the number
		case started && r == '.' && !inFraction:
			inFraction = true
			b.WriteRune(r)
		case started:
			return finishNumber(b.String(), decimals)
		}
	}
	if !started {
		return nil, 0, false
	}
	return finishNumber(b.String(), decimals)
}

func finishNumber(s string, decimals int) (*apd.Decimal, int, bool) {
	s = strings.TrimSuffix(s, ".")
	d, _, err := apd.NewFromString(s)
	if err != nil {
		return nil, 0, false
	}
	return d, decimals, true
}

// span is an interval of reals.
type span struct{ lo, hi float64 }

func (s span) overlaps(o span) bool {
	// A relative slack of 1e-9 absorbs float rounding of ratios and powers,
	// far below any printed precision.
	eps := 1e-9 * math.Max(1, math.Max(math.Abs(s.hi), math.Abs(o.hi)))
	return s.lo <= o.hi+eps && o.lo <= s.hi+eps
}

func (s span) String() string {
	return fmt.Sprintf("%s..%s", fmtFloat(s.lo), fmtFloat(s.hi))
}

func fmtFloat(f float64) string {
	return fmt.Sprintf("%.6g", f)
}

func toFloat(d *apd.Decimal) float64 {
	f, err := d.Float64()
	if err != nil {
		return math.NaN()
	}
	return f
}

func (g *figure) span() span { return span{toFloat(g.lo), toFloat(g.hi)} }

// sum adds the figures' bounds exactly.
func sum(figs []*figure) (lo, hi, val *apd.Decimal) {
	lo, hi, val = new(apd.Decimal), new(apd.Decimal), new(apd.Decimal)
	for _, f := range figs {
		_, _ = dc.Add(lo, lo, f.lo)
		_, _ = dc.Add(hi, hi, f.hi)
		_, _ = dc.Add(val, val, f.val)
	}
	return lo, hi, val
}

// decSpan is an exact interval of decimals.
type decSpan struct{ lo, hi *apd.Decimal }

func (s decSpan) overlaps(o decSpan) bool {
	return s.lo.Cmp(o.hi) <= 0 && o.lo.Cmp(s.hi) <= 0
}

func (s decSpan) String() string {
	return fmt.Sprintf("%s..%s", plain(s.lo), plain(s.hi))
}

func plain(d *apd.Decimal) string {
	r := new(apd.Decimal)
	r.Reduce(d)
	return r.Text('f')
}
