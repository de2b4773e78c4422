import Foundation
import Testing
import TestSupport

/// `pipeline new-processor`: the files it writes and the lines it prints. scripts/check-custom-build.sh
/// goes further and compiles and tests a scaffolded module in a scratch package.
@Suite("new-processor scaffold")
struct ScaffoldTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesASourceWithDeclaredOptionsAndATestAndPrintsTheLinesToAdd() throws {
        let dir = try folder()
        let result = try PipelineProcess.run(["new-processor", "quote-density", "--output", dir.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let source = try String(contentsOf: dir.appendingPathComponent("Plugins/QuoteDensity/QuoteDensity.swift"), encoding: .utf8)
        #expect(source.contains("public struct QuoteDensity: Processor"))
        #expect(source.contains("public static let name = \"quote-density\""))
        #expect(source.contains("@Option(\"Words shorter than this many characters are not counted.\")\n        public var minLength = 1"))
        #expect(!source.contains("CodingKeys"))
        #expect(source.contains("public static let requires: [LayerName] = [.sentences, .tokens]"))
        #expect(source.contains("public static let provides: [LayerName] = [\"quote-density\"]"))
        let test = try String(contentsOf: dir.appendingPathComponent("Tests/QuoteDensityTests/QuoteDensityTests.swift"), encoding: .utf8)
        #expect(test.contains("import QuoteDensity"))
        #expect(test.contains("@Test func countsTheWordsOfEachSentence()"))
        #expect(result.stdout.contains(#".target(name: "QuoteDensity", dependencies: [.product(name: "PipelineKit", package: "DocumentPipeline")], path: "Plugins/QuoteDensity")"#))
        #expect(result.stdout.contains(#".testTarget(name: "QuoteDensityTests""#))
        #expect(result.stdout.contains("registry.register(QuoteDensity.self)"))
    }

    @Test func insideThisRepositoryItPrintsPlainTargetDependencies() throws {
        let dir = try folder()
        let manifest = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        try manifest.write(to: dir.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let result = try PipelineProcess.run(["new-processor", "topic", "--output", dir.path])
        #expect(result.stdout.contains(#".target(name: "Topic", dependencies: ["PipelineKit"], path: "Plugins/Topic")"#), "\(result.stdout)")
    }

    @Test func refusesToOverwriteAndRejectsBadNames() throws {
        let dir = try folder()
        #expect(try PipelineProcess.run(["new-processor", "topic", "--output", dir.path]).status == 0)
        let again = try PipelineProcess.run(["new-processor", "topic", "--output", dir.path])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        let bad = try PipelineProcess.run(["new-processor", "Topic_Model", "--output", dir.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("is not a processor name"))
    }
}
