/// One page of a fleet-wide table (the Images, Vulnerabilities and Packages tabs): at 100,000 images
/// such a table has tens of thousands of rows, so it is split into pages of `rowsPerPage` rows, all
/// at the site's root: `index.html`, `index-2.html`, … A page's bytes then depend only on its own
/// rows (and the header above them), and no page grows past about a megabyte.
struct Pager: Sendable, Equatable {
    /// Rows a page holds (every row of the table on one page below this).
    static let rowsPerPage = 500

    /// The file name without `.html`: `index`, `vulnerabilities`, `packages`.
    let base: String
    /// 1-based.
    let number: Int
    let rowCount: Int
    let rowsPerPage: Int

    init(base: String, number: Int, rowCount: Int, rowsPerPage: Int = Pager.rowsPerPage) {
        self.base = base
        self.number = number
        self.rowCount = rowCount
        self.rowsPerPage = rowsPerPage
    }

    static func pageCount(rows: Int, rowsPerPage: Int = Pager.rowsPerPage) -> Int {
        max(1, (rows + rowsPerPage - 1) / rowsPerPage)
    }

    var pageCount: Int { Self.pageCount(rows: rowCount, rowsPerPage: rowsPerPage) }

    /// `index.html` for the first page, `index-2.html` for the second.
    static func file(_ base: String, page: Int) -> String {
        page <= 1 ? base + ".html" : "\(base)-\(page).html"
    }

    var file: String { Self.file(base, page: number) }

    /// The rows of this page, as positions in the whole table.
    var rows: Range<Int> {
        let start = min(rowCount, (number - 1) * rowsPerPage)
        return start..<min(rowCount, start + rowsPerPage)
    }
}
