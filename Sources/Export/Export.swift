import Foundation
import PipelineKit
import Synchronization

/// `export`: writes each document in the published JSON form.
///
/// This first version writes JSON Lines to a file or stdout; other formats grow from here.
/// The file is written to a temporary name beside the target and renamed at the end of the run,
/// so an interrupted run never leaves a truncated file.
public final class Export: Processor {
    public struct Options: ProcessorOptions {
        public var format: String
        public var path: String

        public static let spec: [OptionSpec] = [
            OptionSpec("format", .choice(["jsonl"]), default: "jsonl", "Output format."),
            OptionSpec("path", .path, default: "-", "Output file; \"-\" writes to stdout."),
        ]
    }

    public static let name = "export"
    public static let summary = "Writes documents with their annotations as JSON Lines."
    public static let requires: [LayerName] = [.text]
    public static let ordering: StepOrdering = .inputOrder

    private let output: Mutex<OutputFile>

    public init(options: Options, context: SetupContext) throws {
        output = Mutex(try OutputFile(path: options.path))
    }

    public func process(_ document: inout Document) async throws {
        var line = try DocumentJSON.encode(document)
        line.append(0x0A)
        try output.withLock { try $0.write(line) }
    }

    public func finish() async throws {
        try output.withLock { try $0.commit() }
    }
}

/// A file written under a temporary name and renamed into place by `commit()`; "-" is stdout.
struct OutputFile: ~Copyable {
    let path: String
    private let temporaryPath: String?
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws {
        self.path = path
        if path == "-" {
            temporaryPath = nil
            handle = FileHandle.standardOutput
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SetupError("cannot create the folder \(folder) for \(path): \(error.localizedDescription)", option: "path")
            }
        } else if !isDirectory.boolValue {
            throw SetupError("\(folder) is a file, not a folder; choose another path", option: "path")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw SetupError("cannot write to \(folder); check its permissions or choose another path", option: "path")
        }
        temporaryPath = temporary
        self.handle = handle
    }

    mutating func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func commit() throws {
        try flush()
        guard let temporaryPath else { return }
        try handle.close()
        if rename(temporaryPath, path) != 0 {
            throw SetupError("cannot move the output into place at \(path): \(String(cString: strerror(errno)))")
        }
    }
}
