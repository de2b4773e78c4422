import Foundation
import Testing
import PipelineKit
@testable import EntityExtraction

@Test func userLexiconsAndPhrasePatternsWinOverBuiltInRules() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ee-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("orgs.txt")
    try "# my organizations\nORG\tParis Club\nPRODUCT\tWidgetPro 3000\n".write(to: file, atomically: true, encoding: .utf8)
    var options = ExtractEntities.Options()
    options.lexicons = [file.path]
    options.patterns = .array([.object(["label": "EVENT", "phrase": "Davos Forum"]),
                               .object(["label": "LAW", "regex": "Resolution \\d+"])])
    let d = try await extract("The Paris Club met at the Davos Forum about Resolution 2231 and the WidgetPro 3000.", options: options)
    #expect(d.mention("Paris Club")?.label == .org)
    #expect(d.mention("Davos Forum")?.label == .event)
    #expect(d.mention("Resolution 2231")?.label == .law)
    #expect(d.mention("WidgetPro 3000")?.label == .product)
}

@Test func typesRestrictTheOutputLabels() async throws {
    var options = ExtractEntities.Options()
    options.types = ["PERSON"]
    let d = try await extract("Mike Pompeo visited Paris on April 15 with 40 percent support.", options: options)
    #expect(d.entities.map(\.label) == [.person])
    #expect(d.entityTable.allSatisfy { $0.label == .person })
}

@Test func badUserRulesFailAtSetupWithTheOptionNamed() {
    #expect(throws: SetupError.self) { try UserRules(lexiconPaths: ["/nonexistent/orgs.txt"], patterns: .array([])) }
    #expect(throws: SetupError.self) { try UserRules(lexiconPaths: [], patterns: .array([.object(["label": "ORG"])])) }
    #expect(throws: SetupError.self) { try UserRules(lexiconPaths: [], patterns: .array([.object(["label": "ORG", "regex": "("])])) }
    do {
        _ = try UserRules(lexiconPaths: [], patterns: .string("x"))
    } catch let e as SetupError {
        #expect(e.option == "patterns")
    } catch { Issue.record("unexpected error \(error)") }
}

@Test func optionSpecListsEveryOption() {
    #expect(ExtractEntities.Options.spec.map(\.name) == ["lexicons", "patterns", "types", "model"])
    #expect(ExtractEntities.requires == [.tokens, .sentences])
    #expect(ExtractEntities.provides == [.entities])
}

@Test func builtInLexiconsLoad() {
    let lex = Lexicons.shared
    #expect(lex.gazetteer[PhraseHash.of("Tehran")] == .gpe)
    #expect(lex.firstNames[PhraseHash.of("Mary")] == .female)
    #expect(lex.titles[PhraseHash.of("Maj Gen")] != nil)
    #expect(lex.commonWords.contains(PhraseHash.of("police")))
}
