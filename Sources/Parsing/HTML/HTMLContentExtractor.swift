/// Finds the article body in an `HTMLTree`, readability-style, and returns its paragraphs.
///
/// 1. Boilerplate subtrees are set aside: navigation, header/footer, aside, dialogs, hidden elements,
///    figure captions, and class/id names of share bars, comments, related links, ads, cookie banners.
/// 2. Every paragraph-like block (p, pre, td, a div holding only inline content, loose text in a
///    container) of 25+ characters scores 1 + commas + min(length/100, 3) and hands that score to its
///    parent (full), grandparent (half) and three more ancestors (divided by 3·level). Containers start
///    from a tag bonus and their class weight; final scores are scaled by (1 − link density).
/// 3. The best container, moved up when its near-equal rivals share an ancestor or its parent scores
///    nearly as well, is kept with its siblings that score well or read like prose.
/// 4. Inside it, lists, tables, divs and forms that look like link lists, image strips or widgets are
///    removed bottom-up; h1 (the headline) goes too. What is left becomes paragraphs, one per block.
///
/// Everything is a loop over the pre-order node arrays; nothing recurses.
struct HTMLContentExtractor {
    let tree: HTMLTree
    let count: Int

    /// Per-node aggregates, indexed like `tree.nodes`.
    private var excluded: [Bool]
    private var chars: [Int32]
    private var linkChars: [Int32]
    private var commas: [Int32]
    private var ownChars: [Int32]
    private var ownCommas: [Int32]
    private var paragraphs: [Int32]
    private var images: [Int32]
    private var listItems: [Int32]
    private var headingChars: [Int32]
    private var hasBlockChild: [Bool]
    /// One past the last index of each node's subtree (pre-order keeps a subtree contiguous).
    private var subtreeEnds: [Int32]

    /// How strict a pass is; a pass that finds too little text is retried with looser rules (readability).
    struct Strictness {
        var dropWeakBoilerplate = true
        var useClassWeights = true
        var cleanConditionally = true
    }

    init(tree: HTMLTree, strictness: Strictness = Strictness()) {
        self.tree = tree
        count = tree.nodes.count
        excluded = Array(repeating: false, count: count)
        chars = Array(repeating: 0, count: count)
        linkChars = chars
        commas = chars
        ownChars = chars
        ownCommas = chars
        paragraphs = chars
        images = chars
        listItems = chars
        headingChars = chars
        hasBlockChild = Array(repeating: false, count: count)
        subtreeEnds = Array(repeating: 0, count: count)
        self.strictness = strictness
        measure()
    }

    private let strictness: Strictness

    // MARK: - Measuring

    private func isBoilerplateElement(_ node: HTMLTree.Node) -> Bool {
        switch node.tag {
        case .nav, .aside, .footer, .header, .dialog, .menu, .figcaption, .head:
            return true
        case .html, .body, .main, .article:
            return node.info.contains(.hidden)
        default:
            if node.info.contains(.hidden) { return true }
            if node.info.contains(.articleBodyProp) { return false }
            return strictness.dropWeakBoilerplate && node.info.contains(.boilerplate)
        }
    }

    private mutating func measure() {
        var inLink = Array(repeating: false, count: count)
        var blockOwner = Array(repeating: Int32(-1), count: count)
        // Top-down: exclusion, link membership, the block each text belongs to.
        for i in 0..<count {
            let node = tree.nodes[i]
            let parent = Int(node.parent)
            if parent >= 0 {
                excluded[i] = excluded[parent]
                inLink[i] = inLink[parent]
                blockOwner[i] = blockOwner[parent]
            }
            if node.tag == .text { continue }
            if !excluded[i] && isBoilerplateElement(node) { excluded[i] = true }
            if node.tag == .a { inLink[i] = true }
            if node.tag.isBlock { blockOwner[i] = Int32(i) }
        }
        // Text nodes' own measures.
        for i in 0..<count where tree.nodes[i].tag == .text && !excluded[i] {
            var n: Int32 = 0
            var c: Int32 = 0
            for byte in tree.textBytes(i) {
                if byte & 0xC0 != 0x80 { n += 1 }
                if byte == UInt8(ascii: ",") { c += 1 }
            }
            chars[i] = n
            commas[i] = c
            if inLink[i] { linkChars[i] = n }
            let owner = Int(blockOwner[i])
            if owner >= 0 {
                ownChars[owner] += n
                ownCommas[owner] += c
            }
        }
        // Subtree extents, bottom-up: a node's subtree ends where its last descendant's does.
        var sizes = Array(repeating: Int32(1), count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            subtreeEnds[i] = Int32(i) + sizes[i]
            let parent = Int(tree.nodes[i].parent)
            if parent >= 0 { sizes[parent] += sizes[i] }
        }
        // Bottom-up sums.
        for i in stride(from: count - 1, through: 0, by: -1) where !excluded[i] {
            let node = tree.nodes[i]
            switch node.tag {
            case .p: paragraphs[i] += 1
            case .img: images[i] += 1
            case .li: listItems[i] += 1
            case .h1, .h2, .h3, .h4, .h5, .h6: headingChars[i] = chars[i]
            default: break
            }
            let parent = Int(node.parent)
            guard parent >= 0 else { continue }
            chars[parent] += chars[i]
            linkChars[parent] += linkChars[i]
            commas[parent] += commas[i]
            paragraphs[parent] += paragraphs[i]
            images[parent] += images[i]
            listItems[parent] += listItems[i]
            headingChars[parent] += headingChars[i]
            if node.tag.isParagraphBreaking { hasBlockChild[parent] = true }
        }
    }

