// Fuzz target: parse → extract-entities → extract-quotes → export's JSON form on arbitrary text.
//
// Random bytes rarely make quotes or names, so the second half of the input is mapped through a small
// alphabet of what the extractors care about: quote marks, apostrophes, dashes, capitals, cue words.
import FuzzSupport
import PipelineKit

let chain = makeProcessors(steps: "  - uses: parse\n  - uses: extract-entities\n  - uses: extract-quotes\n")

let alphabet: [String] = [
    "\"", "\"", "'", "'", "“", "”", "‘", "’", "«", "»", "„", "—", "–", "-", "--", " ", " ", " ", " ", "\n",
    "\n\n", ".", ".", ",", ":", ";", "?", "!", "(", ")", "Mr", "Dr.", "U.S.", "said", "says", "told",
    "according to", "he", "she", "they", "The", "BBC", "Smith", "John", "Mary", "London", "Party",
    "Ltd", "Inc.", "Minister", "President", "of", "the", "and", "a", "January", "2024", "£5m", "3.5",
    "%", "A", "B", "X", "Z", "É", "ß", "O'Neil", "don't", "'s", "\u{00A0}", "\t", "…", "...", "FBI",
]

runFuzzer { data, size in
    let input = bytes(data, size)
    guard !input.isEmpty else { return 0 }
    let half = input.count / 2
    var text = String(decoding: input[..<half], as: UTF8.self)
    for byte in input[half...] { text += alphabet[Int(byte) % alphabet.count] }
    let document = Document(id: "fuzz", source: DocumentSource(path: "/fuzz/input", format: "text"),
                            raw: Array(text.utf8))
    let done = runBlocking(chain, document)
    // What export writes must encode and decode back.
    if let json = try? DocumentJSON.encode(done) {
        _ = try? DocumentJSON.decode(json)
    }
    return 0
}
