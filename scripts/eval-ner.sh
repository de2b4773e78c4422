#!/usr/bin/env bash
# Scores extract-entities on the NER gold set: builds release, runs parse + extract-entities + export over
# the gold file, converts the export to the scorer's format and prints score.py's output.
# Usage: scripts/eval-ner.sh [GOLD.jsonl]   (default ../shared/eval/ner/dev.jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
GOLD=$(realpath "${1:-$ROOT/../shared/eval/ner/dev.jsonl}")
SCORER="$(dirname "$GOLD")/score.py"
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && cp "$WORK/system.jsonl" "$KEEP"; rm -rf "$WORK"' EXIT

swift build -c release --product pipeline >&2
cat > "$WORK/ner.yaml" <<YAML
name: eval-ner
inputs:
  - path: $GOLD
    format: jsonl
steps:
  - uses: parse
  - uses: extract-entities
  - uses: export
    with: { format: jsonl, path: $WORK/export.jsonl }
YAML
"$ROOT/.build/release/pipeline" run "$WORK/ner.yaml" >&2

python3 - "$WORK/export.jsonl" "$WORK/system.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        d = json.loads(line)
        ents = [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in d.get("entities", [])]
        out.write(json.dumps({"id": d["id"], "text": d["text"], "entities": ents}) + "\n")
PY
python3 "$SCORER" "$GOLD" "$WORK/system.jsonl" --map GPE=LOC,FAC=LOC