    private func linkDensity(_ i: Int) -> Double {
        chars[i] == 0 ? 0 : Double(linkChars[i]) / Double(chars[i])
    }

    private func classWeight(_ i: Int) -> Double {
        strictness.useClassWeights ? tree.nodes[i].info.weight : 0
    }

    // MARK: - Scoring

    private func baseScore(_ i: Int) -> Double {
        var score = classWeight(i)
        switch tree.nodes[i].tag {
        case .div, .article, .main, .section: score += 5
        case .pre, .td, .blockquote: score += 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score -= 3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score -= 5
        default: break
        }
        if tree.nodes[i].info.contains(.articleBodyProp) { score += 25 }
        return score
    }

    /// Scores of the containers that received any, keyed by node index.
    private func scoreCandidates() -> [Int: Double] {
        var scores: [Int: Double] = [:]
        func credit(_ start: Int, _ length: Int32, _ commaCount: Int32) {
            guard length >= 25 else { return }
            let score = 1 + Double(commaCount) + min(Double(length / 100), 3)
            var ancestor = start
            var level = 0
            while ancestor >= 0 && level < 5 {
                let tag = tree.nodes[ancestor].tag
                if tag == .html { break }
                if scores[ancestor] == nil { scores[ancestor] = baseScore(ancestor) }
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level) * 3
                scores[ancestor]! += score / divider
                ancestor = Int(tree.nodes[ancestor].parent)
                level += 1
            }
        }
        for i in 0..<count where !excluded[i] {
            let node = tree.nodes[i]
            switch node.tag {
            case .p, .pre, .td:
                credit(Int(node.parent), chars[i], commas[i])
            case .div, .section, .article, .main, .other, .center, .blockquote, .font, .span:
                if !hasBlockChild[i] {
                    if node.tag == .div || node.tag == .section || node.tag == .article {
                        credit(Int(node.parent), chars[i], commas[i])
                    }
                } else if ownChars[i] >= 25 {
                    credit(i, ownChars[i], ownCommas[i])
                }
            default:
                break
            }
        }
        for (i, score) in scores { scores[i] = score * (1 - linkDensity(i)) }
        return scores
    }

    /// The container of the article, and which of its parent's children go with it.
    private func selectRoots() -> [Int] {
        let scores = scoreCandidates()
        guard let body = (0..<count).first(where: { tree.nodes[$0].tag == .body }) ?? (count > 0 ? 0 : nil) else { return [] }
        let ranked = scores.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(5)
        guard var top = ranked.first?.key, top != body, tree.nodes[top].tag != .html else { return [body] }
        let topScore = scores[top]!

        // Near-equal rivals sharing an ancestor: the article is split across them.
        let rivals = ranked.dropFirst().filter { $0.value / topScore >= 0.75 }.map { ancestors(of: $0.key) }
        if rivals.count >= 3 {
            var parent = Int(tree.nodes[top].parent)
            while parent >= 0 && parent != body {
                if rivals.filter({ $0.contains(parent) }).count >= 3 {
                    top = parent
                    break
                }
                parent = Int(tree.nodes[parent].parent)
            }
        }
        // A parent scoring about as well holds more of the article.
        var parent = Int(tree.nodes[top].parent)
        var lastScore = scores[top] ?? 0
        let threshold = lastScore / 3
        while parent >= 0 && parent != body && tree.nodes[parent].tag != .html {
            guard let parentScore = scores[parent] else {
                parent = Int(tree.nodes[parent].parent)
                continue
            }
            if parentScore < threshold { break }
            if parentScore > lastScore {
                top = parent
                break
            }
            lastScore = parentScore
            parent = Int(tree.nodes[parent].parent)
        }
        // An only child says nothing its parent does not.
        parent = Int(tree.nodes[top].parent)
        while parent >= 0 && parent != body && tree.nodes[parent].tag != .html && elementChildren(parent).count == 1 {
            top = parent
            parent = Int(tree.nodes[top].parent)
        }

        // Siblings that belong with it.
        guard parent >= 0 else { return [top] }
        let finalTopScore = scores[top] ?? topScore
        let siblingThreshold = max(10, finalTopScore * 0.2)
        let topClass = tree.nodes[top].classIndex
        var roots: [Int] = []
        for sibling in elementChildren(parent) {
            if sibling == top {
                roots.append(sibling)
                continue
            }
            var bonus = 0.0
            if topClass >= 0 && tree.nodes[sibling].classIndex == topClass { bonus += finalTopScore * 0.2 }
            if let score = scores[sibling], score + bonus >= siblingThreshold {
                roots.append(sibling)
            } else if tree.nodes[sibling].tag == .p || (tree.nodes[sibling].tag == .div && !hasBlockChild[sibling]) {
                let density = linkDensity(sibling)
                let length = chars[sibling]
                if length > 80 && density < 0.25 {
                    roots.append(sibling)
                } else if length > 0 && length <= 80 && density == 0 && endsSentence(sibling) {
                    roots.append(sibling)
                }
            }
        }
        return roots
    }

    private func ancestors(of i: Int) -> Set<Int> {
        var result: Set<Int> = []
        var a = Int(tree.nodes[i].parent)
        while a >= 0 {
            result.insert(a)
            a = Int(tree.nodes[a].parent)
        }
        return result
    }

    private func elementChildren(_ i: Int) -> [Int] {
        tree.children(of: i).filter { tree.nodes[$0].tag != .text && !excluded[$0] }
    }

    /// Whether an element's text has a sentence ending (readability's test for short sibling paragraphs).
    private func endsSentence(_ i: Int) -> Bool {
        var last: UInt8 = 0
        var hasPeriodSpace = false
        var previous: UInt8 = 0
        forEachText(under: i) { bytes in
            for byte in bytes {
                if previous == UInt8(ascii: ".") && byte == 0x20 { hasPeriodSpace = true }
                previous = byte
                if byte != 0x20 { last = byte }
            }
        }
        return hasPeriodSpace || last == UInt8(ascii: ".")
    }

    private func forEachText(under root: Int, _ body: (ArraySlice<UInt8>) -> Void) {
        var i = root
        let end = subtreeEnd(root)
        while i < end {
            if excluded[i] {
                i = subtreeEnd(i)
                continue
            }
            if tree.nodes[i].tag == .text { body(tree.textBytes(i)) }
            i += 1
        }
    }

    private func subtreeEnd(_ i: Int) -> Int { Int(subtreeEnds[i]) }

    // MARK: - Cleaning

    /// Removes widget-like elements inside the chosen roots, deepest first. What a removal takes away is
    /// handed up one parent at a time (descendants come before ancestors in reverse pre-order), so each
    /// node is judged on what is left of it, in time linear in the subtree however deep it is.
    private mutating func clean(roots: [Int]) {
        for root in roots {
            let end = subtreeEnd(root)
            var removed: [Int: Sums] = [:]
            var i = end - 1
            while i >= root {
                defer { i -= 1 }
                let parent = Int(tree.nodes[i].parent)
                let taken = removed.removeValue(forKey: i)
                if excluded[i] { continue }
                if let taken { subtract(taken, from: i) }
                var handUp = taken
                if tree.nodes[i].tag != .text && shouldRemove(i, root: root) {
                    excluded[i] = true
                    handUp = Sums(self, i).adding(taken)
                }
                if let handUp, i != root, parent >= 0 { removed[parent, default: Sums()].add(handUp) }
            }
        }
    }

    /// The aggregates a removal subtracts from its ancestors.
    private struct Sums {
        var chars: Int32 = 0, linkChars: Int32 = 0, commas: Int32 = 0, paragraphs: Int32 = 0
        var images: Int32 = 0, listItems: Int32 = 0, headingChars: Int32 = 0

        init() {}
        init(_ e: HTMLContentExtractor, _ i: Int) {
            chars = e.chars[i]; linkChars = e.linkChars[i]; commas = e.commas[i]; paragraphs = e.paragraphs[i]
            images = e.images[i]; listItems = e.listItems[i]; headingChars = e.headingChars[i]
        }
        mutating func add(_ o: Sums) {
            chars += o.chars; linkChars += o.linkChars; commas += o.commas; paragraphs += o.paragraphs
            images += o.images; listItems += o.listItems; headingChars += o.headingChars
        }
        func adding(_ o: Sums?) -> Sums {
            var copy = self
            if let o { copy.add(o) }
            return copy
        }
    }

    private mutating func subtract(_ s: Sums, from i: Int) {
        chars[i] -= s.chars; linkChars[i] -= s.linkChars; commas[i] -= s.commas; paragraphs[i] -= s.paragraphs
        images[i] -= s.images; listItems[i] -= s.listItems; headingChars[i] -= s.headingChars
    }

    private func shouldRemove(_ i: Int, root: Int) -> Bool {
        let node = tree.nodes[i]
        switch node.tag {
        case .h1:
            return true
        case .h2, .h3, .h4, .h5, .h6:
            return classWeight(i) < 0 || linkDensity(i) > 0.8
        case .p:
            // A paragraph that is one link is a "read next" teaser, not story text.
            return strictness.cleanConditionally && chars[i] > 0 && linkDensity(i) > 0.8
        case .form, .fieldset, .table, .ul, .ol, .div, .section, .dl:
            guard strictness.cleanConditionally, i != root else { return false }
        default:
            return false
        }
        let weight = classWeight(i)
        if weight < 0 { return true }
        if commas[i] >= 10 { return false }
        let isList = node.tag == .ul || node.tag == .ol || node.tag == .dl
        let p = Double(paragraphs[i])
        let img = Double(images[i])
        let li = Double(listItems[i]) - 100
        let length = chars[i]
        let density = linkDensity(i)
        let headingDensity = length == 0 ? 0 : Double(headingChars[i]) / Double(length)
        let inFigure = hasAncestor(i, .figure)
        if img > 1 && p / img < 0.5 && !inFigure { return true }
        if !isList && li > p { return true }
        if !isList && headingDensity < 0.9 && length < 25 && (img == 0 || img > 2) && !inFigure { return true }
        if !isList && weight < 25 && density > 0.2 { return true }
        if weight >= 25 && density > 0.5 { return true }
        if isList && density > 0.5 { return true }
        return false
    }

    private func hasAncestor(_ i: Int, _ tag: HTMLTag) -> Bool {
        var a = Int(tree.nodes[i].parent)
        var depth = 0
        while a >= 0 && depth < 8 {
            if tree.nodes[a].tag == tag { return true }
            a = Int(tree.nodes[a].parent)
            depth += 1
        }
        return false
    }

    // MARK: - Output

    /// The article's paragraphs, in page order.
    mutating func extract() -> [String] {
        let roots = selectRoots()
        clean(roots: roots)
        var writer = ParagraphWriter()
        for root in roots { write(root, into: &writer) }
        writer.flush()
        return writer.paragraphs
    }

    /// Total characters of text outside boilerplate (to compare passes).
    static func length(of paragraphs: [String]) -> Int { paragraphs.reduce(0) { $0 + $1.utf8.count } }

    private func write(_ root: Int, into writer: inout ParagraphWriter) {
        // Explicit stack; a negative entry -(i+1) means "leaving element i".
        var stack: [Int] = [root]
        while let entry = stack.popLast() {
            if entry < 0 {
                let i = -entry - 1
                if tree.nodes[i].tag.isBlock { writer.flush() }
                continue
            }
            let i = entry
            if excluded[i] { continue }
            let node = tree.nodes[i]
            if node.tag == .text {
                writer.append(tree.textBytes(i))
                continue
            }
            if node.tag.isBlock { writer.flush() }
            stack.append(-i - 1)
            var children: [Int] = []
            var c = node.firstChild
            while c >= 0 {
                children.append(Int(c))
                c = tree.nodes[Int(c)].next
            }
            stack.append(contentsOf: children.reversed())
        }
    }
}

/// Accumulates inline text into paragraphs: collapses joins' spaces, trims, drops empty blocks.
struct ParagraphWriter {
    private(set) var paragraphs: [String] = []
    private var current: [UInt8] = []

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            if byte == 0x20 && (current.isEmpty || current.last == 0x20) { continue }
            current.append(byte)
        }
    }

    mutating func flush() {
        while current.last == 0x20 { current.removeLast() }
        if !current.isEmpty {
            paragraphs.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
    }
}
