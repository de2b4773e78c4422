#!/usr/bin/env bash
# HTML pages/s of `parse` (release build) against trafilatura on the same pages, in the same run.
#
#   scripts/bench-html.sh [HTML_DIR]    (default: ../shared/eval/html/html beside the repository)
#
# parse: wall-clock and CPU time of `pipeline run` with only the parse step over the pages REPEAT times
# (default 5, so process start is spread as trafilatura's import is not timed; file reading is
# included), with jobs: 1 and jobs: 2. trafilatura: `trafilatura.extract` over the same pages already
# in memory, in 1 process and in 2 processes. ROUNDS (default 5) interleaved rounds, best of each.
# Needs python3 with venv; trafilatura is installed into /tmp/trafilatura-venv from PyPI on first use.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
html_dir="$(cd "${1:-$repo/../shared/eval/html/html}" && pwd)"
venv=/tmp/trafilatura-venv
work="$(mktemp -d /tmp/bench-html.XXXXXX)"
trap 'rm -rf "$work"' EXIT

cd "$repo"
swift build -c release --product pipeline >&2
bin="$(swift build -c release --show-bin-path)/pipeline"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q trafilatura lxml_html_clean >&2
fi

repeat="${REPEAT:-5}"
inputs=""
for _ in $(seq "$repeat"); do inputs+="  - path: $html_dir/"$'\n'; done
for jobs in 1 2; do
  cat > "$work/parse-$jobs.yaml" <<YAML
name: bench-html
inputs:
${inputs}
steps:
  - uses: parse
settings:
  jobs: $jobs
  on_error: skip
YAML
done

"$venv/bin/python" - "$bin" "$work" "$html_dir" "$repeat" <<'PY'
import glob, multiprocessing, os, resource, subprocess, sys, time
import trafilatura

binary, work, html_dir, repeat = sys.argv[1:5]
repeat = int(repeat)
files = sorted(glob.glob(os.path.join(html_dir, "*.html")))
pages = [open(f, "rb").read() for f in files]
n = len(pages)
mb = sum(map(len, pages)) / 1e6

def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def run_parse(jobs):
    """Wall seconds and CPU seconds of one `pipeline run` (process start and file reading included)."""
    cpu, t = children_cpu(), time.perf_counter()
    subprocess.run([binary, "run", os.path.join(work, f"parse-{jobs}.yaml")], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, children_cpu() - cpu

def extract_all(chunk):
    for p in chunk:
        trafilatura.extract(p)
    return len(chunk)

def run_trafilatura():
    cpu, t = time.process_time(), time.perf_counter()
    extract_all(pages)
    return time.perf_counter() - t, time.process_time() - cpu

def extract_all_cpu(chunk):
    cpu = time.process_time()
    extract_all(chunk)
    return time.process_time() - cpu

def run_trafilatura_2():
    with multiprocessing.Pool(2) as pool:
        pool.map(extract_all, [pages[:3], pages[:3]])  # workers started and warmed up before timing
        t = time.perf_counter()
        cpus = pool.map(extract_all_cpu, [pages[i::2] for i in range(2)])
        return time.perf_counter() - t, sum(cpus)

extract_all(pages[:5])  # warm-up: trafilatura loads its resources lazily
configs = {
    "parse, jobs 1": lambda: run_parse(1),
    "parse, jobs 2": lambda: run_parse(2),
    "trafilatura, 1 process": run_trafilatura,
    "trafilatura, 2 processes": run_trafilatura_2,
}
wall = {k: [] for k in configs}
cpu = {k: [] for k in configs}
for _ in range(int(os.environ.get("ROUNDS", "5"))):  # interleaved, so load from other jobs hits all alike
    for name, fn in configs.items():
        w, c = fn()
        wall[name].append(w)
        cpu[name].append(c)
load = os.getloadavg()[0]
print(f"{n} pages ({repeat}x for parse), {mb:.1f} MB, {os.cpu_count()} cores, load average {load:.1f}, trafilatura {trafilatura.__version__}")
print(f"{'':26s} {'pages/s (wall, best)':>22s} {'pages per CPU-second':>22s}")
pages_of = lambda name: n * repeat if name.startswith("parse") else n
rate = {k: pages_of(k) / min(v) for k, v in wall.items()}
cpu_rate = {k: pages_of(k) / min(v) for k, v in cpu.items() if min(v) > 0}
for name in configs:
    print(f"{name:26s} {rate[name]:22.1f} {cpu_rate.get(name, float('nan')):22.1f}")
print(f"ratio, wall, 1 core each:    {rate['parse, jobs 1'] / rate['trafilatura, 1 process']:.1f}x")
print(f"ratio, wall, 2 cores each:   {rate['parse, jobs 2'] / rate['trafilatura, 2 processes']:.1f}x")
print(f"ratio, pages per CPU-second: {cpu_rate['parse, jobs 1'] / cpu_rate['trafilatura, 1 process']:.1f}x")
PY
