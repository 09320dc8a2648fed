package extractors

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"reportfacts/pipeline/text"
)

// hostileShapes generate texts of about n bytes that no report is made of
// but that a batch will meet; extraction must read each in time linear in
// its size.
var hostileShapes = []struct {
	name string
	gen  func(tb testing.TB, n int) string
}{
	// The seed report with its sentence ends and line breaks turned into
	// commas: one sentence as long as the file.
	{"oneline", func(tb testing.TB, n int) string {
		seed := seedText(tb)
		seed = strings.NewReplacer("\n", "，", "\f", "，", "。", "，", "；", "，", "！", "，", "？", "，").Replace(seed)
		return repeatTo(seed, n)
	}},
	// Figures and commas, no sentence end.
	{"denseline", func(tb testing.TB, n int) string {
		return repeatTo("2021年营业收入1554.17亿元，同比增长10.77%，市场成交额8804.2亿元，", n)
	}},
	// Short sentences in one paragraph.
	{"sentences", func(tb testing.TB, n int) string {
		return repeatTo("公司营业收入1554.17亿元。同比增长10.77%；该行存款余额8804.2亿元！", n)
	}},
	// Short lines, each a sentence with a figure.
	{"lines", func(tb testing.TB, n int) string {
		return repeatTo("2021年营业收入1554.17亿元\n同比增长10.77%\n", n)
	}},
	// A table of tab-separated numeric cells under a caption and a header
	// with a change column, rows of 12 cells.
	{"tabs", func(tb testing.TB, n int) string {
		var b strings.Builder
		b.WriteString("单位：元 币种：人民币\n项目\t2020年\t2019年\t本年比上年增减(%)\n")
		r := rand.New(rand.NewPCG(1, 2))
		for b.Len() < n {
			b.WriteString("营业收入")
			for range 12 {
				fmt.Fprintf(&b, "\t%d,%03d.%02d", r.IntN(1000), r.IntN(1000), r.IntN(100))
			}
			b.WriteString("\t12.5%\n")
		}
		return b.String()
	}},
	// The rows of such a table run together on one line.
	{"tabline", func(tb testing.TB, n int) string {
		head := "单位：元 币种：人民币\n项目\t2020年\t2019年\t本年比上年增减(%)\n"
		return head + repeatTo("营业收入\t1,234.56\t1,100.00\t12.3%\t", n-len(head))
	}},
	// Digits only.
	{"digits", func(tb testing.TB, n int) string { return repeatTo("1234567890", n) }},
	// Digits, points, commas and units run together.
	{"numberish", func(tb testing.TB, n int) string { return repeatTo("1,234.5.6%-7亿", n) }},
	// Han characters only: no digit, no punctuation.
	{"cjk", func(tb testing.TB, n int) string {
		return repeatTo(strings.Map(func(r rune) rune {
			if r >= 0x4e00 && r <= 0x9fff {
				return r
			}
			return -1
		}, seedText(tb)), n)
	}},
	// Latin words and numbers, no break.
	{"latin", func(tb testing.TB, n int) string {
		return repeatTo("Mate 60 Pro+ iPhone 15 revenue 1.5bn USD up 12% ", n)
	}},
	// Numbers set apart by blanks, no break.
	{"spaced", func(tb testing.TB, n int) string { return repeatTo("12 3.4 56% 7,890 ", n) }},
	// Markup: tags, digits and Han.
	{"markup", func(tb testing.TB, n int) string {
		return repeatTo("<td>营业收入</td><td>1,234.56</td><td>12.3%</td>", n)
	}},
	// Dates run together, no break.
	{"dates", func(tb testing.TB, n int) string { return repeatTo("2021年3月至2022年", n) }},
	// Rates of change without a basis, no break.
	{"rates", func(tb testing.TB, n int) string { return repeatTo("下降3%，上升2.5%，增长1倍，", n) }},
}

func seedText(tb testing.TB) string {
	tb.Helper()
	raw, err := os.ReadFile(seedReport)
	if err != nil {
		tb.Skipf("%s not available: %v", seedReport, err)
	}
	return string(raw)
}

