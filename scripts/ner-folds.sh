#!/usr/bin/env bash
# The held-out folds of ../shared/train/ner used to choose the entity model's settings (docs/processors/
# extract-entities.md, "Choosing the model on held-out training data"), as one command: per fold, train on the
# rest of the four training files, then score rules + model (and, with RULES=1, the rules alone) with
# `pipeline eval entities` on each held-out set. Never points at ../shared/eval.
#
#   fold 1: GUM interview (news-like), every third WikiGold article (the second corpus's genre)
#   fold 2: GUM bio, every third document of BTC section G (news-headline tweets)
#
#   swift build -c release --product pipeline
#   scripts/ner-folds.sh                       # both folds; FOLDS="1" for one; RULES=1 adds model: none
#   EPOCHS=8 SEED=1 KEEP=/tmp/folds scripts/ner-folds.sh   # KEEP keeps the fold files and models there
#   REUSE=1 KEEP=/tmp/folds scripts/ner-folds.sh            # score again with the models kept (no training)
#
# Prints one line per held-out set: exact P/R/F1 over PERSON/ORG/LOC and per-label F1; `summary` repeats the
# headline figures on one line, to paste into notes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/.build/release/pipeline}
data=$(realpath "${TRAIN:-$root/../shared/train/ner}")
epochs=${EPOCHS:-8}
seed=${SEED:-1}
for f in gum-nonnews uner-ewt wikigold btc; do
  [ -f "$data/$f.jsonl" ] || { echo "no $data/$f.jsonl (set TRAIN to the folder of the four training files)" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "no release binary at $bin; run: swift build -c release --product pipeline" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed (apt-get install python3)" >&2; exit 2; }
if [ -n "${KEEP:-}" ]; then work=$KEEP; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi

summary=""
for fold in ${FOLDS:-1 2}; do
  dir="$work/fold$fold"
  mkdir -p "$dir"
  case $fold in
    1) a=gum-interview; b=wikigold-third
       grep '"id": *"GUM_interview' "$data/gum-nonnews.jsonl" > "$dir/$a.jsonl"
       grep -v '"id": *"GUM_interview' "$data/gum-nonnews.jsonl" > "$dir/train-gum.jsonl"
       awk 'NR % 3 == 1' "$data/wikigold.jsonl" > "$dir/$b.jsonl"
       awk 'NR % 3 != 1' "$data/wikigold.jsonl" > "$dir/train-wikigold.jsonl"
       cp "$data/btc.jsonl" "$dir/train-btc.jsonl" ;;
    2) a=gum-bio; b=btc-g-third
       grep '"id": *"GUM_bio' "$data/gum-nonnews.jsonl" > "$dir/$a.jsonl"
       grep -v '"id": *"GUM_bio' "$data/gum-nonnews.jsonl" > "$dir/train-gum.jsonl"
       grep '"id": *"btc_g-' "$data/btc.jsonl" | awk 'NR % 3 == 1' > "$dir/$b.jsonl"
       grep '"id": *"btc_g-' "$data/btc.jsonl" | awk 'NR % 3 != 1' > "$dir/train-btc.jsonl"
       grep -v '"id": *"btc_g-' "$data/btc.jsonl" >> "$dir/train-btc.jsonl"
       cp "$data/wikigold.jsonl" "$dir/train-wikigold.jsonl" ;;
    *) echo "no fold $fold (folds are 1 and 2)" >&2; exit 2 ;;
  esac
  cp "$data/uner-ewt.jsonl" "$dir/train-uner.jsonl"
  echo "fold $fold: training on $(cat "$dir"/train-*.jsonl | wc -l) documents; held out $(wc -l < "$dir/$a.jsonl") $a, $(wc -l < "$dir/$b.jsonl") $b" >&2
  if [ -n "${REUSE:-}" ] && [ -f "$dir/model/model.bin" ]; then echo "fold $fold: reusing $dir/model" >&2; else
  "$bin" train entities --data "$dir/train-gum.jsonl,$dir/train-uner.jsonl,$dir/train-wikigold.jsonl,$dir/train-btc.jsonl" \
    --out "$dir/model" --epochs "$epochs" --seed "$seed" --dev-fraction 0.1 ${TRAIN_ARGS:-} > "$dir/train.log" 2>&1 \
    || { cat "$dir/train.log" >&2; exit 1; }
  tail -1 "$dir/train.log" >&2; fi
  models="model"; [ -n "${RULES:-}" ] && models="none model"
  for m in $models; do
    target=$([ "$m" = none ] && echo none || echo "$dir/model")
    printf '%s\n' "inputs: [\"-\"]" "steps:" "  - uses: parse" "  - uses: extract-entities" "    with: { model: $target }" > "$dir/$m.yaml"
    for set in $a $b; do
      "$bin" eval entities "$dir/$m.yaml" --gold "$dir/$set.jsonl" --json > "$dir/$set-$m.json"
      line=$(python3 - "$dir/$set-$m.json" "fold $fold $set $([ "$m" = none ] && echo rules || echo rules+model)" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
f = lambda x: f"{x:.3f}"
l = lambda k: s["labels"].get(k, {"p": 0, "r": 0, "f1": 0})
m = s["micro"]
print(f"{sys.argv[2]}: P {f(m['p'])} R {f(m['r'])} F1 {f(m['f1'])} | PERSON {f(l('PERSON')['f1'])} "
      f"ORG {f(l('ORG')['f1'])} (P {f(l('ORG')['p'])}) LOC {f(l('LOC')['f1'])}")
PY
)
      echo "$line"
      [ "$m" = model ] && summary+="$set $(echo "$line" | sed 's/.* F1 \([0-9.]*\) |.*/\1/')  "
    done
  done
done
echo "summary: $summary"
