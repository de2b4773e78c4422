import Foundation
import Testing
@testable import EntityExtraction

/// The model file: what `pipeline train entities` writes reads back the same, and a model of the greedy
/// decoder (before Viterbi, other features) is refused with the fix rather than tagging badly.
@Suite struct EntityModelFileTests {
    let tags = BILOUTags(labels: ["PERSON", "ORG"])

    @Test func writtenModelReadsBackWithItsWeights() throws {
        let rows: [(hash: UInt64, weights: [Float])] = [(7, [0, 1.5, 0, 0, -2, 0, 0, 0, 0.25]), (3, [0, 0, 0, 0, 0, 0, 0, 0, 1])]
        let bytes = EntityModel.encode(tags: tags, rows: rows)
        let (readTags, readRows) = try EntityModel.decode(bytes, file: "m/model.bin")
        #expect(readTags == tags)
        let byHash = Dictionary(uniqueKeysWithValues: readRows.map { ($0.hash, $0.weights) })
        #expect(abs((byHash[7]?[1] ?? 0) - 1.5) < 1e-3 && abs((byHash[7]?[4] ?? 0) + 2) < 1e-3)
        #expect(abs((byHash[3]?[8] ?? 0) - 1) < 1e-3)
    }

    @Test func greedyModelOfAnEarlierVersionIsRefusedWithTheFix() {
        var bytes = EntityModel.encode(tags: tags, rows: [(7, [0, 1, 0, 0, 0, 0, 0, 0, 0])])
        bytes.replaceSubrange(0..<8, with: Array("PIPENER1".utf8))
        #expect {
            _ = try EntityModel.decode(bytes, file: "old/model.bin")
        } throws: { error in
            "\(error)".contains("old/model.bin") && "\(error)".contains("train it again")
        }
    }

    @Test func modelOfAnotherVersionNamesBothVersionsNotADamagedFile() {
        var bytes = EntityModel.encode(tags: tags, rows: [(7, [0, 1, 0, 0, 0, 0, 0, 0, 0])])
        bytes.replaceSubrange(0..<8, with: Array("PIPENER3".utf8))
        #expect {
            _ = try EntityModel.decode(bytes, file: "new/model.bin")
        } throws: { error in
            "\(error)".contains("new/model.bin") && "\(error)".contains("PIPENER3") && "\(error)".contains("this binary reads PIPENER2")
        }
    }
}
