/// One reader comment from an HTML page: an entry of the `comments` layer that `parse` adds with
/// `comments: true`. Comments are not part of `Document.text`, so an entry carries its own text.
///
/// ```swift
/// let comments = try document.layer([ReaderComment].self, named: ReaderComment.layerName) ?? []
/// ```
public struct ReaderComment: Codable, Hashable, Sendable {
    /// The layer's name in the document and in exports.
    public static let layerName = "comments"
    /// The comment's text, paragraphs separated by a blank line (author line, date and reply link left out).
    public var text: String

    public init(text: String) { self.text = text }
}
