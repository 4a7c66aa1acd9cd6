#!/usr/bin/env bash
# Times `broadsheet diff` against ImageMagick's `compare -metric AE` on the same pairs of
# 2300×3200 px pages (a broadsheet page at 150 dpi), median of RUNS runs each, and prints both
# medians and the ratio. Both tools read the two PNGs and count differing pixels; neither
# writes a diff image. Pages are drawn with ImageMagick itself, so the script needs nothing
# else. Usage: bench_vs_imagemagick.sh [path/to/broadsheet]   (RUNS=N to change the run count)
set -euo pipefail

# Enough runs for a stable median on a shared 2-core machine, few enough to finish in ~a minute.
RUNS=${RUNS:-7}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
BROADSHEET=${1:-${BROADSHEET_BIN:-}}
if [[ -z "$BROADSHEET" ]]; then
  for c in "$REPO/.build-diff/release/broadsheet" "$REPO/.build/release/broadsheet"; do
    [[ -x "$c" ]] && { BROADSHEET=$c; break; }
  done
fi
[[ -x "${BROADSHEET:-}" ]] || { echo "no release broadsheet binary: swift build -c release, or pass its path" >&2; exit 2; }
# /usr/local/bin may hold a stand-in `convert`; use Debian's ImageMagick explicitly.
IM_CONVERT=/usr/bin/convert
IM_COMPARE=/usr/bin/compare
[[ -x $IM_COMPARE ]] || { echo "ImageMagick missing: apt-get install imagemagick" >&2; exit 2; }

WORK=$(mktemp -d)
trap '[[ -n "${KEEP:-}" ]] && cp "$WORK"/*.png "$KEEP"/; rm -rf "$WORK"' EXIT

# Six columns of body text, a headline and rules: about what a text-heavy page holds.
# Written as 8-bit RGB (PNG24), as a renderer writes pages; left to itself ImageMagick picks
# grey or 16-bit formats per file, and pairs would then differ in decoding cost.
make_page() { # out.png changed-word x-shift
  local out=$1 word=$2 shift=$3 args=() col
  for col in 0 1 2 3 4 5; do
    local text="$WORK/col$col-$word.txt"
    if [[ ! -f $text ]]; then
      for line in $(seq 1 118); do
        if [[ $col == 2 && $line == 40 ]]; then echo "press run $word the pages moved"
        else echo "Line $line of column $col: news typeset"; fi
      done > "$text"
    fi
    # Passed inline: Debian's ImageMagick policy forbids reading text from @files.
    args+=(-annotate "+$((60 + col * 370 + shift))+330" "$(cat "$text")")
  done
  $IM_CONVERT -size 2300x3200 xc:white -fill black -font DejaVu-Sans \
    -pointsize 96 -annotate "+$((80 + shift))+200" "BROADSHEET DAILY" \
    -draw "line 60,250 2240,250" -pointsize 15 "${args[@]}" "PNG24:$out"
}
make_page "$WORK/a.png" before 0
make_page "$WORK/b.png" after 0
make_page "$WORK/c.png" before 1

ms_now() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
time_runs() { # command...
  local i t0 t1
  for i in $(seq 1 "$RUNS"); do
    t0=$(ms_now); "$@" >/dev/null 2>&1 || true; t1=$(ms_now)
    echo $(( (t1 - t0) / 1000 ))
  done | median
}

printf "%-28s %14s %14s %8s %12s %12s\n" "pair (2300x3200 px)" "broadsheet ms" "compare AE ms" "ratio" "our count" "AE count"
total_ours=0; total_im=0
for pair in "identical a.png a.png" "one-paragraph a.png b.png" "shifted-1px a.png c.png"; do
  set -- $pair
  name=$1; A=$WORK/$2; B=$WORK/$3
  ours_us=$(time_runs "$BROADSHEET" diff "$A" "$B")
  im_us=$(time_runs $IM_COMPARE -metric AE "$A" "$B" null:)
  count=$( ("$BROADSHEET" diff "$A" "$B" --json || true) | awk -F': ' '/"differingPixels"/ {gsub(/,/, "", $2); print $2}')
  ae=$($IM_COMPARE -metric AE "$A" "$B" null: 2>&1 || true)
  printf "%-28s %14.1f %14.1f %7.1fx %12s %12s\n" "$name" "$(echo "$ours_us/1000" | bc -l)" \
    "$(echo "$im_us/1000" | bc -l)" "$(echo "$im_us/$ours_us" | bc -l)" "$count" "$ae"
  total_ours=$((total_ours + ours_us)); total_im=$((total_im + im_us))
done
printf "all pairs: broadsheet %.1f ms, ImageMagick %.1f ms: broadsheet is %.1fx faster (median of %d runs each)\n" \
  "$(echo "$total_ours/1000" | bc -l)" "$(echo "$total_im/1000" | bc -l)" "$(echo "$total_im/$total_ours" | bc -l)" "$RUNS"
"$BROADSHEET" diff "$WORK/a.png" "$WORK/b.png" --timing 2>&1 >/dev/null | sed 's/^/broadsheet one-paragraph pair, /'
