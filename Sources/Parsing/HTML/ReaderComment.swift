import PipelineKit

/// One reader comment from an HTML page: an entry of the `comments` layer that `parse` adds with
/// `comments: true`. Comments are not part of `Document.text`, so an entry carries its own text.
///
/// ```swift
/// let comments = try document.layer(.comments) ?? []
/// ```
public struct ReaderComment: Codable, Hashable, Sendable {
    /// The comment's text, paragraphs separated by a blank line (author line, date and reply link left out).
    public var text: String

    public init(text: String) { self.text = text }
}

extension LayerKey where Value == [ReaderComment] {
    /// Reader comments of an HTML page (`parse` with `comments: true`).
    public static let comments = LayerKey("comments")
}
