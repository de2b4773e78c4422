/// Names of the layers a processor can require or provide, checked when a pipeline is validated.
///
/// Built-in names are static members; a custom processor names its own layer with a string literal:
/// `static let provides: [LayerName] = ["keyphrases"]`.
public struct LayerName: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// `text` and `metadata` set from the raw input.
    public static let text: LayerName = "text"
    public static let paragraphs: LayerName = "paragraphs"
    public static let sentences: LayerName = "sentences"
    public static let tokens: LayerName = "tokens"
    public static let entities: LayerName = "entities"
    public static let quotes: LayerName = "quotes"

    /// The layers that are fields of `Document`; any other name is a custom layer.
    public static let core: Set<LayerName> = [.text, .paragraphs, .sentences, .tokens, .entities, .quotes]
}

/// One token of `Document.text`. The `parse` step produces the token layer; later steps never re-tokenize.
public struct Token: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Letters, possibly with inner hyphens or apostrophes ("well-known", "O’Malley").
        case word
        /// Digits with separators, decimals, percent or unit suffixes ("1.2", "40%", "2.5m").
        case number
        /// Quotation marks, straight or curly, single or double, and guillemets.
        case quote
        /// Other punctuation (".", ",", "—", "(").
        case punctuation
        /// Currency and other symbols ("$", "£", "&").
        case symbol
        /// A clitic split from a word, such as the possessive "’s".
        case clitic
        case other
    }

    public var span: Span
    public var kind: Kind

    public init(span: Span, kind: Kind) {
        self.span = span
        self.kind = kind
    }
}

/// Entity types, with the OntoNotes names spaCy users know.
public struct EntityLabel: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }

    public static let person: EntityLabel = "PERSON"
    public static let org: EntityLabel = "ORG"
    public static let gpe: EntityLabel = "GPE"
    public static let loc: EntityLabel = "LOC"
    public static let fac: EntityLabel = "FAC"
    public static let norp: EntityLabel = "NORP"
    public static let date: EntityLabel = "DATE"
    public static let time: EntityLabel = "TIME"
    public static let money: EntityLabel = "MONEY"
    public static let percent: EntityLabel = "PERCENT"
    public static let quantity: EntityLabel = "QUANTITY"
    public static let cardinal: EntityLabel = "CARDINAL"
    public static let ordinal: EntityLabel = "ORDINAL"
    public static let event: EntityLabel = "EVENT"
    public static let law: EntityLabel = "LAW"
    public static let product: EntityLabel = "PRODUCT"
}

/// One mention of an entity in the text: "Qassim Soleimani", "IRGC", "40 percent".
public struct EntityMention: Hashable, Sendable, Codable {
    /// The name itself: no leading "the", no possessive, no title.
    public var span: Span
    public var label: EntityLabel
    /// The `Entity.id` this mention refers to, shared by every mention of the same entity.
    public var entityID: String?
    /// Extra facts: `title` ("Maj. Gen."), `role` ("US Secretary of State"), `value` (a normalized date).
    public var attributes: [String: String]
    /// The step that made this mention; the runner fills it in when the step leaves it empty.
    public var step: String

    public init(span: Span, label: EntityLabel, entityID: String? = nil, attributes: [String: String] = [:], step: String = "") {
        self.span = span
        self.label = label
        self.entityID = entityID
        self.attributes = attributes
        self.step = step
    }
}

/// One real-world entity in a document, with all its mentions linked by `id`.
public struct Entity: Hashable, Sendable, Codable {
    public var id: String
    /// The fullest form among its mentions ("Qassim Soleimani").
    public var name: String
    public var label: EntityLabel
    /// Other forms it appears as ("IRGC", "Soleimani").
    public var aliases: [String]
    /// "male", "female" or nil, for people, from the text or a name list.
    public var gender: String?
    public var mentionCount: Int
    public var attributes: [String: String]
    /// The step that built the record; the runner fills it in when the step leaves it empty.
    public var step: String

    public init(id: String, name: String, label: EntityLabel, aliases: [String] = [], gender: String? = nil,
                mentionCount: Int = 0, attributes: [String: String] = [:], step: String = "") {
        self.id = id
        self.name = name
        self.label = label
        self.aliases = aliases
        self.gender = gender
        self.mentionCount = mentionCount
        self.attributes = attributes
        self.step = step
    }
}

/// A quotation or reported statement with its speaker.
public struct Quote: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// All content inside quotation marks.
        case direct
        /// Reported speech holding a quoted fragment.
        case mixed
        /// Reported speech without quotation marks.
        case indirect
    }

    /// From the start of the first fragment to the end of the last.
    public var span: Span
    /// The contiguous pieces of content («"A," Paul said. "B."» has two).
    public var fragments: [Span]
    public var kind: Kind
    /// The speech verb or phrase: "said", "according to".
    public var cue: Span?
    /// The speaker as written at the quote ("he", "the general", "Soleimani").
    public var speaker: Span?
    /// The entity the speaker resolves to, and its canonical name.
    public var speakerEntityID: String?
    public var speakerName: String?
    /// The rule that made the attribution, for debugging ("said-after-quote", "pronoun-previous-speaker").
    public var rule: String
    /// The step that made the quote; the runner fills it in when the step leaves it empty.
    public var step: String

    public init(span: Span, fragments: [Span], kind: Kind, cue: Span? = nil, speaker: Span? = nil,
                speakerEntityID: String? = nil, speakerName: String? = nil, rule: String, step: String = "") {
        self.span = span
        self.fragments = fragments
        self.kind = kind
        self.cue = cue
        self.speaker = speaker
        self.speakerEntityID = speakerEntityID
        self.speakerName = speakerName
        self.rule = rule
        self.step = step
    }
}
