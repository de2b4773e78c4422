#!/usr/bin/env bash
# The exec benchmark (docs/performance.md, "## exec"): what a `uses: exec` step costs per document.
# Release build; the BBC stories as text files; parse alone against parse → exec with Python children
# that echo each line (raw, and through json.loads/dumps), with and without the token layer sent.
#
#   scripts/bench-exec.sh [CORPUS_FOLDER] [ROUNDS]     # default: ../shared/corpus/news-bbc, 3 rounds
#
# Prints, per pipeline and round, the report's wall seconds and the per-document overhead against the
# parse-only run of the same round.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/corpus/news-bbc}
rounds=${2:-3}
[ -d "$corpus" ] || { echo "no corpus folder at $corpus" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
swift build -c release --product pipeline >/dev/null
bin=$root/.build/release/pipeline

cat > "$work/echo_raw.py" <<'PY'
import sys
for line in sys.stdin:
    sys.stdout.write(line)
    sys.stdout.flush()
PY
cat > "$work/echo_json.py" <<'PY'
import json, sys
for line in sys.stdin:
    sys.stdout.write(json.dumps(json.loads(line)) + "\n")
    sys.stdout.flush()
PY
header="inputs:
  - path: $corpus/
steps:
  - uses: parse"
printf '%s\n' "$header" > "$work/parse.yaml"
printf '%s\n  - uses: exec\n    with: { command: [python3, echo_raw.py], timeout: 10s }\n' "$header" > "$work/raw.yaml"
printf '%s\n  - uses: exec\n    with: { command: [python3, echo_raw.py], timeout: 10s, send: [paragraphs, sentences] }\n' "$header" > "$work/raw-no-tokens.yaml"
printf '%s\n  - uses: exec\n    with: { command: [python3, echo_json.py], timeout: 10s }\n' "$header" > "$work/json.yaml"

for round in $(seq 1 "$rounds"); do
  for jobs in 1 2; do
    for p in parse raw raw-no-tokens json; do
      "$bin" run "$work/$p.yaml" -q --jobs "$jobs" --report "$work/$p.json" >/dev/null || true
    done
    python3 - "$work" "$round" "$jobs" <<'PY'
import json, sys
work, rnd, jobs = sys.argv[1:]
base = json.load(open(f"{work}/parse.json"))
print(f"round {rnd}, jobs {jobs}: parse {base['seconds']:.2f}s for {base['documents']['written']} docs")
for p in ["raw", "raw-no-tokens", "json"]:
    r = json.load(open(f"{work}/{p}.json"))
    n = max(1, r["documents"]["written"])
    extra = (r["seconds"] - base["seconds"]) / n * 1000
    print(f"  parse → exec {p:14} {r['seconds']:7.2f}s  written {r['documents']['written']:5}  +{extra:.2f} ms/doc")
PY
  done
done
