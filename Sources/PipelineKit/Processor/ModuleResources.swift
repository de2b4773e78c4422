import Foundation

/// Finds the data a module ships (word lists, a model) without SwiftPM's `Bundle.module`.
///
/// `Bundle.module` stops the process (`fatalError`) when its bundle is neither beside the binary nor in the
/// folder the binary was built in, so a `pipeline` binary copied alone to a server, an image or a Spark
/// executor would crash at its first document. This looks in the same places and, where the data is
/// missing, throws a `SetupError` that names what to copy where, so `pipeline run` stops at setup with it.
///
/// Where it looks, in order: `<package>_<module>.resources/` beside the running binary (where `swift build`
/// puts it on Linux; `.bundle/Contents/Resources/` on macOS), then the module's source folder, which is what
/// the build copies from (the binary still in its build tree, `swift run`, `swift test`).
///
/// ```swift
/// static let resources = ModuleResources(module: "EntityExtraction")   // in a file at the module's root
/// let folder = try resources.folder("Lexicons")   // Sources/EntityExtraction/Lexicons, as shipped
/// ```
public struct ModuleResources: Sendable {
    /// The bundle's folder name beside the binary: "DocumentPipeline_EntityExtraction.resources".
    public let bundleName: String
    let sourceFolder: URL

    /// - Parameters:
    ///   - module: the target's name, as in Package.swift.
    ///   - package: the package's name, which SwiftPM puts in front of the bundle's name.
    ///   - sourceFile: leave it: a file at the root of the module's source folder.
    public init(module: String, package: String = "DocumentPipeline", sourceFile: String = #filePath) {
        bundleName = "\(package)_\(module).resources"
        sourceFolder = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
    }

    /// The folder of the binary that is running (`/usr/local/bin` for `/usr/local/bin/pipeline`).
    public static var binaryFolder: URL {
        Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL
    }

    /// The resource `name` as the build copies it (`.copy("Model/entities")` is `entities` in the bundle,
    /// `source` "Model/entities" in the module's folder).
    public func folder(_ name: String, source: String? = nil) throws(SetupError) -> URL {
        let binary = Self.binaryFolder
        let candidates = [
            binary.appendingPathComponent(bundleName).appendingPathComponent(name),
            binary.appendingPathComponent(bundleName.replacingOccurrences(of: ".resources", with: ".bundle"))
                .appendingPathComponent("Contents/Resources").appendingPathComponent(name),
            sourceFolder.appendingPathComponent(source ?? name),
        ]
        for url in candidates where FileManager.default.fileExists(atPath: url.path) {
            return url
        }
        throw SetupError("""
            the data this step needs (\(name)) is missing: it ships in the folder \(bundleName), which must stay \
            beside the binary (\(binary.path)); copy the *.resources folders from the build folder \
            (.build/release/) next to the binary, as the Dockerfile and the Spark driver do
            """)
    }
}
