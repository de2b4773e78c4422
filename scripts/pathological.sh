#!/usr/bin/env bash
# Times the release `pipeline` on pathological documents through the whole chain
# parse → extract-entities → extract-quotes → export (jsonl). Each must finish within a few seconds, in time
# linear in its size: the script runs every case at full size and at a tenth, and prints the ratio
# (about 10 is linear; much more is super-linear). Exits non-zero when a case fails, exceeds LIMIT seconds
# (default 10) or scales worse than 25x for 10x input.
#
#   scripts/pathological.sh            # builds release first
#   LIMIT=5 scripts/pathological.sh
#   PIPELINE_BIN=.build/debug/pipeline SCALE=10 LIMIT=60 scripts/pathological.sh   # a tenth of the sizes, debug
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIMIT=${LIMIT:-10}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pipeline-pathological.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# PIPELINE_BIN: time another build (a debug binary shows the same scaling, slower); SCALE: divide every size.
if [ -z "${PIPELINE_BIN:-}" ]; then (cd "$ROOT" && swift build -c release --product pipeline >/dev/null); fi
BIN=${PIPELINE_BIN:-$ROOT/.build/release/pipeline}
BASE=${SCALE:-1}

# gen NAME SCALE: writes the case NAME at SCALE (1 = full size, 10 = a tenth) to $WORK/in-SCALE/NAME.{txt,html}
gen() {
    python3 - "$1" "$2" "$WORK/in-$2" <<'PY'
import sys, os
name, scale, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
def n(x): return max(1, x // scale)
ext, text = "txt", None
if name == "long-line":        # 10 MB of ordinary prose on one line, no paragraph or line break
    unit = 'The Prime Minister said "we will not stop" on Tuesday, according to John Smith of Reuters. '
    text = unit * n(10_000_000 // len(unit))
elif name == "quote-marks":    # 100,000 quotation marks
    text = '"' * n(100_000)
elif name == "quote-pairs":    # 100,000 alternating quotation marks with words between
    text = '"Yes," said Smith. ' * n(50_000)
elif name == "nested-html":    # 100,000 levels of nested elements
    ext = "html"
    k = n(100_000)
    text = "<html><body>" + "<div>" * k + "<p>Deep text said Smith.</p>" + "</div>" * k + "</body></html>"
elif name == "repeated-word":  # 1 MB of one word
    text = "buffalo " * n(1_000_000 // 8)
elif name == "capitals":       # a long run of capitalised words (one huge name candidate)
    text = "Alpha Beta Gamma Delta Epsilon Zeta " * n(1_000_000 // 36)
elif name == "upper":          # 1 MB of capital letters without spaces
    text = "A" * n(1_000_000)
elif name == "periods":        # 1 MB of periods
    text = "." * n(1_000_000)
elif name == "dashes":         # 1 MB of dashes, em dashes between words
    text = ("-" * 1000 + " — word — ") * n(1_000)
elif name == "apostrophes":    # 1 MB of apostrophes and curly quotes
    text = "'’‘“”" * n(1_000_000 // 14)
with open(os.path.join(out, f"{name}.{ext}"), "w") as f:
    f.write(text)
PY
}

CASES="long-line quote-marks quote-pairs nested-html repeated-word capitals upper periods dashes apostrophes"
status=0
printf '%-15s %10s %10s %10s %7s\n' case bytes "full (s)" "tenth (s)" ratio
for name in $CASES; do
    declare -A secs=()
    for scale in 10 1; do
        gen "$name" "$((scale * BASE))"
        file=$(ls "$WORK/in-$((scale * BASE))/$name".*)
        cat > "$WORK/$name-$scale.yaml" <<YAML
inputs:
  - path: $file
steps:
  - uses: parse
  - uses: extract-entities
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: $WORK/out-$name-$scale.jsonl }
settings:
  step_timeout: 120
YAML
        start=$(date +%s.%N)
        if ! "$BIN" run "$WORK/$name-$scale.yaml" --quiet > "$WORK/$name-$scale.log" 2>&1; then
            echo "!! $name (1/$scale): the run failed:"; tail -5 "$WORK/$name-$scale.log"; status=1
        fi
        secs[$scale]=$(echo "$(date +%s.%N) - $start" | bc)
        lines=$(wc -l < "$WORK/out-$name-$scale.jsonl" 2>/dev/null || echo 0)
        [ "$lines" = 1 ] || { echo "!! $name (1/$scale): expected one document out, got $lines"; status=1; }
    done
    bytes=$(stat -c %s "$file")
    ratio=$(echo "scale=1; ${secs[1]} / (${secs[10]} + 0.001)" | bc)
    printf '%-15s %10d %10.2f %10.2f %7s\n' "$name" "$bytes" "${secs[1]}" "${secs[10]}" "$ratio"
    if (( $(echo "${secs[1]} > $LIMIT" | bc) )); then echo "!! $name took over ${LIMIT}s"; status=1; fi
    if (( $(echo "${secs[1]} > 1 && $ratio > 25" | bc) )); then echo "!! $name scales super-linearly"; status=1; fi
done
exit $status
