/// Words that take a period without ending a sentence, shared by the tokenizer (which keeps the period
/// in the token: "Dr.", "Gen.", "Inc.") and the sentence splitter (which decides whether it ends one).
///
/// ```swift
/// Abbreviations.kind(of: wordBytes)   // .title for "Maj", .mayEnd for "Inc", nil for "house"
/// ```
enum Abbreviations {
    enum Kind: Sendable {
        /// Precedes a name and never ends a sentence: "Mr.", "Maj. Gen.", "St.".
        case title
        /// Precedes a number ("No. 10", "Fig. 3"); takes the period only when a number follows.
        case numberPrefix
        /// Usually inside a sentence but may end one: "Inc.", "Jan.", "etc.", "U.S.".
        case mayEnd
    }

    static let titles = [
        "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mme", "Mlle", "Dr", "Drs", "Prof", "Gen", "Gens", "Maj", "Col", "Lt", "Capt",
        "Cmdr", "Cmdt", "Cdr", "Sgt", "Adm", "Brig", "Cpl", "Pvt", "Pte", "Rev", "Fr", "Sen", "Sens", "Rep", "Reps",
        "Gov", "Pres", "Supt", "Insp", "Det", "Hon", "Amb", "Sec", "Atty", "St", "Ste", "Mt", "Ft", "Lieut", "Comdr",
    ]
    static let numberPrefixes = ["No", "Nos", "no", "Vol", "vol", "Art", "art", "Fig", "fig", "pp", "p", "Ch", "ch", "Sec", "Para", "para"]
    static let mayEndWords = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros", "Plc", "Cos", "Ave", "Rd", "Blvd", "Dept", "Univ", "Assn",
        "etc", "approx", "est", "vs", "cf", "al", "Gov't", "govt", "Intl", "Natl", "Mon", "Tue", "Tues", "Wed",
        "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla",
        "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev",
        "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
    ]

    /// Packs up to 8 ASCII bytes into one integer, so lookups from a byte scanner allocate nothing.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard range.count <= 8, !range.isEmpty else { return nil }
        var k: UInt64 = 0
        for i in range {
            let b = bytes[i]
            if b >= 0x80 { return nil }
            k = k << 8 | UInt64(b)
        }
        return k
    }

    static func key(_ word: String) -> UInt64 {
        var k: UInt64 = 0
        for b in word.utf8 { k = k << 8 | UInt64(b) }
        return k
    }

    static let table: [UInt64: Kind] = {
        var t: [UInt64: Kind] = [:]
        for w in mayEndWords { t[key(w)] = .mayEnd }
        for w in numberPrefixes { t[key(w)] = .numberPrefix }
        for w in titles { t[key(w)] = .title }
        return t
    }()

    static func kind(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Kind? {
        key(bytes, range).flatMap { table[$0] }
    }

    /// Capitalized words that usually open a sentence; after "U.S." or "Inc." they mark a new one
    /// ("… the U.S. The move …"), while a name or noun ("U.S. President") does not.
    static let sentenceStarters: Set<String> = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "In", "On", "At", "This",
        "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "My", "Your", "As", "If", "When",
        "While", "After", "Before", "However", "Meanwhile", "So", "Yet", "Also", "For", "With", "What", "Who", "Why",
        "How", "Where", "Some", "Many", "Most", "One", "Now", "Then", "Still", "Since", "Although", "Though", "Both",
        "Last", "Earlier", "Later", "According", "Under", "By", "From", "No", "Not", "All", "Each", "Such", "Officials",
        "Mr", "Mrs", "Ms", "Dr",
    ]
}
