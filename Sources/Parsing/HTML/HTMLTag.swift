/// The HTML elements the extractor tells apart; every other element is `.other` (treated as inline).
///
/// Kept as a small enum so the tree stores one byte per node and the scoring loops switch on it.
enum HTMLTag: UInt8, Sendable {
    case text, other
    case html, head, body, title, meta, link, script, style, noscript, template
    case iframe, svg, math, canvas, object, embed, video, audio, picture, img, source
    case form, fieldset, input, button, select, textarea, label, option
    case nav, header, footer, aside, menu, dialog, main, article, section, div, span, center, font
    case p, h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, blockquote, pre, code, address
    case figure, figcaption, table, thead, tbody, tfoot, tr, td, th, caption
    case br, hr, a, time, details, summary

    private static let byName: [String: HTMLTag] = {
        var map: [String: HTMLTag] = [:]
        let all: [HTMLTag] = [
            .html, .head, .body, .title, .meta, .link, .script, .style, .noscript, .template,
            .iframe, .svg, .math, .canvas, .object, .embed, .video, .audio, .picture, .img, .source,
            .form, .fieldset, .input, .button, .select, .textarea, .label, .option,
            .nav, .header, .footer, .aside, .menu, .dialog, .main, .article, .section, .div, .span, .center, .font,
            .p, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .code, .address,
            .figure, .figcaption, .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption,
            .br, .hr, .a, .time, .details, .summary,
        ]
        for tag in all { map[String(describing: tag)] = tag }
        return map
    }()

    /// libxml2's HTML parser lower-cases element names, so a plain lookup suffices.
    init(name: String) { self = Self.byName[name] ?? .other }

    /// Elements whose content is never article text; their subtrees are not kept at all.
    var isNeverContent: Bool {
        switch self {
        case .script, .style, .noscript, .template, .iframe, .svg, .math, .canvas, .object, .embed,
             .video, .audio, .input, .button, .select, .textarea, .option, .title, .meta, .link, .source:
            return true
        default:
            return false
        }
    }

    /// Elements that start a new block of text: their text never runs into a neighbour's.
    var isBlock: Bool {
        switch self {
        case .html, .body, .nav, .header, .footer, .aside, .menu, .dialog, .main, .article, .section, .div, .center,
             .p, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .address,
             .figure, .figcaption, .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption,
             .br, .hr, .form, .fieldset, .details, .summary:
            return true
        default:
            return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    /// Blocks whose presence inside a `div` means the div is a container, not a paragraph (readability's rule).
    var isParagraphBreaking: Bool {
        switch self {
        case .blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul, .section, .article, .main,
             .h1, .h2, .h3, .h4, .h5, .h6, .figure, .header, .footer, .aside, .nav, .li, .form:
            return true
        default:
            return false
        }
    }
}
