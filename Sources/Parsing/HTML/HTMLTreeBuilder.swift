import CLibXML2
import Foundation

/// What the page says about itself outside the body text, gathered while the tree is built.
struct HTMLPageSources {
    /// `<meta>` tags as (lower-cased name, property, itemprop or http-equiv; content).
    var metas: [(key: String, value: String)] = []
    /// The text of each `<script type="application/ld+json">`.
    var jsonLD: [String] = []
    var title: String?
    var htmlLang: String?
    var canonical: String?
    /// `datetime` of `<time>` elements and elements marked itemprop="datePublished", in page order.
    var times: [String] = []
    var publishedTimes: [String] = []
}

/// Builds an `HTMLTree` from libxml2's HTML parser events (SAX), classifying elements and collecting
/// metadata sources on the way.
///
/// libxml2 never builds its own DOM here: that halves its cost. The parser reports implied, auto-closed
/// and misnested elements as balanced start/end events, so an explicit stack of open elements suffices;
/// depth costs heap memory, not call stack.
struct HTMLTreeBuilder {
    private(set) var tree = HTMLTree()
    private(set) var sources = HTMLPageSources()
    private var classCache: [UInt64: (info: HTMLNameRules.NameInfo, classIndex: Int32)] = [:]
    private var idCache: [UInt64: HTMLNameRules.NameInfo] = [:]

    /// FNV-1a over the ASCII-lower-cased bytes, with the length mixed in (a 64-bit key: collisions between
    /// the few hundred names of one page are not a practical concern).
    private static func nameKey(_ name: UnsafePointer<xmlChar>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var i = 0
        while name[i] != 0 {
            var b = name[i]
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3
            i += 1
        }
        return hash ^ UInt64(i) << 56
    }
    /// libxml2 interns element names per document, so the name pointer identifies the tag.
    private var tagCache: [UnsafeRawPointer: HTMLTag] = [:]

    /// Open elements: their node index, or -1 for an element whose content is skipped (script, style…).
    private var open: [Int32] = []
    /// How many open elements are skipped; text is dropped while it is above zero.
    private var skipping = 0
    /// Text being captured for metadata (`<title>`, JSON-LD), and what it is for.
    private var capture: [UInt8] = []
    private var capturing: Capture = .none
    private enum Capture { case none, title, jsonLD }

    init() {
        tree.nodes.reserveCapacity(4096)
        tree.text.reserveCapacity(64 << 10)
    }

    /// Parses UTF-8 (or `encoding`, converted by libxml2/iconv) bytes into a tree and the page's metadata sources.
    static func build(_ bytes: UnsafeRawBufferPointer, encoding: String, options: Int32) -> (tree: HTMLTree, sources: HTMLPageSources) {
        // The parser's callbacks reach the builder through a raw pointer: no reference counting and no
        // dynamic exclusivity checks on the hot path.
        let state = UnsafeMutablePointer<HTMLTreeBuilder>.allocate(capacity: 1)
        state.initialize(to: HTMLTreeBuilder())
        defer {
            state.deinitialize(count: 1)
            state.deallocate()
        }
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count > 0, bytes.count <= Int(Int32.max),
              let ctxt = htmlCreateMemoryParserCtxt(base, Int32(bytes.count)) else { return (state.pointee.tree, state.pointee.sources) }
        defer {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            htmlFreeParserCtxt(ctxt)
        }
        guard let sax = ctxt.pointee.sax else { return (state.pointee.tree, state.pointee.sources) }
        sax.pointee = htmlSAXHandler()
        sax.pointee.startElement = { context, name, attributes in
            context!.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.startElement(name, attributes)
        }
        sax.pointee.endElement = { context, _ in
            context!.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.endElement()
        }
        sax.pointee.characters = { context, bytes, length in
            context!.assumingMemoryBound(to: HTMLTreeBuilder.self).pointee.characters(bytes, Int(length))
        }
        sax.pointee.ignorableWhitespace = sax.pointee.characters
        sax.pointee.cdataBlock = sax.pointee.characters
        ctxt.pointee.userData = UnsafeMutableRawPointer(state)
        _ = htmlCtxtUseOptions(ctxt, options)
        if encoding == "UTF-8" {
            _ = xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
        } else if let handler = xmlFindCharEncodingHandler(encoding) {
            _ = xmlSwitchToEncoding(ctxt, handler)
        }
        _ = htmlParseDocument(ctxt)
        return (state.pointee.tree, state.pointee.sources)
    }

    private mutating func tag(for name: UnsafePointer<xmlChar>) -> HTMLTag {
        let key = UnsafeRawPointer(name)
        if let tag = tagCache[key] { return tag }
        let tag = HTMLTag(name: String(cString: name))
        tagCache[key] = tag
        return tag
    }

