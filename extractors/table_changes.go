package extractors

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// Change columns of tables: whether a change is a growth rate, points or
// an amount, by the arithmetic of the rows.

// changeVote counts what the arithmetic of a change column's rows says
// its figures are: a column holds one kind of change, so the rows whose
// arithmetic is clear decide for those whose is not.
type changeVote struct {
	rate, points, amount int
	measure              string // the share whose points the column gives
}

func (cv changeVote) add(kind int, measure string) changeVote {
	switch kind {
	case changeRate:
		cv.rate++
	case changePoints:
		cv.points++
		if measure != "" {
			cv.measure = measure
		}
	case changeAmount:
		cv.amount++
	}
	return cv
}

// decided is the kind most of the column's clear rows show, or changeNone.
func (cv changeVote) decided() int {
	switch {
	case cv.rate > cv.points && cv.rate > cv.amount:
		return changeRate
	case cv.points > cv.rate && cv.points > cv.amount:
		return changePoints
	case cv.amount > cv.rate && cv.amount > cv.points:
		return changeAmount
	}
	return changeNone
}

// The kinds of figure a change column holds.
const (
	changeNone   = iota
	changePoints // the difference of two percents: pp_change
	changeRate   // a growth rate in percent
	changeAmount // the difference of two amounts: of the row's own kind
)

// changeKind decides what a change cell is: by what the column names (毛
// 利率比上年增减 is the change of a rate), else by the row's arithmetic,
// else by what the column's other rows' arithmetic says, else by whether
// it is printed or headed in percent and whether the row's own figures
// are percents. For points of a share it also returns the share's name.
func changeKind(v tableValue, col column, cols []column, rc rowContext, vote changeVote) (int, string) {
	if rateWord(col.measure) {
		return changePoints, ""
	}
	if kind, measure := changeByArithmetic(v, cols, rc); kind != changeNone {
		return kind, measure
	}
	if kind := vote.decided(); kind != changeNone {
		return kind, vote.measure
	}
	switch {
	case rc.pct:
		return changePoints, ""
	case v.pct || col.pct || strings.Contains(col.header, "率") || strings.Contains(col.header, "幅"):
		return changeRate, ""
	}
	return changeAmount, ""
}

// changeByArithmetic tries each pair of a measure's figures for a year and
// the year before (金额 2019 and 2018, 比重 2019 and 2018): the pair whose
// arithmetic gives the printed change says what it is. changeNone when no
// pair does, or pairs disagree.
func changeByArithmetic(v tableValue, cols []column, rc rowContext) (int, string) {
	inPercent := v.pct
	tol := roundingTolerance(v.places)
	rate, points, amount := false, false, false
	measure := ""
	for _, p := range changeOperands(cols, rc) {
		diff := new(apd.Decimal)
		numeralCtx.Sub(diff, p.cur, p.prev)
		isDiff := within(diff, v.value, tol)
		isRate := false
		if !p.prev.IsZero() {
			r := new(apd.Decimal)
			numeralCtx.Quo(r, diff, new(apd.Decimal).Abs(p.prev))
			numeralCtx.Mul(r, r, apd.New(100, 0))
			isRate = within(r, v.value, tol)
		}
		switch {
		case isRate && !isDiff:
			rate = true
		case isDiff && !isRate && (p.pct || rc.pct):
			points = true
			if p.pct && !rc.pct {
				measure = p.measure
			}
		case isDiff && !isRate && !inPercent:
			amount = true
		}
	}
	switch {
	case rate && !points && !amount:
		return changeRate, ""
	case points && !rate:
		return changePoints, measure
	case amount && !rate:
		return changeAmount, ""
	}
	return changeNone, ""
}

// operands are two figures of one measure a year apart.
type operands struct {
	cur, prev *apd.Decimal
	pct       bool   // the figures are percents
	measure   string // what they measure
}

// changeOperands are the pairs of a row's figures that a change column may
// compare: one measure, a year and the year before.
func changeOperands(cols []column, rc rowContext) []operands {
	type fig struct {
		year int
		val  *apd.Decimal
		pct  bool
	}
	byMeasure := map[string][]fig{}
	for k, c := range rc.row.Cells {
		if c.Col >= len(cols) || rc.vals[k].kind != valueNumber {
			continue
		}
		col := cols[columnOf(cols, c)]
		if col.change {
			continue
		}
		if y := periodYear(col.period); y != 0 {
			byMeasure[col.measure] = append(byMeasure[col.measure], fig{y, rc.vals[k].value, rc.vals[k].pct || col.pct})
		}
	}
	measures := make([]string, 0, len(byMeasure))
	for m := range byMeasure {
		measures = append(measures, m)
	}
	sort.Strings(measures)
	var out []operands
	for _, m := range measures {
		figs := byMeasure[m]
		for _, a := range figs {
			for _, b := range figs {
				if b.year == a.year-1 {
					out = append(out, operands{cur: a.val, prev: b.val, pct: a.pct, measure: m})
				}
			}
		}
	}
	return out
}

// periodYear is the year a period starts in, 0 if none.
func periodYear(p string) int {
	if len(p) < 4 {
		return 0
	}
	y, err := strconv.Atoi(p[:4])
	if err != nil {
		return 0
	}
	return y
}

// roundingTolerance is half a unit of the last printed place, with a
// little more for the rounding of the operands.
func roundingTolerance(places int) *apd.Decimal {
	return apd.New(6, int32(-places-1))
}

func within(a, b, tol *apd.Decimal) bool {
	d := new(apd.Decimal)
	numeralCtx.Sub(d, a, b)
	d.Abs(d)
	return d.Cmp(tol) <= 0
}

// rowPrintsPercent reports a row whose figures in period columns are all
// printed with %.
func rowPrintsPercent(rc rowContext, cols []column, labelCol int) bool {
	pct, plain := 0, 0
	for k, c := range rc.row.Cells {
		if c.Col <= labelCol || c.Col >= len(cols) || cols[columnOf(cols, c)].change || rc.vals[k].kind != valueNumber {
			continue
		}
		if rc.vals[k].pct {
			pct++
		} else {
			plain++
		}
	}
	return pct > 0 && plain == 0
}
