package source

import (
	"context"
	"flag"
	"strings"
	"testing"
)

// FuzzReadBytes checks that no input, in any supported format, panics,
// returns an error, or yields a Document that breaks its promises.
func FuzzReadBytes(f *testing.F) {
	f.Add(uint8(0), textPDF("T", "D:20210415", "Revenue 1,554.17"))
	f.Add(uint8(0), imagePDF(2))
	f.Add(uint8(0), encryptedPDF())
	f.Add(uint8(1), []byte("营业收入\r\n16.4亿元\f第二页"))
	f.Add(uint8(2), []byte(`<h>标题</h><br/><table><tr><td>1</td><td>2</td></tr></table>`))
	f.Add(uint8(3), docxOf(f, `<w:p><w:r><w:t>正文</w:t></w:r></w:p>`, ""))
	names := []string{"a.pdf", "a.txt", "a.html", "a.docx"}
	if fl := flag.Lookup("test.fuzz"); fl != nil && fl.Value.String() != "" {
		// Start PDFium before fuzzing: its seconds of start-up in the
		// first input would pass for a hang.
		inst, err := pdfiumInstance(context.Background())
		if err != nil {
			f.Fatal(err)
		}
		if err := inst.Close(); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := names[int(kind)%len(names)]
		doc, err := ReadBytes(context.Background(), name, data)
		if err != nil {
			t.Fatalf("ReadBytes(%s): error %v", name, err)
		}
		switch doc.Status {
		case StatusOK, StatusNoText:
		case StatusFailed:
			if doc.Error == "" {
				t.Fatal("failed without a reason")
			}
		default:
			t.Fatalf("Status = %q", doc.Status)
		}
		for i, p := range doc.Pages {
			if strings.ContainsRune(p, '\f') {
				t.Fatalf("page %d holds a form feed", i+1)
			}
		}
	})
}