    private mutating func startElement(_ name: UnsafePointer<xmlChar>?, _ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let name else {
            open.append(-1)
            skipping += 1
            return
        }
        let tag = tag(for: name)
        var attributes = Attributes()
        if let list {
            var k = 0
            while let attributeName = list[k] {
                attributes.read(name: attributeName, value: list[k + 1])
                k += 2
            }
        }
        collectMetadata(tag, attributes)
        if skipping > 0 || tag.isNeverContent {
            open.append(-1)
            skipping += 1
            return
        }
        var info: ClassInfo = []
        var classIndex: Int32 = -1
        if attributes.className != nil || attributes.id != nil {
            // Cached by a hash of the lower-cased bytes, so a repeated name costs no String.
            var classInfo = HTMLNameRules.NameInfo()
            if let raw = attributes.className {
                let key = Self.nameKey(raw)
                if let cached = classCache[key] {
                    classInfo = cached.info
                    classIndex = cached.classIndex
                } else {
                    classInfo = HTMLNameRules.analyze(raw)
                    classIndex = Int32(classCache.count)
                    classCache[key] = (classInfo, classIndex)
                }
            }
            var idInfo = HTMLNameRules.NameInfo()
            if let raw = attributes.id {
                let key = Self.nameKey(raw)
                if let cached = idCache[key] {
                    idInfo = cached
                } else {
                    idInfo = HTMLNameRules.analyze(raw)
                    idCache[key] = idInfo
                }
            }
            info = HTMLNameRules.classify(className: classInfo, id: idInfo)
        }
        if attributes.hidden { info.insert(.hidden) }
        if let role = Attributes.string(attributes.role), HTMLNameRules.boilerplateRoles.contains(role.lowercased()) { info.insert(.hidden) }
        if let style = attributes.style, HTMLNameRules.styleHides(style) { info.insert(.hidden) }
        if let itemprop = Attributes.string(attributes.itemprop)?.lowercased() {
            if itemprop == "articlebody" || itemprop == "text" { info.insert(.articleBodyProp) }
            if itemprop == "description" { info.insert(.descriptionProp) }
        }
        if let itemtype = Attributes.string(attributes.itemtype), HTMLNameRules.isArticleType(itemtype) { info.insert(.articleType) }
        var element = HTMLTree.Node(tag: tag, parent: open.last(where: { $0 >= 0 }) ?? -1)
        element.info = info
        element.classIndex = classIndex
        open.append(append(element))
    }

    private mutating func endElement() {
        guard let last = open.popLast() else { return }
        if last < 0 {
            skipping -= 1
            if skipping == 0 { finishCapture() }
        }
    }

    private mutating func characters(_ bytes: UnsafePointer<xmlChar>?, _ length: Int) {
        guard let bytes, length > 0 else { return }
        if skipping > 0 {
            if capturing != .none { capture.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length)) }
            return
        }
        guard let parent = open.last, parent >= 0 else { return }
        appendText(bytes, length, parent: parent)
    }

    private mutating func finishCapture() {
        switch capturing {
        case .title where sources.title == nil: sources.title = String(decoding: capture, as: UTF8.self)
        case .jsonLD: sources.jsonLD.append(String(decoding: capture, as: UTF8.self))
        default: break
        }
        capturing = .none
        capture.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ node: HTMLTree.Node) -> Int32 {
        let index = Int32(tree.nodes.count)
        tree.nodes.append(node)
        let parent = Int(node.parent)
        if parent >= 0 {
            let last = tree.nodes[parent].lastChild
            if last >= 0 { tree.nodes[Int(last)].next = index } else { tree.nodes[parent].firstChild = index }
            tree.nodes[parent].lastChild = index
        }
        return index
    }

    /// Appends text with whitespace runs (and no-break spaces) collapsed to one space and invisible
    /// characters (`HTMLInvisibles`) dropped, merged into a preceding text sibling (the parser reports
    /// text in chunks).
    private mutating func appendText(_ content: UnsafePointer<xmlChar>, _ length: Int, parent: Int32) {
        let start = tree.text.count
        var pendingSpace = false
        var i = 0
        while i < length {
            let byte = content[i]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                i += 1
                continue
            }
            if byte == 0xC2 && i + 1 < length && content[i + 1] == 0xA0 {
                pendingSpace = true
                i += 2
                continue
            }
            if HTMLInvisibles.mayStart(byte) {
                let skip = HTMLInvisibles.length(at: content, i, length)
                if skip > 0 {
                    i += skip
                    continue
                }
            }
            if pendingSpace {
                tree.text.append(0x20)
                pendingSpace = false
            }
            // Copy the whole run up to the next blank at once: appending byte by byte was a visible cost.
            var j = i + 1
            while j < length {
                let b = content[j]
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { break }
                if HTMLInvisibles.mayStart(b) && (HTMLInvisibles.length(at: content, j, length) > 0
                    || (b == 0xC2 && j + 1 < length && content[j + 1] == 0xA0)) { break }
                j += 1
            }
            tree.text.append(contentsOf: UnsafeBufferPointer(start: content + i, count: j - i))
            i = j
        }
        if pendingSpace { tree.text.append(0x20) }
        guard tree.text.count > start else { return }
        let last = tree.nodes[Int(parent)].lastChild
        if last >= 0, tree.nodes[Int(last)].tag == .text, Int(tree.nodes[Int(last)].textEnd) == start {
            tree.nodes[Int(last)].textEnd = Int32(tree.text.count)
            return
        }
        var node = HTMLTree.Node(tag: .text, parent: parent)
        node.textStart = Int32(start)
        node.textEnd = Int32(tree.text.count)
        _ = append(node)
    }

    private mutating func collectMetadata(_ tag: HTMLTag, _ a: Attributes) {
        let string = Attributes.string
        switch tag {
        case .meta:
            if let charset = string(a.charset) { sources.metas.append(("charset", charset)) }
            guard let content = string(a.content) else { return }
            for key in [a.property, a.name, a.itemprop, a.httpEquiv] {
                if let key = string(key), !key.isEmpty { sources.metas.append((key.lowercased(), content)) }
            }
        case .title:
            if skipping == 0 && sources.title == nil { capturing = .title }
        case .script:
            if skipping == 0, let type = string(a.type)?.lowercased(), type.contains("ld+json") { capturing = .jsonLD }
        case .link:
            if sources.canonical == nil, let rel = string(a.rel)?.lowercased(), rel.split(separator: " ").contains("canonical"),
               let href = string(a.href), !href.isEmpty {
                sources.canonical = href
            }
        case .html:
            if sources.htmlLang == nil, let lang = string(a.lang), !lang.isEmpty { sources.htmlLang = lang }
        default:
            break
        }
        if tag == .time, let datetime = string(a.datetime), sources.times.count < 8 { sources.times.append(datetime) }
        if tag != .meta, string(a.itemprop) == "datePublished", let value = string(a.datetime ?? a.content) {
            sources.publishedTimes.append(value)
        }
    }
}

