import Foundation
import PipelineKit

/// `export`: writes documents with their annotations as JSON Lines, JSON, CSV, SQLite or an HTML report.
///
/// Every file output is written under a hidden temporary name and renamed into place when the run
/// finishes, so an interrupted run never leaves a truncated file; SQLite is written in transactions
/// of `batch_size` documents. Path problems are reported at setup, before any document is read.
/// Several `export` steps may follow each other; each is its own instance with its own output.
/// It is a `Sink`: the runner hands it documents one at a time in input order, so it writes without a lock.
///
/// ```yaml
/// steps:
///   - uses: parse
///   - uses: export
///     with: { format: jsonl, path: out/articles.jsonl }
///   - uses: export
///     with: { format: sqlite, path: out/articles.db }
/// ```
public final class Export: Sink {
    public struct Options: ProcessorOptions {
        public var format: String
        public var path: String
        public var layers: [String]
        public var layout: String
        public var overwrite: String
        public var batchSize: Int
        public var maxDocuments: Int
        public var title: String

        enum CodingKeys: String, CodingKey {
            case format, path, layers, layout, overwrite, title
            case batchSize = "batch_size"
            case maxDocuments = "max_documents"
        }

        public static let spec: [OptionSpec] = [
            OptionSpec("format", .choice(["jsonl", "json", "csv", "sqlite", "html"]), default: "jsonl",
                       "Output format: jsonl (one document a line), json, csv (a folder of three files), sqlite (a database), html (a report page)."),
            OptionSpec("path", .path, default: "-",
                       "Where to write: a file for jsonl, json, sqlite and html (\"-\" is stdout for jsonl and json); a folder for csv and for json with layout: files."),
            OptionSpec("layers", .list(.choice(LayerSelection.names)),
                       default: ["paragraphs", "sentences", "entities", "quotes", "custom"],
                       "Optional layers in jsonl/json output (id, text, source and metadata are always written). Tokens are left out by default because they are large; add tokens, or write [all]."),
            OptionSpec("layout", .choice(["array", "files"]), default: "array",
                       "json only: array writes one JSON array to path; files writes one <id>.json per document into the folder path."),
            OptionSpec("overwrite", .choice(OverwritePolicy.allCases.map(\.rawValue)), default: "ours",
                       "When the output exists: ours replaces it only if an export wrote it (else setup stops), always replaces it, never stops at setup. SQLite databases are updated in place: each document's rows are replaced."),
            OptionSpec("batch_size", .integer, default: 500, "sqlite only: documents per transaction."),
            OptionSpec("max_documents", .integer, default: 200,
                       "html only: documents shown in full (0 = all); the summary tables always count every document."),
            OptionSpec("title", .string, default: "Document pipeline report", "html only: the page title."),
        ]
    }

    public static let name = "export"
    public static let summary = "Writes documents with their annotations as JSON Lines, JSON, CSV, SQLite or an HTML report."
    public static let requires: [LayerName] = [.text]

    private let output: any ExportSink

    public init(options: Options, context: SetupContext) throws {
        guard let overwrite = OverwritePolicy(rawValue: options.overwrite) else {
            throw SetupError("overwrite must be one of \(OverwritePolicy.allCases.map(\.rawValue).joined(separator: ", "))", option: "overwrite")
        }
        let layers = try LayerSelection(options.layers)
        if options.path == "-" && !["jsonl", "json"].contains(options.format) {
            throw SetupError("format \(options.format) cannot write to stdout; give a \(options.format == "csv" ? "folder" : "file") as path", option: "path")
        }
        switch options.format {
        case "jsonl":
            output = try JSONSink(path: options.path, layers: layers, array: false, overwrite: overwrite)
        case "json" where options.layout == "files":
            guard options.path != "-" else {
                throw SetupError("layout: files writes one file per document and needs a folder as path, not stdout", option: "path")
            }
            output = try JSONFilesSink(folder: options.path, layers: layers, overwrite: overwrite)
        case "json":
            output = try JSONSink(path: options.path, layers: layers, array: true, overwrite: overwrite)
        case "csv":
            output = try CSVSink(folder: options.path, overwrite: overwrite)
        case "sqlite":
            guard options.batchSize >= 1 else { throw SetupError("batch_size must be at least 1", option: "batch_size") }
            output = try SQLiteSink(path: options.path, batchSize: options.batchSize, overwrite: overwrite)
        case "html":
            guard options.maxDocuments >= 0 else { throw SetupError("max_documents must be 0 (all) or more", option: "max_documents") }
            output = try HTMLReportSink(path: options.path, title: options.title, maxDocuments: options.maxDocuments,
                                        overwrite: overwrite)
        default:
            throw SetupError("unknown format '\(options.format)'; choose one of jsonl, json, csv, sqlite, html", option: "format")
        }
    }

    public func consume(_ document: Document) async throws {
        try output.write(document)
    }

    public func finish() async throws {
        try output.finish()
    }
}

/// The `layers:` option: which optional parts of the JSON form a jsonl/json export writes.
struct LayerSelection: Sendable {
    static let names = ["paragraphs", "sentences", "tokens", "entities", "quotes", "custom", "all"]
    var layers: DocumentJSON.Layers = []
    var annotations: DocumentJSON.Annotations = []

    init(_ names: [String]) throws {
        for name in names {
            switch name {
            case "paragraphs": layers.insert(.paragraphs)
            case "sentences": layers.insert(.sentences)
            case "tokens": layers.insert(.tokens)
            case "entities": annotations.insert(.entities)
            case "quotes": annotations.insert(.quotes)
            case "custom": annotations.insert(.custom)
            case "all": layers = .all; annotations = .all
            default: throw SetupError("unknown layer '\(name)'; choose from \(Self.names.joined(separator: ", "))", option: "layers")
            }
        }
    }
}

/// One output format. `Export` calls `write` once per document in input order, then `finish` once.
protocol ExportSink: AnyObject {
    func write(_ document: Document) throws
    /// Completes the output: the last flush, then the rename into place or the last transaction.
    func finish() throws
}
