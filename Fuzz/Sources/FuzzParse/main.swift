// Fuzz target: `parse` on arbitrary bytes in each format. The first byte picks the format, the rest is the
// document as read from a file.
import FuzzSupport
import PipelineKit

let formats = ["text", "news", "html", "markdown", "jsonl", "auto"]
let parse = makeProcessors(steps: "  - uses: parse\n")

runFuzzer { data, size in
    let input = bytes(data, size)
    guard let first = input.first else { return 0 }
    let format = formats[Int(first) % formats.count]
    let document = Document(id: "fuzz", source: DocumentSource(path: "/fuzz/input", format: format),
                            raw: Array(input.dropFirst()))
    let parsed = runBlocking(parse, document)
    // Every span must lie inside the text, on character boundaries the exporters can convert.
    let count = parsed.text.utf8.count
    for span in parsed.paragraphs + parsed.sentences {
        precondition(span.start <= span.end && span.end <= count, "span outside the text")
    }
    return 0
}
