/// One page of a fleet-wide table (the Images, Vulnerabilities and Packages tabs): at 100,000 images
/// such a table has tens of thousands of rows, so it is split into pages of `rowsPerPage` rows, all
/// at the site's root: `index.html`, `index-2.html`, … A page's bytes then depend only on its own
/// rows (and the header above them), and no page grows past about a megabyte. The same split holds
/// the images one vulnerability or one package page lists (every image of the fleet, for a package in
/// the base image): `cve-2024-1.html`, `cve-2024-1~2.html`, … (`~` is in no slug, so a later page never
/// takes another page's name).
struct Pager: Sendable, Equatable {
    /// Rows a page holds (every row of the table on one page below this).
    static let rowsPerPage = 500

    /// The file name without `.html`: `index`, `vulnerabilities`, `packages`.
    let base: String
    /// 1-based.
    let number: Int
    let rowCount: Int
    let rowsPerPage: Int
    /// Between the base and the page number: `-` for the tabs, `~` for the pages of one item.
    let separator: String

    init(base: String, number: Int, rowCount: Int, rowsPerPage: Int = Pager.rowsPerPage, separator: String = "-") {
        self.base = base
        self.number = number
        self.rowCount = rowCount
        self.rowsPerPage = rowsPerPage
        self.separator = separator
    }

    /// The pages of one vulnerability's or package's images: `base` is the item's file name without
    /// folder and extension.
    static func item(base: String, number: Int, rowCount: Int) -> Pager {
        Pager(base: base, number: number, rowCount: rowCount, separator: "~")
    }

    static func pageCount(rows: Int, rowsPerPage: Int = Pager.rowsPerPage) -> Int {
        max(1, (rows + rowsPerPage - 1) / rowsPerPage)
    }

    var pageCount: Int { Self.pageCount(rows: rowCount, rowsPerPage: rowsPerPage) }

    /// `index.html` for the first page, `index-2.html` for the second.
    static func file(_ base: String, page: Int, separator: String = "-") -> String {
        page <= 1 ? base + ".html" : "\(base)\(separator)\(page).html"
    }

    var file: String { Self.file(base, page: number, separator: separator) }

    /// Page `page` of the same table.
    func file(page: Int) -> String { Self.file(base, page: page, separator: separator) }

    /// The rows of this page, as positions in the whole table.
    var rows: Range<Int> {
        let start = min(rowCount, (number - 1) * rowsPerPage)
        return start..<min(rowCount, start + rowsPerPage)
    }
}
