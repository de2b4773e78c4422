#!/usr/bin/env bash
# Checks the page of `pipeline serve` in a real headless browser: starts the server on a free loopback
# port, opens / in Chromium, pastes the seed article (../shared/seeds/rudaw-2019-04-29-soleimani.txt),
# annotates it from the keyboard (Ctrl+Enter), and checks that Qassim Soleimani is highlighted as PERSON,
# that quotations are attributed to him, that the entity table and the JSON download are there, that the
# page made no request off this server, and that it fits a phone's width. Screenshots: $OUT (default
# pipelines/out/serve-page{,-phone}.png).
#
#   scripts/check-serve-page.sh            # exit 0 passed, 1 a check failed, 2 a tool is missing
#
# Needs chromium and python3 with websocket-client (Debian: apt-get install chromium python3-websocket).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seed="$root/../shared/seeds/rudaw-2019-04-29-soleimani.txt"
out="${OUT:-$root/pipelines/out}"
if [[ ! -f "$seed" ]]; then
    echo "check-serve-page: skipped: the seed article $seed is absent (../shared is test data beside the repository)"
    exit 0
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[[ -n "$browser" ]] || { echo "check-serve-page: chromium is not installed (Debian: apt-get install -y chromium)" >&2; exit 2; }
# Debian's python3-websocket goes to the system Python, which may not be the first python3 on PATH.
python=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import websocket' 2>/dev/null; then python="$candidate"; break; fi
done
[[ -n "$python" ]] || { echo "check-serve-page: python3 websocket-client is needed (Debian: apt-get install -y python3-websocket)" >&2; exit 2; }

(cd "$root" && swift build --product pipeline >/dev/null)
bin="$(cd "$root" && swift build --show-bin-path)/pipeline"
work="$(mktemp -d)"
mkdir -p "$out"
cleanup() {
    [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null || true
    [[ -n "${chrome:-}" ]] && kill "$chrome" 2>/dev/null || true
    wait 2>/dev/null || true
    # Chromium's helper processes may still write to its profile for a moment after the browser exits;
    # a cleanup that races them must not turn a passed check into a failed one.
    for _ in 1 2 3 4 5; do rm -rf "$work" 2>/dev/null && break; sleep 1; done
    return 0
}
trap cleanup EXIT

"$bin" serve "$root/pipelines/news.yaml" --port 0 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 300); do
    address="$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -n1 || true)"
    [[ -n "$address" ]] && break
    sleep 0.1
done
[[ -n "${address:-}" ]] || { cat "$work/serve.log" >&2; echo "check-serve-page: the server did not start" >&2; exit 1; }
echo "== server: $address"

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-default-apps \
    --no-proxy-server --remote-debugging-port=0 --remote-allow-origins='*' \
    about:blank >"$work/chromium.log" 2>&1 &
chrome=$!
for _ in $(seq 1 300); do [[ -s "$work/profile/DevToolsActivePort" ]] && break; sleep 0.1; done
[[ -s "$work/profile/DevToolsActivePort" ]] || { cat "$work/chromium.log" >&2; echo "check-serve-page: chromium did not start" >&2; exit 1; }
echo "== chromium: $browser"

"$python" - "$(head -n1 "$work/profile/DevToolsActivePort")" "$address" "$seed" "$out" <<'PY'
import base64, json, sys, time, urllib.request
import websocket

devtools_port, address, seed, out = sys.argv[1:5]
address = address.removeprefix("http://")
targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list"))
page = next(t for t in targets if t["type"] == "page")
ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
counter = 0
requests = []

def call(method, **params):
    global counter
    counter += 1
    ws.send(json.dumps({"id": counter, "method": method, "params": params}))
    while True:
        message = json.loads(ws.recv())
        if message.get("method") == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
        if message.get("id") == counter:
            if "error" in message:
                raise RuntimeError(f"{method}: {message['error']}")
            return message.get("result", {})

