import Foundation
import PipelineKit

/// `format: html`: one self-contained page for reading a run's results in a browser.
///
/// Summary tables (most mentioned entities, most quoted speakers) count every document; the first
/// `maxDocuments` documents are shown in full with entities highlighted by type and quotes marked with
/// their speakers. The page has inline CSS only: no scripts, no external assets, no links that load
/// anything, and a Content-Security-Policy that forbids loading, so it opens offline and is safe to mail.
final class HTMLReportSink: ExportSink {
    static let generator = "document-pipeline export"

    private let file: AtomicFile
    private let title: String
    private let maxDocuments: Int
    private var sections: [String] = []
    private var documents = 0
    private var mentions = 0
    private var quotes = 0
    private var unattributed = 0
    private var labels: Set<String> = []

    private struct EntityKey: Hashable { var name: String; var label: String }
    private var entityStats: [EntityKey: (mentions: Int, documents: Int)] = [:]
    private var speakerStats: [String: (quotes: Int, documents: Int)] = [:]

    init(path: String, title: String, maxDocuments: Int, overwrite: OverwritePolicy) throws {
        self.title = title
        self.maxDocuments = maxDocuments
        let marker = Array("<meta name=\"generator\" content=\"\(Self.generator)\"".utf8)
        file = try AtomicFile(path: path, overwrite: overwrite) { head in
            head.starts(with: Array("<!DOCTYPE html>".utf8)) && head.indices.contains { head[$0...].starts(with: marker) }
        }
    }

    func write(_ d: Document) throws {
        let rows = try DocumentRows(d)
        documents += 1
        mentions += rows.mentions.count
        quotes += rows.quotes.count

        for entity in rows.entities { labels.insert(entity.label) }
        var seenEntities: Set<EntityKey> = []
        for m in rows.mentions {
            labels.insert(m.label)
            let key = EntityKey(name: m.entityName ?? m.text, label: m.label)
            let isNew = seenEntities.insert(key).inserted
            let old = entityStats[key] ?? (0, 0)
            entityStats[key] = (old.mentions + 1, old.documents + (isNew ? 1 : 0))
        }
        var seenSpeakers: Set<String> = []
        for (i, q) in rows.quotes.enumerated() {
            guard let speaker = d.quotes[i].speakerName ?? q.speaker?.text else { unattributed += 1; continue }
            let isNew = seenSpeakers.insert(speaker).inserted
            let old = speakerStats[speaker] ?? (0, 0)
            speakerStats[speaker] = (old.quotes + 1, old.documents + (isNew ? 1 : 0))
        }
        if maxDocuments == 0 || sections.count < maxDocuments {
            sections.append(HTMLDocumentView.render(d, rows: rows, number: documents))
        }
    }

    func finish() throws {
        try file.write(page())
        try file.commit()
    }

