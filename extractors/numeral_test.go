package extractors

import "testing"

func TestParseNumeral(t *testing.T) {
	tests := []struct {
		in   string
		want string // formatted with precision kept
		n    int    // runes read
		pct  bool
	}{
		{"1554.17亿元", "155417000000", 8, false},
		{"16.4亿", "1640000000", 5, false},
		{"38,420 项", "38420", 6, false},
		{"82，225.00元", "82225.00", 9, false},
		{"９，９９９", "9999", 5, false},
		{"100，200，300个", "100", 3, false},
		{"2.76%", "2.76", 4, false},
		{"9.10", "9.10", 4, false},
		{"１２３", "123", 3, false},
		{"２．５％", "2.5", 3, false},
		{"1.5万亿", "1500000000000", 5, false},
		{"3千万", "30000000", 3, false},
		{"5百", "500", 2, false},
		{"100万美元", "1000000", 4, false},
		{"5千米", "5", 1, false},
		{"3百分点", "3", 1, false},
		{"一千五百", "1500", 4, false},
		{"两万", "20000", 2, false},
		{"十四", "14", 2, false},
		{"二十", "20", 2, false},
		{"〇", "0", 1, false},
		{"零", "0", 1, false},
		{"一百零五", "105", 4, false},
		{"二〇二一", "2021", 4, false},
		{"壹仟玖佰", "1900", 4, false},
		{"贰", "2", 1, false},
		{"叁拾肆萬伍仟", "345000", 6, false},
		{"一千五百亿", "150000000000", 5, false},
		{"三亿五千万", "350000000", 5, false},
		{"一万亿", "1000000000000", 3, false},
		{"一万五", "15000", 3, false},
		{"三百五", "350", 3, false},
		{"一点五亿", "150000000", 4, false},
		{"四分之一", "25", 4, true},
		{"三分之一", "33.33", 4, true},
		{"百分之二十", "20", 5, true},
		{"千分之五", "0.5", 4, true},
		{"三成", "30", 2, true},
		{"九成", "90", 2, true},
		{"负一百二十万", "-1200000", 6, false},
		{"-3.5", "-3.5", 4, false},
		{"十万", "100000", 2, false},
		{"10万亿元", "10000000000000", 4, false},
		{"0.36元", "0.36", 4, false},
	}
	for _, tt := range tests {
		num, ok := readNumeral([]rune(tt.in))
		if !ok {
			t.Errorf("readNumeral(%q): no numeral", tt.in)
			continue
		}
		if got := formatValue(num.val, true); got != tt.want || num.n != tt.n || num.percent != tt.pct {
			t.Errorf("readNumeral(%q) = %s, %d runes, percent %v; want %s, %d, %v", tt.in, got, num.n, num.percent, tt.want, tt.n, tt.pct)
		}
	}
}

func TestParseNumeralRejects(t *testing.T) {
	for _, in := range []string{"", "元", "-", "负债", "点", "分之一", "abc"} {
		if _, n, ok := parseNumeral([]rune(in)); ok {
			t.Errorf("parseNumeral(%q) read %d runes, want none", in, n)
		}
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		in   string
		keep bool
		want string
	}{
		{"16.4亿", false, "1640000000"},
		{"82,225.00", false, "82225"},
		{"0.36", false, "0.36"},
		{"0.50", false, "0.50"},
		{"9.10", true, "9.10"},
		{"100.00", true, "100.00"},
	}
	for _, tt := range tests {
		v, _, ok := parseNumeral([]rune(tt.in))
		if !ok {
			t.Fatalf("parseNumeral(%q) failed", tt.in)
		}
		if got := formatValue(v, tt.keep); got != tt.want {
			t.Errorf("formatValue(%q, %v) = %s, want %s", tt.in, tt.keep, got, tt.want)
		}
	}
}
