/// A validated pipeline: what `pipeline run` executes. Made by `PipelineLoader`.
public struct Pipeline: Sendable {
    public var name: String?
    /// The pipeline file as given on the command line.
    public var file: String
    /// Its folder, against which relative paths were resolved.
    public var baseDirectory: String
    public var inputs: [InputSpec]
    public var steps: [StepConfig]
    public var settings: PipelineSettings

    public init(name: String?, file: String, baseDirectory: String, inputs: [InputSpec], steps: [StepConfig],
                settings: PipelineSettings) {
        self.name = name
        self.file = file
        self.baseDirectory = baseDirectory
        self.inputs = inputs
        self.steps = steps
        self.settings = settings
    }
}

/// One entry of `inputs:`.
public struct InputSpec: Sendable {
    public enum Kind: Sendable { case file, folder, glob, stdin }
    /// Absolute path, glob pattern, or "-".
    public var path: String
    public var kind: Kind
    /// "auto", or a format a registered processor reads (`Processor.inputFormats`), such as "jsonl".
    public var format: String
    public var location: SourceLocation

    public init(path: String, kind: Kind, format: String, location: SourceLocation) {
        self.path = path
        self.kind = kind
        self.format = format
        self.location = location
    }
}

/// One entry of `steps:`, with its options checked and completed with defaults.
public struct StepConfig: Sendable {
    public var id: String
    public var uses: String
    public var options: JSONValue
    public var location: SourceLocation
    /// Where each option was written, for messages about it.
    public var optionLocations: [String: SourceLocation]
    public var descriptor: ProcessorDescriptor
}

/// The `settings:` block.
public struct PipelineSettings: Sendable {
    public enum ErrorPolicy: String, Sendable, Codable, CaseIterable {
        /// Report the document and go on.
        case skip
        /// Stop the run with a non-zero exit.
        case fail
    }

    /// Documents in flight at once; `auto` is the number of cores.
    public var jobs: Int
    public var onError: ErrorPolicy
    /// Larger inputs are skipped with a reason, before they are read into memory (or truncated: `oversize`).
    public var maxDocumentBytes: Int
    /// What happens to an input file over `maxDocumentBytes`.
    public var oversize: Oversize = .skip

    public enum Oversize: String, Sendable, Codable, CaseIterable {
        /// Report it and leave it out.
        case skip
        /// Read its first `maxDocumentBytes` (at a character boundary) and warn. JSON Lines records and
        /// stdin are always skipped: a cut JSON record is not a record.
        case truncate
    }
    /// The longest one step may spend on one document, in seconds; nil: no limit.
    public var stepTimeout: Double?

    public init(jobs: Int = PipelineSettings.coreCount, onError: ErrorPolicy = .skip, maxDocumentBytes: Int = 50 << 20,
                stepTimeout: Double? = 60) {
        self.jobs = jobs
        self.onError = onError
        self.maxDocumentBytes = maxDocumentBytes
        self.stepTimeout = stepTimeout
    }

    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

import Foundation
