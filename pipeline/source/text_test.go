package source

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// encode turns s into bytes of e; the test fails when e cannot hold s.
func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestReadTextEncodings(t *testing.T) {
	const text = "2020年营业收入16.4亿元，同比增长12.5%；毛利率提高3.2个百分点。\n第二行：①　全角ＡＢＣ"
	tests := []struct {
		name, enc string
		data      []byte
	}{
		{"utf-8", "utf-8", []byte(text)},
		{"utf-8 bom", "utf-8", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"utf-16le bom", "utf-16le", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), text)},
		{"utf-16be bom", "utf-16be", encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), text)},
		{"gb18030", "gb18030", encode(t, simplifiedchinese.GB18030, text)},
		{"gbk", "gb18030", encode(t, simplifiedchinese.GBK, text)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), "report.txt", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Status != StatusOK {
				t.Fatalf("Status = %s (%s), want ok", doc.Status, doc.Error)
			}
			if doc.Encoding != tt.enc {
				t.Errorf("Encoding = %q, want %q", doc.Encoding, tt.enc)
			}
			if len(doc.Pages) != 1 || doc.Pages[0] != text {
				t.Errorf("Pages = %q, want [%q]", doc.Pages, text)
			}
		})
	}
}

func TestReadTextLinesAndPages(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		pages []string
	}{
		{"crlf", "a\r\nb\r\n", []string{"a\nb\n"}},
		{"lone cr", "a\rb", []string{"a\nb"}},
		{"form feed splits pages", "p1\r\n\fp2\fp3", []string{"p1\n", "p2", "p3"}},
		{"tabs kept", "a\tb", []string{"a\tb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), "a.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(doc.Pages, "|") != strings.Join(tt.pages, "|") || len(doc.Pages) != len(tt.pages) {
				t.Errorf("Pages = %q, want %q", doc.Pages, tt.pages)
			}
		})
	}
}

func TestTextTitleAndDate(t *testing.T) {
	tests := []struct {
		name, in, title, date string
	}{
		{"front matter", "---\nlayout: post\ntitle: 陆家嘴财经早餐2024年8月16日\ndate: 2024-08-16 06:22\n---\n# 别的标题\n正文", "陆家嘴财经早餐2024年8月16日", "2024-08-16"},
		{"quoted title", "---\ntitle: \"年报\"\n---\n", "年报", ""},
		{"heading", "\n\n# 2020年年度报告\n正文", "2020年年度报告", "2020"},
		{"no title", "正文第一行\n第二行", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadBytes(context.Background(), "a.md", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title || doc.Date != tt.date {
				t.Errorf("Title/Date = %q/%q, want %q/%q", doc.Title, doc.Date, tt.title, tt.date)
			}
		})
	}
}

func TestPlausibleChinese(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"营业收入16.4亿元，同比增长12%。", true},
		{"plain ascii only", false},
		{"caf\u00e9 \u00e0 la \u00e7", false},
		{"\u7d8f\uFFFD\u4e00", false},
	}
	for _, tt := range tests {
		if got := plausibleChinese(tt.in); got != tt.want {
			t.Errorf("plausibleChinese(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestReadTextCutShort reads UTF-8 files cut short inside their last
// character: the text before it is read, with a warning; a file with a
// broken character elsewhere is still refused.
func TestReadTextCutShort(t *testing.T) {
	const text = "2020年营业收入16.4亿元。"
	full := []byte(text + "增")
	for cut := 1; cut <= 2; cut++ {
		data := full[:len(full)-cut]
		doc, err := ReadBytes(context.Background(), "report.txt", data)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Status != StatusOK || len(doc.Pages) != 1 || doc.Pages[0] != text {
			t.Errorf("cut %d: %s %q, pages %q; want ok with %q", cut, doc.Status, doc.Error, doc.Pages, text)
		}
		if want := "last " + string(rune('0'+3-cut)) + " byte(s)"; !strings.Contains(doc.Warning, want) {
			t.Errorf("cut %d: warning %q, want one saying %q", cut, doc.Warning, want)
		}
	}
	broken := append([]byte(text[:5]), text[6:]...)
	if doc, _ := ReadBytes(context.Background(), "report.txt", broken); doc.Status == StatusOK && doc.Warning != "" {
		t.Errorf("a character broken inside the text: read ok with warning %q", doc.Warning)
	}
}
