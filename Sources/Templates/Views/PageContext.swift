import Mustache
import ScoutModel

/// Escapes one value for the output format of a page (HTML or Markdown).
typealias Escaper = (String) -> String

/// The fields every page shares: site title, where the root is, which tab is active, when it was made.
struct PageContext: MustacheParent {
    enum Tab { case images, settings, none }

    var siteTitle: String
    var pageTitle: String
    /// Relative path to the site root (`""`, `../../`).
    var root: String
    var generatedAt: String
    var generatedAtRaw: String
    var tab: Tab

    init(snapshot: FleetSnapshot, pageTitle: String, depth: Int, tab: Tab, escape: Escaper) {
        siteTitle = escape(snapshot.title)
        self.pageTitle = escape(pageTitle)
        root = Format.root(depth: depth)
        generatedAt = escape(Format.time(snapshot.generatedAt))
        generatedAtRaw = escape(snapshot.generatedAt)
        self.tab = tab
    }

    func child(named name: String) -> Any? {
        switch name {
        case "siteTitle": siteTitle
        case "pageTitle": pageTitle
        case "root": root
        case "generatedAt": generatedAt
        case "generatedAtRaw": generatedAtRaw
        case "tabImages": tab == .images
        case "tabSettings": tab == .settings
        default: nil
        }
    }
}

/// One scanning or import warning.
struct WarningView: MustacheParent {
    var subject: String
    var message: String

    init(_ warning: ScanWarning, escape: Escaper) {
        subject = escape(warning.subject)
        message = escape(warning.message)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "subject": subject
        case "message": message
        default: nil
        }
    }

    /// Sorted by subject, then message.
    static func list(_ warnings: [ScanWarning], escape: Escaper) -> [WarningView] {
        warnings.sorted { ($0.subject, $0.message) < ($1.subject, $1.message) }.map { WarningView($0, escape: escape) }
    }
}