/// The attributes the extractor looks at, read in one pass over an element's attribute list.
private struct Attributes {
    // Pointers into the parser's attribute list, valid during the start-element callback only; Strings
    // are made only for the few attributes a given element needs.
    var className: UnsafePointer<xmlChar>?
    var id: UnsafePointer<xmlChar>?
    var style: UnsafePointer<xmlChar>?
    var href: UnsafePointer<xmlChar>?
    var role: UnsafePointer<xmlChar>?
    var hidden = false
    var itemprop: UnsafePointer<xmlChar>?
    var itemtype: UnsafePointer<xmlChar>?
    var content: UnsafePointer<xmlChar>?
    var name: UnsafePointer<xmlChar>?
    var property: UnsafePointer<xmlChar>?
    var httpEquiv: UnsafePointer<xmlChar>?
    var charset: UnsafePointer<xmlChar>?
    var type: UnsafePointer<xmlChar>?
    var rel: UnsafePointer<xmlChar>?
    var lang: UnsafePointer<xmlChar>?
    var datetime: UnsafePointer<xmlChar>?

    static func string(_ p: UnsafePointer<xmlChar>?) -> String? { p.map { String(cString: $0) } }

    /// `HTMLRawTextStripper` removes every other attribute before parsing: a new one read here must be
    /// added to its `keeps` list too.
    mutating func read(name: UnsafePointer<xmlChar>, value raw: UnsafePointer<xmlChar>?) {
        // Dispatch on the first byte and length so uninteresting attributes cost no String.
        let length = Int(xmlStrlen(name))
        // A boolean attribute has no value; it reads as the empty string.
        let empty = ("" as StaticString).utf8Start
        func `is`(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == length else { return false }
            let bytes = literal.utf8Start
            for k in 0..<length where name[k] != bytes[k] { return false }
            return true
        }
        switch name[0] {
        case UInt8(ascii: "c"):
            if `is`("class") { className = raw } else if `is`("content") { content = raw ?? empty } else if `is`("charset") { charset = raw ?? empty }
        case UInt8(ascii: "i"):
            if `is`("id") { id = raw ?? empty } else if `is`("itemprop") { itemprop = raw ?? empty } else if `is`("itemtype") { itemtype = raw ?? empty }
        case UInt8(ascii: "r"):
            if `is`("role") { role = raw ?? empty } else if `is`("rel") { rel = raw ?? empty }
        case UInt8(ascii: "s"):
            if `is`("style") { style = raw ?? empty }
        case UInt8(ascii: "h"):
            if `is`("hidden") { hidden = true } else if `is`("href") { href = raw ?? empty } else if `is`("http-equiv") { httpEquiv = raw ?? empty }
        case UInt8(ascii: "n"):
            if `is`("name") { self.name = raw ?? empty }
        case UInt8(ascii: "p"):
            if `is`("property") { property = raw ?? empty }
        case UInt8(ascii: "t"):
            if `is`("type") { type = raw ?? empty }
        case UInt8(ascii: "l"):
            if `is`("lang") { lang = raw ?? empty }
        case UInt8(ascii: "d"):
            if `is`("datetime") { datetime = raw ?? empty }
        default:
            break
        }
    }
}
