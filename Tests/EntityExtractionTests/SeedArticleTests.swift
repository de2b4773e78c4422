import Testing
import PipelineKit
import TestSupport
@testable import EntityExtraction

private let seedPath = "seeds/rudaw-2019-04-29-soleimani.txt"
private var seedAvailable: Bool { SharedData.isAvailable && FileManager.default.fileExists(atPath: SharedData.url(seedPath).path) }

import Foundation

@Test(.enabled(if: seedAvailable, SharedData.skipMessage))
func seedArticleYieldsTheExpectedEntities() async throws {
    // With the shipped model, as a pipeline runs it.
    let d = try await extract(try SharedData.read(seedPath), options: .init(lexicons: [], patterns: .array([]), types: [], model: ""))
    func has(_ text: String, _ label: EntityLabel) -> Bool { d.entities.contains { d.text(of: $0.span) == text && $0.label == label } }
    for name in ["Qassim Soleimani", "Mike Pompeo", "Ali Khamenei"] { #expect(has(name, .person), "PERSON \(name)") }
    for name in ["Islamic Revolutionary Guard Corps", "Quds Force", "International Energy Agency", "IMF",
                 "Heritage Foundation", "Hezbollah", "US Central Command"] { #expect(has(name, .org), "ORG \(name)") }
    for name in ["Iran", "Tehran", "Paris"] { #expect(has(name, .gpe), "GPE \(name)") }
    #expect(has("Middle East", .loc))
    #expect(has("40 percent", .percent) && has("60 percent", .percent))
    #expect(has("April 15", .date))
    #expect(d.entity(of: "Islamic Revolutionary Guard Corps")?.aliases.contains("IRGC") == true)
    #expect(d.entity(of: "US Central Command")?.aliases.contains("CENTCOM") == true)
    #expect(d.entity(of: "Qassim Soleimani")?.attributes["title"] == "Maj. Gen.")
    #expect(!d.entities.contains { $0.label == .person && d.text(of: $0.span).contains("Gen.") })
}
