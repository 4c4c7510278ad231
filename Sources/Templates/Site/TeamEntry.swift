import ScoutModel

/// A team named as an owner: its current images (worst first) and their new findings (most urgent first).
struct TeamEntry: Sendable {
    let name: String
    let contact: String?
    /// `teams/payments`, without extension: the name, made a safe slug (the config only accepts such names).
    let stem: String
    /// Indexes of the images a tag points at in the team's repositories, worst first.
    let images: [Int]
    /// (image index, finding) of every new finding of those images, most urgent first.
    let newFindings: [(image: Int, finding: Finding)]
    /// The images' counts added up.
    let counts: SeverityCounts

    /// Every team of the fleet, by name.
    static func index(_ images: [FleetIndex.ImageEntry]) -> [TeamEntry] {
        var byTeam: [String: (contact: String?, images: [Int])] = [:]
        for (position, image) in images.enumerated() {
            guard let owner = image.report.owner, !image.report.tags.isEmpty else { continue }
            byTeam[owner.team, default: (owner.contact, [])].images.append(position)
            if byTeam[owner.team]!.contact == nil { byTeam[owner.team]!.contact = owner.contact }
        }
        var slugs = SlugAllocator()
        return byTeam.keys.sorted().map { name in
            let team = byTeam[name]!
            let ordered = team.images.sorted { a, b in
                let x = images[a].counts, y = images[b].counts
                let xKey = Severity.allCases.map { x[$0] }, yKey = Severity.allCases.map { y[$0] }
                if xKey != yKey { return xKey.lexicographicallyPrecedes(yKey, by: >) }
                return images[a].report.displayName < images[b].report.displayName
            }
            var counts = SeverityCounts()
            var findings: [(image: Int, finding: Finding)] = []
            for position in ordered {
                for severity in Severity.allCases { counts[severity] += images[position].counts[severity] }
                findings += images[position].report.newFindings.map { (position, $0) }
            }
            findings.sort { $0.finding.precedes($1.finding) || (!$1.finding.precedes($0.finding) && $0.image < $1.image) }
            return TeamEntry(name: name, contact: team.contact, stem: "teams/" + slugs.allocate(name, fallback: "team"), images: ordered, newFindings: findings, counts: counts)
        }
    }
}
