import Foundation
import PipelineKit

/// The built-in word lists, loaded once per process from the module's `Lexicons` resource folder.
///
/// Every table is keyed by `PhraseHash`, so recognizers look tokens up without building Strings.
/// scripts/lexicons/build.py regenerates the data files; Lexicons/README.md names their sources.
///
/// ```swift
/// let lex = Lexicons.shared
/// lex.gazetteer[PhraseHash.of("Tehran")]   // GPE
/// ```
final class Lexicons: Sendable {
    enum Gender: Sendable { case male, female, unknown }

    /// Places, well-known organizations and NORP groups, by exact form.
    let gazetteer: Gazetteer
    /// First names (exact form "Mike") with the gender the name lists give.
    let firstNames: HashTable64<Gender>
    let surnames: HashSet64
    /// Lowercase English words, keyed by the lowercased token.
    let commonWords: HashSet64
    /// Titles ("Gen", "Maj. Gen" with periods removed, "Prime Minister"), with a gender where the title has one.
    let titles: HashTable64<Gender>
    let titleMaxWords: Int
    let orgWords: HashSet64
    let orgHeads: HashSet64
    let eventWords: HashSet64
    let locWords: HashTable64<EntityLabel>
    let legalSuffixes: HashSet64

    /// Where this module's shipped data is: Lexicons/ and Model/entities/.
    static let moduleResources = ModuleResources(module: "EntityExtraction")

    /// The shipped lists, or why they cannot be read; `ExtractEntities` checks it at setup.
    static let loaded = Result { () throws(SetupError) in Lexicons(folder: try moduleResources.folder("Lexicons")) }

    /// Loaded on first use, then shared by every document and task (empty where `loaded` failed).
    static let shared: Lexicons = (try? loaded.get()) ?? Lexicons(folder: nil)

    init(folder: URL?) {
        func lines(_ name: String) -> [Substring] {
            guard let url = folder?.appendingPathComponent(name),
                  let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        }
        func fields(_ line: Substring) -> (String, String?) {
            let parts = line.split(separator: "\t", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : nil)
        }
        func gender(_ s: String?) -> Gender {
            switch s { case "m", "male": .male; case "f", "female": .female; default: .unknown }
        }

        var gazetteer = Gazetteer()
        for line in lines("gazetteer.tsv") {
            let (phrase, label) = fields(line)
            if let label { gazetteer.add(phrase, EntityLabel(label)) }
        }
        self.gazetteer = gazetteer

        var first = HashTable64<Gender>(capacity: 16384)
        for line in lines("first-names.tsv") {
            let (name, g) = fields(line)
            first[PhraseHash.of(name)] = gender(g)
        }
        firstNames = first
        surnames = HashSet64(lines("surnames.txt").map { PhraseHash.of($0) })
        commonWords = HashSet64(lines("common-words.txt").map { PhraseHash.of($0) })

        var titles = HashTable64<Gender>()
        var maxWords = 1
        for line in lines("titles.tsv") {
            let (title, g) = fields(line)
            let plain = Lexicons.titleKey(title)
            titles[PhraseHash.of(plain)] = gender(g)
            maxWords = max(maxWords, plain.split(separator: " ").count)
        }
        self.titles = titles
        titleMaxWords = maxWords
        orgWords = HashSet64(lines("org-words.txt").map { PhraseHash.of($0) })
        orgHeads = HashSet64(lines("org-heads.txt").map { PhraseHash.of($0) })
        eventWords = HashSet64(lines("event-words.txt").map { PhraseHash.of($0) })
        var locWords = HashTable64<EntityLabel>()
        for line in lines("loc-words.tsv") {
            let (word, label) = fields(line)
            locWords[PhraseHash.of(word)] = EntityLabel(label ?? "LOC")
        }
        self.locWords = locWords
        legalSuffixes = HashSet64(lines("legal-suffixes.txt").map { PhraseHash.of($0) })
    }

    /// Titles are looked up without their periods: "Maj. Gen." and "Maj Gen" are one key.
    static func titleKey(_ title: String) -> String {
        title.replacingOccurrences(of: ".", with: " ").split(separator: " ").joined(separator: " ")
    }
}

/// Phrases with labels, looked up by the hash of a token sequence (see `PhraseHash`).
///
/// ```swift
/// var g = Gazetteer(); g.add("Acme Corp", .org)
/// g.entries[PhraseHash.of("Acme Corp")]   // ORG
/// ```
struct Gazetteer: Sendable {
    private(set) var entries = HashTable64<EntityLabel>()
    /// The longest phrase in bytes, so a lookup stops extending a token sequence past it.
    private(set) var maxBytes = 0

    var isEmpty: Bool { entries.count == 0 }

    mutating func add(_ phrase: String, _ label: EntityLabel) {
        let collapsed = phrase.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard !collapsed.isEmpty else { return }
        entries[PhraseHash.of(collapsed)] = label
        maxBytes = max(maxBytes, collapsed.utf8.count)
    }

    subscript(hash: UInt64) -> EntityLabel? { entries[hash] }
}
