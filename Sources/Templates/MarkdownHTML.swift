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
    /// empty destination, so the result can be inserted into a page as it is.
    public static func render(_ markdown: String) -> String {
        let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8
        let count = markdown.utf8.count
        guard let pointer = markdown.withCString({ cmark_markdown_to_html($0, count, options) }) else {
            return ""
        }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
