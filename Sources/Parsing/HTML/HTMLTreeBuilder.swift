import CLibXML2

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

/// Copies a libxml2 document into an `HTMLTree`, classifying elements and collecting metadata sources.
///
/// The walk follows libxml2's child/next/parent pointers with an explicit stack, so depth costs heap
/// memory, not call stack.
struct HTMLTreeBuilder {
    private(set) var tree = HTMLTree()
    private(set) var sources = HTMLPageSources()
    private var classCache: [String: (info: HTMLNameRules.NameInfo, classIndex: Int32)] = [:]
    private var idCache: [String: HTMLNameRules.NameInfo] = [:]

    mutating func build(root: UnsafeMutablePointer<xmlNode>) {
        tree.nodes.reserveCapacity(4096)
        tree.text.reserveCapacity(64 << 10)
        var parents: [Int32] = []
        var node = root
        outer: while true {
            if let index = visit(node, parent: parents.last ?? -1), let child = node.pointee.children {
                parents.append(index)
                node = child
                continue
            }
            // Next sibling, or climb until an ancestor has one.
            var current = node
            while true {
                if current == root { break outer }
                if let next = current.pointee.next {
                    node = next
                    continue outer
                }
                guard let up = current.pointee.parent, !parents.isEmpty else { break outer }
                parents.removeLast()
                current = up
            }
        }
    }

    /// Adds one libxml2 node; returns its index when its children should be visited too.
    private mutating func visit(_ node: UnsafeMutablePointer<xmlNode>, parent: Int32) -> Int32? {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            appendText(node.pointee.content, parent: parent)
            return nil
        case XML_ELEMENT_NODE:
            return visitElement(node, parent: parent)
        default:
            return nil
        }
    }

    private mutating func visitElement(_ node: UnsafeMutablePointer<xmlNode>, parent: Int32) -> Int32? {
        guard let namePointer = node.pointee.name else { return nil }
        let tag = HTMLTag(name: String(cString: namePointer))
        var attributes = Attributes()
        var attr = node.pointee.properties
        while let a = attr {
            if let name = a.pointee.name { attributes.read(name: name, attr: a) }
            attr = a.pointee.next
        }
        collectMetadata(tag, node, attributes)
        if tag.isNeverContent { return nil }

        var info: ClassInfo = []
        var classIndex: Int32 = -1
        if attributes.className != nil || attributes.id != nil {
            var classInfo = HTMLNameRules.NameInfo()
            if let raw = attributes.className {
                let className = raw.lowercased()
                if let cached = classCache[className] {
                    classInfo = cached.info
                    classIndex = cached.classIndex
                } else {
                    classInfo = HTMLNameRules.analyze(className)
                    classIndex = Int32(tree.classNames.count)
                    tree.classNames.append(className)
                    classCache[className] = (classInfo, classIndex)
                }
            }
            var idInfo = HTMLNameRules.NameInfo()
            if let id = attributes.id?.lowercased() {
                if let cached = idCache[id] {
                    idInfo = cached
                } else {
                    idInfo = HTMLNameRules.analyze(id)
                    idCache[id] = idInfo
                }
            }
            info = HTMLNameRules.classify(className: classInfo, id: idInfo)
        }
        if attributes.hidden { info.insert(.hidden) }
        if let role = attributes.role, HTMLNameRules.boilerplateRoles.contains(role.lowercased()) { info.insert(.hidden) }
        if let style = attributes.style, HTMLNameRules.styleHides(style) { info.insert(.hidden) }
        if let itemprop = attributes.itemprop?.lowercased(), itemprop == "articlebody" || itemprop == "text" {
            info.insert(.articleBodyProp)
        }
        var element = HTMLTree.Node(tag: tag, parent: parent)
        element.info = info
        element.classIndex = classIndex
        return append(element)
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

    /// Appends a text node with whitespace runs (and no-break spaces) collapsed to one space.
    private mutating func appendText(_ content: UnsafeMutablePointer<xmlChar>?, parent: Int32) {
        guard let content, parent >= 0 else { return }
        let start = tree.text.count
        var pendingSpace = false
        var i = 0
        while true {
            let byte = content[i]
            if byte == 0 { break }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                i += 1
                continue
            }
            if byte == 0xC2 && content[i + 1] == 0xA0 {
                pendingSpace = true
                i += 2
                continue
            }
            if pendingSpace {
                tree.text.append(0x20)
                pendingSpace = false
            }
            tree.text.append(byte)
            i += 1
        }
        if pendingSpace { tree.text.append(0x20) }
        guard tree.text.count > start else { return }
        // Merge with a preceding text sibling (libxml2 may split text around entities).
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

    private mutating func collectMetadata(_ tag: HTMLTag, _ node: UnsafeMutablePointer<xmlNode>, _ a: Attributes) {
        switch tag {
        case .meta:
            guard let content = a.content else { return }
            for key in [a.property, a.name, a.itemprop, a.httpEquiv] {
                if let key, !key.isEmpty { sources.metas.append((key.lowercased(), content)) }
            }
            if let charset = a.charset { sources.metas.append(("charset", charset)) }
        case .title:
            if sources.title == nil { sources.title = Self.textContent(node) }
        case .script:
            if let type = a.type?.lowercased(), type.contains("ld+json") {
                sources.jsonLD.append(Self.textContent(node))
            }
        case .link:
            if sources.canonical == nil, let rel = a.rel?.lowercased(), rel.split(separator: " ").contains("canonical"),
               let href = a.href, !href.isEmpty {
                sources.canonical = href
            }
        case .html:
            if sources.htmlLang == nil, let lang = a.lang, !lang.isEmpty { sources.htmlLang = lang }
        default:
            break
        }
        if tag == .time, let datetime = a.datetime, sources.times.count < 8 { sources.times.append(datetime) }
        if let itemprop = a.itemprop, itemprop == "datePublished", tag != .meta,
           let value = a.datetime ?? a.content {
            sources.publishedTimes.append(value)
        }
    }

    /// Concatenated text of a node's direct children (script and title hold one text or CDATA node).
    private static func textContent(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        var bytes: [UInt8] = []
        var child = node.pointee.children
        while let c = child {
            if let content = c.pointee.content { bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))) }
            child = c.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The attributes the extractor looks at, read in one pass over an element's attribute list.
