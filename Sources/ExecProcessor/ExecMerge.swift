import Foundation
import PipelineKit

/// How a child's answer is folded back into the document (the merge rules of docs/exec-protocol.md).
///
/// - `text` and `id` must come back unchanged: every span refers to the text.
/// - `metadata`: keys the child adds or changes are taken; keys it drops are kept.
/// - `layers` (custom layers): added or changed ones are taken, as JSON; a later Swift step reads one
///   typed with its `LayerKey`. The runner attributes them to this step.
/// - core layers (paragraphs, sentences, tokens, entities, entity_table, quotes): taken when present in the
///   answer and different from what was sent, if the step declares them in `provides` (the runner then
///   records this step as their producer and stamps entities and quotes without a `step`); a change to an
///   undeclared core layer rejects the document, since the output would name the wrong producer.
/// - `warnings`: new entries are appended.
/// - `{"error": "reason"}` (with or without an id) rejects the document with that reason.
///
/// ```swift
/// let outcome = try ExecMerge.apply(answer: lineBytes, to: &document, sentLayers: .all, provides: [.entities])
/// ```
enum ExecMerge {
    enum Outcome: Equatable { case merged, rejected(String) }

    /// The child's line is not an answer to this document; it is restarted.
    struct ProtocolError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func apply(answer line: [UInt8], to document: inout Document, sentLayers: DocumentJSON.Layers,
                      provides: Set<LayerName>) throws -> Outcome {
        let value: JSONValue
        do {
            value = try JSONReader.parse(line)
        } catch {
            throw ProtocolError("the child's answer is not JSON (it began: \(preview(line)))")
        }
        guard let object = value.objectValue else {
            throw ProtocolError("the child's answer is not a JSON object (it began: \(preview(line)))")
        }
        if let reason = object["error"]?.stringValue {
            if let id = object["id"]?.stringValue, id != document.id {
                throw ProtocolError("the child rejected document \"\(id)\" while \"\(document.id)\" was asked")
            }
            return .rejected(reason)
        }
        // A partial answer leaves `text` out: every span in it refers to the text that was sent.
        var full = object
        if full["text"] == nil { full["text"] = .string(document.text) }
        if full["id"] == nil { full["id"] = .string(document.id) }
        let answer: Document
        do {
            answer = try DocumentJSON.decode(.object(full))
        } catch {
            throw ProtocolError("the child's answer is not a valid document: \(error)")
        }
        guard answer.id == document.id else {
            throw ProtocolError("the child answered for document \"\(answer.id)\" while \"\(document.id)\" was asked")
        }
        guard answer.text == document.text else {
            return .rejected("it changed the text, which exec children may not do (every span refers to it); "
                + "add metadata or layers instead")
        }

        for key in Metadata.standardKeys {
            if let v = answer.metadata[standard: key], v != document.metadata[standard: key] { document.metadata[standard: key] = v }
        }
        for (key, v) in answer.metadata.extra where document.metadata.extra[key] != v {
            document.metadata.extra[key] = v
        }
        for name in answer.customLayerNames {
            let theirs = try answer.layerJSON(named: LayerName(name))
            if let theirs, try document.layerJSON(named: LayerName(name)) != theirs {
                document.setLayerJSON(theirs, named: LayerName(name))
            }
        }

        // A core layer is taken when the child sent it back and changed it, and the step declares it.
        var undeclared: [String] = []
        func changed<T: Equatable>(_ key: String, _ layer: LayerName, _ sent: Bool, _ ours: [T], _ theirs: [T]) -> [T]? {
            guard sent && object[key] != nil && ours != theirs else { return nil }
            guard provides.contains(layer) else { undeclared.append(key); return nil }
            return theirs
        }
        if let v = changed("paragraphs", .paragraphs, sentLayers.contains(.paragraphs), document.paragraphs, answer.paragraphs) {
            document.paragraphs = v
        }
        if let v = changed("sentences", .sentences, sentLayers.contains(.sentences), document.sentences, answer.sentences) {
            document.sentences = v
        }
        if let v = changed("tokens", .tokens, sentLayers.contains(.tokens), document.tokens, answer.tokens) {
            document.tokens = v
        }
        if let v = changed("entities", .entities, true, document.entities, answer.entities) { document.entities = v }
        if let v = changed("entity_table", .entities, true, document.entityTable, answer.entityTable) { document.entityTable = v }
        if let v = changed("quotes", .quotes, true, document.quotes, answer.quotes) { document.quotes = v }
        if !undeclared.isEmpty {
            return .rejected("it changed \(undeclared.joined(separator: ", ")), which the step does not declare; "
                + "add \(undeclared.map { $0 == "entity_table" ? "entities" : $0 }.joined(separator: ", ")) to the step's provides: list")
        }

        for warning in answer.warnings where !document.warnings.contains(warning) {
            document.warnings.append(warning)
        }
        return .merged
    }

    static func preview(_ line: [UInt8]) -> String {
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        return "\"" + text + (line.count > 80 ? "…" : "") + "\""
    }
}
