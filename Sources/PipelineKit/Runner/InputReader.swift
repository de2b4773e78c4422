import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One item read from the inputs: a document holding raw bytes, or an input that could not be read.
public enum InputItem: Sendable {
    case document(Document)
    /// Accounted for in the run report like any document.
    case unreadable(id: String, source: DocumentSource, reason: String)
}

/// Streams documents from a pipeline's inputs in a stable order, one at a time, so memory stays bounded.
///
/// Folders are walked depth-first with each folder's entries sorted by name; hidden files are left out.
/// A JSON Lines file gives one document per non-blank line.
///
/// ```swift
/// let reader = InputReader(inputs: pipeline.inputs, maxDocumentBytes: 50 << 20)
/// while let item = reader.next() { … }
/// ```
public final class InputReader: IteratorProtocol, Sequence {
    private var pendingInputs: [InputSpec]
    private let maxDocumentBytes: Int
    private let standardInput: FileHandle

    /// Files still to read for the current input, as (absolute path, id prefix base).
    private var walk: FolderWalk?
    private var globFiles: [String] = []
    private var globBase = ""
    private var current: InputSpec?
    private var lines: LineReader?
    private var linesSource: (path: String?, id: String, idFromLineOnly: Bool)?

    private let truncateOversize: Bool

    public init(inputs: [InputSpec], maxDocumentBytes: Int, truncateOversize: Bool = false,
                standardInput: FileHandle = .standardInput) {
        self.pendingInputs = inputs.reversed()
        self.maxDocumentBytes = maxDocumentBytes
        self.truncateOversize = truncateOversize
        self.standardInput = standardInput
    }

    public func next() -> InputItem? {
        while true {
            if let whole = stdinWhole {
                stdinWhole = nil
                return whole
            }
            if let lines, let source = linesSource {
                if let item = nextLine(lines, source) { return item }
                self.lines = nil
                linesSource = nil
            }
            if let spec = current {
                if let path = nextFile(spec) {
                    let id: String
                    switch spec.kind {
                    case .folder: id = Self.relativeID(path, base: spec.path)
                    case .glob: id = Self.relativeID(path, base: globBase)
                    default: id = Self.fileID(path)
                    }
                    if let item = open(path: path, id: id, spec: spec) { return item }
                    continue
                }
                current = nil
            }
            guard let spec = pendingInputs.popLast() else { return nil }
            start(spec)
        }
    }

    private func start(_ spec: InputSpec) {
        current = spec
        switch spec.kind {
        case .file:
            globFiles = [spec.path]
        case .glob:
            globFiles = Self.expandGlob(spec.path).reversed()
            globBase = Self.globBase(spec.path)
        case .folder:
            walk = FolderWalk(root: spec.path)
        case .stdin:
            current = nil
            startStandardInput(format: spec.format)
        }
    }

    private var stdinFormat = "auto"
    private var stdinWhole: InputItem?

