#!/usr/bin/env bash
# The `pipeline serve` benchmark (docs/serve.md): release build, loopback only.
#
#   scripts/bench-serve.sh [CORPUS_FOLDER] [CLIENTS]    # default: ../shared/corpus/news-bbc, 32 clients
#
# 1. `pipeline run` on the folder (parse → extract-entities → extract-quotes → JSONL): the baseline.
# 2. `pipeline serve` on the same steps; wrk (Debian: apt-get install wrk), one thread, CLIENTS connections,
#    posts every article (text/plain, ?id=<its id>) and keeps cycling for DURATION seconds (default 20);
#    the first answer for each article is kept.
# 3. `pipeline run` again: the machine is shared, so the baseline brackets the serve phase and the better
#    of the two runs is the one compared against.
# 4. Compares: every answer 200, the same annotations as the run's JSONL (every field of every document),
#    throughput (wall) and CPU seconds per document against the run's, p50/p99 latency from wrk, the
#    server's peak RSS, and the load average before and after.
# 5. The faults (413, 400, 415, 404) each give their status and JSON error, and /healthz answers after;
#    on SIGTERM the server reports every request it accepted as answered.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "${1:-$root/../shared/corpus/news-bbc}" 2>/dev/null && pwd) || { echo "no corpus folder ${1:-../shared/corpus/news-bbc}" >&2; exit 2; }
clients=${2:-32}
duration=${DURATION:-20}
command -v wrk >/dev/null || { echo "bench-serve: wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
cleanup() { if [[ -n "${server:-}" ]]; then kill "$server" 2>/dev/null; fi; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cd "$root"
swift build -c release --product pipeline >/dev/null
bin=$root/.build/release/pipeline
cat > "$work/chain.yaml" <<YAML
inputs:
  - path: $corpus
steps:
  - uses: parse
  - uses: extract-entities
  - uses: extract-quotes
  - uses: export
    with: { format: jsonl, path: run.jsonl }
settings: { jobs: auto }
YAML

baseline() { # round
    echo "== pipeline run (baseline $1)"
    /usr/bin/time -f '%e %M %U %S' -o "$work/run-time-$1.txt" "$bin" run "$work/chain.yaml" --quiet
    read -r wall rss_kb user sys < "$work/run-time-$1.txt"
    echo "   $(wc -l < "$work/run.jsonl") documents in ${wall}s, CPU ${user}s user + ${sys}s sys, peak RSS $((rss_kb / 1024)) MB"
}
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
baseline 1
cp "$work/run.jsonl" "$work/run-1.jsonl"

echo "== pipeline serve, $clients clients for ${duration}s"
"$bin" serve "$work/chain.yaml" --port 0 --queue 256 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 300); do
    address=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -n1 || true)
    [[ -n "$address" ]] && break
    sleep 0.1
done
[[ -n "${address:-}" ]] || { cat "$work/serve.log" >&2; exit 1; }

# wrk's script: posts the articles in turn, and writes the first answer for each article to answers.jsonl
# (or {"status": n} for an answer that is not 200). One wrk thread: the server needs the cores more.
( cd "$corpus" && find . -name '*.txt' | sed 's|^\./||' | sort ) > "$work/files.txt"
cat > "$work/post.lua" <<LUA
local files, corpus, out = "$work/files.txt", "$corpus", "$work"
function init(args)
  bodies, ids, seen, n = {}, {}, {}, 0
  for name in io.lines(files) do
    local f = io.open(corpus .. "/" .. name, "rb"); local body = f:read("*a"); f:close()
    table.insert(bodies, body); table.insert(ids, (name:gsub("%.txt$", "")))
  end
  answers = io.open(out .. "/answers.jsonl", "w")
end
function request()
  n = n % #bodies + 1
  return wrk.format("POST", "/v1/annotate?id=" .. ids[n], {["Content-Type"] = "text/plain"}, bodies[n])
end
-- Connections answer in any order: an answer is matched to its article by the document's id, the first
-- "id" key of the export JSON.
function response(status, headers, body)
  if status ~= 200 then
    answers:write(string.format('{"status": %d}\n', status)); answers:flush()
    return
  end
  local id = body:match('"id":"(.-)"')
  if not seen[id] then seen[id] = true; answers:write(body, "\n"); answers:flush() end
