import Foundation
import Testing
@testable import Templates

@Suite struct SitePublisherTests {
    struct BuildFailed: Error {}

    private func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func createsSwapsAndKeepsTheOldSiteOnFailure() throws {
        let parent = try TemporaryDirectory()
        defer { parent.cleanUp() }
        let site = parent.url.appendingPathComponent("site")

        // First publish: no site yet, a plain rename.
        try SitePublisher.publish(to: site) { try "one".write(to: $0.appendingPathComponent("index.html"), atomically: false, encoding: .utf8) }
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "one")
        #expect(try entries(parent.url) == ["site"])

        // A failing build leaves the published site as it was and no temporary folder behind.
        var sawStaging = false
        #expect(throws: BuildFailed.self) {
            try SitePublisher.publish(to: site) { staging in
                sawStaging = staging.deletingLastPathComponent().standardizedFileURL == parent.url.standardizedFileURL
                try "half".write(to: staging.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
                throw BuildFailed()
            }
        }
        #expect(sawStaging)
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "one")
        #expect(try entries(parent.url) == ["site"])

        // A successful build replaces the whole site: old files are gone.
        try "stale".write(to: site.appendingPathComponent("stale.html"), atomically: false, encoding: .utf8)
        let inode = try FileManager.default.attributesOfItem(atPath: site.path)[.systemFileNumber] as? NSNumber
        try SitePublisher.publish(to: site) { try "two".write(to: $0.appendingPathComponent("index.html"), atomically: false, encoding: .utf8) }
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(try entries(site) == ["index.html"])
        #expect(try entries(parent.url) == ["site"])
        let newInode = try FileManager.default.attributesOfItem(atPath: site.path)[.systemFileNumber] as? NSNumber
        #expect(inode != nil && newInode != nil && inode != newInode)
    }

    @Test func publishesARenderedSite() throws {
        let parent = try TemporaryDirectory()
        defer { parent.cleanUp() }
        let site = parent.url.appendingPathComponent("public")
        let renderer = try SiteRenderer()
        let snapshot = try FixtureSnapshot.make()
        try SitePublisher.publish(to: site) { try renderer.render(snapshot, into: $0) }
        try SitePublisher.publish(to: site) { try renderer.render(snapshot, into: $0) }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("images/library-alpine/a187dde48cd2.html").path))
        #expect(try entries(parent.url) == ["public"])
    }
}
