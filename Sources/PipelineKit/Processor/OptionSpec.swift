import Foundation

/// A processor's options: the `with:` block of its step, declared once with `@Option`.
///
/// Each `@Option` property is the whole declaration: its Swift name gives the key (`minQuoteWords` is
/// `min_quote_words`), its initial value the default, its type the option type (an enum of strings is a
/// choice), and the text the one-line doc. Validation, decoding, `pipeline describe`, `pipeline schema`
/// and the docs all read the same declaration, through `spec`.
///
/// ```swift
/// public struct Options: ProcessorOptions {
///     public enum Format: String, OptionChoice { case jsonl, json }
///     @Option("Output format.") public var format: Format = .jsonl
///     @Option(path: "Output file; \"-\" writes to stdout.") public var path = "-"
///     @Option(duration: "Longest wait for one answer.") public var timeout = 30.0
///     @Option("Words to leave out.") public var stopwords: [String] = []
///     public init() {}
/// }
/// ```
public protocol ProcessorOptions: Decodable, Sendable {
    /// Every option with its default: the declaration's initial values.
    init()
    /// The options as `describe`, `schema` and the loader see them; read from the `@Option` properties.
    static var spec: [OptionSpec] { get }
}

extension ProcessorOptions {
    public static var spec: [OptionSpec] { OptionSpec.declared(in: Self()) }

    /// The options from checked JSON values keyed by option name (as the loader hands them over);
    /// options left out keep their defaults.
    public static func decode(_ values: JSONValue) throws -> Self {
        var byProperty: [String: JSONValue] = [:]
        let given = values.objectValue ?? [:]
        for option in spec {
            let value = given[option.name] ?? option.defaultValue
            if let value { byProperty[option.propertyName] = value }
        }
        let data = try JSONEncoder().encode(JSONValue.object(byProperty))
        return try JSONDecoder().decode(Self.self, from: data)
    }
}

/// For processors that take no options.
public struct NoOptions: ProcessorOptions {
    public init() {}
}

/// One option of a processor: its key, type, default and a one-line doc, as `describe` shows it.
public struct OptionSpec: Sendable {
    /// The key in `with:`, such as "min_quote_words".
    public let name: String
    /// The Swift property it decodes into, such as "minQuoteWords".
    public let propertyName: String
    public let type: OptionType
    /// nil: the option is required.
    public let defaultValue: JSONValue?
    public let doc: String

    public init(_ name: String, _ type: OptionType, default defaultValue: JSONValue?, _ doc: String,
                propertyName: String? = nil) {
        self.name = name
        self.propertyName = propertyName ?? name
        self.type = type
        self.defaultValue = defaultValue
        self.doc = doc
    }

    public var isRequired: Bool { defaultValue == nil }

    /// The `@Option` properties of an options value, in declaration order.
    public static func declared(in options: some Any) -> [OptionSpec] {
        Mirror(reflecting: options).children.compactMap { child in
            guard let label = child.label, let option = child.value as? any OptionDeclaration else { return nil }
            let property = label.hasPrefix("_") ? String(label.dropFirst()) : label
            return option.spec(propertyName: property)
        }
    }

    /// "minQuoteWords" → "min_quote_words".
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                if !result.isEmpty { result.append("_") }
                result += character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// The types an option can have. The loader converts YAML values to these before decoding.
public indirect enum OptionType: Sendable, Equatable, CustomStringConvertible {
    case string
    case integer
    case number
    case boolean
    /// A file or folder path; resolved against the pipeline file's folder ("-" and "" stay as they are).
    case path
    /// "5s", "250ms", "2m", "1h" or a number of seconds; decoded as seconds (`Double`).
    case duration
    /// "50MB", "512KB", "2G" or a number of bytes; decoded as bytes (`Int`).
    case size
    /// One of the listed strings.
    case choice([String])
    case list(OptionType)
    /// A mapping from strings to values of one type.
    case map(OptionType)
    /// The first alternative that reads the value, such as `auto` or a whole number.
    case oneOf([OptionType])
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
        case .size: "size"
        case .choice(let values): values.joined(separator: " | ")
        case .list(.choice(let values)): "list of (\(values.joined(separator: " | ")))"
        case .list(let element): "list of \(element)"
        case .map(.choice(let values)): "map of (\(values.joined(separator: " | ")))"
        case .map(let value): "map of \(value)"
        case .oneOf(let alternatives): alternatives.map(\.description).joined(separator: " | ")
        case .any: "any"
        }
    }
}