// repeatTo repeats s to at most n bytes, cut at a rune boundary.
func repeatTo(s string, n int) string {
	// s is valid UTF-8: the cut can only leave a broken rune at the end.
	return strings.ToValidUTF8(strings.Repeat(s, n/len(s)+1)[:n], "")
}

// BenchmarkExtractHuge measures extraction of texts no report is made of,
// at three sizes: ns/byte stays flat where the cost is linear in the size.
// Run one shape with -bench 'ExtractHuge/oneline'.
func BenchmarkExtractHuge(b *testing.B) {
	if _, _, err := loadSegmenter(); err != nil {
		b.Fatal(err)
	}
	for _, sh := range hostileShapes {
		for _, n := range []int{64 << 10, 256 << 10, 1 << 20} {
			b.Run(fmt.Sprintf("%s/%dKB", sh.name, n>>10), func(b *testing.B) {
				src := sh.gen(b, n)
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := Extract(b.Context(), text.New([]string{src}), Options{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
			})
		}
	}
}

// lookCounter is a context that counts the looks at its Err and closes
// reached at the look numbered at.
type lookCounter struct {
	context.Context
	looks   atomic.Int64
	at      int64
	reached chan struct{}
}

func (c *lookCounter) Err() error {
	if c.looks.Add(1) == c.at {
		close(c.reached)
	}
	return c.Context.Err()
}

// TestExtractCancelled cancels the extraction of a huge text without a
// sentence end while it scans and while it attributes: it stops with the
// context's error, not when it is done.
func TestExtractCancelled(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts an 8 MB text")
	}
	if _, _, err := loadSegmenter(); err != nil {
		t.Fatal(err)
	}
	var src string
	for _, sh := range hostileShapes {
		if sh.name == "oneline" {
			src = sh.gen(t, 8<<20)
		}
	}
	tx := text.New([]string{src})
	scanLooks := int64(2 * (len(tx.Clean)/checkEvery + 1))
	for _, c := range []struct {
		name string
		at   int64 // the look after which to cancel
	}{
		{"scanning", 3},
		{"attributing", scanLooks + 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			lc := &lookCounter{Context: ctx, at: c.at, reached: make(chan struct{})}
			done := make(chan error, 1)
			go func() {
				_, err := Extract(lc, tx, Options{})
				done <- err
			}()
			select {
			case <-lc.reached:
			case err := <-done:
				t.Fatalf("Extract ended (%v) before its look %d, after %d", err, c.at, lc.looks.Load())
			}
			cancel()
			start := time.Now()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("Extract after cancel = %v, want context.Canceled", err)
				}
				t.Logf("stopped %v after the cancel, at look %d", time.Since(start), lc.looks.Load())
			case <-time.After(time.Minute):
				t.Fatal("Extract went on for a minute after its context was cancelled")
			}
		})
	}
}

// BenchmarkExtractLookGap reports the longest time extraction of a huge
// text goes without looking at its context: how long a cancelled
// extraction may still run.
func BenchmarkExtractLookGap(b *testing.B) {
	if _, _, err := loadSegmenter(); err != nil {
		b.Fatal(err)
	}
	for _, sh := range hostileShapes {
		b.Run(sh.name, func(b *testing.B) {
			tx := text.New([]string{sh.gen(b, 1<<20)})
			var gap time.Duration
			for b.Loop() {
				gc := &gapContext{Context: b.Context(), last: time.Now()}
				if _, err := Extract(gc, tx, Options{}); err != nil {
					b.Fatal(err)
				}
				gap = max(gap, gc.gap, time.Since(gc.last))
			}
			b.ReportMetric(float64(gap.Microseconds())/1000, "max-gap-ms")
		})
	}
}

// gapContext records the longest time between two looks at its Err.
type gapContext struct {
	context.Context
	last time.Time
	gap  time.Duration
}

func (c *gapContext) Err() error {
	now := time.Now()
	c.gap = max(c.gap, now.Sub(c.last))
	c.last = now
	return c.Context.Err()
}
