#!/usr/bin/env bash
# Framescope benchmark: one command, all figures.
#   bash bench/run.sh            10 MB and 100 MB corpora
#   BENCH_1GB=1 bash bench/run.sh   also 1 GB (needs ~6 GB of disk and time)
# Prints, per corpus size: import, count and frames throughput (MB/s) and peak
# memory (RSS), the project's open and save times; the same per-document actor
# counting by ripgrep (one alternation per actor) and by a Python `re` script,
# with the ratios; then the UI frame times in every view with 50,000 documents
# (headless) and that project's save and open times. Needs: ripgrep, python3,
# GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rg >/dev/null || { echo "install ripgrep (apt-get install ripgrep)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "install GNU time (apt-get install time)" >&2; exit 1; }

cargo build --release --quiet
cargo build --release --quiet --example project_io
bin=target/release/framescope
work=${BENCH_DIR:-$(mktemp -d)}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm)"
echo "work folder: $work"

# measure LABEL BYTES CMD… — runs CMD $RUNS times, prints the median seconds,
# MB/s and the highest peak RSS. Short runs vary by ±25 % on a shared VM
# (page cache, scheduling), so the small corpora are timed three times.
measure() {
    local label=$1 bytes=$2; shift 2
    : > "$work/times"
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
            cat "$work/stderr" >&2; exit 1; }
        cat "$work/time" >> "$work/times"
    done
    read -r secs rss_kb < <(sort -n "$work/times" | awk '
        { s[NR] = $1; if ($2 > r) r = $2 } END { print s[int((NR + 1) / 2)], r }')
    LAST_SECS=$secs
    awk -v l="$label" -v s="$secs" -v b="$bytes" -v r="$rss_kb" -v n="$RUNS" 'BEGIN {
        if (s < 0.01) s = 0.01;
        printf "  %-28s %8.2f s %9.1f MB/s   peak RSS %7.0f MB (%.2f× corpus)%s\n",
               l, s, b / 1e6 / s, r / 1024, r * 1024 / b, (n > 1 ? "  median of " n : "") }'
}

$bin dict export -o "$work/dict.tsv" >/dev/null
sizes="10MB 100MB"
[ "${BENCH_1GB:-0}" = 1 ] && sizes="$sizes 1GB"
for size in $sizes; do
    dir="$work/corpus-$size"
    [ -d "$dir" ] || $bin bench-corpus --size "$size" --seed 42 -o "$dir" >/dev/null
    bytes=$(du -sb "$dir" | cut -f1)
    files=$(find "$dir" -type f | wc -l)
    RUNS=${BENCH_RUNS:-$([ "$bytes" -lt 500000000 ] && echo 3 || echo 1)}
    echo "== $size corpus: $files files, $((bytes / 1000000)) MB"
    # Each import writes a new project (an existing one would be backed up first).
    measure "import (→ project)" "$bytes" sh -c 'rm -f "$1" "$1.bak" && exec "$2" import "$3" -o "$1"' \
        import "$work/project-$size.ron" "$bin" "$dir"
    measure "count (files, by document)" "$bytes" $bin count "$dir" --format csv
    fs=$LAST_SECS
    measure "count (project)" "$bytes" $bin count "$work/project-$size.ron" --format csv
    measure "frames (project)" "$bytes" $bin frames "$work/project-$size.ron" --format csv
    echo "  project: $(target/release/examples/project_io "$work/project-$size.ron")"
    # ripgrep: one case-insensitive whole-word alternation per actor, counts per file.
    rg_cmd="$work/rg.sh"
    {
        echo "set -e"
        awk -F'\t' 'NR > 1 && $1 != "" && $2 != "" {
            p = $2; gsub(/[.^$|()\[\]{}+?\\]/, "\\\\&", p); sub(/\*$/, "\\w*", p);
            alt[$1] = (alt[$1] == "" ? p : alt[$1] "|" p) }
            END { for (a in alt) printf "rg --count-matches -i -w -e \"%s\" \"$1\" >/dev/null || true\n", alt[a] }' \
            "$work/dict.tsv"
    } > "$rg_cmd"
    measure "ripgrep (same aliases)" "$bytes" bash "$rg_cmd" "$dir"
    rs=$LAST_SECS
    measure "python re (same aliases)" "$bytes" python3 bench/baseline.py "$work/dict.tsv" "$dir"
    ps=$LAST_SECS
    awk -v f="$fs" -v r="$rs" -v p="$ps" 'BEGIN {
        printf "  throughput Framescope / ripgrep = %.2f, Framescope / Python = %.1f\n", r / f, p / f }'
done

echo "== UI frame times, 50,000 documents (headless, egui layout per frame)"
cargo bench --quiet --bench ui_frames 2>/dev/null | sed 's/^/  /'
