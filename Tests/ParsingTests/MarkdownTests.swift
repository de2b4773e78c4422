import Testing
import PipelineKit
@testable import Parsing

@Test func markdownBecomesReadableTextWithTitleFromFirstHeading() async throws {
    let source = """
    # Harbor budget *approved*

    The **board** voted [yes](https://example.org) on `Monday`.
    It cost $48 million.

    ## Reactions

    - Fishermen objected.
    - 2. Owners cheered.

    > “We lose,” one said.

    ```
    let code = 1
    ```

    ![chart](chart.png)
    [ref]: https://example.org
    """
    let doc = try await parse(source, path: "story.md")
    #expect(doc.source.format == "markdown")
    #expect(doc.metadata.title == "Harbor budget approved")
    #expect(doc.text == "Harbor budget approved\n\nThe board voted yes on Monday.\nIt cost $48 million.\n\nReactions\n\nFishermen objected.\n\n2. Owners cheered.\n\n“We lose,” one said.")
    #expect(doc.text(of: doc.metadata.spans["title"]!) == "Harbor budget approved")
    #expect(doc.paragraphs.count == 6)
}

@Test func markdownFrontMatterFillsMetadata() async throws {
    let doc = try await parse("---\ntitle: \"Port plan\"\ndate: 2026-03-14\nauthor: Priya Raman\n---\nBody text.", path: "a.markdown")
    #expect(doc.metadata.title == "Port plan")
    #expect(doc.metadata.published == "2026-03-14")
    #expect(doc.metadata.byline == "Priya Raman")
    #expect(doc.text == "Body text.")
}

@Test func setextHeadingsAndIntrawordUnderscoresSurvive() async throws {
    let doc = try await parse("Big news\n========\n\nThe snake_case name and 5 * 3 stay.", path: "a.md")
    #expect(doc.metadata.title == "Big news")
    #expect(doc.text == "Big news\n\nThe snake_case name and 5 * 3 stay.")
}

@Test func markdownTablesKeepCellsApart() async throws {
    let doc = try await parse("| City | Votes |\n|---|---|\n| Erbil | 12 |", path: "a.md")
    #expect(doc.text == "City | Votes\n\nErbil | 12")
}
