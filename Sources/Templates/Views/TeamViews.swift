import ScoutModel

/// The Teams tab: every team named as an owner, with what its images carry.
final class TeamsView: TemplateView {
    let page: PageContext
    let rows: [TeamRowView]

    init(context: RenderContext, format: PageFormat) {
        page = PageContext(context: context, pageTitle: "Teams", depth: 0, tab: .teams, format: format)
        rows = context.fleet.teams.map { TeamRowView($0, boxes: context.boxes) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "teamCount": Text(rows.count == 1 ? "1 team" : "\(rows.count) teams")
        default: page.child(named: name)
        }
    }
}

/// One team in the Teams tab.
final class TeamRowView: TemplateView {
    let fields: [String: Text]
    let boxes: Markup

    init(_ team: TeamEntry, boxes: SeverityBoxesCache) {
        self.boxes = boxes(team.counts)
        fields = [
            "name": Text(team.name),
            "contact": Text(team.contact ?? "—"),
            "href": Text(team.stem + ".html"),
            "markdownHref": Text(team.stem + ".md"),
            "feedHref": Text("feeds/" + team.stem + ".atom"),
            "imageCount": Text(team.images.count),
            "newCount": Text(team.newFindings.count),
            "severityKey": SeverityBoxView.sortKey(team.counts),
        ]
    }

    func child(named name: String) -> Any? { name == "boxes" ? boxes : fields[name] }
}

/// One team's page (`teams/NAME.html`) and Markdown summary (`teams/NAME.md`): its images worst
/// first, then its new findings most urgent first.
final class TeamPageView: TemplateView {
    /// Rows each list shows.
    static let shownRows = 500

    let page: PageContext
    var fields: [String: Text]
    let images: [TeamImageView]
    let findings: [TeamFindingView]

    init(_ position: Int, context: RenderContext, format: PageFormat) {
        let fleet = context.fleet
        let team = fleet.teams[position]
        page = PageContext(context: context, pageTitle: "Team \(team.name)", depth: 1, tab: .teams, format: format)
        let suffix = format.isHTML ? ".html" : ".md"
        // The worst images and the most urgent findings: a team owning most of a 100,000-image fleet
        // would otherwise have every image, and on a bad night every image's new findings, on one page.
        images = team.images.prefix(Self.shownRows).map { TeamImageView(fleet.images[$0], root: "../", suffix: suffix, boxes: context.boxes) }
        findings = team.newFindings.prefix(Self.shownRows).map { item in
            TeamFindingView(item.finding, image: fleet.images[item.image], root: "../", suffix: suffix,
                            vulnerabilityStem: context.vulnerabilityStems[item.finding.vulnerabilityID], format: format)
        }
        fields = [
            "name": Text(team.name),
            "contact": Text(team.contact ?? ""),
            "imageCount": Text(team.images.count == 1 ? "1 image" : "\(team.images.count) images"),
            "newCount": Text(team.newFindings.count == 1 ? "1 new finding" : "\(team.newFindings.count) new findings"),
            "feedHref": Text("../feeds/" + team.stem + ".atom"),
            "markdownHref": Text(String(team.stem.dropFirst("teams/".count)) + ".md"),
        ]
        if team.images.count > Self.shownRows {
            fields["moreImages"] = Text("The \(Self.shownRows) worst of \(team.images.count) images; the Images tab lists them all.")
        }
        if team.newFindings.count > Self.shownRows {
            fields["moreFindings"] = Text("The \(Self.shownRows) most urgent of \(team.newFindings.count) new findings; exports/findings.csv lists every finding with its owner and first-seen time.")
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "images": images
        case "hasImages": !images.isEmpty
        case "findings": findings
        case "hasFindings": !findings.isEmpty
        case "hasContact": !(fields["contact"]?.isEmpty ?? true)
        default: fields[name] ?? page.child(named: name)
        }
    }
}

/// One image of a team.
final class TeamImageView: TemplateView {
    let fields: [String: Text]
    let boxes: Markup

    init(_ entry: FleetIndex.ImageEntry, root: String, suffix: String, boxes: SeverityBoxesCache) {
        let counts = entry.counts
        self.boxes = boxes(counts)
        fields = [
            "name": Text(entry.report.displayName),
            "href": Text(root + entry.stem + suffix),
            "shortDigest": Text(entry.report.digest.shortDigest),
            "critical": Text(counts.critical),
            "high": Text(counts.high),
            "medium": Text(counts.medium),
            "low": Text(counts.low),
            "unspecified": Text(counts.unspecified),
            "newCount": Text(entry.report.newFindings.count),
            "severityKey": SeverityBoxView.sortKey(counts),
        ]
    }

    func child(named name: String) -> Any? { name == "boxes" ? boxes : fields[name] }
}

/// One new finding of a team's image.
final class TeamFindingView: TemplateView {
    let fields: [String: Text]
    let isKEV: Bool
    let hasLink: Bool

    init(_ finding: Finding, image: FleetIndex.ImageEntry, root: String, suffix: String, vulnerabilityStem: String?, format: PageFormat) {
        fields = [
            "id": Text(finding.vulnerabilityID),
            "href": Text(vulnerabilityStem.map { root + $0 + ".html" } ?? ""),
            "level": Text(finding.severity.rawValue),
            "severityLabel": Text(Format.label(finding.severity)),
            "priority": Text(finding.priority.display),
            "package": Text("\(finding.package.name) \(finding.package.version)"),
            "fix": Text(finding.fixedVersionDisplay),
            "epss": Text(finding.epss.map(\.scoreDisplay) ?? "—"),
            "image": Text(image.report.displayName),
            "imageHref": Text(root + image.stem + suffix),
        ]
        isKEV = finding.kev != nil
        hasLink = vulnerabilityStem != nil && format.isHTML
    }

    func child(named name: String) -> Any? {
        switch name {
        case "isKEV": isKEV
        case "hasLink": hasLink
        default: fields[name]
        }
    }
}