private struct Attributes {
    var className: String?
    var id: String?
    var role: String?
    var style: String?
    var hidden = false
    var itemprop: String?
    var content: String?
    var name: String?
    var property: String?
    var httpEquiv: String?
    var charset: String?
    var type: String?
    var rel: String?
    var href: String?
    var lang: String?
    var datetime: String?

    mutating func read(name: UnsafePointer<xmlChar>, attr: UnsafeMutablePointer<xmlAttr>) {
        // Dispatch on the first byte and length so uninteresting attributes cost no String.
        let length = Int(xmlStrlen(name))
        func value() -> String {
            var bytes: [UInt8] = []
            var child = attr.pointee.children
            while let c = child {
                if let content = c.pointee.content { bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))) }
                child = c.pointee.next
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        func `is`(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == length else { return false }
            let bytes = literal.utf8Start
            for k in 0..<length where name[k] != bytes[k] { return false }
            return true
        }
        switch name[0] {
        case UInt8(ascii: "c"):
            if `is`("class") { className = value() } else if `is`("content") { content = value() } else if `is`("charset") { charset = value() }
        case UInt8(ascii: "i"):
            if `is`("id") { id = value() } else if `is`("itemprop") { itemprop = value() }
        case UInt8(ascii: "r"):
            if `is`("role") { role = value() } else if `is`("rel") { rel = value() }
        case UInt8(ascii: "s"):
            if `is`("style") { style = value() }
        case UInt8(ascii: "h"):
            if `is`("hidden") { hidden = true } else if `is`("href") { href = value() } else if `is`("http-equiv") { httpEquiv = value() }
        case UInt8(ascii: "n"):
            if `is`("name") { self.name = value() }
        case UInt8(ascii: "p"):
            if `is`("property") { property = value() }
        case UInt8(ascii: "t"):
            if `is`("type") { type = value() }
        case UInt8(ascii: "l"):
            if `is`("lang") { lang = value() }
        case UInt8(ascii: "d"):
            if `is`("datetime") { datetime = value() }
        default:
            break
        }
    }
}
