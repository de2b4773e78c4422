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

    public subscript(name: String) -> ProcessorDescriptor? { descriptors[name] }

    /// All processors, sorted by name.
    public var all: [ProcessorDescriptor] { descriptors.values.sorted { $0.name < $1.name } }

    /// The processors that provide a layer, for "add a `parse` step before this one".
    public func providers(of layer: LayerName) -> [String] {
        all.filter { $0.provides.contains(layer) }.map(\.name)
    }
}

/// Everything known about a processor type without creating it.
public struct ProcessorDescriptor: Sendable {
    public let name: String
    public let summary: String
    public let options: [OptionSpec]
    public let requires: [LayerName]
    public let provides: [LayerName]
    public let ordering: StepOrdering
    private let factory: @Sendable (JSONValue, SetupContext) throws -> any Processor
    private let stepLayers: @Sendable (JSONValue) -> (requires: [LayerName], provides: [LayerName])?

    init<P: Processor>(_ type: P.Type) {
        name = P.name
        summary = P.summary
        options = P.Options.spec
        requires = P.requires
        provides = P.provides
        ordering = P.ordering
        factory = { options, context in
            let data = try JSONEncoder().encode(options)
            let decoded = try JSONDecoder().decode(P.Options.self, from: data)
            return try P(options: decoded, context: context)
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

    /// Creates the processor from options the loader has already checked and completed with defaults.
    public func make(options: JSONValue, context: SetupContext) throws -> any Processor {
        try factory(options, context)
    }
}
