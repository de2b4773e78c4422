#!/usr/bin/env bash
# A/B of two release binaries on the same corpus, alternately (ABAB...), so load from other work hits both
# alike: the chain (parse → extract-entities → extract-quotes → export jsonl) and JSON Lines input alone
# (parse → export jsonl). Prints one line per run, then per pipeline the median CPU seconds (user+sys) and
# peak RSS of each binary and the B/A ratios. Used for "before/after in one run" in docs/performance.md.
#
#   git worktree add /tmp/base <old-commit> && (cd /tmp/base && swift build -c release --product pipeline)
#   swift build -c release --product pipeline
#   scripts/bench-ab.sh /tmp/base/.build/release/pipeline .build/release/pipeline
#   ROUNDS=3 JOBS="auto 4" CORPUS=../shared/corpus/news-bbc.jsonl scripts/bench-ab.sh A B
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/bench-ab.sh OLD_BINARY NEW_BINARY" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
old=$(realpath "$1") new=$(realpath "$2")
corpus=$(realpath "${CORPUS:-$root/../shared/corpus/news-bbc.jsonl}")
[ -f "$corpus" ] || { echo "no corpus at $corpus (set CORPUS to a JSON Lines file with a text field)" >&2; exit 2; }
rounds=${ROUNDS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

configs=()
for jobs in ${JOBS:-auto 4}; do
  cat > "$work/chain-$jobs.yaml" <<YAML
inputs:
  - path: $corpus
    format: jsonl
steps:
  - uses: parse
  - uses: extract-entities
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: out.jsonl }
settings: { jobs: $jobs }
YAML
  cat > "$work/jsonl-$jobs.yaml" <<YAML
inputs:
  - path: $corpus
    format: jsonl
steps:
  - uses: parse
  - uses: export
    with: { format: jsonl, path: out.jsonl }
settings: { jobs: $jobs }
YAML
  configs+=("chain-$jobs" "jsonl-$jobs")
done

: > "$work/runs.txt"
for config in "${configs[@]}"; do
  for round in $(seq 1 "$rounds"); do
    for side in old new; do
      bin=$old; [ "$side" = new ] && bin=$new
      rm -f "$work/out.jsonl"
      /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$bin" run "$work/$config.yaml" --quiet >/dev/null
      read -r wall user sys rss < "$work/time.txt"
      load=$(cut -d' ' -f1 /proc/loadavg)
      echo "$config $side $round $wall $user $sys $rss $load" | tee -a "$work/runs.txt"
    done
  done
done

python3 - "$work/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    config, side, _, wall, user, sys_, rss, _ = line.split()
    runs.setdefault(config, {}).setdefault(side, []).append((float(user) + float(sys_), int(rss) / 1024))
print(f"{'pipeline':<12} {'old cpu s':>9} {'new cpu s':>9} {'cpu new/old':>11} {'old RSS MB':>10} {'new RSS MB':>10} {'RSS new/old':>11}")
for config, sides in runs.items():
    oc = statistics.median(c for c, _ in sides["old"]); nc = statistics.median(c for c, _ in sides["new"])
    orss = statistics.median(r for _, r in sides["old"]); nrss = statistics.median(r for _, r in sides["new"])
    print(f"{config:<12} {oc:9.2f} {nc:9.2f} {nc/oc:11.2f} {orss:10.0f} {nrss:10.0f} {nrss/orss:11.2f}")
PY
