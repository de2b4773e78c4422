import Foundation

extension FileManager {
    /// A new empty folder under the temporary directory, for one test's files.
    ///
    /// ```swift
    /// let dir = try FileManager.default.temporaryFolder()
    /// ```
    public func temporaryFolder() throws -> URL {
        let url = temporaryDirectory.appendingPathComponent("pipeline-test-\(UUID().uuidString)")
        try createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// What the `sqlite3` shell prints for one statement on `db`, trimmed: tests read exports the way a user would.
///
/// ```swift
/// let count = try sqlite(dir.appendingPathComponent("out.db"), "SELECT count(*) FROM documents")
/// ```
public func sqlite(_ db: URL, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [db.path, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
