import Reports
import ScoutModel

/// What each page of an image, repository, comparison, vulnerability or package is rendered from,
/// summed up before anything is rendered: a page whose fingerprint is the one the published site
/// recorded is linked from it instead (`PageReuse`).
///
/// Every such page is a function of the site-wide inputs (the templates' texts, the tool's version and
/// `PageReuse.revision`, the site's title, the downloads offered; the run's time only when an override
/// template may show it, since the embedded ones show it on the stamped pages alone) and of the images
/// it shows. Each image is summed up once (`images`), with everything any page reads of it:
/// - its report: the downloads' fingerprint (`DownloadReuse`: digest, names, tags, source, first-seen
///   time, evaluation warnings, every finding's stored record with its "new" mark, first-seen time, KEV,
///   EPSS and suppression), the suppressed findings' records, the trend as the pages show it (the points
///   where the counts changed, the last run's new and fixed), the findings fixed since the
///   last run, the base image and its recommendations, the policies, the owner, the scan warnings, the
///   base-only flag. Its SBOM (metadata, layers, packages) is the store's, kept once per digest and never
///   replaced unless it was incomplete; an incomplete image has no fingerprint and is always rendered;
/// - what the fleet adds: its page's path, when it was first seen in its repository, its repository's
///   name, path and last analysis, the page of its base image, and the paths of the package and
///   vulnerability pages it links to (a slug that changes, or a package that gains or loses its page).
///
/// A repository or comparison page takes the sums of its images, so any change to an image renders
/// them again. A package or vulnerability page shows its images as links (`partials/image-item`,
/// `partials/image-cells`): it takes their names and paths, and sums up what it shows of their data
/// itself (the findings of that vulnerability, the versions and vulnerabilities of that package).
/// `PageReuseTests` fails when `ImageReport` gains a field `coveredImageFields` does not name.
struct PageFingerprints: Sendable {
    /// The site-wide inputs.
    let site: Fingerprint.Value
    /// Per image (`FleetIndex.images` order); nil: its pages are always rendered.
    let images: [Fingerprint.Value?]
    /// Per image, the fingerprint of its downloads (`DownloadReuse`), nil when they are always rendered.
    let downloads: [String?]
    /// Per image, what a package or vulnerability page shows of it: with the embedded `partials/image-item`
    /// and `partials/image-cells`, its name, digest and page (a link); with overrides, which may show
    /// any field of its row, its whole sum.
    let listed: [Fingerprint.Value?]
    /// The vulnerability pages' paths by id, and the package pages' by type and name.
    private let vulnerabilityStems: [String: String]
    private let packageStems: [RenderContext.PackageName: String]

    /// The `ImageReport` fields the image sums cover (checked by a test against the type's fields).
    static let coveredImageFields: Set<String> = [
        "repository", "tags", "source", "sbom", "findings", "firstSeen", "baseImage", "base", "policies", "suppressed",
        "trend", "fixedSinceLastRun", "evaluationWarnings", "baseOnly", "owner",
    ]

    /// `time`: the run's time when a template may show it on these pages (an override that reads it).
    /// `listsShowLinks`: the templates show an image in a package's or vulnerability's list as a link
    /// alone (`TemplateSet.imageListsShowLinksOnly`).
    init(fleet: FleetIndex, templates: String, toolVersion: String, downloads formats: [DownloadFormat],
         packageStems: [RenderContext.PackageName: String], vulnerabilityStems: [String: String], time: String? = nil,
         listsShowLinks: Bool = false) {
        self.packageStems = packageStems
        self.vulnerabilityStems = vulnerabilityStems
        var site = Fingerprint()
        site.add("pages revision \(PageReuse.revision)")
        site.add(time)
        site.add(templates)
        site.add(toolVersion)
        site.add(fleet.snapshot.title)
        site.add(formats.map { "\($0.label)\u{1}\($0.suffix)" }.joined(separator: "\u{2}"))
        let siteDigest = site.value()
        self.site = siteDigest
        let downloads = ParallelMap.map(count: fleet.images.count) {
            DownloadReuse.fingerprint(of: fleet.images[$0].report, formats: formats, toolVersion: toolVersion)
        }
        self.downloads = downloads
        let images = ParallelMap.map(count: fleet.images.count) { index in
            Self.image(index, fleet: fleet, downloads: downloads[index], packageStems: packageStems, vulnerabilityStems: vulnerabilityStems)
        }
        self.images = images
        listed = listsShowLinks ? fleet.images.map { entry in
            var sum = Fingerprint()
            sum.add(entry.stem)
            sum.add(entry.report.displayName)
            sum.add(entry.report.digest)
            return sum.value()
        } : images
    }

