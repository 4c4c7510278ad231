import ScoutModel

/// An Atom 1.0 feed (RFC 4287) of what recent runs changed: one entry per run that reported new
/// critical, high or known-exploited findings or fixed some, for the fleet (`feeds/new-findings.atom`)
/// or one team (`feeds/teams/NAME.atom`). Entries are made from what the store recorded for each
/// run, so a run's entry keeps its id, `updated` time and content in every later feed: readers show
/// it once. Links are relative to the feed's folder.
struct AtomFeed {
    /// Images an entry lists.
    static let imagesPerEntry = 200
    let fleet: FleetIndex
    /// `feeds/new-findings.atom` or `feeds/teams/payments.atom`.
    let path: String
    let title: String
    /// Only the images of this team; nil: every image.
    let team: String?
    /// `teams/payments`: the team's page, without extension.
    let teamStem: String?

    /// Relative path from the feed's folder to the site root.
    private var root: String { Format.root(depth: path.utf8.filter { $0 == UInt8(ascii: "/") }.count) }

    func render(vulnerabilityStems: [String: String]) -> String {
        let snapshot = fleet.snapshot
        var stems: [String: String] = [:]
        for image in fleet.images { stems[image.report.digest] = image.stem }
        let base = "tag:scout-report,2024:" + Self.idPart(snapshot.title) + "/" + String(path.dropLast(".atom".count))
        var entries: [String] = []
        var newest: String?
        for run in snapshot.runChanges.sorted(by: { $0.runID > $1.runID }) {
            let images = run.images.filter { team == nil || $0.owner?.team == team }
            let newCount = images.reduce(0) { $0 + $1.newFindings.count }
            let fixedCount = images.reduce(0) { $0 + $1.fixed.count }
            guard newCount + fixedCount > 0 else { continue }
            newest = newest ?? run.startedAt
            var html = ""
            // A run that changed every image of a large fleet would make one entry of tens of MB: the
            // first images (in the run's order) are listed, the rest counted; the totals stay whole.
            for image in images.prefix(Self.imagesPerEntry) {
                let name = Escape.html(image.displayName)
                html += "<h3>" + (stems[image.digest].map { "<a href=\"\(root)\($0).html\">\(name)</a>" } ?? name) + "</h3>"
                if !image.newFindings.isEmpty {
                    html += "<p>New:</p><ul>"
                    for finding in image.newFindings {
                        let id = Escape.html(finding.vulnerabilityID)
                        let link = vulnerabilityStems[finding.vulnerabilityID].map { "<a href=\"\(root)\($0).html\">\(id)</a>" } ?? id
                        let facts = [Format.label(finding.severity), finding.kev != nil ? "CISA KEV" : nil, finding.epss.map { "EPSS " + $0.scoreDisplay },
                                     "priority " + finding.priority.display].compactMap { $0 }.joined(separator: ", ")
                        html += "<li>\(link) (\(Escape.html(facts))) in \(Escape.html(finding.package.name)) \(Escape.html(finding.package.version)): "
                            + Escape.html(finding.fixedVersions.isEmpty ? "not fixed" : "fixed in " + finding.fixedVersionDisplay) + "</li>"
                    }
                    html += "</ul>"
                }
                if !image.fixed.isEmpty {
                    html += "<p>Fixed:</p><ul>" + image.fixed.map { "<li>\(Escape.html($0))</li>" }.joined() + "</ul>"
                }
            }
            if images.count > Self.imagesPerEntry {
                html += "<p>And \(images.count - Self.imagesPerEntry) more images: each image's page lists its new findings.</p>"
            }
            let summary = "\(newCount) new critical, high or known-exploited finding\(newCount == 1 ? "" : "s"), \(fixedCount) fixed"
            entries.append("""
                <entry>
                <id>\(base)/run-\(run.runID)/\(Self.idPart(run.startedAt))</id>
                <title>Run \(run.runID): \(summary)</title>
                <updated>\(Self.xml(run.startedAt))</updated>
                <link rel="alternate" type="text/html" href="\(root)runs.html"/>
                <summary>\(Self.xml(summary))</summary>
                <content type="html">\(Self.xml(html))</content>
                </entry>

                """)
        }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(base)</id>
            <title>\(Self.xml(title))</title>
            <updated>\(Self.xml(newest ?? Self.firstRun(snapshot) ?? snapshot.generatedAt))</updated>
            <author><name>\(Self.xml(snapshot.title))</name></author>
            <generator>scout-report</generator>
            <link rel="alternate" type="text/html" href="\(root)\(teamStem.map { "\($0).html" } ?? "index.html")"/>

            """ + entries.joined() + "</feed>\n"
    }

    /// An empty feed's time: the first run's, so that it changes when an entry arrives, not after every run.
    static func firstRun(_ snapshot: FleetSnapshot) -> String? {
        snapshot.runs.map(\.startedAt).min()
    }

    /// XML character data and attribute values: `& < > "` escaped, characters XML 1.0 forbids dropped.
    static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0xFFFE...0xFFFF).contains(value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A piece of an id: letters and digits kept, anything else `-`, lowercased (`2026-12-07t02-00-00z`).
    static func idPart(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "-" }
        return String(kept.isEmpty ? ["-"] : kept)
    }
}
