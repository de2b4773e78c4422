import Foundation
import PipelineKit

/// Reads one JSON Lines record into a document: the text from one field, the id from another, a title and
/// a date into metadata, every other field into `metadata.extra` (standard names such as `source` or
/// `url` go to their metadata field).
///
/// The text is kept as given, except that CRLF becomes LF as for every format.
///
/// ```swift
/// try JSONRecordReader(options: options).read(bytes, into: &document)
/// ```
struct JSONRecordReader {
    var textField: String
    var idField: String
    var titleField: String
    var dateFields: [String]

    func read(_ raw: [UInt8], into document: inout Document) throws {
        let decoded = try TextDecoder.decodeEncoding(raw)
        document.warnings += decoded.warnings
        let value: JSONValue
        do {
            value = try JSONReader.parse(Array(decoded.text.utf8))
        } catch {
            throw DocumentRejected("not a JSON object: \(error); each line of a JSON Lines file must be one JSON object")
        }
        guard case .object(var record) = value else {
            throw DocumentRejected("a JSON Lines record must be a JSON object, not \(value.displayString.prefix(40))")
        }
        guard let field = record.removeValue(forKey: textField) else {
            let fields = record.keys.sorted().prefix(12).joined(separator: ", ")
            throw DocumentRejected("no field \"\(textField)\" (the record has: \(fields)); set parse's text_field to the field holding the text")
        }
        guard let text = field.stringValue else {
            throw DocumentRejected("field \"\(textField)\" is \(field.displayString.prefix(30)), not a string; set parse's text_field to the field holding the text")
        }
        document.text = TextDecoder.normalizeLineEnds(text)
        if TextDecoder.isBlank(document.text) { throw DocumentRejected("empty document: field \"\(textField)\" holds no text") }
        if let id = record.removeValue(forKey: idField), id != .null {
            document.id = id.stringValue ?? id.displayString
        }
        if let title = record.removeValue(forKey: titleField)?.stringValue, !title.isEmpty {
            document.metadata.title = title
        }
        for key in dateFields {
            guard let date = record[key]?.stringValue, !date.isEmpty else { continue }
            record.removeValue(forKey: key)
            if document.metadata.published == nil { document.metadata.published = DateNormalizer.iso(date) ?? date }
        }
        for (key, value) in record {
            if Metadata.standardKeys.contains(key), let s = value.stringValue {
                document.metadata[standard: key] = s
            } else if key == "author", document.metadata.byline == nil, let s = value.stringValue {
                document.metadata.byline = s
            } else {
                document.metadata.extra[key] = value
            }
        }
    }
}
