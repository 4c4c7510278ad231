import Foundation
import ImageSource
import Pipeline
import Store
import Testing

/// The nightly job against a real distribution registry (Debian's docker-registry) over real HTTP.
@Suite(.serialized) struct RegistryScanTests {
    /// Issue evidence: base:1 and app:1 (app = base's layer + one), run, push app:2, run again:
    /// only app:2 is fetched the second time, and the shared base layer is never downloaded again.
    @Test func aSecondRunFetchesOnlyTheNewImageAndNoSharedLayer() throws {
        let images = try TestImages()
        defer { images.remove() }
        try images.derive(tag: "app-1", content: "version one\n", created: "2026-01-01T00:00:00Z")
        try images.derive(tag: "app-2", content: "version two\n", created: "2026-02-01T00:00:00Z")
        let registry = try TestRegistry(auth: .none)
        defer { registry.stop() }
        let proxy = try TestProxy(upstream: registry)
        defer { proxy.stop() }
        try registry.push(layout: images.layout, tag: "base", to: "base:1")
        try registry.push(layout: images.layout, tag: "app-1", to: "app:1")
        try registry.push(layout: images.layout, tag: "base", to: "other:1")
        let base = try registry.remote("base:1")
        let app1 = try registry.remote("app:1")
        #expect(app1.layers.count == 2 && app1.layers[0] == base.layers[0], "app:1 is base's layer plus one")
        let baseLayer = base.layers[0]
        let job = try JobFolder()
        defer { job.remove() }
        let yaml = """
            registries:
              - name: local
                url: http://\(proxy.address)
            repositories:
              - name: base
                registry: local
              - name: app
                registry: local
                tags:
                  include: ["*"]
            """

        let first = try job.run(yaml)
        #expect(first.imagesAnalysed == 2, "warnings: \(first.warnings.map(\.message))")
        #expect(first.imagesFailed == 0)
        let firstLog = try proxy.entries()
        // base:1 and app:1 share the base layer: it was downloaded for one of them only.
        #expect(firstLog.filter { $0.method == "GET" && $0.path.hasSuffix("/blobs/\(baseLayer)") }.count == 1)
        #expect(firstLog.contains { $0.method == "GET" && $0.path.hasSuffix("/blobs/\(app1.layers[1])") })

        try proxy.clear()
        try registry.push(layout: images.layout, tag: "app-2", to: "app:2")
        let app2 = try registry.remote("app:2")
        #expect(app2.layers[0] == baseLayer)
        let second = try job.run(yaml)
        #expect(second.imagesAnalysed == 1)
        #expect(second.imagesCached == 2)
        #expect(second.imagesFailed == 0)
        let log = try proxy.entries()
        let blobs = Set(log.filter { $0.method == "GET" && $0.path.contains("/blobs/") }.map { String($0.path.split(separator: "/").last!) })
        #expect(blobs == [app2.configDigest, app2.layers[1]], "blobs fetched the second time: \(blobs)")
        let manifests = log.filter { $0.method == "GET" && $0.path.contains("/manifests/") }.map(\.path)
        #expect(manifests == ["/v2/app/manifests/\(app2.manifestDigest)"], "manifests fetched: \(manifests)")
        #expect(log.filter { $0.method == "HEAD" }.count == 3, "one HEAD per tag")
        let statistics = try #require(second.registryStatistics["local"])
        #expect(Set(statistics.blobGets.keys) == [app2.configDigest, app2.layers[1]])
        #expect(statistics.blobGets[baseLayer] == nil)

        let store = try job.store()
        let tags = Dictionary(uniqueKeysWithValues: try store.images().flatMap { image in
            image.tags.map { ("\($0.repository):\($0.tag)", image.sbom.metadata.manifestDigest) }
        })
        #expect(tags == ["base:1": base.manifestDigest, "app:1": app1.manifestDigest, "app:2": app2.manifestDigest])
        let app2Image = try #require(try store.images().first { $0.sbom.metadata.manifestDigest == app2.manifestDigest })
        #expect(app2Image.sbom.packages.count == 14, "Alpine 3.11's 14 apk packages come from the cached base layer")
        #expect(app2Image.source == "registry://\(proxy.address)/app:2")
        #expect(try store.cachedLayerCount() == 3)

        // The catalog shows `other`, present in the registry but not configured: discovered, disabled.
        let other = try #require(try store.repositorySettings().first { $0.name == "other" })
        #expect(other.discovered && !other.enabled && !other.inConfig)
        #expect(other.source == "registry://\(proxy.address)")
        // The settings page shows each repository's registry and tag selection, the discovered one's
        // selection once enabled (the registry's default).
        let settingsPage = try String(contentsOf: job.folder.appendingPathComponent("site/settings.html"), encoding: .utf8)
        func row(_ name: String) -> Substring? {
            (settingsPage.range(of: "<th scope=\"row\">\(name)</th>") ?? settingsPage.range(of: ">\(name)</a></th>")).flatMap { start in
                settingsPage[start.lowerBound...].range(of: "</tr>").map { settingsPage[start.lowerBound..<$0.upperBound] }
            }
        }
        #expect(row("app")?.contains("<td>include *</td>") == true, "\(String(describing: row("app")))")
        #expect(row("base")?.contains("<td>every tag</td>") == true)
        #expect(row("other")?.contains("<td>when enabled: newest 3</td>") == true)
        #expect(row("other")?.contains("<code>registry://\(proxy.address)</code>") == true)

        // `repo enable other` and `repo disable app` (stored overrides) change what the next run reads.
        try store.setRepositoryOverride(name: "other", enabled: true, at: "2026-03-01T00:00:00Z")
        try store.setRepositoryOverride(name: "app", enabled: false, at: "2026-03-01T00:00:00Z")
        try proxy.clear()
        let third = try job.run(yaml)
        #expect(third.imagesCached == 2 && third.imagesAnalysed == 0, "base:1 and other:1 (the same digest)")
        #expect(!(try proxy.entries()).contains { $0.path.hasPrefix("/v2/app/") }, "a disabled repository is not read")
        let settings = try store.repositorySettings()
        #expect(settings.first { $0.name == "app" }?.imageCount == 2, "a disabled repository keeps its history")
        #expect(settings.first { $0.name == "app" }?.enabled == false)
        #expect(try store.images().contains { $0.tags.contains { $0.repository == "other" && $0.tag == "1" } })
    }

