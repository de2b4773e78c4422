/// The name and the Swift type of a custom layer: how a processor writes a layer and how a later one reads it.
///
/// Declare the key once, next to the value type, and use it on both sides. The value stays typed in
/// memory, with its `Span`s as UTF-8 offsets like every core layer; it is encoded to JSON only where a
/// document leaves the process (`export`, `exec`), and a layer that arrives as JSON (from an `exec`
/// child or a JSON Lines record) is decoded once, when a step first asks for it.
///
/// ```swift
/// public struct Keyword: Codable, Sendable { public var span: Span; public var score: Double }
/// public extension LayerKey where Value == [Keyword] { static let keywords = LayerKey("keywords") }
///
/// document.setLayer(found, for: .keywords)                // in the step that provides "keywords"
/// for k in try document.layer(.keywords) ?? [] {           // in a later step
///     print(document.text(of: k.span), k.score)
/// }
/// ```
public struct LayerKey<Value: Codable & Sendable>: Hashable, Sendable, CustomStringConvertible {
    public let name: LayerName
    public init(_ name: LayerName) { self.name = name }
    public var description: String { name.rawValue }
}

/// A custom layer that cannot be read as the type asked for.
public struct LayerError: Error, CustomStringConvertible {
    public var layer: String
    public var message: String
    public init(layer: String, message: String) {
        self.layer = layer
        self.message = message
    }
    public var description: String { "layer \(layer): \(message)" }
}
