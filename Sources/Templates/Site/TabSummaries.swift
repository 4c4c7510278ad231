import Foundation
import ScoutModel

/// What every page of a paged tab shows alike (totals, the rows' selection, the change lists), computed
/// once for all its pages on first use: computed per page, it cost the pages × the fleet.
final class TabSummaries: @unchecked Sendable {
    /// The Images tab's and the summary's: changes since the last run in the images the rows show, and
    /// their counts.
    struct Images {
        let added: [ChangeLineView]
        let fixed: [ChangeLineView]
        let counts: SeverityCounts
    }

    /// The Packages tab's: the packages with a row (positions in `FleetIndex.packages`), and how many
    /// of all have a vulnerable version.
    struct Packages {
        let listed: [Int]
        let vulnerableCount: Int
    }

    /// The Vulnerabilities tab's: vulnerabilities by worst severity, and how many have a fix.
    struct Vulnerabilities {
        let counts: SeverityCounts
        let fixableCount: Int
    }

    private let lock = NSLock()
    private let fleet: FleetIndex
    private let imagesTabOrder: [Int]
    private var imagesValue: Images?
    private var packagesValue: Packages?
    private var vulnerabilitiesValue: Vulnerabilities?

    init(fleet: FleetIndex, imagesTabOrder: [Int]) {
        self.fleet = fleet
        self.imagesTabOrder = imagesTabOrder
    }

    var images: Images {
        once(\.imagesValue) {
            var added: [ChangeLineView] = [], fixed: [ChangeLineView] = []
            var counts = SeverityCounts()
            for position in imagesTabOrder {
                let latest = fleet.images[fleet.repositories[position].latest!]
                added += ChangeLineView.new(latest.report, imageName: latest.report.displayName)
                fixed += ChangeLineView.fixed(latest.report, imageName: latest.report.displayName)
                for severity in Severity.allCases { counts[severity] += latest.counts[severity] }
            }
            return Images(added: added, fixed: fixed, counts: counts)
        }
    }

    var packages: Packages {
        once(\.packagesValue) {
            Packages(listed: fleet.packages.indices.filter { fleet.packages[$0].hasPage },
                     vulnerableCount: fleet.packages.filter { $0.versions.contains { !$0.vulnerabilities.isEmpty } }.count)
        }
    }

    var vulnerabilities: Vulnerabilities {
        once(\.vulnerabilitiesValue) {
            var counts = SeverityCounts()
            for entry in fleet.vulnerabilities { counts[entry.severity] += 1 }
            return Vulnerabilities(counts: counts, fixableCount: fleet.vulnerabilities.filter(\.fixAvailable).count)
        }
    }

    /// The value at `slot`, made by `make` under the lock the first time (the other pages wait for it).
    private func once<Value>(_ slot: ReferenceWritableKeyPath<TabSummaries, Value?>, _ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value = self[keyPath: slot] { return value }
        let value = make()
        self[keyPath: slot] = value
        return value
    }
}
