import Testing
import Foundation
import PipelineKit
import TestSupport
@testable import Parsing

@Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
func everyBBCArticleParsesWithTitleAndLayers() async throws {
    let folder = SharedData.url("corpus/news-bbc")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
    #expect(names.count == 2225)
    var withoutTitle: [String] = []
    for name in names {
        let bytes = try SharedData.bytes("corpus/news-bbc/" + name)
        let doc = try await parse(bytes: bytes, path: name)
        #expect(!doc.sentences.isEmpty && !doc.tokens.isEmpty, "\(name): no sentences or tokens")
        if doc.metadata.title == nil { withoutTitle.append(name) }
        // Spans stay inside the text and in order.
        #expect(doc.sentences.last!.end <= doc.text.utf8.count)
        #expect(zip(doc.sentences, doc.sentences.dropFirst()).allSatisfy { $0.end <= $1.start }, "\(name): sentences overlap")
    }
    #expect(withoutTitle.isEmpty, "no title: \(withoutTitle.prefix(5))")
}

/// End to end through the built `pipeline` binary: a folder mixing good files with binary, empty,
/// Windows-1252 and UTF-16 files loses none of them (each is written or reported).
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: pipelineBinary), "build the pipeline binary first (swift build)"))
func mixedFolderLosesNoDocument() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parse-mix-\(UUID().uuidString)")
    let input = dir.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: input.appendingPathComponent(name)) }
    try write("a-news.txt", Array("Storm hits coast\n\nDALLAS (AP) — Storms hit.\n".utf8))
    try write("b-story.md", Array("# Title\n\nBody *here*.\n".utf8))
    try write("c-cp1252.txt", Array("caf".utf8) + [0xE9, 0x20, 0x93] + Array("quoted".utf8) + [0x94, 0x2E])
    try write("d-utf16.txt", [0xFF, 0xFE] + "Hello “world”.\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    try write("e-binary.txt", [0x41, 0x42, 0x00, 0x00, 0x43, 0x01, 0x02])
    try write("f-empty.txt", [])
    let pipeline = dir.appendingPathComponent("p.yaml")
    try """
    name: mix
    inputs:
      - path: in/
    steps:
      - uses: parse
      - uses: export
        with: { format: jsonl, path: out.jsonl }
    settings:
      on_error: skip
    """.write(to: pipeline, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: pipelineBinary)
    process.arguments = ["run", pipeline.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(report)")

    let written = try String(contentsOf: dir.appendingPathComponent("out.jsonl"), encoding: .utf8)
        .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(Set(written.compactMap { $0["id"] as? String }) == ["a-news", "b-story", "c-cp1252", "d-utf16"])
    #expect(written.first { $0["id"] as? String == "c-cp1252" }?["text"] as? String == "café “quoted”.")
    #expect(written.first { $0["id"] as? String == "d-utf16" }?["text"] as? String == "Hello “world”.\n")
    #expect(report.contains("6 read, 4 written, 2 skipped"), "\(report)")
    #expect(report.contains("e-binary") && report.contains("binary file"))
    #expect(report.contains("f-empty") && report.contains("empty document"))
    #expect(report.contains("decoded as Windows-1252"))
}

let pipelineBinary = SharedData.repositoryRoot.appendingPathComponent(".build/debug/pipeline").path
