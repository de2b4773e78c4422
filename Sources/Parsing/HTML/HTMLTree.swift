import CLibXML2

/// A compact copy of a parsed page: elements and whitespace-normalised text nodes in document order.
///
/// libxml2 parses; this tree is what the extractor scores. Nodes are stored in pre-order, so a parent's
/// index is always below its children's: one backward loop aggregates bottom-up and one forward loop
/// propagates top-down, with no recursion however deep the markup is.
struct HTMLTree {
    struct Node {
        var tag: HTMLTag
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var next: Int32 = -1
        /// Text nodes: the byte range of their normalised text in `HTMLTree.text`.
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
        /// Elements: what the class, id, role and style attributes say (see `ClassInfo`).
        var info: ClassInfo = .none
        /// Elements: a number shared by all elements with the same class attribute, or -1.
        var classIndex: Int32 = -1
    }

    var nodes: [Node] = []
    /// All text nodes' normalised text, back to back (UTF-8).
    var text: [UInt8] = []

    func children(of index: Int) -> ChildSequence { ChildSequence(tree: self, current: nodes[index].firstChild) }

    struct ChildSequence: Sequence, IteratorProtocol {
        let tree: HTMLTree
        var current: Int32
        mutating func next() -> Int? {
            guard current >= 0 else { return nil }
            let index = Int(current)
            current = tree.nodes[index].next
            return index
        }
    }

    /// The text bytes of a text node.
    func textBytes(_ index: Int) -> ArraySlice<UInt8> {
        text[Int(nodes[index].textStart)..<Int(nodes[index].textEnd)]
    }
}

/// What an element's class, id, role, `hidden` and style attributes say about it.
struct ClassInfo: OptionSet, Hashable, Sendable {
    let rawValue: UInt16
    static let none: ClassInfo = []
    /// Never article text: hidden, or a navigation/dialog role.
    static let hidden = ClassInfo(rawValue: 1 << 0)
    /// class/id name boilerplate (share bar, comments, related links, cookie banner, ad slot).
    static let boilerplate = ClassInfo(rawValue: 1 << 1)
    /// class/id name says "content" ("article-body", "entry-content", "story").
    static let contentName = ClassInfo(rawValue: 1 << 2)
    /// readability's class weight: +25 for class, +25 for id (positive names), -25 each for negative names.
    static let positiveClass = ClassInfo(rawValue: 1 << 3)
    static let positiveID = ClassInfo(rawValue: 1 << 4)
    static let negativeClass = ClassInfo(rawValue: 1 << 5)
    static let negativeID = ClassInfo(rawValue: 1 << 6)
    /// itemprop="articleBody" or similar: the page marks the body itself.
    static let articleBodyProp = ClassInfo(rawValue: 1 << 7)
    /// itemtype is a schema.org Article (NewsArticle, BlogPosting, Report…): one story's container.
    static let articleType = ClassInfo(rawValue: 1 << 8)
    /// itemprop="description": the page marks a summary, usually the article's lead (teaser).
    static let descriptionProp = ClassInfo(rawValue: 1 << 9)
    /// class/id names reader comments ("comments", "comment-list"; not "commentary").
    static let commentName = ClassInfo(rawValue: 1 << 10)

    var weight: Double {
        var w = 0.0
        if contains(.positiveClass) { w += 25 }
        if contains(.positiveID) { w += 25 }
        if contains(.negativeClass) { w -= 25 }
        if contains(.negativeID) { w -= 25 }
        return w
    }
}