def js(expression):
    result = call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
    if "exceptionDetails" in result:
        raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
    return result["result"].get("value")

def key(k, code, vk, modifiers=0, text=None):
    for kind in ("keyDown", "keyUp"):
        params = dict(type=kind, key=k, code=code, windowsVirtualKeyCode=vk, modifiers=modifiers)
        if text and kind == "keyDown":
            params["text"] = text
        call("Input.dispatchKeyEvent", **params)

problems = []
call("Network.enable")
call("Page.enable")
call("Emulation.setDeviceMetricsOverride", width=1280, height=1800, deviceScaleFactor=1, mobile=False)
call("Page.navigate", url=f"http://{address}/")
for _ in range(100):
    if js("document.readyState") == "complete" and js("!!document.getElementById('text')"):
        break
    time.sleep(0.1)

# Paste the article into the text box (as a paste would), then annotate from the keyboard.
article = open(seed, encoding="utf-8").read()
js("document.getElementById('text').focus()")
call("Input.insertText", text=article)
if js("document.getElementById('text').value.length") < len(article) // 2:
    problems.append("the article did not reach the text box")
key("Enter", "Enter", 13, modifiers=2, text="\r")  # Ctrl+Enter
status = ""
for _ in range(300):
    status = js("document.getElementById('status').textContent")
    if status.startswith(("Done", "Could not")):
        break
    time.sleep(0.1)
print(f"  status: {status}")
if not status.startswith("Done"):
    problems.append(f"the page did not finish annotating: {status!r}")

people = js("[...document.querySelectorAll('#result mark.e.l-PERSON')].map(m => m.textContent)") or []
speakers = js("[...document.querySelectorAll('#result table.quotes tbody tr')].map(r => r.cells[1].textContent)") or []
table = js("[...document.querySelectorAll('#result table.entity-table tbody tr')].map(r => [r.cells[0].textContent, r.cells[1].textContent])") or []
download = js("document.getElementById('download').href")
downloaded = js("fetch(document.getElementById('download').href).then(r => r.json()).then(d => d.entities.filter(e => e.label === 'PERSON').map(e => e.text))") or []
print(f"  PERSON highlights: {sorted(set(people))}")
print(f"  quote speakers: {speakers}")
print(f"  entity table rows: {len(table)}; JSON download: {download[:30]}… with {len(downloaded)} PERSON mentions")
if not any("Soleimani" in p for p in people):
    problems.append("Qassim Soleimani is not highlighted as PERSON")
soleimani_quotes = [s for s in speakers if "Soleimani" in s]
if len(soleimani_quotes) < 2:
    problems.append(f"fewer than two quotations attributed to Soleimani: {speakers}")
if not any("Soleimani" in name and label == "PERSON" for name, label in table):
    problems.append("the entity table lacks Qassim Soleimani as PERSON")
if not download.startswith("blob:") or not any("Soleimani" in p for p in downloaded):
    problems.append("the JSON download is missing or lacks Soleimani")
shot = call("Page.captureScreenshot", format="png")
open(f"{out}/serve-page.png", "wb").write(base64.b64decode(shot["data"]))

# A phone: the page fits the width (no sideways scrolling of the page itself).
call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
time.sleep(0.3)
overflow = js("document.documentElement.scrollWidth - document.documentElement.clientWidth")
print(f"  phone width 390: horizontal overflow {overflow}px")
if overflow > 2:
    problems.append(f"at a phone's width the page is {overflow}px wider than the screen")
shot = call("Page.captureScreenshot", format="png")
open(f"{out}/serve-page-phone.png", "wb").write(base64.b64decode(shot["data"]))

off_server = sorted({u for u in requests if not u.startswith((f"http://{address}/", "blob:", "data:", "about:"))})
print(f"  requests: {len(requests)}, off this server: {off_server}")
if off_server:
    problems.append(f"the page requested {off_server}")
for p in problems:
    print("  FAIL", p)
sys.exit(1 if problems else 0)
PY
echo "check-serve-page: passed"
