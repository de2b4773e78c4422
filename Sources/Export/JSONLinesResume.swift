import Foundation
import PipelineKit

/// `pipeline run --resume` for a JSON Lines export: the output continues where an interrupted run stopped,
/// and is still replaced atomically at the end.
///
/// The new temporary file starts with a copy of every complete document the output already holds, then
/// the documents a killed run (SIGKILL, power loss) left in its temporary file and the output lacks; the
/// run then appends the rest and renames the file into place as always, so a reader never sees a
/// half-resumed file, and a resume that is itself killed is resumed in turn. A last line without its
/// newline (the run died mid-write) is not a document: it is dropped and its document processed again.
///
/// ```swift
/// let (file, held) = try JSONLinesResume.open(path: "out/a.jsonl", isOurs: JSONSink.isOurLines)
/// ```
enum JSONLinesResume {
    struct Held {
        var ids: Set<String> = []
        /// What was dropped, for the log: cut lines, lines that are not documents.
        var notes: [String] = []
    }

    static func open(path: String, option: String = "path", isOurs: ([UInt8]) -> Bool) throws -> (AtomicFile, Held) {
        if path == "-" {
            throw SetupError("--resume cannot continue standard output; export to a .jsonl file to resume, or run without --resume", option: option)
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue {
            let head = OutputPaths.readHead(path)
            if !head.isEmpty, !isOurs(head) {
                throw SetupError("--resume: \(path) was not written by export, so it cannot be continued; choose the output of the interrupted run, or run without --resume", option: option)
            }
        }
        // Before opening ours: a killed run's temporary file is read, not removed.
        let partials = OutputPaths.stalePartials(for: path)
        let file = try AtomicFile(path: path, overwrite: .always, option: option, removingStale: false, isOurs: isOurs)
        var held = Held()
        if exists { try carry(from: path, into: file, &held) }
        for partial in partials {
            try carry(from: partial, into: file, &held)
            unlink(partial)
        }
        return (file, held)
    }

    /// Copies the complete, not yet held documents of one file, recording their ids.
    static func carry(from source: String, into file: AtomicFile, _ held: inout Held) throws {
        guard let handle = FileHandle(forReadingAtPath: source) else {
            throw SetupError("--resume cannot read \(source): \(String(cString: strerror(errno))); check its permissions", option: "path")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var lineNumber = 0
        var malformed = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                lineNumber += 1
                let line = pending[start..<newline]
                if let id = JSONReader.topLevelString("id", in: line) {
                    if held.ids.insert(id).inserted { try file.write(Array(pending[start...newline])) }
                } else if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                    malformed += 1
                }
                start = newline + 1
            }
            pending.removeSubrange(..<start)
        }
        if malformed > 0 {
            held.notes.append("\(source): left out \(malformed) lines that are not documents with an id")
        }
        if !pending.isEmpty {
            held.notes.append("\(source): the last line (\(lineNumber + 1)) was cut short by the interruption; its document is processed again")
        }
    }
}
