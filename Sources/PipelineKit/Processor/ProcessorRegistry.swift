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
public struct ProcessorRegistry: Sendable {
    public private(set) var descriptors: [String: ProcessorDescriptor] = [:]
    /// The learners behind `pipeline train NAME` (see `Trainer`).
    public internal(set) var trainers: [String: TrainerDescriptor] = [:]

    public init() {}

    public mutating func register<P: Processor>(_ type: P.Type) {
        precondition(descriptors[P.name] == nil, "processor '\(P.name)' is registered twice")
        descriptors[P.name] = ProcessorDescriptor(type)
    }

    /// Registers a sink; pipelines use it like a processor (`uses: export`).
    public mutating func register<S: Sink>(_ type: S.Type) {
        precondition(descriptors[S.name] == nil, "processor '\(S.name)' is registered twice")
        descriptors[S.name] = ProcessorDescriptor(sink: type)
    }

    public subscript(name: String) -> ProcessorDescriptor? { descriptors[name] }

    /// All processors, sorted by name.
    public var all: [ProcessorDescriptor] { descriptors.values.sorted { $0.name < $1.name } }

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
    public let summary: String
    public let options: [OptionSpec]
    public let requires: [LayerName]
    public let provides: [LayerName]
    public let kind: Kind
    private let factory: @Sendable (JSONValue, SetupContext) throws -> StepInstance
    private let stepLayers: @Sendable (JSONValue) -> (requires: [LayerName], provides: [LayerName])?

    init<S: Sink>(sink type: S.Type) {
        name = S.name
        summary = S.summary
        options = S.Options.spec
        requires = S.requires
        provides = []
        kind = .sink
        factory = { options, context in
            let data = try JSONEncoder().encode(options)
            return .sink(try S(options: try JSONDecoder().decode(S.Options.self, from: data), context: context))
        }
        stepLayers = { _ in (S.requires, []) }
    }

    init<P: Processor>(_ type: P.Type) {
        name = P.name
        summary = P.summary
        options = P.Options.spec
        requires = P.requires
        provides = P.provides
        kind = .processor
        factory = { options, context in
            let data = try JSONEncoder().encode(options)
            let decoded = try JSONDecoder().decode(P.Options.self, from: data)
            return .processor(try P(options: decoded, context: context))
        }
        stepLayers = { options in
            guard let data = try? JSONEncoder().encode(options),
                  let decoded = try? JSONDecoder().decode(P.Options.self, from: data) else { return nil }
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