    private func page() -> String {
        let e = HTMLDocumentView.escape
        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="\(Self.generator)">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>\n\(Self.css(labels: labels))</style>
            </head>
            <body>
            <header><h1>\(e(title))</h1>
            <p class="meta">\(documents) documents · \(mentions) entity mentions · \(quotes) quotes\
            \(sections.count < documents ? " · showing the first \(sections.count) documents in full; the tables count all" : "")</p>
            </header>\n
            """
        if !labels.isEmpty {
            h += "<p class=\"legend\">Entity types: "
            h += labels.sorted().map { "<mark class=\"e \(HTMLDocumentView.cssClass($0))\">\(e($0))</mark>" }.joined(separator: " ")
            h += " &nbsp; Quotes: <span class=\"q q-direct\">direct</span> <span class=\"q q-mixed\">mixed</span> "
            h += "<span class=\"q q-indirect\">indirect</span> <sup class=\"who\">n · speaker</sup></p>\n"
        }
        h += "<section class=\"summary\">\n"
        h += "<div><h2>Most mentioned entities</h2>\n"
        let topEntities = entityStats.sorted { ($1.value.mentions, $0.key.name) < ($0.value.mentions, $1.key.name) }.prefix(25)
        if topEntities.isEmpty {
            h += "<p>No entities: add an extract-entities step before export.</p>"
        } else {
            h += "<table><thead><tr><th>Entity</th><th>Type</th><th>Mentions</th><th>Documents</th></tr></thead><tbody>\n"
            for (key, stats) in topEntities {
                h += "<tr><td>\(e(key.name))</td><td><mark class=\"e \(HTMLDocumentView.cssClass(key.label))\">\(e(key.label))</mark></td>"
                h += "<td class=\"n\">\(stats.mentions)</td><td class=\"n\">\(stats.documents)</td></tr>\n"
            }
            h += "</tbody></table>"
        }
        h += "</div>\n<div><h2>Most quoted speakers</h2>\n"
        let topSpeakers = speakerStats.sorted { ($1.value.quotes, $0.key) < ($0.value.quotes, $1.key) }.prefix(25)
        if topSpeakers.isEmpty {
            h += "<p>No attributed quotes\(quotes == 0 ? ": add an extract-quotes step before export" : "").</p>"
        } else {
            h += "<table><thead><tr><th>Speaker</th><th>Quotes</th><th>Documents</th></tr></thead><tbody>\n"
            for (speaker, stats) in topSpeakers {
                h += "<tr><td>\(e(speaker))</td><td class=\"n\">\(stats.quotes)</td><td class=\"n\">\(stats.documents)</td></tr>\n"
            }
            h += "</tbody></table>"
        }
        if unattributed > 0 { h += "<p class=\"meta\">\(unattributed) quotes without a speaker.</p>" }
        h += "</div>\n</section>\n<main>\n"
        for s in sections { h += s }
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    /// Colours for the OntoNotes labels; other labels get one of a few spare colours by name.
    static let colours: [String: String] = [
        "PERSON": "#ffd29d", "ORG": "#a8c8ff", "GPE": "#b9f0b0", "LOC": "#9fe7ef", "FAC": "#d2c7ff",
        "NORP": "#ffc9f2", "DATE": "#f5f1a0", "TIME": "#efe6b0", "MONEY": "#c6efd7", "PERCENT": "#c6efd7",
        "QUANTITY": "#e4cdf5", "CARDINAL": "#e3e3e3", "ORDINAL": "#e3e3e3", "EVENT": "#ffb8b8", "LAW": "#f3cbe6",
        "PRODUCT": "#d9c9f2",
    ]
    static let spareColours = ["#f0d0b0", "#c0e0d0", "#d0d0f0", "#f0c0c0", "#d0e8a0", "#e0d0c0"]

    static func colour(for label: String) -> String {
        colours[label] ?? spareColours[label.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF } % spareColours.count]
    }

    /// The report's stylesheet, with a colour rule for each entity label in `labels`.
    static func css(labels: Set<String>) -> String {
        var css = """
            body { font: 16px/1.55 Georgia, "DejaVu Serif", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1d; background: #fff; }
            h1, h2, th, .meta, .legend, .who, table { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
            h1 { margin-bottom: .2rem; }
            .meta { color: #555; font-size: .85rem; }
            .legend { font-size: .85rem; line-height: 2; }
            .summary { display: flex; gap: 2rem; flex-wrap: wrap; }
            .summary > div { flex: 1 1 24rem; }
            table { border-collapse: collapse; font-size: .85rem; width: 100%; margin: .5rem 0 1rem; }
            th, td { border-bottom: 1px solid #ddd; padding: .2rem .4rem; text-align: left; vertical-align: top; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            article { border-top: 3px solid #333; margin-top: 2.5rem; }
            .text { white-space: pre-wrap; }
            mark.e { padding: 0 .15em; border-radius: .2em; background: #e3e3e3; color: inherit; }
            mark.spk { outline: 2px solid #7a1f1f; }
            .q { border-bottom: 2px solid #b03a2e; background: #fbeeee; }
            .q-mixed { border-bottom-color: #7d3c98; background: #f6eefa; }
            .q-indirect { border-bottom: 2px dashed #2e6fb0; background: #eef4fb; }
            .who { font-size: .7rem; background: #7a1f1f; color: #fff; border-radius: .6em; padding: .05em .45em; margin-left: .15em; white-space: nowrap; }
            details { font-size: .85rem; margin-bottom: 1rem; }
            ul.entities { columns: 2; }
            code { font-size: .85em; }

            """
        for label in labels.sorted() {
            css += "mark.\(HTMLDocumentView.cssClass(label)) { background: \(Self.colour(for: label)); }\n"
        }
        return css
    }
}
