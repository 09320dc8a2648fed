package source

import (
	"strings"
	"testing"
)

func TestQualityGate(t *testing.T) {
	clean := strings.Repeat("公司2020年营业收入16.4亿元，同比增长12.5%。", 20)
	tests := []struct {
		name   string
		pages  []string
		adjust func(*quality) // structural facts the text cannot show
		pass   bool
	}{
		{"clean Chinese", []string{clean, clean}, nil, true},
		{"one unmapped glyph", []string{clean + "\uFFFD"}, nil, false},
		{"digits lost to U+FFFD", []string{"营业收入\uFFFD,\uFFFD\uFFFD\uFFFD.\uFFFD\uFFFD元"}, nil, false},
		{"a few Symbol glyphs in private use", []string{clean + "\uF062"}, nil, true},
		{"many private-use glyphs", []string{clean + strings.Repeat("\uF062", 20)}, nil, false},
		{"a few Kangxi radicals", []string{clean + "⼤"}, nil, true},
		{"Kangxi radicals throughout", []string{strings.Repeat("光⼤⾦⼯", 50)}, nil, false},
		{"control characters", []string{clean + strings.Repeat("\x03\x15", 10)}, nil, false},
		{"Latin-1 mojibake", []string{strings.Repeat("¾é, ß Ä+ ÈÇf¯ ", 30)}, nil, false},
		{"one Latin-1 letter in a Type 3 document", []string{clean + "é"}, func(q *quality) { q.type3 = 1 }, false},
		{"one Latin-1 letter elsewhere", []string{clean + "é"}, nil, true},
		{"empty page that draws text", []string{clean, ""}, func(q *quality) { q.emptyContent = 1 }, false},
		{"page the engine could not read", []string{clean}, func(q *quality) { q.pageErrors = 1 }, false},
		{"symbols that are not mojibake", []string{clean + "×÷·°±§¥"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var q quality
			for _, p := range tt.pages {
				q.measure(p)
			}
			if tt.adjust != nil {
				tt.adjust(&q)
			}
			if got := len(q.problems()) == 0; got != tt.pass {
				t.Errorf("passes = %v, want %v (problems: %q)", got, tt.pass, q.problems())
			}
		})
	}
}

func TestQualityScorePrefersCleanText(t *testing.T) {
	measure := func(s string) quality {
		var q quality
		q.measure(s)
		return q
	}
	clean := measure("营业收入1,554.17万元，同比增长12.5%")
	lost := measure("营业收入\uFFFD,\uFFFD\uFFFD\uFFFD.\uFFFD\uFFFD万元，同比增长\uFFFD\uFFFD.\uFFFD%")
	empty := measure("")
	mojibake := measure("ÓªÒµÊÕÈë1,554.17ÍòÔª")
	if !(clean.score() > lost.score() && clean.score() > mojibake.score() && clean.score() > empty.score()) {
		t.Errorf("scores clean %d, lost %d, mojibake %d, empty %d: clean must rank first",
			clean.score(), lost.score(), mojibake.score(), empty.score())
	}
	// A Word 2007 report whose table digits are unmapped: a fifth of its
	// glyphs are U+FFFD, and its words are still worth more than nothing.
	partial := measure(strings.Repeat("营业收入为\uFFFD亿元", 100))
	if partial.score() <= empty.score() {
		t.Errorf("text with a fifth unmapped scores %d, not above empty text's %d", partial.score(), empty.score())
	}
}
