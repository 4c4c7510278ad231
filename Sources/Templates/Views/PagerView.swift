/// The links between the pages of a split table (`partials/pager`): previous, next, first and last,
/// and which rows this page holds. Nothing is shown when the table fits on one page.
final class PagerView: TemplateView {
    let pager: Pager
    let fields: [String: Text]

    init(_ pager: Pager) {
        self.pager = pager
        let rows = pager.rows
        let number = pager.number, count = pager.pageCount
        var fields: [String: Text] = [
            "number": Text(number),
            "pageCount": Text(count),
            "firstRow": Text(rows.lowerBound + 1),
            "lastRow": Text(rows.upperBound),
            "rowCount": Text(pager.rowCount),
        ]
        if number > 1 {
            fields["previousHref"] = Text(pager.file(page: number - 1))
            fields["firstHref"] = Text(pager.file(page: 1))
        }
        if number < count {
            fields["nextHref"] = Text(pager.file(page: number + 1))
            fields["lastHref"] = Text(pager.file(page: count))
        }
        self.fields = fields
    }

    func child(named name: String) -> Any? {
        switch name {
        case "hasPages": pager.pageCount > 1
        default: fields[name]
        }
    }
}
