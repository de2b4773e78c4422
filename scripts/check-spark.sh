#!/usr/bin/env bash
# The Spark driver (spark/pipeline_spark.py) in local[2] against `pipeline run` on the same input: same
# ids, text, metadata, entities and quotes, order aside, no document lost or twice. Also: a document
# that kills the binary is isolated and rejected while the rest of its batch is written; JSON Lines and
# Parquet inputs; Parquet output; a second run over the same OUTDIR replaces it.
#
#   scripts/check-spark.sh [BINARY]     # default: .build/release/pipeline, else .build/debug/pipeline
#
# Needs Java 17 (`java -version`) and pyspark 4.x with PyYAML (pip install 'pyspark>=4,<5' pyyaml); set
# PYTHON to a python that has them (default: python3, or /tmp/pipeline-spark-venv if it exists).
# Reads ../shared/corpus (news-bbc); skips with a message where it is absent. Writes only under a
# temporary folder. Takes about two minutes on two cores.
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
submit --pipeline "$WORK/files.yaml" --input "$GLOB" --output "$WORK/out-files" --partitions 4 --batch-size 60
compare "$WORK/files-expected.jsonl" "$WORK/out-files"
ls "$WORK/out-files/_rejected" >/dev/null

step "a document that kills the binary is rejected alone; the others of its batch are written"
mkdir -p "$WORK/crash/in/sub"
for f in "$CORPUS"/news-bbc/bbc-politics-00*.txt; do cp "$f" "$WORK/crash/in/sub/"; done
printf 'Headline\n\nThis story makes the binary crash: KILL-THE-BINARY.\n' > "$WORK/crash/in/sub/poison.txt"
# A stand-in for a binary with a crashing bug: it dies by SIGSEGV whenever its batch holds the marker.
cat > "$WORK/crashing-pipeline" <<SH
#!/usr/bin/env bash
if [[ "\${PIPELINE_SPARK_INPUT:-}" != "-" ]] && grep -rqs KILL-THE-BINARY "\${PIPELINE_SPARK_INPUT:-/nonexistent}"; then kill -SEGV \$\$; fi
exec "$BIN" "\$@"
SH
chmod +x "$WORK/crashing-pipeline"
pipeline crash "$WORK/crash/in"
SAVED="$BIN"; BIN="$WORK/crashing-pipeline"
submit --pipeline "$WORK/crash.yaml" --input "$WORK/crash/in" --output "$WORK/out-crash" --partitions 2 --batch-size 40
BIN="$SAVED"
"$PYTHON" - "$WORK" <<'PY'
import glob, json, sys
work = sys.argv[1]
rejected = [json.loads(l) for f in glob.glob(f"{work}/out-crash/_rejected/part-*") for l in open(f) if l.strip()]
assert [r["id"] for r in rejected] == ["sub/poison"], rejected
assert "SIGSEGV" in rejected[0]["reason"], rejected[0]
print("rejected:", rejected[0]["id"], "-", rejected[0]["reason"][:80])
PY
grep -v KILL-THE-BINARY "$WORK/crash-expected.jsonl" > "$WORK/crash-survivors.jsonl"
compare "$WORK/crash-survivors.jsonl" "$WORK/out-crash"

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
