#!/usr/bin/env bash
# Builds and runs examples/custom-build (a user's own package that depends on this one by path and adds a
# processor), runs its tests, then scaffolds a fresh processor with `new-processor` into a scratch package
# and builds and tests that too. Offline: packages resolve from the same mirror as the main package.
#
#   scripts/check-custom-build.sh            # from anywhere; exits non-zero on the first failure
#
# It uses examples/custom-build/.build (git-ignored); a warm run takes seconds, a cold one a few minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLE="$ROOT/examples/custom-build"
SCRATCH="$EXAMPLE/.build"
SWIFT="${SWIFT:-swift}"
step() { printf '\n== %s\n' "$*"; }

# Two root packages share one scratch folder (so the framework is compiled once); SwiftPM would reuse the
# other root's cached build plan, so drop the plan (not the compiled modules) before switching.
forget_plan() { rm -f "$SCRATCH/debug.yaml" "$SCRATCH/debug/description.json"; }

step "build examples/custom-build"
forget_plan
"$SWIFT" build --package-path "$EXAMPLE" --scratch-path "$SCRATCH" --product newsroom-pipeline
BIN="$SCRATCH/debug/newsroom-pipeline"

step "its processor is registered beside the framework's"
# (Not `tee /dev/stderr`: when stderr is a log file, reopening it truncates the log.)
listing=$("$BIN" list)
printf '%s\n' "$listing"
grep -q '^reading-time ' <<<"$listing"
"$BIN" describe reading-time | grep -q 'words_per_minute'

step "run its pipeline"
rm -rf "$EXAMPLE/pipelines/out"
"$BIN" run "$EXAMPLE/pipelines/newsletter.yaml" --report "$EXAMPLE/pipelines/out/report.json" -q
python3 - "$EXAMPLE/pipelines/out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
docs = [json.loads(l) for l in (out / "newsletter.jsonl").read_text().splitlines()]
assert len(docs) == 3, f"expected 3 documents, got {len(docs)}"
for d in docs:
    m = d["metadata"]
    assert m["reading_minutes"] >= 1 and m["word_count"] > 50, (d["id"], m)
    assert m["keyphrases"], d["id"]
report = json.loads((out / "report.json").read_text())
assert report["documents"]["written"] == 3, report["documents"]
print(f"ok: {len(docs)} documents with reading_minutes and keyphrases")
PY

# Runs `swift test` and insists on the named test passing (a shared scratch folder must not let another
# package's test bundle stand in for this one).
run_tests() {
    local package="$1" expected="$2" log
    log="$(mktemp)"
    forget_plan
    if ! "$SWIFT" test --package-path "$package" --scratch-path "$SCRATCH" --disable-xctest >"$log" 2>&1; then
        grep -vE '^\[[0-9]+/[0-9]+\]' "$log" | tail -30; echo "FAILED: swift test in $package"; exit 1
    fi
    grep -E '✔ Test run|✘' "$log" || true
    grep -q "Test $expected() passed" "$log" || { tail -30 "$log"; echo "FAILED: $expected did not pass"; exit 1; }
    rm -f "$log"
}

step "its tests"
run_tests "$EXAMPLE" minutesAreWordsOverSpeedRoundedAndAtLeastOne

step "scaffold a new processor into a scratch package and build and test it"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cat > "$TMP/Package.swift" <<SWIFT
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "ScaffoldCheck",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "DocumentPipeline", path: "$ROOT")],
    targets: [
        .target(name: "ByLine", dependencies: [.product(name: "PipelineKit", package: "DocumentPipeline")], path: "Plugins/ByLine"),
        .testTarget(name: "ByLineTests", dependencies: ["ByLine", .product(name: "PipelineKit", package: "DocumentPipeline")]),
    ]
)
SWIFT
"$BIN" new-processor by-line --module ByLine --output "$TMP" | tee "$TMP/instructions.txt"
grep -q 'registry.register(ByLine.self)' "$TMP/instructions.txt"
# Same scratch folder: the framework's modules are already built there.
run_tests "$TMP" countsTheWordsOfEachSentence

step "custom build OK"
