import Foundation
import PipelineKit

/// A request body as a raw `Document` for the pipeline's `parse` step, by its Content-Type:
///
/// | Content-Type | read as |
/// | --- | --- |
/// | `text/plain` | news text: a header (title, `Last Update: … - Source: …`, dateline) is read if present, as `format: auto` does for a .txt file |
/// | `text/html` | an HTML page (main-content extraction) |
/// | `text/markdown` | Markdown |
/// | `application/json` | `{"id", "text", …}`: one JSON Lines record (other fields become metadata); `{"id", "html", "url"?}`: an HTML page |
///
/// The id is the JSON `id`, else the `id` query parameter, else `fallbackID`.
///
/// ```swift
/// let document = try IncomingDocument.make(body: bytes, contentType: "text/plain; charset=utf-8", id: nil, fallbackID: "request-1")
/// ```
enum IncomingDocument {
    static let types = ["text/plain", "text/html", "text/markdown", "application/json"]

    static func make(body: [UInt8], contentType: String?, id: String?, fallbackID: String) throws(ServeError) -> Document {
        let mediaType = contentType.map(Self.mediaType)
        let id = id ?? fallbackID
        switch mediaType {
        case "text/plain":
            return Document(id: id, source: DocumentSource(path: nil, format: "news"), raw: body)
        case "text/html", "application/xhtml+xml":
            return Document(id: id, source: DocumentSource(path: nil, format: "html"), raw: body)
        case "text/markdown", "text/x-markdown":
            return Document(id: id, source: DocumentSource(path: nil, format: "markdown"), raw: body)
        case "application/json", "application/x-ndjson", "application/jsonl":
            return try json(body, id: id)
        default:
            throw ServeError.unsupportedType(contentType)
        }
    }

    /// One JSON object with a `text` or an `html` string.
    static func json(_ body: [UInt8], id: String) throws(ServeError) -> Document {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw ServeError.badJSON("the body is not valid JSON (\(Self.describe(error))); send one object such as {\"id\": \"a1\", \"text\": \"...\"}")
        }
        guard let object = value as? [String: Any] else {
            throw ServeError.badJSON("the body is JSON but not an object; send one object such as {\"id\": \"a1\", \"text\": \"...\"}")
        }
        var documentID = id
        if let given = object["id"] {
            guard let s = given as? String ?? (given as? NSNumber).map({ $0.stringValue }) else {
                throw ServeError.badJSON("\"id\" must be a string or a number")
            }
            documentID = s
        }
        if let html = object["html"] {
            guard let html = html as? String else { throw ServeError.badJSON("\"html\" must be a string holding the page") }
            var document = Document(id: documentID, source: DocumentSource(path: object["url"] as? String, format: "html"),
                                    raw: Array(html.utf8))
            document.metadata.url = object["url"] as? String
            return document
        }
        guard object["text"] is String else {
            let fields = object.keys.sorted().prefix(12).joined(separator: ", ")
            throw ServeError.badJSON("the object has no \"text\" or \"html\" string (its fields: \(fields.isEmpty ? "none" : fields)); send {\"id\": \"a1\", \"text\": \"...\"} or {\"id\": \"a1\", \"html\": \"<html>...\"}")
        }
        // The record as it is, for `parse` to read as a JSON Lines record: other fields become metadata.
        return Document(id: documentID, source: DocumentSource(path: nil, format: "jsonl"), raw: body)
    }

    /// "Text/Plain; charset=utf-8" → "text/plain".
    static func mediaType(_ contentType: String) -> String {
        let base = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? contentType
        return base.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
