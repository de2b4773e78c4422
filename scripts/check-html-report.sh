#!/usr/bin/env bash
# Checks an HTML report written by `export` (format: html) in a real headless browser.
#
#   scripts/check-html-report.sh                      # runs pipelines/export-all.yaml, checks its report
#   scripts/check-html-report.sh report.html [shot.png]
#
# 1. Static: the page has no element or attribute that loads anything (script, link, img, iframe,
#    src=, href= to a URL, CSS url() or @import), parsed with Python's html.parser.
# 2. Chromium (Debian: apt-get install -y chromium) opens it headless with DNS disabled and a network
#    log; any request the page makes to a non-local URL fails the check. The page is rendered to a
#    screenshot (default: beside the report, .png) that a person can look at, and its DOM is dumped
#    to confirm it parsed with the summary tables present.
# Exit status: 0 passed, 1 a check failed, 2 a tool is missing or the report does not exist.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-}"
if [[ -z "$report" ]]; then
    (cd "$root" && swift build --product pipeline >/dev/null && "$(swift build --show-bin-path)/pipeline" run pipelines/export-all.yaml --quiet)
    report="$root/pipelines/out/export-all/report.html"
fi
shot="${2:-${report%.html}.png}"

[[ -f "$report" ]] || { echo "check-html-report: no such file: $report" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[[ -n "$browser" ]] || { echo "check-html-report: chromium is not installed (Debian: apt-get install -y chromium)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "check-html-report: python3 is needed" >&2; exit 2; }

echo "== static check: $report"
python3 - "$report" <<'PY'
import re, sys
from html.parser import HTMLParser

LOADING_TAGS = {"script", "link", "img", "iframe", "frame", "object", "embed", "video", "audio", "source",
                "track", "picture", "portal", "base", "form", "input", "svg", "image", "use"}
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background",
                  "ping", "xlink:href", "manifest", "longdesc", "codebase", "cite", "icon"}

class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.in_style, self.tags = [], False, 0
    def handle_starttag(self, tag, attrs):
        self.tags += 1
        line = self.getpos()[0]
        if tag in LOADING_TAGS:
            self.problems.append(f"line {line}: <{tag}> can load a resource")
        for name, value in attrs:
            if name in URL_ATTRIBUTES:
                self.problems.append(f"line {line}: <{tag} {name}={value!r}>")
            if name == "style" and value and re.search(r"url\s*\(|@import", value, re.I):
                self.problems.append(f"line {line}: inline style loads {value!r}")
            if name == "http-equiv" and value and value.lower() == "refresh":
                self.problems.append(f"line {line}: meta refresh")
        self.in_style = tag == "style"
    def handle_endtag(self, tag):
        self.in_style = False
    def handle_data(self, data):
        if self.in_style and re.search(r"url\s*\(|@import", data, re.I):
            self.problems.append(f"line {self.getpos()[0]}: CSS loads a resource: {data.strip()[:80]!r}")

text = open(sys.argv[1], encoding="utf-8").read()
checker = Checker()
checker.feed(text)
if "default-src 'none'" not in text:
    checker.problems.append("no Content-Security-Policy with default-src 'none'")
for p in checker.problems:
    print("  FAIL", p)
print(f"  {checker.tags} tags, {len(checker.problems)} problems")
sys.exit(1 if checker.problems else 0)
PY

work="$(mktemp -d)"
# Chromium's helper processes may still write to its profile for a moment after the browser exits.
trap 'for _ in 1 2 3 4 5; do rm -rf "$work" 2>/dev/null && break; sleep 1; done; true' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile"
       --disable-background-networking --disable-component-update --disable-sync --no-first-run
       --disable-default-apps --host-resolver-rules="MAP * ~NOTFOUND")
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

echo "== chromium: $browser"
timeout 120 "$browser" "${flags[@]}" --log-net-log="$work/net.json" --screenshot="$shot" --window-size=1280,2000 "$url" \
    >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; echo "check-html-report: chromium failed" >&2; exit 1; }
timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>>"$work/chromium.log" || true

python3 - "$work/net.json" "$work/dom.html" "$shot" <<'PY'
import json, os, sys
net, dom, shot = sys.argv[1:4]
log = json.load(open(net))
types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
# Requests the page made carry its file:// network isolation key; the browser's own background
# requests (update checks) have another key and are not the page's doing.
page_requests = sorted({e["params"]["url"] for e in log["events"]
                        if types.get(e["type"]) == "URL_REQUEST_START_JOB"
                        and "file://" in e["params"].get("network_isolation_key", "")
                        and not e["params"]["url"].startswith(("file:", "data:", "about:", "chrome:", "blob:"))})
problems = [f"the page requested {u}" for u in page_requests]
text = open(dom, encoding="utf-8", errors="replace").read()
if "Most mentioned entities" not in text or "Most quoted speakers" not in text:
    problems.append("the rendered DOM lacks the summary tables (did the page parse?)")
size = os.path.getsize(shot) if os.path.exists(shot) else 0
if size < 10000:
    problems.append(f"the screenshot {shot} is missing or nearly blank ({size} bytes)")
for p in problems:
    print("  FAIL", p)
print(f"  network requests by the page: {len(page_requests)}; DOM {len(text)} bytes; screenshot {shot} ({size} bytes)")
sys.exit(1 if problems else 0)
PY
echo "check-html-report: passed"
