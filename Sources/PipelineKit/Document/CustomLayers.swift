import Foundation

/// The custom layers of a document, by name: typed values set by Swift steps, or the published JSON a
/// layer arrived as (from `exec` or an input record), decoded on first typed use.
///
/// Kept apart from `Document` so the two forms, and the conversion between them, live in one place.
/// Every `Span` in a typed value is a UTF-8 range, as in the core layers; the JSON form holds code
/// points, as the output schema says. `SpanOffsets` converts between them inside `Span`'s Codable.
struct CustomLayers: Sendable {
    enum Stored: Sendable {
        case typed(any Codable & Sendable)
        /// The published form, with a cache for its typed value so it is decoded once per document.
        case json(JSONValue, DecodedOnce)
    }

    private(set) var storage: [String: Stored] = [:]

    var isEmpty: Bool { storage.isEmpty }
    var names: [String] { storage.keys.sorted() }

    mutating func set<V: Codable & Sendable>(_ value: V, named name: String) { storage[name] = .typed(value) }
    mutating func setJSON(_ value: JSONValue, named name: String) { storage[name] = .json(value, DecodedOnce()) }
    mutating func remove(named name: String) { storage[name] = nil }

    func value<V: Codable & Sendable>(named name: String, as type: V.Type, text: String) throws -> V? {
        switch storage[name] {
        case nil:
            return nil
        case .typed(let value):
            if let typed = value as? V { return typed }
            // Another step's type under the same name: read it through its JSON form, offsets unchanged.
            do {
                let data = try JSONEncoder().encode(value)
                return try JSONDecoder().decode(V.self, from: data)
            } catch {
                throw LayerError(layer: name, message: "holds \(Swift.type(of: value)), which does not read as \(V.self): \(Self.brief(error))")
            }
        case .json(let json, let cache):
            return try cache.value(as: V.self) {
                do {
                    return try json.decode(V.self, userInfo: [.spanOffsets: SpanOffsets(text: text)])
                } catch {
                    throw LayerError(layer: name, message: "its JSON does not read as \(V.self): \(Self.brief(error))")
                }
            }
        }
    }

    /// The published form of one layer: offsets in code points, checked against the text.
    func json(named name: String, offsets: @autoclosure () -> SpanOffsets) throws -> JSONValue? {
        switch storage[name] {
        case nil: return nil
        case .json(let json, _): return json
        case .typed(let value): return try JSONValue(data: encoded(value, name: name, offsets: offsets()))
        }
    }

    /// One layer as compact JSON bytes (sorted keys), for the document writer.
    func encoded(named name: String, offsets: SpanOffsets) throws -> [UInt8]? {
        switch storage[name] {
        case nil: return nil
        case .json(let json, _):
            var w = DocumentJSON.Writer()
            w.value(json)
            return w.bytes
        case .typed(let value): return try encoded(value, name: name, offsets: offsets)
        }
    }

    private func encoded(_ value: any Codable & Sendable, name: String, offsets: SpanOffsets) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.spanOffsets] = offsets
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw DocumentJSONError("document \(offsets.documentID): layer \(name): \(Self.brief(error))")
        }
    }

    static func brief(_ error: any Error) -> String {
        if let e = error as? DocumentJSONError { return e.description }
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
            let path = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return (path.isEmpty ? "" : "at \(path): ") + c.debugDescription
        case nil:
            if case EncodingError.invalidValue(_, let c) = error { return c.debugDescription }
            return String(describing: error)
        @unknown default:
            return String(describing: error)
        }
    }
}

/// A typed value decoded from a JSON layer, shared by the copies of one document.
/// Decoding is deterministic, so whichever copy decodes first can serve the others.
final class DecodedOnce: Sendable {
    private let cached = Locked<(any Sendable)?>(nil)

    func value<V: Sendable>(as type: V.Type, decode: () throws -> V) throws -> V {
        if let hit = cached.withLock({ $0 }) as? V { return hit }
        let value = try decode()
        cached.withLock { $0 = value }
        return value
    }
}

extension JSONValue {
    init(data: [UInt8]) throws {
        self = try JSONReader.parse(data)
    }

    func decode<T: Decodable>(_ type: T.Type, userInfo: [CodingUserInfoKey: any Sendable]) throws -> T {
        let data = try JSONEncoder().encode(self)
        let decoder = JSONDecoder()
        decoder.userInfo = userInfo
        return try decoder.decode(T.self, from: data)
    }
}
