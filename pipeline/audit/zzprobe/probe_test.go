package zzprobe

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"reportfacts/extractors"
	"reportfacts/pipeline/audit"
	"reportfacts/pipeline/source"
	"reportfacts/pipeline/store"
	"reportfacts/pipeline/text"
	"reportfacts/pipeline/workbook"
)

func TestProbe(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "/tmp/probe.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	paths := []string{"/work/main/seeds/000_dbf8deccee350033.txt"}
	m, _ := filepath.Glob("/work/shared/corpus/*")
	paths = append(paths, m...)
	for _, p := range paths {
		if filepath.Base(p) == "MANIFEST.md" {
			continue
		}
		doc, err := source.Read(ctx, p)
		if err != nil {
			t.Logf("read %s: %v", p, err)
			continue
		}
		var facts []extractors.Fact
		if doc.Status == source.StatusOK {
			facts, err = extractors.Extract(ctx, text.New(doc.Pages), extractors.Options{DocumentDate: doc.Date})
			if err != nil {
				t.Logf("extract %s: %v", p, err)
				continue
			}
		}
		if _, err := st.SaveDocument(ctx, doc, facts); err != nil {
			t.Logf("save %s: %v", p, err)
		}
	}
	rep, err := audit.Run(ctx, st, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/probe_audit.txt")
	audit.WriteTable(f, rep)
	f.Close()
	f, _ = os.Create("/tmp/probe_audit.jsonl")
	audit.WriteJSONL(f, rep)
	f.Close()
	f, _ = os.Create("/tmp/probe_audit.xlsx")
	audit.WriteWorkbook(f, rep)
	f.Close()
	f, _ = os.Create("/tmp/probe_facts.xlsx")
	if err := workbook.ExportStore(ctx, f, st, store.FactFilter{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
