#!/usr/bin/env bash
# The Spark driver (spark/pipeline_spark.py) in local[2] against `pipeline run` on the same input: same
# ids, text, metadata, entities and quotes, order aside, no document lost or twice. Also: a document
# that kills the binary (a file, or a record mid-stream) is isolated and rejected while the rest of its
# partition is written; JSON Lines and Parquet inputs; Parquet output; a second run over the same
# OUTDIR replaces it.
#
#   scripts/check-spark.sh [BINARY]     # default: .build/release/pipeline, else .build/debug/pipeline
#
# Needs Java 17 (`java -version`) and pyspark 4.x with PyYAML (pip install 'pyspark>=4,<5' pyyaml); set
# PYTHON to a python that has them (default: python3, or /tmp/pipeline-spark-venv if it exists).
# Reads ../shared/corpus (news-bbc); skips with a message where it is absent. Writes only under a
# temporary folder. Six spark-submit runs: see docs/scale-out.md for how long it takes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$ROOT/../shared/corpus"
BIN="${1:-}"
if [[ -z "$BIN" ]]; then
    for b in "$ROOT/.build/release/pipeline" "$ROOT/.build/debug/pipeline"; do [[ -x "$b" ]] && { BIN="$b"; break; }; done
fi
[[ -x "$BIN" ]] || { echo "check-spark: no pipeline binary; run swift build first" >&2; exit 1; }
if [[ -z "${PYTHON:-}" ]]; then
    PYTHON=python3
    [[ -x /tmp/pipeline-spark-venv/bin/python ]] && PYTHON=/tmp/pipeline-spark-venv/bin/python
fi
export PYSPARK_PYTHON="$PYTHON" PYSPARK_DRIVER_PYTHON="$PYTHON"
"$PYTHON" -c 'import pyspark, yaml' || { echo "check-spark: $PYTHON lacks pyspark or PyYAML: pip install 'pyspark>=4,<5' pyyaml" >&2; exit 1; }
if [[ ! -d "$CORPUS/news-bbc" || ! -f "$CORPUS/news-bbc.jsonl" ]]; then
    echo "check-spark: SKIPPED: $CORPUS/news-bbc and news-bbc.jsonl (the project's shared test data) are absent"
    exit 0
fi
SUBMIT="$("$PYTHON" -c 'import pyspark, os; print(os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit"))')"
WORK="$(mktemp -d /tmp/check-spark.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }
submit() { "$SUBMIT" --master 'local[2]' --conf spark.ui.enabled=false "$ROOT/spark/pipeline_spark.py" --binary "$BIN" "$@" > "$WORK/driver.log" 2>&1 || { tail -n 40 "$WORK/driver.log"; exit 1; }; grep '^pipeline_spark:' "$WORK/driver.log"; }
compare() { "$PYTHON" "$ROOT/spark/compare_outputs.py" "$@"; }

# The pipeline under test: the shipped news chain, pointed at the input under test.
pipeline() {
    cat > "$WORK/$1.yaml" <<YAML
inputs:
  - path: "$2"
steps:
  - uses: parse
  - uses: extract-entities
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: $1-expected.jsonl }
settings: { on_error: skip }
YAML
    "$BIN" run "$WORK/$1.yaml" --quiet
}

step "files: 401 BBC tech stories (a glob), pipeline run vs spark-submit local[2]"
GLOB="$CORPUS/news-bbc/bbc-tech-*.txt"
pipeline files "$GLOB"
submit --pipeline "$WORK/files.yaml" --input "$GLOB" --output "$WORK/out-files" --partitions 4
compare "$WORK/files-expected.jsonl" "$WORK/out-files"
ls "$WORK/out-files/_rejected" >/dev/null

# (An absolute interpreter: a pyenv shim would cost a start-up per bisection run.)
PYABS="$("$PYTHON" -c 'import sys; print(sys.executable)')"
# A stand-in for a binary with a crashing bug: it dies by SIGSEGV on a document holding the marker. Over
# a folder it dies before writing anything; on stdin it passes the records on to the real binary and,
# at the marker, kills it (losing the output it had not flushed yet) and itself.
cat > "$WORK/crashing-pipeline" <<PY
#!$PYABS
import os, signal, subprocess, sys
marker = b"KILL-THE-BINARY"
given = os.environ.get("PIPELINE_SPARK_INPUT", "")
def die():
    os.kill(os.getpid(), signal.SIGSEGV)
if sys.argv[1] != "run":
    os.execv("$BIN", ["$BIN"] + sys.argv[1:])
if given != "-":
    for folder, _, names in os.walk(given or "/nonexistent"):
        if any(marker in open(os.path.join(folder, n), "rb").read() for n in names):
            die()
    os.execv("$BIN", ["$BIN"] + sys.argv[1:])
