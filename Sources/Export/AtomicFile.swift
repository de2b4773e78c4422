import Foundation
import PipelineKit
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written under a hidden temporary name beside its target and renamed into place by
/// `commit()`, so readers see either the old file or the complete new one, never a truncated one.
/// A file that is never committed (setup failed later, the process was killed) is removed or left hidden.
/// "-" writes to stdout instead (no rename).
///
/// ```swift
/// let file = try AtomicFile(path: "out/a.jsonl", overwrite: .ours) { head in head.starts(with: Array("{".utf8)) }
/// try file.write(Array("{}\n".utf8))
/// try file.commit()
/// ```
final class AtomicFile {
    let path: String
    private let temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var committed = false
    private static let bufferSize = 1 << 20

    /// Checks the target against the overwrite policy and opens the temporary file; every problem is a `SetupError`.
    /// `isOurs` looks at the first bytes of an existing target to tell whether an earlier export wrote it.
    init(path: String, overwrite: OverwritePolicy, option: String = "path", isOurs: ([UInt8]) -> Bool) throws {
        self.path = path
        buffer.reserveCapacity(Self.bufferSize)
        if path == "-" {
            temporaryPath = nil
            descriptor = STDOUT_FILENO
            return
        }
        try OutputPaths.prepareParent(of: path, option: option)
        try OutputPaths.checkExisting(file: path, overwrite: overwrite, option: option, isOurs: isOurs)
        let temporary = OutputPaths.temporaryName(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SetupError("cannot write in \(OutputPaths.parent(of: path)): \(String(cString: strerror(errno))); check its permissions or choose another path", option: option)
        }
        temporaryPath = temporary
        descriptor = fd
    }

    deinit {
        if !committed, let temporaryPath {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    func write(_ string: String) throws {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ExportError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place. Calling it twice does nothing.
    func commit() throws {
        guard !committed else { return }
        try flush()
        committed = true
        guard let temporaryPath else { return }
        // fsync before rename: after a crash the target is the old file or the whole new one.
        fsync(descriptor)
        close(descriptor)
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ExportError("cannot move the output into place at \(path): \(reason)")
        }
    }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, pointer, count)
    #else
    Darwin.write(fd, pointer, count)
    #endif
}

/// What `export` does when its output already exists (the `overwrite` option).
public enum OverwritePolicy: String, OptionChoice {
    /// Replace it only if an export wrote it (recognised by its first bytes); otherwise stop at setup.
    case ours
    /// Always replace it.
    case always
    /// Never replace it: stop at setup if it exists.
    case never
}

/// An error while writing, after setup (disk full, a rename that failed).
struct ExportError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Path checks shared by the output kinds; each problem is a `SetupError` naming the path and a fix.
enum OutputPaths {
    private static let counter = Atomic<Int>(0)

    static func parent(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// `.<name>.partial-<pid>-<n>` beside the target: hidden, unique per step, recognisable as ours.
    static func temporaryName(for path: String) -> String {
        removeStalePartials(for: path)
        let url = URL(fileURLWithPath: path)
        let n = counter.add(1, ordering: .relaxed).newValue
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".partial-\(getpid())-\(n)"
    }

    /// Removes temporary files a killed earlier run left for this target (their process no longer exists).
    static func removeStalePartials(for path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Creates the folder a file goes in, or explains why it cannot.
    static func prepareParent(of path: String, option: String) throws {
        try prepareFolder(parent(of: path), for: path, option: option)
    }

    /// Creates a folder (and its parents) unless it exists; a file in the way is a clear error.
    static func prepareFolder(_ folder: String, for path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw SetupError("\(folder) is a file, but \(path) needs it to be a folder; choose another path", option: option)
            }
            guard access(folder, W_OK) == 0 else {
                throw SetupError("cannot write in \(folder): permission denied; choose another path", option: option)
            }
            return
        }
        // Find the deepest existing ancestor to say exactly what is in the way.
        var ancestor = URL(fileURLWithPath: folder)
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), ancestor.path != "/" {
            ancestor.deleteLastPathComponent()
        }
        if !isDirectory.boolValue {
            throw SetupError("cannot create the folder \(folder) for \(path): \(ancestor.path) is a file; choose another path", option: option)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SetupError("cannot create the folder \(folder) for \(path): \(reason(error)); choose another path", option: option)
        }
    }

    /// Applies the overwrite policy to an existing file target.
    static func checkExisting(file path: String, overwrite: OverwritePolicy, option: String, isOurs: ([UInt8]) -> Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
            throw SetupError("\(path) is a folder, but this format writes one file; give a file path, such as one inside that folder", option: option)
        }
        switch overwrite {
        case .always:
            return
        case .never:
            throw SetupError("\(path) already exists and `overwrite: never` is set; remove it or choose another path", option: option)
        case .ours:
            let head = readHead(path)
            if head.isEmpty || isOurs(head) { return }
            throw SetupError("\(path) already exists and was not written by export; set `overwrite: always` to replace it, or choose another path", option: option)
        }
    }

    /// The first bytes of a file (empty if it cannot be read).
    static func readHead(_ path: String, count: Int = 4096) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return error.localizedDescription
    }
}
