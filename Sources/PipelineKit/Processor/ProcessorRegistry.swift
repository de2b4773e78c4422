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
    /// The learners behind `pipeline train NAME` (see `Trainer`).
    public internal(set) var trainers: [String: TrainerDescriptor] = [:]
    /// One line per name registered twice, naming both types and their modules.
    public internal(set) var conflicts: [String] = []

    public init() {}

    public mutating func register<P: Processor>(_ type: P.Type) {
        add(ProcessorDescriptor(type))
    }

    private mutating func add(_ descriptor: ProcessorDescriptor) {
        if let first = descriptors[descriptor.name] {
            conflicts.append("processor name '\(descriptor.name)' is registered twice: by \(first.typeName) and by \(descriptor.typeName); "
                + "rename one (its static `name`) or register only one of them")
            return
        }
        descriptors[descriptor.name] = descriptor
    }

    /// Registers a sink; pipelines use it like a processor (`uses: export`).
    public mutating func register<S: Sink>(_ type: S.Type) {
        add(ProcessorDescriptor(sink: type))
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

/// A created step: a processor, or a sink the runner feeds in input order.
public enum StepInstance {
    case processor(any Processor)
    case sink(any Sink)
}

/// Everything known about a processor (or sink) type without creating it.
public struct ProcessorDescriptor: Sendable {
    public enum Kind: Sendable {
        /// Changes documents; called for many documents at once.
        case processor
        /// Writes documents out; called one document at a time, in input order.
        case sink
    }

    public let name: String
    /// The Swift type with its module, such as "Parsing.Parse", for messages.
    public let typeName: String
    public let summary: String
    public let options: [OptionSpec]
    public let requires: [LayerName]
    public let provides: [LayerName]
    public let kind: Kind
    public let inputFormats: [String]
    private let factory: @Sendable (JSONValue, SetupContext) throws -> StepInstance
    private let stepLayers: @Sendable (JSONValue) -> (requires: [LayerName], provides: [LayerName])?

    init<S: Sink>(sink type: S.Type) {
        name = S.name
        typeName = String(reflecting: S.self)
        summary = S.summary
        options = S.Options.spec
        requires = S.requires
        provides = []
        kind = .sink
        inputFormats = []
        factory = { options, context in
            .sink(try S(options: S.Options.decode(options), context: context))
        }
        stepLayers = { _ in (S.requires, []) }
    }

    init<P: Processor>(_ type: P.Type) {
        name = P.name
        typeName = String(reflecting: P.self)
        summary = P.summary
        options = P.Options.spec
        requires = P.requires
        provides = P.provides
        kind = .processor
        inputFormats = P.inputFormats
        factory = { options, context in
            .processor(try P(options: P.Options.decode(options), context: context))
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

    /// Creates the processor or sink from options the loader has already checked and completed with defaults.
    public func make(options: JSONValue, context: SetupContext) throws -> StepInstance {
        try factory(options, context)
    }
}