end
LUA
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks_before=$(ticks)
wrk -t 1 -c "$clients" -d "${duration}s" --latency -s "$work/post.lua" "$address" > "$work/wrk.txt" 2>&1 || true
serve_cpu=$(python3 -c "import os,sys; print((int(sys.argv[2]) - int(sys.argv[1])) / os.sysconf('SC_CLK_TCK'))" "$ticks_before" "$(ticks)")
cat "$work/wrk.txt"
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
echo "   server CPU during the load: ${serve_cpu}s; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== faults"
fault() { # expected-status curl-args...
    local expected=$1; shift
    local status; status=$(curl -s -o "$work/fault.json" -w '%{http_code}' "$@")
    local code; code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["code"])' "$work/fault.json" 2>/dev/null || echo "not JSON")
    printf '   %s → %s %s\n' "$expected" "$status" "$code"
    [[ "$status" == "$expected" && "$code" != "not JSON" ]] || echo "FAIL: expected $expected with a JSON error" >> "$work/problems.txt"
}
head -c $((60 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$work/big.txt"
fault 413 -X POST -H 'Content-Type: text/plain' --data-binary @"$work/big.txt" "$address/v1/annotate"
fault 400 -X POST -H 'Content-Type: application/json' --data '{"id": 1, "text": ' "$address/v1/annotate"
fault 415 -X POST -H 'Content-Type: application/pdf' --data 'x' "$address/v1/annotate"
fault 404 "$address/v2/nothing"
health=$(curl -s -o /dev/null -w '%{http_code}' "$address/healthz")
echo "   /healthz after the faults → $health"
[[ "$health" == 200 ]] || echo "FAIL: /healthz answered $health after the faults" >> "$work/problems.txt"

kill -TERM "$server"
wait "$server" || echo "FAIL: the server exited $? on SIGTERM" >> "$work/problems.txt"
server=
stopped=$(grep -oE 'stopped: .*' "$work/serve.log" || echo "no 'stopped' line")
echo "   on SIGTERM: $stopped"
# wrk closes its connections at the end of DURATION with up to CLIENTS requests unanswered: an answer the
# server could no longer write is "cut", which only those may be; every other request must be answered.
python3 -c 'import re,sys; a,b,c = map(int, re.findall(r"\d+", sys.argv[1])[:3]); sys.exit(0 if a == b + c and c <= int(sys.argv[2]) else 1)' \
    "$stopped" "$clients" 2>/dev/null || echo "FAIL: not every accepted request was answered ($stopped)" >> "$work/problems.txt"

baseline 2
cmp -s "$work/run.jsonl" "$work/run-1.jsonl" || echo "FAIL: the two pipeline runs wrote different JSONL" >> "$work/problems.txt"

python3 - "$work" "$rss_kb" "$clients" "$serve_cpu" <<'PY'
import glob, json, re, sys
work, rss_kb, clients, serve_cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
runs = []
for r in (1, 2):
    wall, rss, user, sys_ = open(f"{work}/run-time-{r}.txt").read().split()
    runs.append((float(wall), float(user) + float(sys_), int(rss)))
run_wall, run_cpu, run_rss = min(runs)
run = {}
for line in open(f"{work}/run.jsonl", encoding="utf-8"):
    d = json.loads(line); run[d["id"]] = d
served, errors = {}, []
for path in [f"{work}/answers.jsonl"]:
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if "status" in d and "schema_version" not in d:
            errors.append(d)
        else:
            served[d["id"]] = d
# Every field but where the document came from: a file in the run, a request body here.
def fields(d): return {k: v for k, v in d.items() if k != "source"}
different = [i for i, d in run.items() if i in served and fields(served[i]) != fields(d)]
missing = [i for i in run if i not in served]
wrk = open(f"{work}/wrk.txt").read()
requests = int(re.search(r"(\d+) requests in", wrk).group(1))
seconds = float(re.search(r"requests in ([\d.]+)(m?s)", wrk).group(1)) * (0.001 if re.search(r"requests in [\d.]+ms", wrk) else 1)
socket_errors = re.search(r"Socket errors: (.*)", wrk)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
def latency(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)", wrk, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rate, run_rate = requests / seconds, len(run) / run_wall
print(f"== results ({clients} clients)")
print(f"   pipeline run (the faster of 2): {len(run)} documents in {run_wall:.2f}s = {run_rate:.0f} docs/s; "
      f"{run_cpu / len(run) * 1000:.2f} ms CPU per document; peak RSS {run_rss / 1024:.0f} MB; the other: {max(runs)[0]:.2f}s")
print(f"   serve: {requests} requests in {seconds:.1f}s = {rate:.0f} docs/s = {rate / run_rate:.0%} of run; "
      f"{serve_cpu / requests * 1000:.2f} ms server CPU per document = {run_cpu / len(run) / (serve_cpu / requests):.0%} of run's efficiency")
print(f"   latency p50 {latency(50):.1f} ms, p90 {latency(90):.1f} ms, p99 {latency(99):.1f} ms; server peak RSS {rss_kb / 1024:.0f} MB")
print(f"   answers kept: {len(served)} of {len(run)} articles; same annotations: {len(served) - len(different)}; differ: {different[:5]}")
print(f"   errors: {len(errors)} non-200 {errors[:3]}; wrk socket errors: {socket_errors.group(1) if socket_errors else 'none'}; wrk non-2xx: {non2xx.group(1) if non2xx else 0}")
problems = open(f"{work}/problems.txt").read().splitlines() if glob.glob(f"{work}/problems.txt") else []
if errors or socket_errors or non2xx: problems.append("errors under load")
if missing: problems.append(f"{len(missing)} articles never answered (raise DURATION): {missing[:5]}")
if different: problems.append(f"{len(different)} articles annotated differently from pipeline run")
for p in problems: print("   FAIL", p)
sys.exit(1 if problems else 0)
PY
