import Foundation

/// What a run did: every input accounted for, time and throughput per step, peak memory.
/// Printed to stderr at the end of `pipeline run`, and written as JSON with `--report FILE`.
public struct RunReport: Codable, Sendable {
    public struct Counts: Codable, Sendable {
        public var read = 0
        /// Went through every step.
        public var written = 0
        /// Left out under `on_error: skip`, each listed in `problems`.
        public var skipped = 0
        /// Stopped the run under `on_error: fail`.
        public var failed = 0
        /// Left to other shards (`--shard`); not counted in `read`.
        public var inOtherShards = 0
        /// Already in the outputs (`--resume`); not counted in `read`.
        public var alreadyInOutput = 0

        enum CodingKeys: String, CodingKey {
            case read, written, skipped, failed
            case inOtherShards = "in_other_shards"
            case alreadyInOutput = "already_in_output"
        }

        public init() {}

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            read = try c.decode(Int.self, forKey: .read)
            written = try c.decode(Int.self, forKey: .written)
            skipped = try c.decode(Int.self, forKey: .skipped)
            failed = try c.decode(Int.self, forKey: .failed)
            inOtherShards = try c.decodeIfPresent(Int.self, forKey: .inOtherShards) ?? 0
            alreadyInOutput = try c.decodeIfPresent(Int.self, forKey: .alreadyInOutput) ?? 0
        }
    }

    public struct StepStats: Codable, Sendable {
        public var step: String
        public var uses: String
        public var documents = 0
        /// Summed over documents: with several jobs this is busy time, not wall time.
        public var seconds = 0.0
        public var bytes = 0
        public var docsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0 }

        enum CodingKeys: String, CodingKey {
            case step, uses, documents, seconds, bytes
            case docsPerSecond = "docs_per_second"
            case megabytesPerSecond = "mb_per_second"
        }

        public init(step: String, uses: String) {
            self.step = step
            self.uses = uses
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            step = try c.decode(String.self, forKey: .step)
            uses = try c.decode(String.self, forKey: .uses)
            documents = try c.decode(Int.self, forKey: .documents)
            seconds = try c.decode(Double.self, forKey: .seconds)
            bytes = try c.decode(Int.self, forKey: .bytes)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(step, forKey: .step)
            try c.encode(uses, forKey: .uses)
            try c.encode(documents, forKey: .documents)
            try c.encode(seconds, forKey: .seconds)
            try c.encode(bytes, forKey: .bytes)
            try c.encode(docsPerSecond, forKey: .docsPerSecond)
            try c.encode(megabytesPerSecond, forKey: .megabytesPerSecond)
        }
    }

    /// A document left out or that stopped the run.
    public struct Problem: Codable, Sendable {
        public var document: String
        public var source: String
        /// The step that raised it, or "read" for an input that could not be read.
        public var step: String
        public var outcome: String
        public var reason: String
    }

    public struct Warning: Codable, Sendable {
        public var document: String
        public var message: String
    }

    public var pipeline: String
    public var started: Date
    public var seconds = 0.0
    public var documents = Counts()
    public var inputBytes = 0
    public var steps: [StepStats] = []
    public var peakMemoryBytes = 0
    public var interrupted = false
    public var problems: [Problem] = []
    public var warnings: [Warning] = []

    enum CodingKeys: String, CodingKey {
        case pipeline, started, seconds, documents, steps, interrupted, problems, warnings
        case inputBytes = "input_bytes"
        case peakMemoryBytes = "peak_memory_bytes"
    }

    public init(pipeline: String, started: Date = Date()) {
        self.pipeline = pipeline
        self.started = started
    }

    public var docsPerSecond: Double { seconds > 0 ? Double(documents.read) / seconds : 0 }

    /// The human summary printed at the end of a run.
    public var summary: String {
        var lines: [String] = []
        let d = documents
        lines.append("\(d.read) read, \(d.written) written, \(d.skipped) skipped, \(d.failed) failed"
            + " in \(Self.format(seconds))s (\(Self.format(docsPerSecond)) docs/s, \(Self.format(Double(inputBytes) / 1_000_000 / max(seconds, 1e-9))) MB/s)"
            + ", peak memory \(peakMemoryBytes >> 20) MB" + (interrupted ? ", INTERRUPTED" : ""))
        let leftOut = [(d.inOtherShards, "in other shards (--shard)"), (d.alreadyInOutput, "already in the output (--resume)")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        if !leftOut.isEmpty { lines.append("  left out: " + leftOut.joined(separator: ", ")) }
        for s in steps {
            lines.append("  \(s.step.padding(toLength: 20, withPad: " ", startingAt: 0)) \(Self.format(s.seconds))s  "
                + "\(Self.format(s.docsPerSecond)) docs/s  \(Self.format(s.megabytesPerSecond)) MB/s")
        }
        for p in problems.prefix(20) {
            lines.append("  \(p.outcome): \(p.source) (\(p.document)) at \(p.step): \(p.reason)")
        }
        if problems.count > 20 { lines.append("  … and \(problems.count - 20) more; see --report") }
        for w in warnings.prefix(10) { lines.append("  warning: \(w.document): \(w.message)") }
        if warnings.count > 10 { lines.append("  … and \(warnings.count - 10) more warnings; see --report") }
        return lines.joined(separator: "\n")
    }

    static func format(_ x: Double) -> String {
        x >= 100 ? String(format: "%.0f", x) : x >= 10 ? String(format: "%.1f", x) : String(format: "%.2f", x)
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// The most memory the process has held so far.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