    /// The sum of image `index` (see the type's comment), nil when its pages must be rendered.
    private static func image(_ index: Int, fleet: FleetIndex, downloads: String?,
                              packageStems: [RenderContext.PackageName: String], vulnerabilityStems: [String: String]) -> Fingerprint.Value? {
        let entry = fleet.images[index]
        let image = entry.report
        guard let downloads, !image.sbom.isIncomplete else { return nil }
        var sum = Fingerprint()
        sum.add(downloads)
        sum.add(entry.stem)
        sum.add(entry.seen)
        let repository = fleet.repositories[entry.repository]
        sum.add(repository.name)
        sum.add(repository.stem)
        // The SBOM is the store's for this digest; its size is a cheap guard.
        let metadata = image.sbom.metadata
        sum.add(metadata.layers.count)
        sum.add(Int(metadata.size))
        sum.add(json: image.sbom.warnings)
        sum.add(json: image.evaluationWarnings)
        sum.add(image.suppressed.count)
        for finding in image.suppressed {
            guard let record = FindingRecordEncoder.encode(finding) else { return nil }
            sum.add(record)
            sum.add(vulnerabilityStems[finding.vulnerabilityID])
        }
        // A run adds a trend point to every image it evaluates; the pages show only the points where the
        // counts changed (`TrendChart.changes`) and the last run's new and fixed (`ImageRowView.Change`).
        let changes = TrendChart.changes(image.trend)
        sum.add(changes.count)
        for (time, counts) in changes {
            sum.add(time)
            for severity in Severity.allCases { sum.add(counts[severity]) }
        }
        sum.add(min(image.trend.count, 2))
        sum.add(image.trend.last?.newFindings ?? -1)
        sum.add(image.trend.last?.fixedFindings ?? -1)
        sum.add(image.fixedSinceLastRun.joined(separator: "\n"))
        sum.add(image.baseImage)
        if let base = image.base {
            sum.add(json: base)
            // The base's name links to its own page when the fleet has one.
            sum.add(base.base.reference.digest.flatMap { fleet.imageByDigest[$0] }.map { fleet.images[$0].stem })
        } else {
            sum.add(nil as String?)
        }
        if let policies = image.policies { sum.add(json: policies) } else { sum.add(nil as String?) }
        if let owner = image.owner { sum.add(json: owner) } else { sum.add(nil as String?) }
        sum.add(image.baseOnly)
        for package in image.sbom.packages {
            sum.add(packageStems[RenderContext.PackageName(type: package.type, name: package.name)])
        }
        for finding in image.findings {
            sum.add(vulnerabilityStems[finding.vulnerabilityID])
        }
        return sum.value()
    }

    /// A page's fingerprint: its kind, its path, what it shows besides images, and the images' sums
    /// (`listed`: as a list shows them); nil when one of them has none.
    private func page(_ kind: String, _ stem: String, images indexes: [Int], listed: Bool = false,
                      extra: (inout Fingerprint) -> Bool = { _ in true }) -> String? {
        var sum = Fingerprint()
        sum.add(site)
        sum.add(kind)
        sum.add(stem)
        guard extra(&sum) else { return nil }
        sum.add(indexes.count)
        let sums = listed ? self.listed : images
        for index in indexes {
            guard let image = sums[index] else { return nil }
            sum.add(image)
        }
        return sum.hex()
    }

    /// An image's HTML page and its Markdown twin.
    func image(_ index: Int, fleet: FleetIndex) -> String? {
        page("image", fleet.images[index].stem, images: [index])
    }

    /// The comparison of two images of a repository.
    func comparison(_ pair: ComparisonPair) -> String? {
        page("comparison", pair.stem, images: [pair.older, pair.newer])
    }

    /// A repository's page: its status, tag history, images (newest first) and comparisons.
    func repository(_ position: Int, fleet: FleetIndex, comparisons pairs: [ComparisonPair]) -> String? {
        let repository = fleet.repositories[position]
        return page("repository", repository.stem, images: repository.images) { sum in
            sum.add(repository.name)
            // Every run analyses the repository again: its time is on Settings, not on this page.
            if var status = repository.status {
                status.lastAnalysed = nil
                sum.add(json: status)
            } else {
                sum.add(nil as String?)
            }
            sum.add(json: repository.history)
            sum.add(pairs.count)
            for pair in pairs {
                sum.add(pair.stem)
                sum.add(fleet.images[pair.older].stem)
                sum.add(fleet.images[pair.newer].stem)
            }
            return true
        }
    }

    /// A vulnerability's page: its findings in each image it affects (each one's stored record, and
    /// the page of its package), and those images as a list shows them.
    func vulnerability(_ entry: VulnerabilityEntry) -> String? {
        page("vulnerability", entry.stem, images: entry.affected.map(\.image), listed: true) { sum in
            sum.add(entry.id)
            for (_, findings) in entry.affected {
                sum.add(findings.count)
                for finding in findings {
                    guard let record = FindingRecordEncoder.encode(finding) else { return false }
                    sum.add(record)
                    sum.add(packageStems[RenderContext.PackageName(type: finding.package.type, name: finding.package.name)])
                }
            }
            return true
        }
    }

    /// A package's page: its versions with the vulnerabilities reported against each (and their
    /// pages), its licences, and the images that have each version as a list shows them.
    func package(_ entry: PackageEntry) -> String? {
        var images: [Int] = []
        for version in entry.versions { images += version.images }
        return page("package", entry.stem, images: images, listed: true) { sum in
            sum.add(entry.type.rawValue)
            sum.add(entry.name)
            sum.add(entry.hasPage)
            sum.add(entry.licenses.joined(separator: "\n"))
            for version in entry.versions {
                sum.add(version.version)
                sum.add(version.images.count)
                sum.add(version.worst?.rawValue)
                sum.add(version.vulnerabilities.count)
                for id in version.vulnerabilities {
                    sum.add(id)
                    sum.add(vulnerabilityStems[id])
                }
            }
            return true
        }
    }
}
