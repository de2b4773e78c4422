#!/usr/bin/env bash
# extract-entities with the trained model against the rules alone (`model: none`), in one run: the whole chain
# (parse → extract-entities → extract-quotes → export jsonl) over the same corpus, the two configs alternating
# (ABAB...) so load from other work hits both alike. Prints one line per run (CPU user+sys, peak RSS, load
# average), then per `jobs` setting the median CPU seconds, words per CPU-second and peak RSS of each, and the ratios.
#
#   swift build -c release --product pipeline
#   flock /work/notes/bench.lock scripts/bench-model.sh            # ROUNDS=3 JOBS="auto 4" CORPUS=... by default
#   MODEL=my-model BIN=/path/to/pipeline scripts/bench-model.sh     # another model folder or binary
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/.build/release/pipeline}
corpus=$(realpath "${CORPUS:-$root/../shared/corpus/news-bbc.jsonl}")
[ -f "$corpus" ] || { echo "no corpus at $corpus (set CORPUS to a JSON Lines file with a text field)" >&2; exit 2; }
[ -x "$bin" ] || { echo "no release binary at $bin; run: swift build -c release --product pipeline" >&2; exit 2; }
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for jobs in ${JOBS:-auto 4}; do
  for model in shipped none; do
    with=""; [ "$model" = none ] && with="    with: { model: none }"
    [ "$model" = shipped ] && [ -n "${MODEL:-}" ] && with="    with: { model: $(realpath "$MODEL") }"
    printf '%s\n' "inputs:" "  - { path: $corpus, format: jsonl }" "steps:" "  - uses: parse" \
      "  - uses: extract-entities" ${with:+"$with"} "  - uses: extract-quotes" "  - uses: export" \
      "    with: { format: jsonl, path: out.jsonl }" "settings: { jobs: $jobs }" > "$work/$model-$jobs.yaml"
  done
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/runs.txt"
for jobs in ${JOBS:-auto 4}; do
  for round in $(seq 1 "$rounds"); do
    for model in none shipped; do
      rm -f "$work/out.jsonl"
      /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$bin" run "$work/$model-$jobs.yaml" --quiet >/dev/null
      read -r wall user sys rss < "$work/time.txt"
      echo "jobs=$jobs model=$model round=$round wall=$wall user=$user sys=$sys rss_kb=$rss load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/runs.txt"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/runs.txt" "$corpus" <<'PY'
import json, statistics, sys
words = sum(len(json.loads(l)["text"].split()) for l in open(sys.argv[2], encoding="utf-8"))
runs = {}
for line in open(sys.argv[1]):
    f = dict(kv.split("=") for kv in line.split())
    runs.setdefault(f["jobs"], {}).setdefault(f["model"], []).append((float(f["user"]) + float(f["sys"]), int(f["rss_kb"]) / 1024))
print(f"{words} words; CPU: median over the rounds; RSS: the largest peak")
print(f"{'jobs':<5} {'none cpu s':>10} {'model cpu s':>11} {'model/none':>10} {'words/cpu-s none':>16} {'words/cpu-s model':>17} {'RSS none MB':>11} {'RSS model MB':>12}")
for jobs, sides in runs.items():
    n = statistics.median(c for c, _ in sides["none"]); m = statistics.median(c for c, _ in sides["shipped"])
    rn = max(r for _, r in sides["none"]); rm = max(r for _, r in sides["shipped"])
    print(f"{jobs:<5} {n:10.2f} {m:11.2f} {m/n:10.2f} {words/n:16,.0f} {words/m:17,.0f} {rn:11.0f} {rm:12.0f}")
PY
