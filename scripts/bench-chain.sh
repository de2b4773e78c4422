#!/usr/bin/env bash
# The chain benchmark (docs/performance.md): parse → extract-entities → extract-quotes → JSONL export
# over the BBC corpus, in a release build, with the peer (spaCy + textacy) measured in the same run.
#
#   scripts/bench-chain.sh [CORPUS.jsonl]        # default: ../shared/corpus/news-bbc.jsonl
#   PEER_PYTHON=/path/to/venv/bin/python3 scripts/bench-chain.sh   # also measure the peer
#
# Prints words per CPU-second, MB/s wall, cpu/wall, peak RSS on one and on four copies of the corpus,
# and the per-step split from the run report.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/corpus/news-bbc.jsonl}
[ -f "$corpus" ] || { echo "no corpus at $corpus (pass a JSON Lines file with a text field)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
swift build -c release --product pipeline >/dev/null
bin=$root/.build/release/pipeline

cat "$corpus" "$corpus" "$corpus" "$corpus" > "$work/corpus-x4.jsonl"
cp "$corpus" "$work/corpus-x1.jsonl"
for n in 1 4; do
  cat > "$work/chain-x$n.yaml" <<YAML
inputs:
  - path: corpus-x$n.jsonl
steps:
  - uses: parse
  - uses: extract-entities
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: out-x$n.jsonl }
settings: { jobs: auto }
YAML
  rm -f "$work/out-x$n.jsonl"
  /usr/bin/time -f '%e %U %S %M' -o "$work/time-x$n.txt" "$bin" run "$work/chain-x$n.yaml" --quiet --report "$work/report-x$n.json"
done

python3 - "$work" "$corpus" <<'PY'
import json, sys
work, corpus = sys.argv[1], sys.argv[2]
words = bytes_ = 0
for line in open(corpus, encoding="utf-8"):
    text = json.loads(line)["text"]
    words += len(text.split()); bytes_ += len(text.encode())
def times(n):
    wall, user, sys_, rss_kb = open(f"{work}/time-x{n}.txt").read().split()
    return float(wall), float(user) + float(sys_), int(rss_kb) * 1024
wall1, cpu1, rss1 = times(1)
wall4, cpu4, rss4 = times(4)
report = json.load(open(f"{work}/report-x1.json"))
print(f"corpus: {corpus}: {report['documents']['read']} docs, {words} words, {bytes_/1e6:.2f} MB of text")
print(f"chain (1 copy):  wall {wall1:.2f}s  cpu {cpu1:.2f}s  cpu/wall {cpu1/wall1:.2f}  "
      f"{words/cpu1:,.0f} words per CPU-second  {bytes_/1e6/wall1:.2f} MB/s wall  peak RSS {rss1/2**20:.0f} MB")
print(f"chain (4 copies): wall {wall4:.2f}s  cpu {cpu4:.2f}s  peak RSS {rss4/2**20:.0f} MB  "
      f"(x{rss4/rss1:.2f} of one copy)")
print("per step (busy seconds summed over documents):")
for s in report["steps"]:
    print(f"  {s['step']:<18} {s['seconds']:7.2f}s  {s['mb_per_second']:8.2f} MB/s  {s['docs_per_second']:9.1f} docs/s")
open(f"{work}/ours.json", "w").write(json.dumps({"words_per_cpu_second": words / cpu1}))
PY

if [ -n "${PEER_PYTHON:-}" ]; then
  peer=$("$PEER_PYTHON" "$root/scripts/bench/peer_spacy_textacy.py" "$corpus" --limit "${PEER_LIMIT:-300}")
  echo "peer: $peer"
  python3 - "$work/ours.json" "$peer" <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))["words_per_cpu_second"]
peer = json.loads(sys.argv[2])["words_per_cpu_second"]
print(f"ratio: ours / peer = {ours:,.0f} / {peer:,.0f} = {ours/peer:.0f}x words per CPU-second")
PY
fi
