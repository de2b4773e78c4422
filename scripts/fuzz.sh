#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (address sanitizer + coverage) and runs each for SECONDS (default 60).
# Exits non-zero when any target finds a crash, a leak or a timeout; the failing input is left in
# $FUZZ_WORK/<target>/ (printed at the end). Seed corpora are read from ../shared at run time, never copied
# into the repository. Long campaigns: see docs/robustness.md.
#
#   scripts/fuzz.sh 60                       # every target, 60 s each
#   FUZZ_TARGETS=FuzzParse scripts/fuzz.sh 3600
#   FUZZ_JOBS=2 scripts/fuzz.sh 600          # libFuzzer -fork=2 per target
set -euo pipefail

SECONDS_EACH=${1:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
FUZZ_WORK=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/pipeline-fuzz.XXXXXX")}
TARGETS=${FUZZ_TARGETS:-"FuzzPipelineFile FuzzParse FuzzExtract FuzzExecAnswer"}
SWIFT_BIN=$(dirname "$(command -v swift || echo /opt/swift/usr/bin/swift)")
CLANG_RT=${CLANG_RT:-$(ls -d "$SWIFT_BIN"/../lib/clang/*/lib/linux 2>/dev/null | head -1)}
FUZZER_LIB="$CLANG_RT/libclang_rt.fuzzer_no_main-x86_64.a"
[ -f "$FUZZER_LIB" ] || { echo "fuzz.sh: $FUZZER_LIB not found; set CLANG_RT to the folder holding it" >&2; exit 2; }

echo "== building fuzz targets (release, address sanitizer, coverage)"
# Fuzz/ reaches the main package by path, and SwiftPM keeps that package's list of source files in Fuzz/.build: a
# file added since the last fuzz build is not seen («cannot find … in scope»). When the list changed, plan again.
sources=$(cd "$ROOT" && find Sources -name '*.swift' | sort)
if [ -d "$ROOT/Fuzz/.build" ] && [ "$sources" != "$(cat "$ROOT/Fuzz/.build/main-sources.txt" 2>/dev/null)" ]; then
    rm -f "$ROOT/Fuzz/.build/release.yaml" "$ROOT/Fuzz/.build/build.db"
fi
# -sanitize=fuzzer does not link under SwiftPM (its --defsym main clashes with libFuzzer's main), so the
# coverage flags and libFuzzer's no-main library are given by hand.
(cd "$ROOT/Fuzz" && swift build -c release \
    -Xswiftc -sanitize=address \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    -Xlinker "$FUZZER_LIB" -Xlinker -lstdc++)
BIN="$ROOT/Fuzz/.build/release"
printf '%s\n' "$sources" > "$ROOT/Fuzz/.build/main-sources.txt"

# Seeds: a sample of the shared corpus and eval files, in the form each target reads.
seed() {
    local target=$1 dir=$FUZZ_WORK/seeds/$1
    mkdir -p "$dir"
    if [ ! -d "$SHARED" ]; then echo "   (no $SHARED: starting $target from an empty corpus)"; return 0; fi
    case $target in
    FuzzPipelineFile)
        for f in "$ROOT"/pipelines/*.yaml "$ROOT"/examples/*/*.yaml; do if [ -f "$f" ]; then cp "$f" "$dir/"; fi; done ;;
    FuzzParse)
        # First byte picks the format: 0 text, 1 news, 2 html, 3 markdown, 4 jsonl (see FuzzParse/main.swift).
        local i=0
        for f in $(ls "$SHARED"/corpus/news-bbc/*.txt | head -40); do
            { printf '\001'; head -c 4000 "$f"; } > "$dir/news-$i"; i=$((i+1)); done
        for f in $(ls "$SHARED"/eval/html/html/* 2>/dev/null | head -30); do
            { printf '\002'; head -c 20000 "$f"; } > "$dir/html-$i"; i=$((i+1)); done
        head -n 5 "$SHARED/corpus/news-bbc.jsonl" | while IFS= read -r line; do
            { printf '\004'; printf '%s\n' "$line"; } > "$dir/jsonl-$RANDOM"; done
        { printf '\003'; printf '# Title\n\nSome *text* with a [link](http://x).\n\n- item\n'; } > "$dir/md-0" ;;
    FuzzExtract)
        local i=0
        for f in $(ls "$SHARED"/corpus/news-bbc/*.txt | head -60); do head -c 3000 "$f" > "$dir/bbc-$i"; i=$((i+1)); done
        if [ -d "$SHARED/seeds" ]; then for f in "$SHARED"/seeds/*; do head -c 8000 "$f" > "$dir/seed-$i"; i=$((i+1)); done; fi ;;
    FuzzExecAnswer)
        head -n 3 "$SHARED/corpus/news-bbc.jsonl" > "$dir/jsonl-0"
        printf '{"id":"doc-1","metadata":{"words":12}}\n' > "$dir/partial"
        printf '{"id":"doc-1","error":"too short"}\n' > "$dir/error"
        printf '{"id":"doc-1","layers":{"x":{"step":"e","value":[1,2]}},"entities":[{"start":0,"end":5,"label":"PERSON"}]}\n' > "$dir/layers" ;;
    esac
}

# Leaks are findings, except the one-time globals LeakSanitizer cannot trace (see the file).
export LSAN_OPTIONS="suppressions=$ROOT/scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

status=0
for target in $TARGETS; do
    echo "== $target: ${SECONDS_EACH}s"
    seed "$target"
    corpus=$FUZZ_WORK/corpus/$target artifacts=$FUZZ_WORK/$target
    mkdir -p "$corpus" "$artifacts"
    extra=()
    if [ -n "${FUZZ_JOBS:-}" ]; then extra+=("-fork=$FUZZ_JOBS"); fi
    if ! (cd "$artifacts" && "$BIN/$target" "$corpus" "$FUZZ_WORK/seeds/$target" \
            -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -artifact_prefix="$artifacts/" -print_final_stats=1 ${extra[@]+"${extra[@]}"} \
            2>&1 | tee "$FUZZ_WORK/$target.log" | grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)|ERROR|SUMMARY|stat::|Test unit written|^==[0-9]+=='; \
            exit "${PIPESTATUS[0]}"); then
        echo "!! $target failed: see $FUZZ_WORK/$target.log and the input in $artifacts/"
        status=1
    fi
done
echo "== work folder (corpora, logs, crashing inputs): $FUZZ_WORK"
exit $status
