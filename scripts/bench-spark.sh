#!/usr/bin/env bash
# Throughput of the Spark driver against `pipeline run --jobs 2` on the same documents, in one session:
# 20,000 JSON Lines records (../shared/corpus/news-bbc.jsonl repeated with new ids, generated under /tmp),
# the news chain (parse, extract-entities, extract-quotes, JSON Lines). spark-submit is timed whole, JVM
# start-up included, in local[1] and local[2]. Release build. docs/scale-out.md has the figures.
#
#   scripts/bench-spark.sh [DOCS]        # PYTHON=… a python with pyspark and PyYAML
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCS="${1:-20000}"
BIN="$ROOT/.build/release/pipeline"
PYTHON="${PYTHON:-/tmp/pipeline-spark-venv/bin/python}"
export PYSPARK_PYTHON="$PYTHON" PYSPARK_DRIVER_PYTHON="$PYTHON"
[[ -x "$BIN" ]] || { echo "bench-spark: build first: swift build -c release" >&2; exit 1; }
SOURCE="$ROOT/../shared/corpus/news-bbc.jsonl"
[[ -f "$SOURCE" ]] || { echo "bench-spark: $SOURCE (shared test data) is absent" >&2; exit 1; }
SUBMIT="$("$PYTHON" -c 'import pyspark, os; print(os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit"))')"
WORK="$(mktemp -d /tmp/bench-spark.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" - "$SOURCE" "$WORK/docs.jsonl" "$DOCS" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
n, copy = int(sys.argv[3]), 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    written = 0
    while written < n:
        for line in lines:
            if written == n:
                break
            d = json.loads(line)
            d["id"] = f"copy{copy}/{d['id']}"
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            written += 1
        copy += 1
PY
cat > "$WORK/chain.yaml" <<YAML
inputs: ["$WORK/docs.jsonl"]
steps:
  - uses: parse
  - uses: extract-entities
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: out.jsonl }
YAML

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > "$WORK/last.log" 2>&1 || { tail -n 30 "$WORK/last.log"; exit 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
base=$(seconds "$BIN" run "$WORK/chain.yaml" --jobs 2 --quiet)
rate() { echo "scale=1; $DOCS / $1" | bc; }
echo "pipeline run --jobs 2: ${base}s, $(rate "$base") docs/s"
for master in 'local[1]' 'local[2]'; do
    s=$(seconds "$SUBMIT" --master "$master" --conf spark.ui.enabled=false --driver-memory 2g \
        "$ROOT/spark/pipeline_spark.py" --binary "$BIN" --pipeline "$WORK/chain.yaml" --input "$WORK/docs.jsonl" \
        --output "$WORK/spark-out")
    grep '^pipeline_spark:' "$WORK/last.log"
    echo "spark-submit --master $master: ${s}s, $(rate "$s") docs/s, $(echo "scale=2; $base / $s" | bc) of pipeline run --jobs 2"
done
"$PYTHON" "$ROOT/spark/compare_outputs.py" "$WORK/out.jsonl" "$WORK/spark-out" --fields text,entities,entity_table,quotes
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
