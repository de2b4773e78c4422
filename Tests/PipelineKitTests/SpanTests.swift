import Testing
@testable import PipelineKit

@Test func codePointOffsetsCountScalarsNotBytes() {
    let text = "Café – “naïve” 😀 end"
    let index = CodePointIndex(text)
    let scalars = Array(text.unicodeScalars)
    var utf8 = 0
    for (cp, scalar) in scalars.enumerated() {
        #expect(index.codePoint(utf8) == cp)
        #expect(index.utf8(cp) == utf8)
        utf8 += String(scalar).utf8.count
    }
    #expect(index.codePoint(utf8) == scalars.count)
}
