#!/usr/bin/env bash
# Scores parse's HTML main-text extraction on the article-extraction benchmark's dev pages.
#
#   scripts/eval-html.sh [EVAL_DIR]     (default: ../shared/eval/html beside the repository)
#
# Builds in release mode, runs parse + export over EVAL_DIR/html/*.html (ids = file names without the
# extension), converts the export to {"id","articleBody"} lines and runs the benchmark's score.py.
# Last line: html_body_f1=... precision=... recall=...
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
eval_dir="$(cd "${1:-$repo/../shared/eval/html}" && pwd)"
work="$(mktemp -d /tmp/eval-html.XXXXXX)"
trap 'rm -rf "$work"' EXIT

cd "$repo"
swift build -c release --product pipeline >&2
bin="$(swift build -c release --show-bin-path)/pipeline"

cat > "$work/eval.yaml" <<YAML
name: eval-html
inputs:
  - path: $eval_dir/html/
    format: auto
steps:
  - uses: parse
  - uses: export
    with: { format: jsonl, path: $work/export.jsonl }
settings:
  jobs: auto
  on_error: skip
YAML
"$bin" run "$work/eval.yaml" >&2

python3 - "$work/export.jsonl" "$work/system.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        doc = json.loads(line)
        out.write(json.dumps({"id": doc["id"], "articleBody": doc.get("text", "")}, ensure_ascii=False) + "\n")
PY
cp "$work/system.jsonl" "${SYSTEM_OUT:-/dev/null}" 2>/dev/null || true
cd "$eval_dir"
python3 score.py gold.jsonl "$work/system.jsonl" --ids dev_ids.txt ${PER_DOC:+--per-doc "$PER_DOC"}
