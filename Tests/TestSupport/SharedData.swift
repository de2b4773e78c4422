import Foundation

/// Locates ../shared (test data from elsewhere: corpus, eval sets, seeds) beside the repository.
///
/// Tests read it at run time and never copy it into the project. Where it is absent (a user's fresh
/// clone), tests that need it are skipped with a clear message:
///
/// ```swift
/// @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
/// func seedArticleHasItsTitle() throws {
///     let seed = try SharedData.read("seeds/rudaw-2019-04-29-soleimani.txt")
/// }
/// ```
public enum SharedData {
    /// The repository root, found from this file's place in it.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `PIPELINE_SHARED` if set, else `../shared` beside the repository.
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["PIPELINE_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }

    public static let skipMessage: Comment = "../shared (test data: corpus, eval sets, seeds) is not beside this repository; skipped"

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }
}

import Testing
