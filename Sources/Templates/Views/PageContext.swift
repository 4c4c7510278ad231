
import ScoutModel

/// The fields every page shares: site title, where the root is, which tab is active, when it was made.
final class PageContext: TemplateView {
    enum Tab: Hashable, Sendable {
        case images, bases, vulnerabilities, packages, runs, teams, settings, none

        /// The tab bar, in order: each tab's page and title. A new tab is one more entry here.
        static let bar: [(tab: Tab, file: String, title: String)] = [
            (.images, "index.html", "Images"), (.bases, "bases.html", "Base images"),
            (.vulnerabilities, "vulnerabilities.html", "Vulnerabilities"), (.packages, "packages.html", "Packages"),
            (.runs, "runs.html", "Runs"), (.teams, "teams.html", "Teams"), (.settings, "settings.html", "Settings"),
        ]
    }

    /// One link of the tab bar.
    final class TabLink: TemplateView {
        let href: Text
        let title: Text
        let current: Bool
        init(href: String, title: String, current: Bool) {
            self.href = Text(href)
            self.title = Text(title)
            self.current = current
        }
        func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "title": title
            case "current": current
            default: nil
            }
        }
    }

    let siteTitle: Text
    let pageTitle: Text
    /// Relative path to the site root (`""`, `../../`).
    let root: Text
    let generatedAt: Text
    let generatedAtRaw: Text
    let tab: Tab
    /// The page shows when the site was generated (its footer): only the Images tab, the fleet
    /// summary and the Runs tab do, so that every other page's bytes change only with its data.
    let stamped: Bool

    /// `partials/chrome` (stylesheet, script, header, tabs), the same for every page of a depth and tab.
    let chrome: Markup?

    convenience init(context: RenderContext, pageTitle: String, depth: Int, tab: Tab, format: PageFormat, stamped: Bool = false) {
        self.init(snapshot: context.fleet.snapshot, pageTitle: pageTitle, depth: depth, tab: tab,
                  chrome: format.isHTML ? context.chrome(depth: depth, tab: tab) : nil, stamped: stamped)
    }

    init(snapshot: FleetSnapshot, pageTitle: String, depth: Int, tab: Tab, chrome: Markup?, stamped: Bool = false) {
        self.stamped = stamped
        siteTitle = Text(snapshot.title)
        self.pageTitle = Text(pageTitle)
        root = Text(Format.root(depth: depth))
        generatedAt = Text(Format.time(snapshot.generatedAt))
        generatedAtRaw = Text(snapshot.generatedAt)
        self.tab = tab
        self.chrome = chrome
    }

    /// Depth of a page path below the root: `images/a/b.html` → 2.
    static func depth(of path: String) -> Int {
        path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "siteTitle": siteTitle
        case "pageTitle": pageTitle
        case "root": root
        case "generatedAt": generatedAt
        case "generatedAtRaw": generatedAtRaw
        case "stamped": stamped
        case "chrome": chrome
        case "tabs": Tab.bar.map { TabLink(href: root.raw + $0.file, title: $0.title, current: $0.tab == tab) }
        default: nil
        }
    }
}

/// One scanning or import warning.
final class WarningView: TemplateView {
    let subject: Text
    let message: Text

    init(_ warning: ScanWarning) {
        subject = Text(warning.subject)
        message = Text(warning.message)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "subject": subject
        case "message": message
        default: nil
        }
    }

    /// Sorted by subject, then message.
    static func list(_ warnings: [ScanWarning]) -> [WarningView] {
        warnings.sorted { ($0.subject, $0.message) < ($1.subject, $1.message) }.map { WarningView($0) }
    }
}

/// A link: an escaped label and a relative path (built from slugs, so safe as it is).
final class LinkView: TemplateView {
    let text: Text
    let href: Text

    init(text: Text, href: String) {
        self.text = text
        self.href = Text(href)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "href": href
        default: nil
        }
    }
}
