import ScoutModel

/// The snapshot rearranged for the pages: images with their paths, repositories with their images
/// over time, every vulnerability and every package of the fleet with where it occurs. Built once
/// per render; every list sorted.
struct FleetIndex: Sendable {
    /// One image and what the pages need to know about it.
    struct ImageEntry: Sendable {
        let report: ImageReport
        /// Path without extension: `images/library-alpine/a187dde48cd2`.
        let stem: String
        /// Index into `repositories`.
        var repository = 0
        /// When it was first seen in its repository (tag history), else when it was first analysed.
        var seen: String
        let counts: SeverityCounts
    }

    /// A repository (or, for an image outside any repository, that image alone).
    struct RepositoryEntry: Sendable {
        let name: String
        let status: RepositoryStatus?
        /// `repositories/library-alpine.html`, without extension.
        let stem: String
        /// Image indexes, newest first.
        var images: [Int] = []
        var history: [TagRecord] = []
        /// The image the Images tab shows: the newest one a tag still points at.
        var latest: Int? { images.first }
        /// Every image is base-only: the repository has pages but no row on the Images tab.
        var baseOnly = false
    }

    let snapshot: FleetSnapshot
    let images: [ImageEntry]
    let repositories: [RepositoryEntry]
    let vulnerabilities: [VulnerabilityEntry]
    let packages: [PackageEntry]
    /// Image index by manifest digest (a base's own page).
    let imageByDigest: [String: Int]
    /// The images the Images tab and the fleet's counts cover: all but base-only ones, in `images` order.
    let listed: [Int]
    /// Teams named as owners, by name.
    let teams: [TeamEntry]

    init(_ snapshot: FleetSnapshot) {
        self.snapshot = snapshot
        let sorted = snapshot.images.sorted {
            ($0.displayName, $0.digest, $0.source) < ($1.displayName, $1.digest, $1.source)
        }
        let paths = SitePaths(images: sorted)
        var entries = sorted.indices.map { position in
            ImageEntry(report: sorted[position], stem: paths.pageStems[position], seen: sorted[position].firstSeen ?? "",
                       counts: sorted[position].findings.scoutCounts)
        }

        // Repositories: configured ones first, then any an image names, then images outside any.
        var statusByName: [String: RepositoryStatus] = [:]
        for status in snapshot.repositories { statusByName[status.name] = status }
        var names = Set(entries.compactMap(\.report.repository))
        for status in snapshot.repositories where !(status.imageCount == 0 && !status.enabled) { names.insert(status.name) }
        var slugs = SlugAllocator()
        var repositories: [RepositoryEntry] = []
        var positionByName: [String: Int] = [:]
        for name in names.sorted() {
            positionByName[name] = repositories.count
            repositories.append(RepositoryEntry(name: name, status: statusByName[name],
                                                stem: "repositories/" + slugs.allocate(name, fallback: "repository")))
        }
        var seenInRepository: [String: String] = [:]
        for record in snapshot.tagHistory {
            positionByName[record.repository].map { repositories[$0].history.append(record) }
            let key = record.repository + "\n" + record.digest
            if let earlier = seenInRepository[key], earlier <= record.since { continue }
            seenInRepository[key] = record.since
        }
        for index in entries.indices {
            let report = entries[index].report
            let position: Int
            if let name = report.repository, let known = positionByName[name] {
                position = known
            } else {
                position = repositories.count
                repositories.append(RepositoryEntry(name: report.displayName, status: nil,
                                                    stem: "repositories/" + slugs.allocate(report.displayName, fallback: "image")))
            }
            entries[index].repository = position
            if let name = report.repository, let seen = seenInRepository[name + "\n" + report.digest] { entries[index].seen = seen }
            repositories[position].images.append(index)
        }
        // Newest first: images a tag points at before untagged ones, then by first seen, creation, tag.
        for position in repositories.indices {
            repositories[position].images.sort { a, b in
                let x = entries[a], y = entries[b]
                let xTagged = !x.report.tags.isEmpty, yTagged = !y.report.tags.isEmpty
                if xTagged != yTagged { return xTagged }
                if x.seen != y.seen { return x.seen > y.seen }
                let xCreated = x.report.sbom.metadata.created ?? "", yCreated = y.report.sbom.metadata.created ?? ""
                if xCreated != yCreated { return xCreated > yCreated }
                return (x.report.tags.first ?? "", x.report.digest) > (y.report.tags.first ?? "", y.report.digest)
            }
            repositories[position].history.sort { ($0.since, $0.tag, $0.digest) > ($1.since, $1.tag, $1.digest) }
        }
        for position in repositories.indices {
            let members = repositories[position].images
            repositories[position].baseOnly = !members.isEmpty && members.allSatisfy { entries[$0].report.baseOnly }
        }
        images = entries
        listed = entries.indices.filter { !entries[$0].report.baseOnly }
        var byDigest: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where byDigest[entry.report.digest] == nil { byDigest[entry.report.digest] = index }
        imageByDigest = byDigest
        self.repositories = repositories
        // The two fleet-wide indexes are independent: one core each.
        let finished = entries
        let both = ParallelMap.map(count: 2) { part -> ([VulnerabilityEntry], [PackageEntry]) in
            part == 0 ? (VulnerabilityEntry.index(finished), []) : ([], PackageEntry.index(finished))
        }
        vulnerabilities = both[0].0
        packages = both[1].1
        teams = TeamEntry.index(finished)
    }
}
