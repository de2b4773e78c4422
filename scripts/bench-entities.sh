#!/usr/bin/env bash
# Release benchmark of extract-entities against parse alone, in the same run, one core (jobs: 1).
# Usage: scripts/bench-entities.sh [CORPUS.jsonl] [RUNS]   (default ../shared/corpus/news-bbc.jsonl, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=$(realpath "${1:-$ROOT/../shared/corpus/news-bbc.jsonl}")
RUNS=${2:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product pipeline >&2
for steps in "parse" "parse extract-entities"; do
  name=$(echo "$steps" | tr ' ' '+')
  { echo "name: bench"; echo "inputs:"; echo "  - { path: $CORPUS, format: jsonl }"; echo "steps:"
    for s in $steps; do echo "  - uses: $s"; done
    echo "settings: { jobs: 1 }"; } > "$WORK/$name.yaml"
done
for r in $(seq "$RUNS"); do
  echo "run $r"
  "$ROOT/.build/release/pipeline" run "$WORK/parse.yaml" 2>&1 | grep -E "^ +parse " | sed 's/^/  parse alone:   /'
  "$ROOT/.build/release/pipeline" run "$WORK/parse+extract-entities.yaml" 2>&1 | grep -E "^ +(parse|extract-entities) " | sed 's/^/  with entities: /'
done
