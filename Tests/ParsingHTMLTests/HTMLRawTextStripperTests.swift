import Testing
@testable import Parsing

private func strip(_ html: String) -> String {
    String(decoding: HTMLRawTextStripper.strip(Array(html.utf8)), as: UTF8.self)
}

@Test func stripperDropsScriptAndStyleContentButKeepsTheirTags() {
    let page = "<p>a</p><script src=x.js>var s = '<p>not text</p>';</script><style>p { color: red }</style><p>b</p>"
    #expect(strip(page) == "<p>a</p><script></script><style></style><p>b</p>")
}

@Test func stripperKeepsJSONLDScripts() {
    let page = #"<script type="application/ld+json">{"headline": "<b>Hi</b>"}</script><script>x()</script>"#
    #expect(strip(page) == #"<script type="application/ld+json">{"headline": "<b>Hi</b>"}</script><script></script>"#)
}

@Test func stripperMatchesTagNamesInAnyCase() {
    #expect(strip("<SCRIPT TYPE=text/javascript>a<b</ScRiPt><Style>x</STYLE ><p>t</p>") == "<SCRIPT TYPE=text/javascript></ScRiPt><Style></STYLE ><p>t</p>")
    #expect(strip(#"<SCRIPT TYPE="APPLICATION/LD+JSON">{}</SCRIPT>"#) == #"<SCRIPT TYPE="APPLICATION/LD+JSON">{}</SCRIPT>"#)
}

@Test func stripperDropsCommentsEvenWhenTheyContainScriptTags() {
    #expect(strip("<p>a</p><!-- <script>x</script> --><p>b</p><!----><p>c</p>") == "<p>a</p><p>b</p><p>c</p>")
}

@Test func stripperEndsAScriptAtItsEndTagEvenInsideAComment() {
    // As in the HTML tokenizer: "<!--" inside a script does not hide "</script>".
    #expect(strip("<script><!-- x </script><p>text</p>") == "<script></script><p>text</p>")
}

@Test func stripperDropsAttributesTheTreeBuilderNeverReads() {
    let page = #"<a href="/x" data-id='1' CLASS=c onclick="a>b">t</a><link rel=canonical href=u><img src=p.jpg alt="" hidden>"#
    #expect(strip(page) == #"<a CLASS=c>t</a><link rel=canonical href=u><img hidden>"#)
    #expect(strip(#"<meta property="og:title" content="T"><time datetime=2024-01-01 itemprop=datePublished>"#)
        == #"<meta property="og:title" content="T"><time datetime=2024-01-01 itemprop=datePublished>"#)
    #expect(strip("<p id=a/b style='display:none'>x</p>") == "<p id=a/b style='display:none'>x</p>")
}

@Test func stripperStopsAtTheEndOfInputOnUnterminatedConstructs() {
    #expect(strip("<p>a</p><script>var x = 1; <p>") == "<p>a</p><script>")
    #expect(strip("<p>a</p><!-- open comment <p>b</p>") == "<p>a</p>")
    #expect(strip("<p>a</p><script src=\"x") == "<p>a</p><script src=\"x")
    #expect(strip("<p>a</p><div class=") == "<p>a</p><div class=")
    // libxml2 closes an unterminated svg at its parent's end tag, so what follows must stay.
    #expect(strip("<div><svg><path/></div><p>kept</p>") == "<div><svg><path/></div><p>kept</p>")
    #expect(strip("<div><noscript><img></div><p>kept</p>") == "<div><noscript><img></div><p>kept</p>")
    #expect(strip("<p>a</p><") == "<p>a</p><")
    #expect(strip("<") == "<")
    #expect(strip("") == "")
}

@Test func stripperCountsNestedSVGAndHonoursSelfClosingTags() {
    #expect(strip("<svg><svg><path/></svg><text>x</text></svg><p>t</p>") == "<svg></svg><p>t</p>")
    #expect(strip("<svg/><p>t</p><svg viewBox='0 0 1 1'><g/></svg>") == "<svg/><p>t</p><svg></svg>")
    #expect(strip("<noscript><img src=p.gif></noscript><template><div>x</div></template>") == "<noscript></noscript><template></template>")
}

@Test func stripperIgnoresTagLookalikesInAttributeValuesAndLongerNames() {
    #expect(strip(#"<div title="<script>" class=x>a</div><scripts>b</scripts><svgx>c</svgx>"#) == #"<div class=x>a</div><scripts>b</scripts><svgx>c</svgx>"#)
    #expect(strip("<script>if (a</scripts) {}</script>") == "<script></script>")
}

@Test func stripperLeavesTheArticleExtractedTheSame() {
    let page = """
    <html><head><title>T</title><script>var a = "</div>";</script><style>.x{}</style></head>
    <body><article><p>First paragraph of the story, long enough to count as text for the extractor here.</p>
    <!-- <p>commented out</p> --><p>Second paragraph of the story, also long enough to be kept as article text.</p>
    </article></body></html>
    """
    let article = HTMLArticleExtractor().extract(Array(page.utf8))
    #expect(article.paragraphs.count == 2)
    #expect(!article.text.contains("commented out"))
    #expect(article.title == "T")
}

@Test func stripperIsSkippedForEncodingsWhereLessThanCanBeASecondByte() {
    #expect(HTMLRawTextStripper.applies(toEncoding: "UTF-8"))
    #expect(HTMLRawTextStripper.applies(toEncoding: "SHIFT_JIS"))
    #expect(!HTMLRawTextStripper.applies(toEncoding: "ISO-2022-JP"))
    #expect(!HTMLRawTextStripper.applies(toEncoding: "UTF-32"))
}

@Test func stripperHandlesEveryTruncationOfATrickyPage() {
    let page = Array(#"<!DOCTYPE html><html><head><!-- c --><script type="application/ld+json">{"a":"<b>"}</script><style>x{}</style><SCRIPT>if(a<b)</SCRIPT ></head><body><svg><svg/><g a='>'/></svg><div class=x data-a="1>2" hidden>Text <b>bold</b></div><template><template></template></template><noscript><p>n</p></noscript><p>end</p></body></html>"#.utf8)
    for length in 0...page.count {
        let out = HTMLRawTextStripper.strip(page[0..<length])
        #expect(out.count <= length)
    }
    #expect(String(decoding: HTMLRawTextStripper.strip(page), as: UTF8.self) == #"<!DOCTYPE html><html><head><script type="application/ld+json">{"a":"<b>"}</script><style></style><SCRIPT></SCRIPT ></head><body><svg></svg><div class=x hidden>Text <b>bold</b></div><template></template><noscript></noscript><p>end</p></body></html>"#)
}
