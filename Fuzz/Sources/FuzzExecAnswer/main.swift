// Fuzz target: the exec protocol reader on arbitrary child output. Each input line is one answer from a
// child to a parsed, annotated document.
import FuzzSupport
import ExecProcessor
import Foundation
import PipelineKit

let chain = makeProcessors(steps: "  - uses: parse\n  - uses: extract-entities\n  - uses: extract-quotes\n")
let sent = runBlocking(chain, Document(
    id: "doc-1", source: DocumentSource(path: "/fuzz/doc-1.txt", format: "text"),
    raw: Array("Title\n\n\"We will win,\" said John Smith, the mayor of London, on 3 May 2024.\n\nHe left.\n".utf8)))

runFuzzer { data, size in
    let input = bytes(data, size)
    var document = sent
    for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
        ExecAnswerReader.read(answer: Array(line), into: &document)
        // The merged document must still export.
        _ = try? DocumentJSON.encode(document)
    }
    // The published JSON reader on the same bytes.
    _ = try? DocumentJSON.decode(Data(input))
    return 0
}
