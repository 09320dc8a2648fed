# reportfacts: make run ingests the seeds and writes the workbook; make test
# vets and tests everything; make bench measures speed and memory.

GO      ?= go
BIN     := bin/reportfacts
DB      ?= reportfacts.db
XLSX    ?= reportfacts.xlsx
CORPUS  ?= ../shared/corpus
STATICCHECK_VERSION := v0.8.2

.PHONY: all build run test lint bench fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/reportfacts

# The main job: the seed reports into SQLite, then the editors' workbook.
run: build
	$(BIN) ingest --db $(DB) seeds/
	$(BIN) export --db $(DB) -o $(XLSX)
	@echo "wrote $(DB) and $(XLSX)"

test:
	test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo 'gofmt: files above need formatting'; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# Benchmarks: extraction speed, document and page rates beside pdftotext
# (installed from Debian's poppler-utils when missing; BenchmarkReadPDF ends
# with pages/s of each PDF beside pdftotext's and the ratio), then the
# corpus's annual reports as a user meets them (scripts/bench_corpus.sh):
# extract of each, cold, and ingest of them as a folder, beside pdftotext
# in the same run, and the peak memory of ingesting the whole corpus.
bench: build
	@command -v pdftotext >/dev/null || { echo "installing poppler-utils for pdftotext"; apt-get install -y -qq poppler-utils >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null); }
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@if [ -d $(CORPUS) ]; then \
		scripts/bench_corpus.sh $(BIN) $(CORPUS) || true; \
		rm -f /tmp/reportfacts-bench.db*; \
		/usr/bin/time -f 'peak RSS of ingest $(CORPUS): %M KB, %e s' $(BIN) ingest -q --db /tmp/reportfacts-bench.db $(CORPUS) || true; \
		rm -f /tmp/reportfacts-bench.db*; \
	else echo "$(CORPUS) absent: no corpus figures"; fi

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParseNumeral -fuzztime 30s ./extractors/
	$(GO) test -run '^$$' -fuzz FuzzExtract -fuzztime 30s ./extractors/
	$(GO) test -run '^$$' -fuzz FuzzNew -fuzztime 30s ./pipeline/text/
	$(GO) test -run '^$$' -fuzz FuzzReadBytes -fuzztime 30s ./pipeline/source/

clean:
	rm -rf bin $(DB) $(DB)-wal $(DB)-shm $(XLSX)
