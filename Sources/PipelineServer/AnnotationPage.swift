import Export

/// The page at `/`: paste or drop an article, see it annotated as the HTML report shows a document
/// (entities highlighted by type, quotes with their speakers, the entity table), and download its JSON.
///
/// Self-contained: one response with inline CSS and script, nothing loaded from elsewhere (the
/// Content-Security-Policy allows only requests back to this server). Every control is a native form
/// element, so the page works by keyboard (Ctrl+Enter annotates) and with a screen reader; the layout
/// is one column that fits a phone.
enum AnnotationPage {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' blob:; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Annotate an article · document pipeline</title>
        <style>
        \(DocumentHTML.stylesheet)
        \(pageCSS)
        </style>
        </head>
        <body>
        <header><h1>Annotate an article</h1>
        <p class="meta">Paste a news article or drop a file (text, HTML or Markdown). The server runs its pipeline's
        analysis steps and shows the people, organizations, places and other entities it finds, and who said what.</p>
        </header>
        <main>
        <form id="form">
          <div id="drop" class="drop">
            <label for="text">Article</label>
            <textarea id="text" name="text" rows="12" required spellcheck="false"
              placeholder="Paste an article here, or drop a .txt, .html or .md file on this box"></textarea>
          </div>
          <div class="controls">
            <label for="file">or choose a file</label>
            <input type="file" id="file" accept=".txt,.text,.html,.htm,.md,.markdown,text/plain,text/html,text/markdown">
            <label for="format">Format</label>
            <select id="format">
              <option value="auto">detect</option>
              <option value="text/plain">text</option>
              <option value="text/html">HTML</option>
              <option value="text/markdown">Markdown</option>
            </select>
            <button type="submit" id="submit">Annotate</button>
            <span class="meta">Ctrl+Enter</span>
          </div>
        </form>
        <p id="status" class="meta" role="status" aria-live="polite"></p>
        <p id="download-line" hidden><a id="download" download="document.json" href="#">Download the JSON</a>
          <span class="meta">(the export JSON schema)</span></p>
        <section id="result" aria-label="Annotated article"></section>
        </main>
        <script>
        \(script)
        </script>
        </body>
        </html>

        """

    static let pageCSS = """
        form { margin: 1rem 0; }
        textarea { width: 100%; box-sizing: border-box; font: 15px/1.45 "DejaVu Sans Mono", monospace; padding: .5rem; }
        .drop { border: 2px dashed #bbb; border-radius: .4rem; padding: .5rem; }
        .drop.over { border-color: #2e6fb0; background: #eef4fb; }
        .drop label { display: block; font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; font-weight: bold; margin-bottom: .3rem; }
        .controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-top: .6rem;
                    font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; font-size: .9rem; }
        button { font-size: 1rem; padding: .4rem 1.2rem; }
        :focus-visible { outline: 3px solid #2e6fb0; outline-offset: 2px; }
        #status.error { color: #a00; font-weight: bold; }
        table.entity-table caption { text-align: left; font-weight: bold; padding: .3rem 0; }
        @media (max-width: 40rem) { body { margin: 1rem auto; font-size: 15px; } ul.entities { columns: 1; }
                                    table { display: block; overflow-x: auto; } }
        """

    static let script = """
        "use strict";
        const form = document.getElementById("form"), text = document.getElementById("text"),
              file = document.getElementById("file"), format = document.getElementById("format"),
              status = document.getElementById("status"), result = document.getElementById("result"),
              drop = document.getElementById("drop"), download = document.getElementById("download"),
              downloadLine = document.getElementById("download-line"), submit = document.getElementById("submit");
        let fileName = null, jsonURL = null;

        function contentType() {
          if (format.value !== "auto") return format.value;
          const name = (fileName || "").toLowerCase();
          if (/\\.(html?|xhtml)$/.test(name)) return "text/html";
          if (/\\.(md|markdown)$/.test(name)) return "text/markdown";
          const head = text.value.trimStart().slice(0, 200).toLowerCase();
          if (head.startsWith("<!doctype html") || head.startsWith("<html") || /^<(head|body|article|p|div)[\\s>]/.test(head)) return "text/html";
          return "text/plain";
        }

        function say(message, isError) {
          status.textContent = message;
          status.className = isError ? "meta error" : "meta";
        }

        async function post(accept) {
          const id = fileName ? fileName.replace(/\\.[^.]*$/, "") : "pasted";
          const response = await fetch("/v1/annotate?id=" + encodeURIComponent(id), {
            method: "POST", headers: { "Content-Type": contentType() + "; charset=utf-8", "Accept": accept }, body: text.value });
          if (!response.ok) {
            let message = response.status + " " + response.statusText;
            try { const e = (await response.json()).error; message = e.message + (e.step ? " (step " + e.step + ")" : ""); } catch (_) {}
            throw new Error(message);
          }
          return response;
        }

        async function annotate() {
          if (!text.value.trim()) { say("Paste an article or drop a file first.", true); text.focus(); return; }
          submit.disabled = true;
          say("Annotating…", false);
          const started = performance.now();
          try {
            const [view, json] = await Promise.all([post("text/html"), post("application/json")]);
            result.innerHTML = await view.text();
            const blob = new Blob([await json.text()], { type: "application/json" });
            if (jsonURL) URL.revokeObjectURL(jsonURL);
            jsonURL = URL.createObjectURL(blob);
            download.href = jsonURL;
            download.download = (fileName ? fileName.replace(/\\.[^.]*$/, "") : "document") + ".json";
            downloadLine.hidden = false;
            const marks = result.querySelectorAll("mark.e").length, quotes = result.querySelectorAll("table.quotes tbody tr").length;
            say("Done in " + Math.round(performance.now() - started) + " ms: " + marks + " entity mentions, " + quotes + " quotes.", false);
          } catch (error) {
            result.textContent = "";
            downloadLine.hidden = true;
            say("Could not annotate: " + error.message, true);
          } finally {
            submit.disabled = false;
          }
        }

        function readFile(f) {
          if (!f) return;
          fileName = f.name;
          const reader = new FileReader();
          reader.onload = () => { text.value = reader.result; say("Read " + f.name + " (" + f.size + " bytes).", false); };
          reader.onerror = () => say("Could not read " + f.name + ".", true);
          reader.readAsText(f);
        }

        form.addEventListener("submit", event => { event.preventDefault(); annotate(); });
        text.addEventListener("keydown", event => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); annotate(); }
        });
        text.addEventListener("input", () => { if (!text.value) fileName = null; });
        file.addEventListener("change", () => readFile(file.files[0]));
        ["dragenter", "dragover"].forEach(type => drop.addEventListener(type, event => { event.preventDefault(); drop.classList.add("over"); }));
        ["dragleave", "drop"].forEach(type => drop.addEventListener(type, () => drop.classList.remove("over")));
        drop.addEventListener("drop", event => { event.preventDefault(); readFile(event.dataTransfer.files[0]); });
        """
}
