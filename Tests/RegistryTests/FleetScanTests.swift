import Foundation
import Pipeline
import Store
import Testing

/// What the nightly job costs per registry tag at fleet scale (issue 13).
@Suite(.serialized) struct FleetScanTests {
    /// The store's count of decoded SBOMs at each progress line of a run.
    final class Marks: @unchecked Sendable {
        private let lock = NSLock()
        private var marks: [(line: String, sbomsRead: Int)] = []

        func add(_ line: String, _ sbomsRead: Int) {
            lock.lock()
            marks.append((line, sbomsRead))
            lock.unlock()
        }

        /// The count at the last line starting with `prefix`.
        func last(_ prefix: String) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            return marks.last { $0.line.hasPrefix(prefix) }?.sbomsRead
        }

        func count(_ prefix: String) -> Int {
            lock.lock()
            defer { lock.unlock() }
            return marks.filter { $0.line.hasPrefix(prefix) }.count
        }
    }

    /// Issue 13: every cached registry tag read every stored SBOM (`store.images()` per tag), so a
    /// warm scan of N tags decoded N × N package lists. A cached tag now costs an indexed count only:
    /// the scan decodes no stored SBOM at all, and the whole run decodes each image once.
    @Test func aWarmScanOfCachedTagsDecodesNoStoredSBOM() throws {
        let images = try TestImages()
        defer { images.remove() }
        let registry = try TestRegistry(auth: .none)
        defer { registry.stop() }
        let builds = 4
        for build in 0..<builds {
            try images.derive(tag: "build-\(build)", content: "build \(build)\n", created: "2026-01-0\(build + 1)T00:00:00Z")
            try registry.push(layout: images.layout, tag: "build-\(build)", to: "app:1.\(build)")
        }
        try registry.push(layout: images.layout, tag: "base", to: "base:1")
        let job = try JobFolder()
        defer { job.remove() }
        let yaml = """
            registries:
              - name: local
                url: http://\(registry.address)
            repositories:
              - name: base
                registry: local
              - name: app
                registry: local
            """
        let first = try job.run(yaml)
        #expect(first.imagesAnalysed == builds + 1, "warnings: \(first.warnings.map(\.message))")

        let store = try job.store()
        let marks = Marks()
        let second = try job.run(yaml) { line in
            marks.add(line, store.sbomsRead)
        }
        #expect(second.imagesCached == builds + 1 && second.imagesAnalysed == 0 && second.imagesFailed == 0)
        #expect(marks.count("Cached") == builds + 1)
        let scanStart = try #require(marks.last("Scanning"))
        let scanEnd = try #require(marks.last("Cached"))
        #expect(scanEnd - scanStart == 0, "SBOMs decoded while scanning \(builds + 1) cached tags")
        // Nothing changed: re-evaluation decodes no stored SBOM either (it carries the findings over).
        let evaluated = try #require(marks.last("Evaluated"))
        #expect(evaluated - scanEnd == 0)
        // The counter does count: the snapshot decodes each stored SBOM once per run.
        #expect(store.sbomsRead - scanStart == builds + 1)
    }
}