    /// JSON Lines stream line by line; any other format is one document. `auto` looks at the first byte.
    private func startStandardInput(format: String) {
        var first: [UInt8] = []
        // Read until the first non-blank byte shows the format (or the stream ends).
        while first.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }),
              let more = LineReader.readAvailable(standardInput.fileDescriptor), !more.isEmpty {
            first += more
        }
        let firstByte = first.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        let source = DocumentSource(path: "-", format: format)
        if format == "jsonl" || (format == "auto" && firstByte == UInt8(ascii: "{")) {
            lines = LineReader(handle: standardInput, maxLineBytes: maxDocumentBytes, prefix: first)
            linesSource = (nil, "stdin", true)
            stdinFormat = "jsonl"
            return
        }
        var bytes = first
        while bytes.count <= maxDocumentBytes, let more = try? standardInput.read(upToCount: 1 << 20), !more.isEmpty {
            bytes.append(contentsOf: more)
        }
        if bytes.count > maxDocumentBytes {
            stdinWhole = .unreadable(id: "stdin", source: source,
                                     reason: "standard input is over max_document_size (\(maxDocumentBytes) bytes); raise settings.max_document_size")
        } else if !bytes.isEmpty {
            stdinWhole = .document(Document(id: "stdin", source: source, raw: bytes))
        }
    }

    private func nextFile(_ spec: InputSpec) -> String? {
        if spec.kind == .folder { return walk?.next() }
        return globFiles.popLast()
    }

    private func isJSONLines(path: String, format: String) -> Bool {
        if format == "jsonl" { return true }
        guard format == "auto" else { return false }
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "jsonl" || ext == "ndjson"
    }

    private func open(path: String, id: String, spec: InputSpec) -> InputItem? {
        let source = DocumentSource(path: path, format: spec.format)
        if let reason = FileIdentity.notRegularReason(path) { return .unreadable(id: id, source: source, reason: reason) }
        if isJSONLines(path: path, format: spec.format) {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .unreadable(id: id, source: source, reason: "cannot open the file: \(Self.lastError()); check that it exists and is readable by this user")
            }
            lines = LineReader(handle: handle, maxLineBytes: maxDocumentBytes)
            linesSource = (path, id, spec.kind == .file)
            return nil
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maxDocumentBytes, truncateOversize {
            guard let handle = FileHandle(forReadingAtPath: path),
                  let head = try? handle.read(upToCount: maxDocumentBytes) else {
                return .unreadable(id: id, source: source, reason: "cannot read the file: \(Self.lastError()); check that it exists and is readable")
            }
            try? handle.close()
            var bytes = [UInt8](head)
            // Cut at a character boundary: drop a UTF-8 sequence the limit split.
            if var i = bytes.indices.last {
                while i > 0, bytes[i] & 0xC0 == 0x80, bytes.count - i < 4 { i -= 1 }
                let lead = bytes[i]
                let width = lead < 0xC0 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if i + width > bytes.count { bytes.removeSubrange(i...) }
            }
            var document = Document(id: id, source: source, raw: bytes)
            document.warnings.append("truncated: the file is \(size) bytes; read its first \(bytes.count) (settings.max_document_size, oversize: truncate)")
            return .document(document)
        }
        if size > maxDocumentBytes {
            return .unreadable(id: id, source: source,
                               reason: "the file is \(size) bytes, over max_document_size (\(maxDocumentBytes)); raise settings.max_document_size to read it")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return .unreadable(id: id, source: source, reason: "cannot read the file: \(Self.reason(error)); check that it exists and is readable")
        }
        return .document(Document(id: id, source: source, raw: [UInt8](data)))
    }

    private func nextLine(_ reader: LineReader, _ origin: (path: String?, id: String, idFromLineOnly: Bool)) -> InputItem? {
        while let line = reader.next() {
            let format = origin.path == nil ? stdinFormat : "jsonl"
            let source = DocumentSource(path: origin.path ?? "-", line: line.number, format: format)
            let id = origin.idFromLineOnly ? String(line.number) : "\(origin.id):\(line.number)"
            if line.tooLong {
                return .unreadable(id: id, source: source,
                                   reason: "the line is over max_document_size (\(maxDocumentBytes) bytes); raise settings.max_document_size to read it")
            }
            if let error = line.error { return .unreadable(id: id, source: source, reason: error) }
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            return .document(Document(id: id, source: source, raw: line.bytes))
        }
        return nil
    }

    static func lastError() -> String { String(cString: strerror(errno)) }

    /// The POSIX cause of a Foundation read error ("Permission denied"), else its description.
    static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(code))) }
        return error.localizedDescription
    }

    static func fileID(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    static func relativeID(_ path: String, base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path as NSString).lastPathComponent
        return (relative as NSString).deletingPathExtension
    }

    /// The folder part of a glob before its first wildcard.
    static func globBase(_ pattern: String) -> String {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        var base: [Substring] = []
        for c in components {
            if c.contains(where: { "*?[".contains($0) }) { break }
            base.append(c)
        }
        return base.joined(separator: "/")
    }

    /// Files matching a glob pattern, sorted.
    public static func expandGlob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] {
                let path = String(cString: p)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    paths.append(path)
                }
            }
        }
        return paths.sorted()
    }
}

/// Depth-first walk of a folder, each folder's entries sorted by name, hidden entries skipped.
///
/// Symbolic links are followed, but a folder (by device and inode) is entered once only, so a link to a
/// parent or to a sibling does not read the same files again and again.
struct FolderWalk {
    private var stack: [[String]]
    private var visited: Set<FileIdentity> = []

    init(root: String) {
        stack = []
        if let identity = FileIdentity(path: root) { visited.insert(identity.identity) }
        stack = [Self.entries(of: root)]
    }

    mutating func next() -> String? {
        while !stack.isEmpty {
            guard let path = stack[stack.count - 1].popLast() else { stack.removeLast(); continue }
            guard let entry = FileIdentity(path: path) else { continue }
            if entry.isDirectory {
                if visited.insert(entry.identity).inserted { stack.append(Self.entries(of: path)) }
            } else {
                return path
            }
        }
        return nil
    }

