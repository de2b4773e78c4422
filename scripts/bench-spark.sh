#!/usr/bin/env bash
# Throughput of the Spark driver against `pipeline run --jobs 2` on the same documents and machine, in
# one session, runs alternated (Spark, pipeline run, Spark, pipeline run) so a change in the machine's
# load hits both: 20,000 JSON Lines records (../shared/corpus/news-bbc.jsonl repeated with new ids,
# generated under /tmp), then the 2,225 files of ../shared/corpus/news-bbc, then local[1] on those files
# for scaling.
# The news chain (parse, extract-entities, extract-quotes, JSON Lines). Each spark-submit is timed
# whole, JVM start-up included. Release build; outputs compared at the end. docs/scale-out.md has the
# figures.
#
#   flock /work/notes/bench.lock scripts/bench-spark.sh [DOCS]     # PYTHON=… a python with pyspark, PyYAML
#   ROUNDS=1 CASES="records scaling" scripts/bench-spark.sh          # fewer runs (default: 2 rounds, all cases)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCS="${1:-20000}"
ROUNDS="${ROUNDS:-2}"
CASES="${CASES:-records files scaling}"
BIN="${BIN:-$ROOT/.build/release/pipeline}"
PYTHON="${PYTHON:-/tmp/pipeline-spark-venv/bin/python}"
export PYSPARK_PYTHON="$PYTHON" PYSPARK_DRIVER_PYTHON="$PYTHON"
[[ -x "$BIN" ]] || { echo "bench-spark: build first: swift build -c release" >&2; exit 1; }
CORPUS="$ROOT/../shared/corpus"
[[ -f "$CORPUS/news-bbc.jsonl" && -d "$CORPUS/news-bbc" ]] || { echo "bench-spark: $CORPUS/news-bbc(.jsonl) (shared test data) is absent" >&2; exit 1; }
SUBMIT="$("$PYTHON" -c 'import pyspark, os; print(os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit"))')"
WORK="$(mktemp -d /tmp/bench-spark.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" - "$CORPUS/news-bbc.jsonl" "$WORK/docs.jsonl" "$DOCS" <<'PY'
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
chain() {
    cat > "$WORK/$1.yaml" <<YAML
inputs: ["$2"]
steps:
  - uses: parse
  - uses: extract-entities
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: $1-expected.jsonl }
YAML
}
chain records "$WORK/docs.jsonl"
chain files "$CORPUS/news-bbc"

load() { cut -d' ' -f1-3 /proc/loadavg; }
# Wall seconds; the CPU seconds of the whole process tree (JVM, Python workers, binaries) go to $WORK/cpu,
# a figure the neighbours' load does not change much. `perf stat` counts every descendant, also those
# Spark's Python daemon forks and never lets the JVM wait for; /usr/bin/time (the fallback) misses them.
seconds() {
    local t0 t1; t0=$(date +%s.%N)
    if command -v perf >/dev/null; then
        perf stat -x, -e task-clock -o "$WORK/cpu" "$@" > "$WORK/last.log" 2>&1 || { tail -n 30 "$WORK/last.log"; exit 1; }
    else
        /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" > "$WORK/last.log" 2>&1 || { tail -n 30 "$WORK/last.log"; exit 1; }
    fi
    t1=$(date +%s.%N); echo "$t1 - $t0" | bc
}
cpu() { awk -F, '/task-clock/ { printf "%.1f", $1 / 1000; found = 1 } !/task-clock|^#|^$/ && NF == 1 { split($0, t, " "); printf "%.1f", t[1] + t[2] }' "$WORK/cpu"; }
spark() { seconds "$SUBMIT" --master "$1" --conf spark.ui.enabled=false --driver-memory 2g \
        "$ROOT/spark/pipeline_spark.py" --binary "$BIN" --pipeline "$WORK/$2.yaml" --input "$3" --output "$WORK/$2-spark-$4"; }
rate() { echo "scale=1; $1 / $2" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

# bench NAME INPUT N: Spark local[2] then pipeline run --jobs 2, ROUNDS times
bench() {
    local name=$1 input=$2 n=$3 s p ratios=""
    echo "== $name: $n documents"
    for round in $(seq "$ROUNDS"); do
        echo "load $(load)"; s=$(spark 'local[2]' "$name" "$input" "$round"); grep '^pipeline_spark:' "$WORK/last.log"
        echo "spark-submit local[2]:  ${s}s, $(rate "$n" "$s") docs/s, $(cpu) CPU s   (load $(load))"
        p=$(seconds "$BIN" run "$WORK/$name.yaml" --jobs 2 --quiet)
        echo "pipeline run --jobs 2:  ${p}s, $(rate "$n" "$p") docs/s, $(cpu) CPU s   (load $(load))"
        ratios="$ratios $(ratio "$p" "$s")"
    done
    echo "Spark local[2] / pipeline run --jobs 2 throughput, each round:$ratios"
    "$PYTHON" "$ROOT/spark/compare_outputs.py" "$WORK/$name-expected.jsonl" "$WORK/$name-spark-1"
}
[[ " $CASES " == *" records "* ]] && bench records "$WORK/docs.jsonl" "$DOCS"
[[ " $CASES " == *" files "* ]] && bench files "$CORPUS/news-bbc" "$(find "$CORPUS/news-bbc" -type f ! -name '.*' | wc -l)"

if [[ " $CASES " == *" scaling "* ]]; then
    n=$(find "$CORPUS/news-bbc" -type f ! -name '.*' | wc -l)
    echo "== scaling with executors: the $n files, local[1] against local[2] above"
    s=$(spark 'local[1]' files "$CORPUS/news-bbc" 3)
    echo "spark-submit local[1]:  ${s}s, $(rate "$n" "$s") docs/s, $(cpu) CPU s   (load $(load))"
    p=$(seconds "$BIN" run "$WORK/files.yaml" --jobs 1 --quiet)
    echo "pipeline run --jobs 1:  ${p}s, $(rate "$n" "$p") docs/s, $(cpu) CPU s   (load $(load))"
    echo "Spark local[1] / pipeline run --jobs 1 throughput: $(ratio "$p" "$s")"
fi
