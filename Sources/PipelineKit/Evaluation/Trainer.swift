/// A learner behind `pipeline train NAME`: it fits a model to gold documents and writes it to a folder that a
/// processor's `model:` option reads. Registered beside the processors, so PipelineCLI stays free of
/// processor modules and a custom build adds its own trainers the same way.
///
/// ```swift
/// var registry = ProcessorRegistry.builtins
/// registry.register(trainer: MyTrainer.self)     // `pipeline train my-task --data a.jsonl --out model/`
/// ```
public protocol Trainer {
    /// The word after `pipeline train`: "entities".
    static var name: String { get }
    /// One line for `pipeline train --help`.
    static var summary: String { get }
    /// Fits a model to the documents (already through the analysis steps, `parse` by default) and writes it
    /// to `settings.outDirectory`. Calls `progress` with one line per epoch. The same inputs and seed give the
    /// same bytes.
    static func train(_ examples: [TrainingExample], settings: TrainingSettings,
                      progress: (String) -> Void) throws -> String
}

/// One training document: the analyzed `Document` (tokens, sentences) and its gold annotations.
public struct TrainingExample: Sendable {
    public var document: Document
    public var gold: GoldDocument
    public init(document: Document, gold: GoldDocument) {
        self.document = document
        self.gold = gold
    }
}

public struct TrainingSettings: Sendable {
    public var outDirectory: String
    /// The share of documents held out of training to pick the epoch and report a score.
    public var devFraction: Double
    public var epochs: Int
    public var seed: UInt64
    public init(outDirectory: String, devFraction: Double = 0.1, epochs: Int = 12, seed: UInt64 = 1) {
        self.outDirectory = outDirectory
        self.devFraction = devFraction
        self.epochs = epochs
        self.seed = seed
    }
}

/// What the registry keeps of a trainer type.
public struct TrainerDescriptor: @unchecked Sendable {
    public let name: String
    /// The Swift type with its module, such as "EntityExtraction.EntityModelTrainer", for messages.
    public let typeName: String
    public let summary: String
    public let train: ([TrainingExample], TrainingSettings, (String) -> Void) throws -> String

    init<T: Trainer>(_ type: T.Type) {
        name = T.name
        typeName = String(reflecting: T.self)
        summary = T.summary
        train = { try T.train($0, settings: $1, progress: $2) }
    }
}

extension ProcessorRegistry {
    /// Like processors, a second trainer with one name stays out and is named in `conflicts`.
    public mutating func register<T: Trainer>(trainer type: T.Type) {
        let descriptor = TrainerDescriptor(type)
        if let first = trainers[T.name] {
            conflicts.append("trainer name '\(T.name)' is registered twice: by \(first.typeName) and by \(descriptor.typeName); "
                + "rename one (its static `name`) or register only one of them")
            return
        }
        trainers[T.name] = descriptor
    }
}