    /// Entries in reverse order, so `popLast` yields them sorted.
    static func entries(of folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted(by: >).map { folder + "/" + $0 }
    }
}

/// What `stat` (following links) says about a path: which file it is, and of what kind.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
    var mode: UInt32

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        mode = UInt32(info.st_mode)
    }

    /// Device and inode only: the same folder reached by two paths is one identity.
    var identity: FileIdentity { var copy = self; copy.mode = 0; return copy }
    var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
    var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }

    /// "a character device", "a FIFO (named pipe)", … for "not a regular file" messages.
    var kindName: String {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFDIR): "a folder"
        case UInt32(S_IFCHR): "a character device"
        case UInt32(S_IFBLK): "a block device"
        case UInt32(S_IFIFO): "a FIFO (named pipe)"
        case UInt32(S_IFSOCK): "a socket"
        default: "not a regular file"
        }
    }

    /// Why a path cannot be read as one document, or nil when it is a regular file.
    static func notRegularReason(_ path: String) -> String? {
        guard let entry = FileIdentity(path: path) else {
            return "cannot read the file: \(String(cString: strerror(errno))); check that it exists and is readable"
        }
        if entry.isRegularFile { return nil }
        return "not a regular file (\(entry.kindName)); inputs are regular files, or give path: \"-\" and pipe the stream to stdin"
    }
}

/// Reads a file or stdin line by line in 64 KB chunks, without holding more than one line.
final class LineReader {
    struct Line {
        var number: Int
        var bytes: [UInt8]
        var tooLong: Bool
        var error: String?
    }

    private let handle: FileHandle
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var lineNumber = 0

    init(handle: FileHandle, maxLineBytes: Int, prefix: [UInt8] = []) {
        self.handle = handle
        self.maxLineBytes = maxLineBytes
        self.buffer = prefix
    }

    /// One POSIX read: what is available now (blocking until something is), [] at the end, nil on error.
    static func readAvailable(_ fd: Int32, max: Int = 1 << 16) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: max)
        var count: Int
        repeat {
            count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        } while count < 0 && errno == EINTR
        if count < 0 { return nil }
        buffer.removeSubrange(count...)
        return buffer
    }

    func next() -> Line? {
        var line: [UInt8] = []
        var tooLong = false
        var sawAnything = false
        while true {
            if position >= buffer.count {
                if atEnd { break }
                // One POSIX read returns what is available, so a stream (stdin from a slow producer) is
                // processed line by line as it arrives instead of waiting for a full chunk.
                guard let chunk = Self.readAvailable(handle.fileDescriptor) else {
                    lineNumber += 1
                    atEnd = true
                    buffer = []
                    return Line(number: lineNumber, bytes: [], tooLong: false, error: "read error: \(String(cString: strerror(errno))); check the disk or copy the file and run again")
                }
                guard !chunk.isEmpty else { atEnd = true; buffer = []; position = 0; break }
                buffer = chunk
                position = 0
            }
            sawAnything = true
            let rest = buffer[position...]
            if let newline = rest.firstIndex(of: 0x0A) {
                if !tooLong { line.append(contentsOf: buffer[position..<newline]) }
                position = newline + 1
                lineNumber += 1
                if line.last == 0x0D { line.removeLast() }
                return Line(number: lineNumber, bytes: tooLong ? [] : line, tooLong: tooLong || line.count > maxLineBytes)
            }
            if !tooLong {
                line.append(contentsOf: rest)
                if line.count > maxLineBytes {
                    tooLong = true
                    line = []
                }
            }
            position = buffer.count
        }
        guard sawAnything, tooLong || !line.isEmpty else { return nil }
        lineNumber += 1
        if line.last == 0x0D { line.removeLast() }
        return Line(number: lineNumber, bytes: line, tooLong: tooLong)
    }
}

extension InputReader {
    /// The bytes the inputs hold, for a progress ETA; nil when stdin is among them.
    public static func totalBytes(of inputs: [InputSpec]) -> Int? {
        var total = 0
        func size(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
        for input in inputs {
            switch input.kind {
            case .stdin: return nil
            case .file: total += size(input.path)
            case .glob: total += expandGlob(input.path).reduce(0) { $0 + size($1) }
            case .folder:
                var walk = FolderWalk(root: input.path)
                while let path = walk.next() { total += size(path) }
            }
        }
        return total
    }
}
