/// Reader comments on a page, one string per comment: what `parse` puts in the `comments` layer when
/// asked (`comments: true`). The body never holds them (comment sections are boilerplate to
/// `HTMLContentExtractor`).
///
/// A comment section is the outermost element whose class or id names comments ("comments",
/// "comment-list", `id="comments"`; not "commentary"). Its comments are its `li` elements (threaded
/// lists, as WordPress and most CMSs print them), else its `article` elements, else its paragraphs;
/// a reply nested in a comment is a comment of its own. Of each comment, the part named as its content
/// ("comment-content", "comment-text") is taken when there is one, so the author line, date and "Reply"
/// link stay out; forms (the reply box) and hidden elements never count.
///
/// ```swift
/// let comments = HTMLCommentExtractor(tree: tree).comments()   // ["Great piece, thanks!", ...]
/// ```
struct HTMLCommentExtractor {
    let tree: HTMLTree

    func comments() -> [String] {
        var result: [String] = []
        var i = 0
        while i < tree.nodes.count {
            let node = tree.nodes[i]
            guard node.tag != .text, node.info.contains(.commentName), !node.info.contains(.hidden), node.tag != .form else {
                i += 1
                continue
            }
            let end = subtreeEnd(i)
            // `<body class="comments-open">`, a wrapper around the whole story: not a comment section.
            if node.tag == .body || node.tag == .html || node.tag == .main || (i ..< end).contains(where: { tree.nodes[$0].tag == .h1 }) {
                i += 1
                continue
            }
            result += comments(inSection: i)
            i = end
        }
        return result
    }

    private func comments(inSection section: Int) -> [String] {
        let end = subtreeEnd(section)
        for itemTag in [HTMLTag.li, .article] {
            let items = (section + 1 ..< end).filter { tree.nodes[$0].tag == itemTag }
            if !items.isEmpty {
                let itemSet = Set(items)
                return items.compactMap { text(ofComment: $0, skipping: itemSet) }
            }
        }
        let paragraphs = (section + 1 ..< end).filter { tree.nodes[$0].tag == .p }
        return paragraphs.compactMap { text(ofComment: $0, skipping: []) }
    }

    /// The comment's text, without nested comments (its replies).
    private func text(ofComment item: Int, skipping items: Set<Int>) -> String? {
        let end = subtreeEnd(item)
        let content = (item + 1 ..< end).first { tree.nodes[$0].info.contains(.contentName) && !tree.nodes[$0].info.contains(.hidden) && !isInsideNested($0, item: item, items: items) }
        var writer = ParagraphWriter()
        var i = content ?? item
        let stop = subtreeEnd(i)
        if content == nil { i += 1 }
        while i < stop {
            let node = tree.nodes[i]
            if (i != item && items.contains(i)) || node.info.contains(.hidden) || node.tag == .form {
                i = subtreeEnd(i)
                continue
            }
            if node.tag == .text {
                writer.append(tree.textBytes(i))
            } else if node.tag.isBlock {
                writer.flush()
            }
            i += 1
        }
        writer.flush()
        let text = writer.paragraphs.joined(separator: "\n\n")
        return text.isEmpty ? nil : text
    }

    private func isInsideNested(_ i: Int, item: Int, items: Set<Int>) -> Bool {
        var a = Int(tree.nodes[i].parent)
        while a > item {
            if items.contains(a) { return true }
            a = Int(tree.nodes[a].parent)
        }
        return false
    }

    /// One past the last node of `i`'s subtree: the next node that is not a descendant.
    private func subtreeEnd(_ i: Int) -> Int {
        var n = i
        while n >= 0 {
            let next = tree.nodes[n].next
            if next >= 0 { return Int(next) }
            n = Int(tree.nodes[n].parent)
        }
        return tree.nodes.count
    }
}
