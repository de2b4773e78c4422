#!/usr/bin/env bash
# Scores extract-quotes on the PolNeAR dev set (../shared/eval/quotes): direct quotes, then all kinds.
#
#   scripts/eval-quotes.sh                 # release build, pipeline over dev.jsonl, score.py twice
#   ENTITIES=0 scripts/eval-quotes.sh      # without the extract-entities step
#   SHARED=/path/to/shared scripts/eval-quotes.sh
#
# The system speaker given to score.py is the mention as written at the quote ("he"), as the gold has it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED:-${PIPELINE_SHARED:-$ROOT/../shared}}
EVAL=$SHARED/eval/quotes
OUT=${OUT:-$ROOT/.build/eval-quotes}
INPUT=${INPUT:-$EVAL/dev.jsonl}   # the articles run through the pipeline (a subset to try a change quickly)
mkdir -p "$OUT"

swift build -c release --product pipeline >/dev/null
BIN=$(swift build -c release --show-bin-path)/pipeline

ENTITY_STEP=""
if [ "${ENTITIES:-1}" = 1 ] && "$BIN" list 2>/dev/null | grep -q "extract-entities"; then
  ENTITY_STEP="  - uses: extract-entities"
fi

cat > "$OUT/eval.yaml" <<YAML
name: eval-quotes
inputs:
  - path: $INPUT
    format: jsonl
steps:
  - uses: parse
$ENTITY_STEP
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: $OUT/system-full.jsonl, overwrite: always }
settings:
  jobs: auto
  on_error: skip
YAML

"$BIN" run "$OUT/eval.yaml" >/dev/null

# Export writes code-point offsets and the speaker as written; score.py wants {id, quotes:[{start,end,speaker,fragments}]}.
# system-direct.jsonl keeps only the direct quotes: the same as running extract-quotes with kinds: [direct],
# which is how a direct-only extractor (textacy) is scored; score.py counts every unmatched system quote as a
# false positive, reported speech included.
python3 - "$OUT/system-full.jsonl" "$OUT/system.jsonl" "$OUT/system-direct.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as dst, \
        open(sys.argv[3], "w", encoding="utf-8") as direct:
    for line in src:
        d = json.loads(line)
        quotes = []
        for q in d.get("quotes", []):
            speaker = q.get("speaker") or {}
            quotes.append({"start": q["start"], "end": q["end"], "kind": q["kind"], "rule": q["rule"],
                           "speaker": speaker.get("text"),
                           "fragments": [[f["start"], f["end"]] for f in q.get("fragments", [])]})
        dst.write(json.dumps({"id": d["id"], "quotes": quotes}) + "\n")
        direct.write(json.dumps({"id": d["id"], "quotes": [q for q in quotes if q["kind"] == "direct"]}) + "\n")
PY

echo "== direct quotes (bars: quote_f1_overlap >= 0.85, speaker_acc >= 0.95)"
python3 "$EVAL/score.py" "$EVAL/dev.jsonl" "$OUT/system-direct.jsonl" --kinds direct
echo "== all kinds (bar: quote_f1_overlap >= 0.55)"
python3 "$EVAL/score.py" "$EVAL/dev.jsonl" "$OUT/system.jsonl"
