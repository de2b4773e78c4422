import PipelineKit
import Testing

/// The shard function other tools must be able to reproduce: 64-bit FNV-1a of the id's UTF-8 bytes.
struct ShardTests {
    @Test func hashIsFNV1a64WithItsPublishedTestVectors() {
        #expect(Shard.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Shard.hash("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func everyIDIsInExactlyOneShard() throws {
        let shards = try (0..<5).map { try Shard(index: $0, count: 5) }
        for n in 0..<500 {
            let id = "world/europe/story-\(n)"
            #expect(shards.filter { $0.contains(id: id) }.count == 1)
        }
    }

    @Test func parsesIOverN() throws {
        #expect(try Shard(parsing: "2/8") == Shard(index: 2, count: 8))
        #expect(try Shard(parsing: "0/1").contains(id: "anything"))
    }

    @Test(arguments: ["8/8", "-1/4", "1/0", "x/4", "1", "1/2/3", ""])
    func refusesWhatIsNotAShard(text: String) {
        #expect(throws: ShardError.self) { try Shard(parsing: text) }
    }
}