child = subprocess.Popen(["$BIN"] + sys.argv[1:], stdin=subprocess.PIPE)
for line in sys.stdin.buffer:
    if marker in line:
        child.kill()
        die()
    child.stdin.write(line)
child.stdin.close()
sys.exit(child.wait())
PY
chmod +x "$WORK/crashing-pipeline"

step "a file that kills the binary is rejected alone; the other files of its partition are written"
mkdir -p "$WORK/crash/in/sub"
for f in "$CORPUS"/news-bbc/bbc-politics-00*.txt; do cp "$f" "$WORK/crash/in/sub/"; done
printf 'Headline\n\nThis story makes the binary crash: KILL-THE-BINARY.\n' > "$WORK/crash/in/sub/poison.txt"
pipeline crash "$WORK/crash/in"
SAVED="$BIN"; BIN="$WORK/crashing-pipeline"
submit --pipeline "$WORK/crash.yaml" --input "$WORK/crash/in" --output "$WORK/out-crash" --partitions 2
BIN="$SAVED"
only_rejected() {
    "$PYTHON" - "$1" "$2" <<'CHECK'
import glob, json, sys
rejected = [json.loads(l) for f in glob.glob(f"{sys.argv[1]}/_rejected/part-*") for l in open(f) if l.strip()]
assert [r["id"] for r in rejected] == [sys.argv[2]], rejected
assert "SIGSEGV" in rejected[0]["reason"], rejected[0]
print("rejected:", rejected[0]["id"], "-", rejected[0]["reason"][:80])
CHECK
}
only_rejected "$WORK/out-crash" sub/poison
grep -v KILL-THE-BINARY "$WORK/crash-expected.jsonl" > "$WORK/crash-survivors.jsonl"
compare "$WORK/crash-survivors.jsonl" "$WORK/out-crash"

step "a record that kills the binary mid-stream is rejected alone; the stream goes on in a new process"
{ head -n 150 "$CORPUS/news-bbc.jsonl"
  echo '{"id": "poison", "text": "This story makes the binary crash: KILL-THE-BINARY."}'
  sed -n 151,300p "$CORPUS/news-bbc.jsonl"; } > "$WORK/stream.jsonl"
pipeline stream "$WORK/stream.jsonl"
BIN="$WORK/crashing-pipeline"
submit --pipeline "$WORK/stream.yaml" --input "$WORK/stream.jsonl" --output "$WORK/out-stream" --partitions 2
BIN="$SAVED"
only_rejected "$WORK/out-stream" poison
grep -v KILL-THE-BINARY "$WORK/stream-expected.jsonl" > "$WORK/stream-survivors.jsonl"
compare "$WORK/stream-survivors.jsonl" "$WORK/out-stream"

step "JSON Lines input: 300 BBC records, and Parquet output"
head -n 300 "$CORPUS/news-bbc.jsonl" > "$WORK/records.jsonl"
pipeline records "$WORK/records.jsonl"
submit --pipeline "$WORK/records.yaml" --input "$WORK/records.jsonl" --output "$WORK/out-records"
compare "$WORK/records-expected.jsonl" "$WORK/out-records"
submit --pipeline "$WORK/records.yaml" --input "$WORK/records.jsonl" --output "$WORK/out-records" --format parquet
"$PYTHON" - "$WORK" <<'PY'
import json, sys
from pyspark.sql import SparkSession
work = sys.argv[1]
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
rows = spark.read.parquet(f"{work}/out-records").collect()
expected = {d["id"]: d for d in map(json.loads, open(f"{work}/records-expected.jsonl"))}
assert len(rows) == len(expected) == len({r.id for r in rows}), (len(rows), len(expected))
for r in rows:
    e = expected[r.id]
    assert r.text == e["text"], r.id
    assert [(m.start, m.end, m.label) for m in r.entities] == [(m["start"], m["end"], m["label"]) for m in e["entities"]], r.id
    assert [q.text for q in r.quotes] == [q["text"] for q in e["quotes"]], r.id
print(f"parquet: the same {len(rows)} documents, entities and quotes (a re-run replaced the JSON Lines output)")
PY

step "Parquet input with id and text columns"
"$PYTHON" - "$WORK" <<'PY'
import sys
from pyspark.sql import SparkSession
work = sys.argv[1]
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
spark.read.json(f"{work}/records.jsonl").select("id", "title", "text").write.parquet(f"{work}/records.parquet")
PY
submit --pipeline "$WORK/records.yaml" --input "$WORK/records.parquet" --output "$WORK/out-parquet-in"
compare "$WORK/records-expected.jsonl" "$WORK/out-parquet-in" --fields text,entities,entity_table,quotes

step "done: the Spark driver writes what pipeline run writes"
