package extractors

import "sort"

// resolveOverlaps merges the numeric and the date candidates, sorted by
// start. Where a date or period overlaps a numeric candidate the date wins
// (2021年 is a date, not a count), unless the numeric candidate carries a
// unit no date has (%, 个百分点, 倍, a currency): then the date scanner
// mis-took part of an amount and the number wins.
func resolveOverlaps(nums, dates []candidate) []candidate {
	out := make([]candidate, 0, len(nums)+len(dates))
	dates = sortedByStart(dates)
	nums = sortedByStart(nums)
	keepDate := make([]bool, len(dates))
	for i := range keepDate {
		keepDate[i] = true
	}
	j := 0
	for _, n := range nums {
		for j < len(dates) && dates[j].ce <= n.cs {
			j++
		}
		keep := true
		for k := j; k < len(dates) && dates[k].cs < n.ce; k++ {
			if !overlaps(n, dates[k]) {
				continue
			}
			if strongUnit(n) {
				keepDate[k] = false
			} else {
				keep = false
			}
		}
		if keep {
			out = append(out, n)
		}
	}
	for i, d := range dates {
		if keepDate[i] {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].cs != out[b].cs {
			return out[a].cs < out[b].cs
		}
		return out[a].ce < out[b].ce
	})
	return out
}

func overlaps(a, b candidate) bool { return a.cs < b.ce && b.cs < a.ce }

// strongUnit reports a numeric candidate whose unit no date or period
// could have.
func strongUnit(c candidate) bool {
	switch c.Kind {
	case KindMoney, KindPercent, KindGrowth, KindPPChange, KindMultiple:
		return true
	}
	return false
}

func sortedByStart(cs []candidate) []candidate {
	if sort.SliceIsSorted(cs, func(a, b int) bool { return cs[a].cs < cs[b].cs }) {
		return cs
	}
	s := append([]candidate(nil), cs...)
	sort.SliceStable(s, func(a, b int) bool { return s[a].cs < s[b].cs })
	return s
}
