import Foundation
import Testing
@testable import PipelineKit

/// Inputs that are not plain files and folders are read once each, or refused with their real cause.
struct InputReaderTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    func ids(_ spec: InputSpec) -> [String] {
        InputReader(inputs: [spec], maxDocumentBytes: 1 << 20).map { item in
            switch item {
            case .document(let d): d.id
            case .unreadable(let id, _, let reason): "\(id): \(reason)"
            }
        }
    }

    @Test func aLinkToTheParentFolderDoesNotReadFilesAgain() throws {
        try folder.write("in/a.txt", "one")
        try folder.write("in/sub/b.txt", "two")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/in/self", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/in/sub/up", withDestinationPath: "../../in")
        let spec = InputSpec(path: folder.path + "/in", kind: .folder, format: "auto",
                             location: SourceLocation(file: "p.yaml", line: 1, column: 1))
        #expect(ids(spec) == ["a", "sub/b"])
    }

    @Test func aLinkToAFileIsFollowed() throws {
        try folder.write("elsewhere/c.txt", "three")
        try folder.write("in/a.txt", "one")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/in/c.txt", withDestinationPath: folder.path + "/elsewhere/c.txt")
        let spec = InputSpec(path: folder.path + "/in", kind: .folder, format: "auto",
                             location: SourceLocation(file: "p.yaml", line: 1, column: 1))
        #expect(ids(spec) == ["a", "c"])
    }

    @Test func aDeviceIsReportedAsNotARegularFile() {
        let spec = InputSpec(path: "/dev/zero", kind: .file, format: "auto",
                             location: SourceLocation(file: "p.yaml", line: 1, column: 1))
        let found = ids(spec)
        #expect(found.count == 1)
        #expect(found.first?.contains("not a regular file (a character device)") == true, "\(found)")
        #expect(found.first?.contains("Success") == false)
    }
}
