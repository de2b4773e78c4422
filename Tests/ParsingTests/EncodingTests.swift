import Testing
import Foundation
import PipelineKit
@testable import Parsing

@Test func utf8ByteOrderMarkIsStripped() async throws {
    let doc = try await parse(bytes: [0xEF, 0xBB, 0xBF] + Array("Hello there.".utf8))
    #expect(doc.text == "Hello there.")
    #expect(doc.warnings.isEmpty)
}

@Test func utf16WithByteOrderMarkDecodes() async throws {
    let text = "Café “news” here."
    let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(try await parse(bytes: le).text == text)
    #expect(try await parse(bytes: be).text == text)
}

@Test func invalidUTF8FallsBackToWindows1252WithAWarning() async throws {
    // "café “quoted” – dash" in Windows-1252.
    let bytes: [UInt8] = Array("caf".utf8) + [0xE9, 0x20, 0x93] + Array("quoted".utf8) + [0x94, 0x20, 0x96] + Array(" dash".utf8)
    let doc = try await parse(bytes: bytes)
    #expect(doc.text == "café “quoted” – dash")
    #expect(doc.warnings == ["decoded as Windows-1252: not valid UTF-8"])
}

@Test func crlfAndLoneCRBecomeLF() async throws {
    let doc = try await parse("Title\r\n\r\nFirst line.\rSecond line.\r\n")
    #expect(doc.text == "Title\n\nFirst line.\nSecond line.\n")
    #expect(doc.paragraphs.count == 2)
}

@Test func nulBytesAreRejectedAsBinary() async throws {
    let error = await #expect(throws: DocumentRejected.self) { try await parse(bytes: [0x41, 0x00, 0x42, 0x43, 0x00, 0x01, 0x02]) }
    #expect(error?.reason.hasPrefix("binary file") == true)
}

@Test func knownBinaryKindsAreNamed() async throws {
    let error = await #expect(throws: DocumentRejected.self) { try await parse(bytes: Array("%PDF-1.7\n".utf8) + [0xE2, 0xE3]) }
    #expect(error?.reason.contains("PDF") == true)
}

@Test func manyControlBytesAreRejected() async throws {
    let bytes = (0..<200).map { UInt8($0 % 2 == 0 ? 0x41 : 0x07) }
    await #expect(throws: DocumentRejected.self) { try await parse(bytes: bytes) }
}

@Test func emptyAndWhitespaceOnlyDocumentsAreRejected() async throws {
    for bytes in [[], Array(" \n\t\r\n".utf8), [0xEF, 0xBB, 0xBF, 0x20], Array("\u{00A0}\u{2003}".utf8)] as [[UInt8]] {
        let error = await #expect(throws: DocumentRejected.self) { try await parse(bytes: bytes) }
        #expect(error?.reason.hasPrefix("empty document") == true)
    }
}

@Test func randomBytesNeverCrash() async throws {
    var generator = SystemRandomNumberGenerator()
    for round in 0..<400 {
        let count = Int.random(in: 0..<600, using: &generator)
        var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Mostly-text variants reach the segmenters rather than the binary check.
        if round % 2 == 0 { bytes = bytes.map { $0 == 0 || ($0 < 0x20 && $0 != 0x0A) ? 0x20 : $0 } }
        for (path, format) in [("x.txt", "auto"), ("x.md", "auto"), ("x.jsonl", "auto"), ("x.html", "auto"), ("x", "news")] {
            do {
                let doc = try await parse(bytes: bytes, path: path, format: format)
                let length = doc.text.utf8.count
                #expect(doc.tokens.allSatisfy { $0.span.end <= length })
                #expect(doc.sentences.allSatisfy { $0.end <= length })
            } catch is DocumentRejected {
                // A clear rejection is a valid outcome.
            }
        }
    }
}
