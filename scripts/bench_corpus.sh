#!/usr/bin/env bash
# bench_corpus.sh BIN CORPUS: the corpus's annual reports (CORPUS/ar20*.pdf)
# read by reportfacts beside poppler's pdftotext, in the same run, median
# of RUNS (3) runs each:
#   - extract of each report, cold (a new process; the caches of PDFium and
#     the segmenter filled by a first run, as on any machine after its first);
#   - ingest of the reports as one folder (default workers), with peak RSS,
#     beside pdftotext run on the same files one after another.
# It prints seconds and the ratio reportfacts / pdftotext.
set -euo pipefail

bin=${1:?usage: bench_corpus.sh BIN CORPUS}
corpus=${2:?usage: bench_corpus.sh BIN CORPUS}
runs=${RUNS:-3}
command -v pdftotext >/dev/null || { echo "bench_corpus: pdftotext not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench_corpus: /usr/bin/time not installed" >&2; exit 1; }

shopt -s nullglob
reports=("$corpus"/ar20*.pdf)
if [ ${#reports[@]} -eq 0 ]; then
	echo "bench_corpus: no annual reports (ar20*.pdf) in $corpus" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/reports"
cp "${reports[@]}" "$work/reports/"

# median of the numbers on standard input
median() { sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# seconds (and peak RSS in KB) of a command: "SECONDS KB"
timed() { /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }; cat "$work/time"; }

# A first run fills the caches (PDFium's compiled module, the segmenter's
# dictionary) if this machine has none yet.
first=$(timed "$bin" extract "${reports[0]}")
echo "first extract on this machine or after a cache change: ${first%% *} s (${reports[0]##*/})"
echo

printf '%-45s %6s %10s %10s %7s\n' "extract, cold (median of $runs)" pages reportfacts pdftotext ratio
for r in "${reports[@]}"; do
	rf=$(for _ in $(seq "$runs"); do timed "$bin" extract "$r" | cut -d' ' -f1; done | median)
	pt=$(for _ in $(seq "$runs"); do timed pdftotext -q "$r" /dev/null | cut -d' ' -f1; done | median)
	pages=$(pdfinfo "$r" 2>/dev/null | awk '/^Pages:/ {print $2}')
	printf '%-45s %6s %9ss %9ss %6.2fx\n' "${r##*/}" "${pages:-?}" "$rf" "$pt" "$(awk -v a="$rf" -v b="$pt" 'BEGIN {print a / b}')"
done
echo

ingest_s=() rss=()
for _ in $(seq "$runs"); do
	rm -f "$work"/bench.db*
	out=$(timed "$bin" ingest -q --db "$work/bench.db" "$work/reports")
	ingest_s+=("${out%% *}") rss+=("${out##* }")
done
poppler_s=()
for _ in $(seq "$runs"); do
	start=$(date +%s.%N)
	for r in "$work"/reports/*.pdf; do pdftotext -q "$r" /dev/null; done
	poppler_s+=("$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')")
done
ing=$(printf '%s\n' "${ingest_s[@]}" | median)
pop=$(printf '%s\n' "${poppler_s[@]}" | median)
peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
echo "ingest of ${#reports[@]} annual reports as one folder (median of $runs): ${ing} s, peak RSS $((peak / 1024)) MB"
echo "pdftotext on the same files one after another (median of $runs): ${pop} s"
echo "ratio: $(awk -v a="$ing" -v b="$pop" 'BEGIN {printf "%.2f", a / b}')x"
