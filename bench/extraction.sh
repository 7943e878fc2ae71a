#!/usr/bin/env bash
# Body extraction on trafilatura's public evaluation set.
#   bash bench/extraction.sh PATH_TO_TRAFILATURA_CHECKOUT [--pages N] [--list]
# Imports every page named in the checkout's tests/evaldata.json (990 pages
# from tests/cache/ and tests/eval/) with Framescope, exports the documents
# and scores them with the rules of the checkout's tests/eval_common.py: per
# page, each "with" snippet found in the output (whitespace-normalised
# substring) is a true positive, each "without" snippet found is a false
# positive; precision, recall and F1 over all snippets. Two outputs are
# scored: the extracted text (the document as imported) and the body
# Framescope counts. Pages that give no document are listed. Nothing from the
# checkout is copied into this repository. Needs python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
checkout=${1:?usage: bash bench/extraction.sh PATH_TO_TRAFILATURA_CHECKOUT [--pages N] [--list]}
shift
checkout="$(cd "$checkout" && pwd)"
[ -f "$checkout/tests/evaldata.json" ] || { echo "no tests/evaldata.json in $checkout" >&2; exit 1; }
cd "$here"
cargo build --release --quiet
# EXTRACTION_DIR keeps the imported project and the exported documents.
if [ -n "${EXTRACTION_DIR:-}" ]; then
    work=$EXTRACTION_DIR
    rm -rf "$work/pages"
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
python3 bench/extraction.py link "$checkout" "$work/pages" "$@"
start=$(date +%s.%N)
target/release/framescope import "$work/pages" -o "$work/pages.ron" --name extraction > "$work/report.txt"
end=$(date +%s.%N)
target/release/framescope export "$work/pages.ron" --what documents --format jsonl \
    -o "$work/documents.jsonl" > /dev/null
awk -v s="$start" -v e="$end" 'BEGIN { printf "import of the pages: %.2f s\n", e - s }'
python3 bench/extraction.py score "$checkout" "$work/pages" "$work/documents.jsonl" "$work/report.txt" "$@"
