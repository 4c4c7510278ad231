import Foundation

/// The pages of a paginated listing (tags, catalog) read so far, and the names they gave, each once.
///
/// A hostile or broken registry can link a page to itself or to one already read, or page forever
/// through pages that repeat the same names: a page URL seen before, or a page that adds no new
/// name, ends the listing; 10,000 pages end it in any case.
struct Pagination {
    private var visited: Set<String> = []
    private var seen: Set<String> = []
    private(set) var items: [String] = []

    /// False when `page` was read before or the page budget is spent.
    mutating func visit(_ page: URL) -> Bool {
        visited.count < 10_000 && visited.insert(page.absoluteString).inserted
    }

    /// Adds the names not seen before; false when there was none (the listing should stop).
    mutating func add(_ names: [String]) -> Bool {
        var added = false
        for name in names where seen.insert(name).inserted {
            items.append(name)
            added = true
        }
        return added
    }
}
