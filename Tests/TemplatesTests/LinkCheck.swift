import Foundation

/// Every relative link of every page (HTML `href`/`src`, Markdown `](…)`) resolved against the page's
/// folder: the ones whose file does not exist are broken. Fragments (`#id`) must exist as an `id` in
/// the target page.
enum LinkCheck {
    struct Result {
        var count = 0
        var broken: [String] = []
    }

    static func run(_ site: TemporaryDirectory) throws -> Result {
        try run(root: site.url, files: site.files())
    }

    static func run(root: URL, files: [String]) throws -> Result {
        var result = Result()
        var ids: [String: Set<String>] = [:]
        func idsOf(_ path: String) -> Set<String> {
            if let known = ids[path] { return known }
            let text = (try? String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)) ?? ""
            let found = Set(captures(#"\sid="([^"]+)""#, in: text))
            ids[path] = found
            return found
        }
        for file in files where file.hasSuffix(".html") || file.hasSuffix(".md") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let links = file.hasSuffix(".html")
                ? captures(#"(?:href|src)="([^"]*)""#, in: text)
                : captures(#"\]\(([^)\s]+)\)"#, in: text)
            let base = root.appendingPathComponent(file).deletingLastPathComponent()
            for link in links where !link.hasPrefix("https://") && !link.hasPrefix("http://") && !link.isEmpty {
                result.count += 1
                if link.hasPrefix("/") || link.contains("://") || link.lowercased().hasPrefix("javascript:") {
                    result.broken.append("\(file): absolute or unsafe link \(link)")
                    continue
                }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? root.appendingPathComponent(file).path
                    : base.appendingPathComponent(parts[0]).standardizedFileURL.path
                guard target.hasPrefix(root.standardizedFileURL.path), FileManager.default.fileExists(atPath: target) else {
                    result.broken.append("\(file) → \(link)")
                    continue
                }
                if parts.count == 2, !parts[1].isEmpty, target.hasSuffix(".html"), !idsOf(target).contains(parts[1]) {
                    result.broken.append("\(file) → \(link): no such id")
                }
            }
        }
        return result
    }
}
