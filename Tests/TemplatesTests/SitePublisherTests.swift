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
        #expect(try entries(site) == [SitePublisher.markerName, "index.html"])
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

    @Test func refusesToReplaceWhatItDidNotPublish() throws {
        let parent = try TemporaryDirectory()
        defer { parent.cleanUp() }
        let build: (URL) throws -> Void = { try "new".write(to: $0.appendingPathComponent("index.html"), atomically: false, encoding: .utf8) }

        // A folder with someone's files: refused, every file kept.
        let project = parent.url.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try "keep".write(to: project.appendingPathComponent("scout-report.yml"), atomically: false, encoding: .utf8)
        #expect {
            try SitePublisher.publish(to: project, build: build)
        } throws: { error in
            String(describing: error).contains("was not published by scout-report")
        }
        #expect(try entries(project) == ["scout-report.yml"])

        // A symbolic link: refused, its target untouched.
        let link = parent.url.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: project.path)
        #expect {
            try SitePublisher.publish(to: link, build: build)
        } throws: { error in
            String(describing: error).contains("symbolic link")
        }
        #expect(try entries(project) == ["scout-report.yml"])
        #expect(try entries(parent.url) == ["project", "site"])

        // An empty folder is taken, and after that it is a site: replaced on the next run.
        let fresh = parent.url.appendingPathComponent("fresh")
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        try SitePublisher.publish(to: fresh, build: build)
        try SitePublisher.publish(to: fresh, build: build)
        #expect(try entries(fresh) == [SitePublisher.markerName, "index.html"])

        // A site published before the marker existed is recognised by its index pages and assets.
        let legacy = parent.url.appendingPathComponent("legacy")
        try FileManager.default.createDirectory(at: legacy.appendingPathComponent("assets"), withIntermediateDirectories: true)
        for name in ["index.html", "index.json", "settings.html"] {
            try "old".write(to: legacy.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        try SitePublisher.publish(to: legacy, build: build)
        #expect(try entries(legacy) == [SitePublisher.markerName, "index.html"])
    }
}
