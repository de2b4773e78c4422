import Foundation

/// The processors a `pipeline` binary knows, by name.
///
/// PipelineKit knows no concrete processor: the executable (or a user's own build) registers them.
///
/// ```swift
/// var registry = ProcessorRegistry()
/// registry.register(Parse.self)
/// registry.register(MyKeyphrases.self)
/// ```
///
/// Two processors with one name are a mistake in the build, not in a pipeline file: the first stays
/// registered and `conflicts` names both modules; `pipeline` refuses to start while there are any.
public struct ProcessorRegistry: Sendable {
    public private(set) var descriptors: [String: ProcessorDescriptor] = [:]
    /// One line per name registered twice, naming both types and their modules.
    public private(set) var conflicts: [String] = []

    public init() {}

    public mutating func register<P: Processor>(_ type: P.Type) {
        let descriptor = ProcessorDescriptor(type)
        if let first = descriptors[P.name] {
            conflicts.append("processor name '\(P.name)' is registered twice: by \(first.typeName) and by \(descriptor.typeName); "
                + "rename one (its static `name`) or register only one of them")
            return
        }
        descriptors[P.name] = descriptor
    }

    public subscript(name: String) -> ProcessorDescriptor? { descriptors[name] }

    /// All processors, sorted by name.
    public var all: [ProcessorDescriptor] { descriptors.values.sorted { $0.name < $1.name } }

    /// Values an input's `format:` may take: "auto" (the reading step decides) and every format a registered
    /// processor reads (`Processor.inputFormats`).
    public var inputFormats: [String] {
        var formats = ["auto"]
        for descriptor in all { formats += descriptor.inputFormats.filter { !formats.contains($0) } }
        return formats
    }

    /// The processors that provide a layer, for "add a `parse` step before this one".
    public func providers(of layer: LayerName) -> [String] {
        all.filter { $0.provides.contains(layer) }.map(\.name)
    }
}

/// Everything known about a processor type without creating it.
public struct ProcessorDescriptor: Sendable {
    public let name: String
    /// The Swift type with its module, such as "Parsing.Parse", for messages.
    public let typeName: String
    public let summary: String
    public let options: [OptionSpec]
    public let requires: [LayerName]
    public let provides: [LayerName]
    public let ordering: StepOrdering
    public let inputFormats: [String]
    private let factory: @Sendable (JSONValue, SetupContext) throws -> any Processor
    private let stepLayers: @Sendable (JSONValue) -> (requires: [LayerName], provides: [LayerName])?

    init<P: Processor>(_ type: P.Type) {
        name = P.name
        typeName = String(reflecting: P.self)
        summary = P.summary
        options = P.Options.spec
        requires = P.requires
        provides = P.provides
        ordering = P.ordering
        inputFormats = P.inputFormats
        factory = { options, context in
            try P(options: P.Options.decode(options), context: context)
        }
        stepLayers = { options in
            guard let decoded = try? P.Options.decode(options) else { return nil }
            return (P.requires(options: decoded), P.provides(options: decoded))
        }
    }

    /// The layers one step needs and adds, given its checked options (see `Processor.requires(options:)`);
    /// the static lists when the options cannot be decoded (the loader has reported why).
    public func layers(options: JSONValue) -> (requires: [LayerName], provides: [LayerName]) {
        stepLayers(options) ?? (requires, provides)
    }

    /// Creates the processor from options the loader has already checked and completed with defaults.
    public func make(options: JSONValue, context: SetupContext) throws -> any Processor {
        try factory(options, context)
    }
}
