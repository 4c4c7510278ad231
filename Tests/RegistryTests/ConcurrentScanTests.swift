import Foundation
import ImageSource
import Pipeline
import Store
import Testing

/// A small registry fleet scanned one request at a time and many at a time: the same store rows (in
/// the same order) and the same site bytes, with the clock pinned; a missing repository among good ones.
@Suite(.serialized) struct ConcurrentScanTests {
    static let repositories = 20
    static let tagsEach = 2

    @Test func aConcurrentScanStoresAndPublishesWhatASequentialOneDoes() throws {
        let images = try TestImages()
        defer { images.remove() }
        let registry = try TestRegistry(auth: .none)
        defer { registry.stop() }
        var pushes: [(String, String)] = []
        for repository in 0..<Self.repositories {
            for tag in 0..<Self.tagsEach {
                let name = "r\(repository)-t\(tag)"
                try images.derive(tag: name, content: "repository \(repository) tag \(tag)\n",
                                  created: "2026-01-\(String(format: "%02d", 1 + tag))T00:00:00Z")
                pushes.append((name, "team/app\(repository):\(tag)"))
            }
        }
        try registry.pushMany(layout: images.layout, pushes)
        // Every repository (and a missing one, in the middle) at concurrency 1, then 8 on a fresh store.
        func yaml(_ concurrency: Int) -> String {
            var text = """
                registries:
                  - name: local
                    url: http://\(registry.address)
                    catalog: false
                    max-concurrent-requests: \(concurrency)
                repositories:

                """
            for repository in 0..<Self.repositories {
                text += "  - name: team/app\(repository)\n    registry: local\n"
                if repository == Self.repositories / 2 { text += "  - name: team/missing\n    registry: local\n" }
            }
            return text
        }
        let clock = Clock(pinned: "2026-03-01T00:00:00Z")
        let sequential = try JobFolder()
        defer { sequential.remove() }
        let concurrent = try JobFolder()
        defer { concurrent.remove() }
        let first = try sequential.run(yaml(1), clock: clock)
        let progress = ScanProgress()
        let second = try concurrent.run(yaml(8), clock: clock, progress: progress)

        let imageCount = Self.repositories * Self.tagsEach
        for outcome in [first, second] {
            #expect(outcome.imagesAnalysed == imageCount, "warnings: \(outcome.warnings.map(\.message))")
            #expect(outcome.imagesFailed == 1, "only the missing repository failed")
            #expect(outcome.warnings.map(\.subject) == ["team/missing"])
        }
        #expect(progress.current.repositoriesDone == Self.repositories + 1 && progress.current.repositoriesTotal == Self.repositories + 1)
        #expect(progress.current.analysed == imageCount && progress.current.failed == 1)
        // The shared base layer was downloaded once in each run, however many images read it at once.
        let baseLayer = images.baseLayerDigest
        #expect(second.registryStatistics["local"]?.blobGets[baseLayer] == 1)

        let rows = try sequential.storeRows()
        #expect(rows.contains("(\(imageCount) rows)"))
        let concurrentRows = try concurrent.storeRows()
        let firstDifference = zip(rows.split(separator: "\n"), concurrentRows.split(separator: "\n")).first { $0 != $1 }
            .map { "\($0.0.prefix(160)) ≠ \($0.1.prefix(160))" }
        #expect(concurrentRows == rows, "the store's rows (or their order) depend on completion order: \(firstDifference ?? "lengths differ")")
        let sequentialSite = sequential.siteFiles(), concurrentSite = concurrent.siteFiles()
        #expect(sequentialSite.count > imageCount)
        #expect(Set(sequentialSite.keys) == Set(concurrentSite.keys))
        for (path, data) in sequentialSite where concurrentSite[path] != data {
            Issue.record("site file \(path) differs between the sequential and the concurrent run")
        }
    }
}
