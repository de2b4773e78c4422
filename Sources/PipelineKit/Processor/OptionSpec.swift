/// A processor's options: the `with:` block of its step.
///
/// `spec` is the one place each option is described. Validation, `pipeline describe`, `pipeline schema`
/// and the docs all read it. Before decoding, the loader checks every key and value against the spec,
/// fills in defaults, resolves paths and durations, and only then decodes, so the struct itself can use
/// the synthesized `Decodable` with plain, non-optional properties (JSON keys are the spec names).
///
/// ```swift
/// public struct Options: ProcessorOptions {
///     public var format: String
///     public var path: String
///     public static let spec: [OptionSpec] = [
///         OptionSpec("format", .choice(["jsonl", "json"]), default: "jsonl", "Output format."),
///         OptionSpec("path", .path, default: "-", "Output file; \"-\" writes to stdout."),
///     ]
/// }
/// ```
public protocol ProcessorOptions: Decodable, Sendable {
    static var spec: [OptionSpec] { get }
}

/// For processors that take no options.
public struct NoOptions: ProcessorOptions {
    public static let spec: [OptionSpec] = []
    public init() {}
}

/// One option of a processor: its key, type, default and a one-line doc.
public struct OptionSpec: Sendable {
    public let name: String
    public let type: OptionType
    /// nil: the option is required.
    public let defaultValue: JSONValue?
    public let doc: String

    public init(_ name: String, _ type: OptionType, default defaultValue: JSONValue?, _ doc: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.doc = doc
    }

    public var isRequired: Bool { defaultValue == nil }
}

/// The types an option can have. The loader converts YAML values to these before decoding.
public indirect enum OptionType: Sendable, CustomStringConvertible {
    case string
    case integer
    case number
    case boolean
    /// A file or folder path; resolved against the pipeline file's folder ("-" stays "-").
    case path
    /// "5s", "250ms", "2m", "1h" or a number of seconds; decoded as seconds (`Double`).
    case duration
    /// One of the listed strings.
    case choice([String])
    case list(OptionType)
    /// A mapping from strings to values of one type.
    case map(OptionType)
    /// Any JSON value, checked by the processor itself.
    case any

    public var description: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .path: "path"
        case .duration: "duration"
        case .choice(let values): values.joined(separator: " | ")
        case .list(.choice(let values)): "list of (\(values.joined(separator: " | ")))"
        case .list(let element): "list of \(element)"
        case .map(.choice(let values)): "map of (\(values.joined(separator: " | ")))"
        case .map(let value): "map of \(value)"
        case .any: "any"
        }
    }
}
