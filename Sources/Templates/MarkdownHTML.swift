import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Markdown (advisory details) to HTML through libcmark, in safe mode.
public enum MarkdownHTML {
    /// Renders CommonMark to an HTML fragment. Safe mode: raw HTML is replaced by a comment and
    /// links or images with `javascript:`, `vbscript:`, `file:` or non-image `data:` URLs get an
    /// empty destination. On top of that, a link keeps its destination only when it is an absolute
    /// `http(s)` or `mailto:` URL (a relative one would point into this site), and an image never
    /// keeps its source (the site makes no external request), so the result can be inserted into a
    /// page as it is.
    public static func render(_ markdown: String) -> String {
        let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8
        let count = markdown.utf8.count
        guard let document = markdown.withCString({ cmark_parse_document($0, count, options) }) else { return "" }
        defer { cmark_node_free(document) }
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_LINK:
                    let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    if !isAllowedLink(url) { cmark_node_set_url(node, "") }
                case CMARK_NODE_IMAGE:
                    cmark_node_set_url(node, "")
                default:
                    break
                }
            }
        }
        guard let pointer = cmark_render_html(document, options) else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Absolute web or mail links only.
    static func isAllowedLink(_ url: String) -> Bool {
        if Escape.webURL(url) != nil { return true }
        let lower = url.lowercased()
        return lower.hasPrefix("mailto:") && !lower.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == " " })
    }
}
