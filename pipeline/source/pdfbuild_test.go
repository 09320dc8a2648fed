package source

import (
	"bytes"
	"fmt"
)

// testPDF builds a small, well-formed PDF: objs are the bodies of objects
// 1…n (object 1 must be the catalog), trailerExtra is added to the trailer
// dictionary. Offsets in the xref table are computed, so the file opens in
// any reader.
func testPDF(objs []string, trailerExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

// stream wraps content as an uncompressed stream object body.
func stream(dict, content string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content)
}

// textPDF is a one-page PDF that shows lines in Helvetica, with an Info
// dictionary holding title and creation date.
func textPDF(title, created string, lines ...string) []byte {
	var content bytes.Buffer
	content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) Tj T*\n", l)
	}
	content.WriteString("ET")
	return testPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		stream("", content.String()),
		fmt.Sprintf("<< /Title (%s) /CreationDate (%s) >>", title, created),
	}, "/Info 6 0 R")
}

// imagePDF is a PDF whose pages only paint an image: no fonts, no text.
func imagePDF(pages int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	kids := ""
	// Object 3 is the image shared by all pages; pages start at 4.
	objs = append(objs, stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\x80"))
	for i := 0; i < pages; i++ {
		page := len(objs) + 1
		kids += fmt.Sprintf("%d 0 R ", page)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 3 0 R >> >> /Contents %d 0 R >>", page+1),
			stream("", "q 612 0 0 792 0 0 cm /Im0 Do Q"))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, pages)
	return testPDF(objs, "")
}

// encryptedPDF is textPDF behind the standard security handler with a user
// password we do not know: the O and U entries are not derived from the
// empty password, so no reader can open it without one.
func encryptedPDF() []byte {
	pad := "0123456789abcdef0123456789abcdef"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
		stream("", "BT ET"),
		fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O (%s) /U (%s) >>", pad, pad),
	}
	return testPDF(objs, "/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]")
}
