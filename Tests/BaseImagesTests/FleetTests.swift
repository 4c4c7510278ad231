import Foundation
import Testing
import BaseImages
import Pipeline
import Reports
import ScoutModel
import Store

@Suite(.serialized) struct FleetTests {
    @Test func quickviewOfAppShowsBaseRefreshedAndUpdatedWithDeltas() throws {
        let fleet = try Fleet()
        defer { fleet.directory.cleanup() }
        let config = try fleet.runTwice()
        let store = try ScoutStore(path: config.store)
        let context = try BaseImageContext(store: store, evaluator: Evaluator(store: store), settings: config.policies)
        let app = try #require(context.catalog.images[fleet.digests["app"]!])
        let annotated = context.annotate(app, now: Fleet.secondRun)
        let base = try #require(annotated.base)
        #expect(base.base.reference.digest == fleet.digests["base-1.0-old"])
        #expect(base.method == .layers && base.autoDetected && base.exactLayerMatch)
        #expect(base.refreshed?.reference.digest == fleet.digests["base-1.0-new"])
        #expect(base.updated?.reference.digest == fleet.digests["base-1.1"])
        #expect(base.upToDate == false)
        let text = QuickviewReport.render(
            image: annotated, base: context.report(for: base.base), refreshedBase: context.report(for: base.refreshed),
            updatedBase: context.report(for: base.updated), baseAutoDetected: base.autoDetected)
        // Alpine 3.10.4 (openssl 1.1.1d-r2): 7 CVEs; without openssl: none; Alpine 3.11.5: 21.
        #expect(text == """
                i Base image was auto-detected. To get more accurate results, build images with max-mode provenance attestations.

              Your image  app:latest          │    0C     3H     3M     1L
              Base image  base:1.0            │    0C     3H     3M     1L
              Refreshed base image  base:1.0  │    0C     0H     0M     0L
                                              │           -3     -3     -1
              Updated base image  base:1.1    │    1C    14H     5M     1L
                                              │    +1    +11     +2

            """)
    }

    @Test func snapshotCarriesBasesPoliciesAndKeepsBaseOnlyRepositoriesOff() throws {
        let fleet = try Fleet()
        defer { fleet.directory.cleanup() }
        let config = try fleet.runTwice()
        let store = try ScoutStore(path: config.store)
        let snapshot = try SnapshotBuilder(store: store, policies: config.policies, baseOnlyRepositories: ["base"])
            .snapshot(title: "t", generatedAt: Fleet.secondRun)
        // Base-only images come along for their own pages, flagged: the Images tab and the counts leave them out.
        #expect(snapshot.images.filter { !$0.baseOnly }.map(\.displayName) == ["annotated:latest", "app:latest", "approot:latest"])
        #expect(Set(snapshot.images.filter(\.baseOnly).map(\.displayName)).isSuperset(of: ["base:0.9", "base:1.0", "base:1.1", "base:2.0-slim"]))
        let byName = Dictionary(uniqueKeysWithValues: snapshot.images.filter { !$0.baseOnly }.map { ($0.displayName, $0) })

        // Annotations win over the layers, which point at the old base:1.0.
        let annotated = try #require(byName["annotated:latest"]?.base)
        #expect(annotated.method == .annotation && !annotated.autoDetected)
        #expect(annotated.base.reference.digest == fleet.digests["base-1.1"])
        #expect(annotated.base.counts == SeverityCounts(critical: 1, high: 14, medium: 5, low: 1))
        #expect(annotated.upToDate == true && annotated.refreshed == nil)
        #expect(byName["annotated:latest"]?.baseImage == "docker.io/library/base:1.1")

        // Non-root passes, root (implicit) fails.
        let user = { (name: String) in byName[name]?.policies?.results.first { $0.id == "default-non-root-user" } }
        #expect(user("app:latest")?.status == .compliant)
        #expect(user("annotated:latest")?.status == .compliant)
        #expect(user("approot:latest")?.status == .violated)
        #expect(user("approot:latest")?.detail == "root (implicit)")

        // app: fixable highs (violated 20), high-profile none (20), no attestations (violated 15),
        // approved base (15), outdated base (violated 10), non-root (5), no AGPL (5): 45/90 = 50% → D.
        let app = try #require(byName["app:latest"]?.policies)
        #expect(app.results.map(\.status) == [.violated, .compliant, .violated, .compliant, .violated, .compliant, .compliant])
        #expect(app.percent == 50 && app.grade == "D")
        #expect(app.results[0].counts == SeverityCounts(high: 3))
        // approot loses the user policy too: 40/90 = 44% → D; annotated's base is up to date: 55/90 = 61% → C.
        #expect(byName["approot:latest"]?.policies?.gradeDisplay == "D (44%)")
        #expect(byName["annotated:latest"]?.policies?.gradeDisplay == "C (61%)")
    }

    @Test func tagHistoryKeepsWhereATagUsedToPoint() throws {
        let fleet = try Fleet()
        defer { fleet.directory.cleanup() }
        let config = try fleet.runTwice()
        let history = try ScoutStore(path: config.store).tagHistory().filter { $0.repository == "base" && $0.tag == "1.0" }
        #expect(history == [
            TagRecord(repository: "base", tag: "1.0", digest: fleet.digests["base-1.0-old"]!, since: Fleet.firstRun, until: Fleet.secondRun),
            TagRecord(repository: "base", tag: "1.0", digest: fleet.digests["base-1.0-new"]!, since: Fleet.secondRun),
        ])
    }
}
