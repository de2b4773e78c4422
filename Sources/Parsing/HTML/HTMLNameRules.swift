/// General rules on class and id names (no per-site rules): which elements are boilerplate, which look
/// like the article container, and readability's class weight.
///
/// Names are matched as lower-cased substrings, as readability does; results are cached per distinct
/// (class, id) pair because pages repeat the same few hundred names thousands of times.
enum HTMLNameRules {
    /// Boilerplate whatever else the name says: share bars, comments, related links, newsletters, cookie banners, ads.
    static let strongBoilerplate = [
        "share", "sharing", "social", "newsletter", "cookie", "consent", "gdpr", "related", "outbrain", "taboola",
        "disqus", "breadcrumb", "byline", "promo", "advert", "subscri", "signup", "sign-up", "recommend",
        "most-popular", "mostpopular", "most-read", "mostread", "trending", "read-more", "readmore", "also-read",
        "more-stories", "paywall", "skip-link", "skiplink", "print-only", "sr-only", "visually-hidden",
        "screen-reader", "author-bio", "tag-list", "taglist",
    ]
    /// readability's "unlikely candidates": boilerplate unless the name also looks like content.
    static let weakBoilerplate = [
        "-ad-", "ai2html", "banner", "combx", "community", "cover-wrap", "extra", "footer", "header", "legends",
        "menu", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "sponsor", "supplemental",
        "ad-break", "agegate", "pagination", "pager", "popup", "modal", "yom-remote", "navbar", "masthead",
    ]
    /// Whole class/id tokens that mark boilerplate (too short to match as substrings).
    static let boilerplateTokens: Set<String> = [
        "ad", "ads", "adv", "dfp", "nav", "navigation", "tools", "toolbar", "widget", "tags", "meta", "comments",
        "comment", "hidden", "hide", "print", "caption", "credit", "credits", "overlay",
    ]
    /// readability's "maybe candidate" names, which veto the weak boilerplate list.
    static let contentGuard = ["and", "article", "body", "column", "content", "main", "shadow"]
    /// Names that say "this is the story".
    static let contentNames = ["article", "content", "story", "entry", "post-body", "postbody", "post-text", "text", "body"]
    static let positiveWeight = [
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
        "blog", "story",
    ]
    static let negativeWeight = [
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr",
        "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
        "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    ]

    static func classify(className: String, id: String) -> ClassInfo {
        var info: ClassInfo = []
        let both = className + " " + id
        if isBoilerplate(both) { info.insert(.boilerplate) }
        if contentNames.contains(where: both.contains) { info.insert(.contentName) }
        if !className.isEmpty {
            if positiveWeight.contains(where: className.contains) { info.insert(.positiveClass) }
            if negativeWeight.contains(where: className.contains) || hasHidToken(className) { info.insert(.negativeClass) }
        }
        if !id.isEmpty {
            if positiveWeight.contains(where: id.contains) { info.insert(.positiveID) }
            if negativeWeight.contains(where: id.contains) || hasHidToken(id) { info.insert(.negativeID) }
        }
        return info
    }

    static func isBoilerplate(_ names: String) -> Bool {
        // "commentary" is an opinion column, not a comment thread.
        let names = names.replacingOccurrences(of: "commentary", with: "")
        if strongBoilerplate.contains(where: names.contains) { return true }
        if names.contains("comment") { return true }
        var tokenHit = false
        for token in names.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where boilerplateTokens.contains(String(token)) {
            tokenHit = true
            break
        }
        if tokenHit { return true }
        return weakBoilerplate.contains(where: names.contains) && !contentGuard.contains(where: names.contains)
    }

    private static func hasHidToken(_ name: String) -> Bool {
        name.split(separator: " ").contains("hid")
    }

    /// ARIA roles that mark navigation, complementary content or dialogs.
    static let boilerplateRoles: Set<String> = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner", "contentinfo",
        "search",
    ]

    /// `style` says the element is not rendered.
    static func styleHides(_ style: String) -> Bool {
        let compact = style.lowercased().filter { $0 != " " }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }
}
