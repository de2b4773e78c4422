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

    /// - Parameter titles: the page's headline as its metadata gives it (JSON-LD headline, og:title,
    ///   `<title>`), to tell the page's own story from others on the page.
    init(tree: HTMLTree, strictness: Strictness = Strictness(), titles: [String] = []) {
        self.tree = tree
        self.titles = titles.map { HTMLContentExtractor.comparable(Array($0.utf8)) }.filter { $0.count >= 8 }
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
    private let titles: [[UInt8]]
    private let lexicon = HTMLBoilerplateLexicon.shared
    /// Nodes at or after this pre-order index follow the article's end ("Related posts", "Kommentare").
    private var cutAt = Int.max

    // MARK: - Measuring

    /// - Parameter holdsHeadline: the element holds the page's `h1`, `<main>` or the marked article body.
    ///   A box named like boilerplate that holds them is a page wrapper ("page has-sidebar",
    ///   "layout header-fixed"), not a side box: side boxes do not hold the page's headline.
    private func isBoilerplateElement(_ node: HTMLTree.Node, holdsHeadline: Bool) -> Bool {
        switch node.tag {
        case .nav, .aside, .footer, .header, .dialog, .menu, .figcaption, .head:
            return true
        case .html, .body, .main, .article:
            return node.info.contains(.hidden)
        default:
            if node.info.contains(.hidden) { return true }
            if node.info.contains(.articleBodyProp) { return false }
            return strictness.dropWeakBoilerplate && node.info.contains(.boilerplate) && !holdsHeadline
        }
    }

    /// What a subtree holds, known before anything is excluded.
    private struct Holds: OptionSet {
        let rawValue: UInt8
        static let h1 = Holds(rawValue: 1)
        static let h2 = Holds(rawValue: 2)
        /// `<main>` or itemprop=articleBody.
        static let main = Holds(rawValue: 4)
    }

    private mutating func measure() {
        // Bottom-up over the whole tree first: subtree extents, text size and what each subtree holds.
        var sizes = Array(repeating: Int32(1), count: count)
        var rawBytes = Array(repeating: Int32(0), count: count)
        var holds = Array(repeating: Holds(), count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            let node = tree.nodes[i]
            subtreeEnds[i] = Int32(i) + sizes[i]
            switch node.tag {
            case .text: rawBytes[i] += node.textEnd - node.textStart
            case .h1: holds[i].insert(.h1)
            case .h2: holds[i].insert(.h2)
            case .main: holds[i].insert(.main)
            default: if node.info.contains(.articleBodyProp) { holds[i].insert(.main) }
            }
            let parent = Int(node.parent)
            if parent >= 0 {
                sizes[parent] += sizes[i]
                rawBytes[parent] += rawBytes[i]
                holds[parent].formUnion(holds[i])
            }
        }
        var setAside = Array(repeating: false, count: count)
        setAsideOtherStories(holds: holds, into: &setAside)
        setAsideConsentNotices(rawBytes: rawBytes, holds: holds, into: &setAside)

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
            if !excluded[i] && (setAside[i] || isBoilerplateElement(node, holdsHeadline: holds[i].contains(.h1) || holds[i].contains(.main))) {
                excluded[i] = true
            }
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

    // MARK: - The page's own story

    /// Infinite scroll and teaser grids put other stories on the page, each in its own `<article>` (or
    /// schema.org Article) with its own headline. The page's story is the one whose headline agrees with
    /// the title metadata; the others are set aside. Nothing happens when no heading matches.
    private func setAsideOtherStories(holds: [Holds], into setAside: inout [Bool]) {
        guard !titles.isEmpty, let matched = headlineMatchingTitle() else { return }
        let isStory = { (i: Int) in self.tree.nodes[i].tag == .article || self.tree.nodes[i].info.contains(.articleType) }
        var story = Int(tree.nodes[matched].parent)
        while story >= 0 && !isStory(story) { story = Int(tree.nodes[story].parent) }
        // A headline outside every story container says nothing about which container is the story.
        guard story >= 0 else { return }
        let ownHeadline: Holds = tree.nodes[matched].tag == .h1 ? .h1 : [.h1, .h2]
        var i = 0
        while i < count {
            guard isStory(i), i != story else {
                i += 1
                continue
            }
            let contains = { (outer: Int, inner: Int) in outer <= inner && inner < self.subtreeEnd(outer) }
            if contains(i, matched) || contains(story, i) {
                i += 1
                continue
            }
            if !holds[i].isDisjoint(with: ownHeadline) {
                setAside[i] = true
                i = subtreeEnd(i)
            } else {
                i += 1
            }
        }
    }

    /// The first `h1` whose text agrees with a title, else the first such `h2`; headings in the page's
    /// chrome (a site logo in the page header, navigation, footer, aside) do not count, as a site name
    /// in the logo agrees with the "| Site" part of every title.
    private func headlineMatchingTitle() -> Int? {
        var firstH2: Int?
        for i in 0..<count where (tree.nodes[i].tag == .h1 || (firstH2 == nil && tree.nodes[i].tag == .h2)) && !isInPageChrome(i) {
            var text: [UInt8] = []
            var k = i + 1
            let end = subtreeEnd(i)
            while k < end && text.count < 400 {
                if tree.nodes[k].tag == .text {
                    text += tree.textBytes(k)
                    text.append(0x20)
                }
                k += 1
            }
            let heading = Self.comparable(text)
            guard heading.count >= 8, titles.contains(where: { Self.agree(heading, $0) }) else { continue }
            if tree.nodes[i].tag == .h1 { return i }
            firstH2 = i
        }
        return firstH2
    }

    private func isInPageChrome(_ i: Int) -> Bool {
        var a = Int(tree.nodes[i].parent)
        var inHeader = false
        while a >= 0 {
            switch tree.nodes[a].tag {
            case .nav, .footer, .aside: return true
            case .header: inHeader = true
            case .article, .main: return false
            default: if tree.nodes[a].info.contains(.articleType) { return false }
            }
            a = Int(tree.nodes[a].parent)
        }
        return inHeader
    }

    /// Equal, or one holds the other and is at least 40% of it ("Headline" in "Headline | Site").
    static func agree(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard short.count >= 15, short.count * 5 >= long.count * 2 else { return false }
        return HTMLNameRules.contains(long, short)
    }

    /// Letters and digits, lower-cased, single spaces between words: the form headlines are compared in.
    static func comparable(_ bytes: [UInt8]) -> [UInt8] {
        let lowered = HTMLBoilerplateLexicon.lowercased(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(lowered.count)
        var pendingSpace = false
        for b in lowered {
            let isWord = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
            if isWord {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// A cookie or consent notice is short and says so ("We use cookies", "Wir verwenden Cookies"): the
    /// largest block around such wording that stays under 1,500 bytes and does not hold the headline is
    /// set aside, so a notice is never returned as the article.
    private func setAsideConsentNotices(rawBytes: [Int32], holds: [Holds], into setAside: inout [Bool]) {
        guard !lexicon.consent.isEmpty else { return }
        for i in 0..<count where tree.nodes[i].tag == .text {
            let bytes = tree.textBytes(i)
            guard Self.mentionsCookie(bytes), lexicon.isConsentNotice(HTMLBoilerplateLexicon.lowercased(Array(bytes))) else { continue }
            var block = -1
            var a = Int(tree.nodes[i].parent)
            while a >= 0 && rawBytes[a] <= 1500 && holds[a].isDisjoint(with: [.h1, .main]) && tree.nodes[a].tag != .body {
                block = a
                a = Int(tree.nodes[a].parent)
            }
            if block >= 0 { setAside[block] = true }
        }
    }

    /// "cookie" in any letter case: the one word every consent phrase holds, so most texts are passed over cheaply.
    private static func mentionsCookie(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        let last = bytes.endIndex - 6
        while i <= last {
            if bytes[i] | 0x20 == UInt8(ascii: "c") && bytes[i + 1] | 0x20 == UInt8(ascii: "o") && bytes[i + 2] | 0x20 == UInt8(ascii: "o")
                && bytes[i + 3] | 0x20 == UInt8(ascii: "k") && bytes[i + 4] | 0x20 == UInt8(ascii: "i") && bytes[i + 5] | 0x20 == UInt8(ascii: "e") {
                return true
            }
            i += 1
        }
        return false
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
        let siblings = elementChildren(parent)
        for sibling in siblings {
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
        // The body is one run of blocks: a subheading, list, quote or short paragraph between two parts
        // of it belongs to it unless it is mostly links.
        if let first = roots.first, let last = roots.last, first != last {
            let kept = Set(roots)
            roots = siblings.filter { kept.contains($0) || ($0 > first && $0 < last && chars[$0] > 0 && linkDensity($0) <= 0.5) }
        }
        return withLead(roots)
    }

    /// A teaser marked itemprop="description" before the body, in the same container below `<body>`, is
    /// the article's lead (many CMSs print it above the body in bold).
    private func withLead(_ roots: [Int]) -> [Int] {
        guard let first = roots.first,
              let lead = (0..<first).first(where: { tree.nodes[$0].info.contains(.descriptionProp) && !excluded[$0] && chars[$0] >= 30 }),
              subtreeEnd(lead) <= first else { return roots }
        var shared = Int(tree.nodes[lead].parent)
        while shared >= 0 && !(shared < first && first < subtreeEnd(shared)) { shared = Int(tree.nodes[shared].parent) }
        guard shared >= 0, tree.nodes[shared].tag != .body, tree.nodes[shared].tag != .html else { return roots }
        return [lead] + roots
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
        applyLexicon(roots: roots)
        var writer = ParagraphWriter()
        for root in roots { write(root, into: &writer) }
        writer.flush()
        return writer.paragraphs
    }

    /// Short blocks whose text is a boilerplate phrase (`HTMLBoilerplateLexicon`): a label is dropped,
    /// a section title that starts the tail ("Related posts", "Kommentare") ends the article there,
    /// once some article text (150 characters) has come before it and less text follows than came
    /// before (otherwise it is an insert inside the story, dropped alone).
    private mutating func applyLexicon(roots: [Int]) {
        var before: Int32 = 0
        let total = roots.reduce(Int32(0)) { $0 + (excluded[$1] ? 0 : chars[$1]) }
        for root in roots {
            var i = root
            let end = subtreeEnd(root)
            while i < end {
                if excluded[i] {
                    i = subtreeEnd(i)
                    continue
                }
                let node = tree.nodes[i]
                if node.tag == .text {
                    before += chars[i]
                    i += 1
                    continue
                }
                if chars[i] > 0 && chars[i] <= 200 && isShortBlock(i), let kind = lexicon.kind(ofBlock: text(under: i)) {
                    // A tail is shorter than the story; a "title" with more story after it is an insert.
                    if kind == .end && before >= 150 && chars[i] <= 80 && total - before - chars[i] < before {
                        cutAt = i
                        return
                    }
                    excluded[i] = true
                    i = subtreeEnd(i)
                    continue
                }
                i += 1
            }
        }
    }

    /// A heading, or a block holding only inline content (a paragraph, list item, div of text).
    private func isShortBlock(_ i: Int) -> Bool {
        let tag = tree.nodes[i].tag
        if tag.isHeading { return true }
        switch tag {
        case .p, .li, .dt, .div, .section, .summary, .caption, .th, .td: return !hasBlockChild[i]
        default: return false
        }
    }

    private func text(under i: Int) -> [UInt8] {
        var out: [UInt8] = []
        forEachText(under: i) { bytes in
            out += bytes
            out.append(0x20)
        }
        return out
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
            if excluded[i] || i >= cutAt { continue }
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
