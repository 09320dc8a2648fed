package extractors

import (
	"fmt"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string // "paragraph:text"
	}{
		{"甲。乙！丙？丁；戊", []string{"0:甲。", "0:乙！", "0:丙？", "0:丁；", "0:戊"}},
		{"他说：“好。”然后走了。", []string{"0:他说：“好。”", "0:然后走了。"}},
		{"第一段。\n\n第二段没有句号\n第三段?!", []string{"0:第一段。", "2:第二段没有句号", "3:第三段?!"}},
		{"（见附表。）下一句。", []string{"0:（见附表。）", "0:下一句。"}},
		{"  \n \u3000", nil},
		{"甲;乙", []string{"0:甲;", "0:乙"}},
		{"收入1554.17亿元", []string{"0:收入1554.17亿元"}},
	}
	for _, tc := range cases {
		clean := []rune(tc.in)
		var got []string
		prevEnd := 0
		for _, s := range splitSentences(clean) {
			if s.start < prevEnd || s.end <= s.start {
				t.Errorf("%q: sentence [%d,%d) overlaps or is empty", tc.in, s.start, s.end)
			}
			prevEnd = s.end
			got = append(got, fmt.Sprintf("%d:%s", s.paragraph, string(clean[s.start:s.end])))
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("splitSentences(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
