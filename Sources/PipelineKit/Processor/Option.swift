import Foundation

/// One option of a processor, declared once: name (from the property), type, default and doc.
///
/// ```swift
/// @Option("How many phrases to keep, best first.") public var count = 10
/// @Option(path: "Output file; \"-\" writes to stdout.") public var path = "-"
/// @Option("The program and its arguments.", required: true) public var command: [String] = []
/// ```
///
/// Paths, durations and sizes are strings, seconds and bytes in Swift; `path:`, `duration:` and `size:`
/// say which (the loader resolves a path against the pipeline file's folder and reads "5s" or "50MB").
/// A required option's initial value is never used: the loader reports the step that leaves it out.
@propertyWrapper
public struct Option<Value: OptionValue>: Sendable {
    public var wrappedValue: Value
    let type: OptionType
    let doc: String
    let isRequired: Bool

    public init(wrappedValue: Value, _ doc: String, required: Bool = false) {
        self.init(wrappedValue, Value.optionType, doc, required)
    }

    init(_ value: Value, _ type: OptionType, _ doc: String, _ required: Bool) {
        wrappedValue = value
        self.type = type
        self.doc = doc
        isRequired = required
    }
}

extension Option where Value == String {
    /// A file or folder path, resolved against the pipeline file's folder.
    public init(wrappedValue: String, path doc: String, required: Bool = false) {
        self.init(wrappedValue, .path, doc, required)
    }
}

extension Option where Value == [String] {
    /// A list of paths, each resolved against the pipeline file's folder.
    public init(wrappedValue: [String], paths doc: String, required: Bool = false) {
        self.init(wrappedValue, .list(.path), doc, required)
    }
}

extension Option where Value == Double {
    /// A duration written "500ms", "5s", "2m", "1h" or as seconds; the value is in seconds.
    public init(wrappedValue: Double, duration doc: String, required: Bool = false) {
        self.init(wrappedValue, .duration, doc, required)
    }
}

extension Option where Value == Int {
    /// A size written "50MB", "512KB" or as bytes; the value is in bytes.
    public init(wrappedValue: Int, size doc: String, required: Bool = false) {
        self.init(wrappedValue, .size, doc, required)
    }
}

extension Option: Decodable {
    /// Decodes the value alone; the declaration (doc, type) lives on the default instance.
    public init(from decoder: Decoder) throws {
        self.init(try Value(from: decoder), Value.optionType, "", false)
    }
}

/// What `OptionSpec.declared(in:)` reads off an `@Option` property without knowing its value type.
protocol OptionDeclaration {
    func spec(propertyName: String) -> OptionSpec
}

extension Option: OptionDeclaration {
    func spec(propertyName: String) -> OptionSpec {
        OptionSpec(OptionSpec.snakeCase(propertyName), type,
                   default: isRequired ? nil : (try? JSONEncoder().encode(wrappedValue)).flatMap { try? JSONReader.parse([UInt8]($0)) },
                   doc, propertyName: propertyName)
    }
}

/// A type an option can have; its `optionType` is what the loader checks and `describe` shows.
public protocol OptionValue: Codable, Sendable {
    static var optionType: OptionType { get }
}

/// A choice option: a `String` enum whose cases are the allowed values.
///
/// ```swift
/// public enum Layout: String, OptionChoice { case array, files }
/// ```
public protocol OptionChoice: OptionValue, CaseIterable, RawRepresentable where RawValue == String {}

extension OptionChoice {
    public static var optionType: OptionType { .choice(allCases.map(\.rawValue)) }
}

extension Bool: OptionValue { public static var optionType: OptionType { .boolean } }
extension Int: OptionValue { public static var optionType: OptionType { .integer } }
extension Double: OptionValue { public static var optionType: OptionType { .number } }
extension String: OptionValue { public static var optionType: OptionType { .string } }
extension JSONValue: OptionValue { public static var optionType: OptionType { .any } }
extension Array: OptionValue where Element: OptionValue {
    public static var optionType: OptionType { .list(Element.optionType) }
}
extension Dictionary: OptionValue where Key == String, Value: OptionValue {
    public static var optionType: OptionType { .map(Value.optionType) }
}
