import Yams

/// The `settings:` block as declared options: the one list of its keys, with types, defaults and docs,
/// read by the loader, `pipeline schema`, `pipeline describe settings` and docs/pipeline-yaml.md.
public struct SettingsOptions: ProcessorOptions {
    @Option("Documents in flight at once: auto (the number of cores) or a whole number from 1 to 1024.")
    public var jobs: JobCount = .auto
    @Option("skip: report a bad document and go on; fail: stop the run at the first one.")
    public var onError: PipelineSettings.ErrorPolicy = .skip
    @Option(size: "Larger inputs are left out with a reason before they are read (or cut: oversize).")
    public var maxDocumentSize = 50 << 20
    @Option("A file over max_document_size: skip it, or truncate it to its first max_document_size bytes with a warning.")
    public var oversize: PipelineSettings.Oversize = .skip
    @Option("Longest time one step may spend on one document; none: no limit.")
    public var stepTimeout: StepTimeout = .seconds(60)

    public init() {}

    /// `auto` or a number of documents.
    public enum JobCount: OptionValue, Equatable {
        case auto
        case count(Int)
        public static var optionType: OptionType { .oneOf([.choice(["auto"]), .integer]) }
        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .count(n) } else { _ = try c.decode(String.self); self = .auto }
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .auto: try c.encode("auto")
            case .count(let n): try c.encode(n)
            }
        }
    }

    /// `none` or a duration in seconds.
    public enum StepTimeout: OptionValue, Equatable {
        case none
        case seconds(Double)
        public static var optionType: OptionType { .oneOf([.choice(["none"]), .duration]) }
        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(Double.self) { self = .seconds(s) } else { _ = try c.decode(String.self); self = .none }
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .none: try c.encode("none")
            case .seconds(let s): try c.encode(s)
            }
        }
    }
}

extension PipelineSettings.ErrorPolicy: OptionChoice {}
extension PipelineSettings.Oversize: OptionChoice {}

extension LoadSession {
    mutating func settings(_ node: Node) -> PipelineSettings {
        if isNull(node) { return PipelineSettings() }
        guard node.mapping != nil else {
            error(node, "`settings` must be a mapping, not \(kind(of: node))", hint: "e.g. `settings: {jobs: auto, on_error: skip}`")
            return PipelineSettings()
        }
        var locations: [String: SourceLocation] = [:]
        let values = options(node, specs: SettingsOptions.spec, owner: "settings", stepNode: node, locations: &locations)
        guard let declared = try? SettingsOptions.decode(values) else { return PipelineSettings() }
        var settings = PipelineSettings(onError: declared.onError, maxDocumentBytes: declared.maxDocumentSize)
        settings.oversize = declared.oversize
        switch declared.jobs {
        case .auto: settings.jobs = PipelineSettings.coreCount
        case .count(let n) where (1...1024).contains(n): settings.jobs = n
        case .count(let n):
            error(at: locations["jobs"] ?? location(node), "`jobs` must be `auto` or a whole number from 1 to 1024, not '\(n)'")
        }
        switch declared.stepTimeout {
        case .none: settings.stepTimeout = nil
        case .seconds(let s) where s > 0: settings.stepTimeout = s
        case .seconds:
            error(at: locations["step_timeout"] ?? location(node), "`step_timeout` must be longer than 0", hint: "write e.g. 30s, 2m, or none")
        }
        return settings
    }
}
