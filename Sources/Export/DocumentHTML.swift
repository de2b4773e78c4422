import PipelineKit

/// The HTML report's view of one document, for other front ends: `pipeline serve`'s page shows a
/// document exactly as the report does, with the report's stylesheet.
///
/// ```swift
/// let page = "<style>\(DocumentHTML.stylesheet)</style>" + (try DocumentHTML.article(document))
/// ```
public enum DocumentHTML {
    /// The document as an `<article>`: its text with entities highlighted by type and quotes marked with
    /// their speakers, its quotes, then a table of its entities. Every piece of text is HTML-escaped.
    /// Throws an `ExportError` when a step left a span outside the text.
    public static func article(_ document: Document) throws -> String {
        let rows = try DocumentRows(document)
        var html = HTMLDocumentView.render(document, rows: rows, number: 1)
        guard !rows.entities.isEmpty else { return html }
        let e = HTMLDocumentView.escape
        var table = "<table class=\"entity-table\"><caption>Entities</caption>"
        table += "<thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Type</th><th scope=\"col\">Mentions</th><th scope=\"col\">Also written</th></tr></thead><tbody>\n"
        for entity in rows.entities.sorted(by: { ($1.mentionCount, $0.name) < ($0.mentionCount, $1.name) }) {
            table += "<tr><td>\(e(entity.name))</td><td><mark class=\"e \(HTMLDocumentView.cssClass(entity.label))\">\(e(entity.label))</mark></td>"
            table += "<td class=\"n\">\(entity.mentionCount)</td><td>\(e(entity.aliases.filter { $0 != entity.name }.joined(separator: "; ")))</td></tr>\n"
        }
        table += "</tbody></table>\n"
        // `render` ends with "</article>\n": the table goes inside the article.
        html.removeLast("</article>\n".count)
        html += table + "</article>\n"
        return html
    }

    /// The report's stylesheet, with a colour for every entity label the built-in recognizer uses
    /// (other labels get the neutral highlight).
    public static let stylesheet = HTMLReportSink.css(labels: Set(HTMLReportSink.colours.keys))
}