    /// 500 then 503 before success, a tag deleted between listing and fetching, and a blob whose
    /// bytes were changed on the registry's disk.
    @Test func retriesSkipsADeletedTagAndRefusesATamperedBlob() throws {
        let images = try TestImages()
        defer { images.remove() }
        try images.derive(tag: "app-1", content: "one\n")
        try images.derive(tag: "app-2", content: "two\n")
        try images.derive(tag: "bad-1", content: "tamper me\n")
        let registry = try TestRegistry(auth: .none)
        defer { registry.stop() }
        let proxy = try TestProxy(upstream: registry, arguments: ["--fail", "/v2/app/manifests/1:2", "--delete-after-list", "app:gone"])
        defer { proxy.stop() }
        try registry.push(layout: images.layout, tag: "app-1", to: "app:1")
        try registry.push(layout: images.layout, tag: "app-2", to: "app:gone")
        try registry.push(layout: images.layout, tag: "bad-1", to: "bad:1")
        let app1 = try registry.remote("app:1")
        let bad = try registry.remote("bad:1")
        // Change one byte in the middle of bad:1's own (gzip) layer, on the registry's disk.
        let file = registry.blobFile(bad.layers[1])
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: file)

        let job = try JobFolder()
        defer { job.remove() }
        let outcome = try job.run("""
            registries:
              - name: local
                url: http://\(proxy.address)
                catalog: false
            repositories:
              - name: app
                registry: local
              - name: bad
                registry: local
            """)
        let log = try proxy.entries()
        #expect(log.filter { $0.path == "/v2/app/manifests/1" }.compactMap(\.status) == [500, 503, 200])
        #expect(outcome.imagesAnalysed == 1)
        #expect(outcome.imagesFailed == 1, "only the tampered image failed; the deleted tag is skipped")
        let messages = outcome.warnings.map(\.message)
        #expect(messages.contains { $0.contains("Tag 'gone' of 'app' on registry 'local' disappeared after it was listed") }, "\(messages)")
        let mismatch = try #require(messages.first { $0.contains(bad.layers[1].prefix(19)) })
        #expect(mismatch.contains("registry 'local'") && mismatch.contains("not to its digest"), "\(mismatch)")
        let store = try job.store()
        #expect(try store.hasImage(digest: app1.manifestDigest))
        #expect(try !store.hasImage(digest: bad.manifestDigest), "a blob that does not match its digest never gives a result")
        #expect(try store.imageCount() == 1)
        #expect((outcome.registryStatistics["local"]?.retries ?? 0) >= 2)
    }
}
