import Foundation

/// Article metadata from a page's JSON-LD (schema.org) blocks.
///
/// Finds the first object typed NewsArticle, Article, ReportageNewsArticle, BlogPosting or another
/// `…Article` type, whether it stands alone, sits in an array or in an `@graph`, or is nested
/// (`mainEntity`). Authors come in every shape sites use: a string, a Person object, an array of
/// either, or an `@id` reference to a Person elsewhere in the graph. Invalid JSON is ignored.
///
/// ```swift
/// let ld = HTMLJSONLD(blocks: [#"{"@type":"NewsArticle","headline":"Hi","author":["A","B"]}"#])
/// ld.headline  // "Hi";  ld.authors  // ["A", "B"]
/// ```
struct HTMLJSONLD {
    var headline: String?
    var datePublished: String?
    var authors: [String] = []
    var publisher: String?
    var url: String?
    var language: String?
    var description: String?

    init(blocks: [String]) {
        var objects: [[String: Any]] = []
        for block in blocks {
            guard let data = block.data(using: .utf8),
                  let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            Self.collectObjects(value, into: &objects)
        }
        var byID: [String: [String: Any]] = [:]
        for object in objects {
            if let id = object["@id"] as? String, object.count > 1 { byID[id] = object }
        }
        guard let article = Self.pickArticle(objects) else { return }
        headline = Self.string(article["headline"]) ?? Self.string(article["name"])
        datePublished = Self.string(article["datePublished"]) ?? Self.string(article["dateCreated"])
        authors = Self.names(article["author"], byID: byID) + (article["author"] == nil ? Self.names(article["creator"], byID: byID) : [])
        publisher = Self.names(article["publisher"], byID: byID).first
        url = Self.string(article["url"]) ?? Self.string((article["mainEntityOfPage"] as? [String: Any])?["@id"])
            ?? Self.string(article["mainEntityOfPage"])
        language = Self.string(article["inLanguage"])
        description = Self.string(article["description"])
    }

    /// Every JSON object in the value, depth-first (with an explicit stack), capped to stay cheap.
    private static func collectObjects(_ root: Any, into objects: inout [[String: Any]]) {
        var stack: [Any] = [root]
        var visited = 0
        while let value = stack.popLast(), visited < 10_000 {
            visited += 1
            if let object = value as? [String: Any] {
                objects.append(object)
                for key in ["@graph", "mainEntity", "itemListElement", "hasPart"] {
                    if let inner = object[key] { stack.append(inner) }
                }
            } else if let array = value as? [Any] {
                stack.append(contentsOf: array.reversed())
            }
        }
    }

    private static func types(_ object: [String: Any]) -> [String] {
        if let t = object["@type"] as? String { return [t] }
        return (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func isArticleType(_ type: String) -> Bool {
        let name = type.split(separator: "/").last.map(String.init) ?? type
        let bare = name.split(separator: ":").last.map(String.init) ?? name
        return bare.hasSuffix("Article") || bare == "BlogPosting" || bare == "LiveBlogPosting" || bare == "Report"
    }

    /// News types first, then any article type.
    private static func pickArticle(_ objects: [[String: Any]]) -> [String: Any]? {
        let articles = objects.filter { types($0).contains(where: isArticleType) }
        return articles.first { types($0).contains { $0.hasSuffix("NewsArticle") } } ?? articles.first
    }

    static func string(_ value: Any?) -> String? {
        if let s = value as? String {
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let array = value as? [Any] { return array.lazy.compactMap { string($0) }.first }
        return nil
    }

    /// Names from a string, a Person/Organization object (or an @id reference to one), or an array of those.
    static func names(_ value: Any?, byID: [String: [String: Any]]) -> [String] {
        guard let value else { return [] }
        var result: [String] = []
        var queue: [Any] = [value]
        var index = 0
        while index < queue.count && index < 100 {
            let item = queue[index]
            index += 1
            if let s = string(item), !(item is [Any]) {
                result.append(s)
            } else if let array = item as? [Any] {
                queue.append(contentsOf: array)
            } else if var object = item as? [String: Any] {
                if object["name"] == nil, let id = object["@id"] as? String, let target = byID[id] { object = target }
                if let name = string(object["name"]) {
                    result.append(name)
                } else if let given = string(object["givenName"]) {
                    result.append([given, string(object["familyName"])].compactMap { $0 }.joined(separator: " "))
                }
            }
        }
        var seen: Set<String> = []
        return result.filter { seen.insert($0).inserted }
    }
}
