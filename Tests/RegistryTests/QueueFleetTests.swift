import Foundation
import Pipeline
import Queue
import Store
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14: new digests analysed by workers through the PostgreSQL work queue, against the registry
/// fleet and a PostgreSQL 15 started by the tests.
@Suite(.serialized, .enabled(if: TestPostgres.missing == nil, "\(TestPostgres.missing ?? "")"))
struct QueueFleetTests {
    static let clock = Clock(pinned: "2026-02-01T00:00:00Z")

    static func yaml(registry: String, queue: String? = nil) -> String {
        var text = """
            registries:
              - name: local
                url: http://\(registry)
            repositories:
              - name: base
                registry: local
              - name: app
                registry: local
                tags:
                  include: ["*"]

            """
        if let queue { text += "queue:\n" + queue }
        return text
    }

    @Test func fourWorkersAndTheCoordinatorStoreWhatOneProcessStoresAndReadTheSharedLayerOnce() throws {
        let bed = try Testbed()
        defer { bed.remove() }
        let (server, images, registry) = (bed.server, bed.images, bed.registry)
        let builds = 6
        try bed.pushBuilds(builds)
        try registry.push(layout: images.layout, tag: "base", to: "base:1")

        let single = try JobFolder()
        defer { single.remove() }
        let alone = try single.run(Self.yaml(registry: registry.address), clock: Self.clock)
        #expect(alone.imagesAnalysed == builds + 1 && alone.imagesFailed == 0, "warnings: \(alone.warnings.map(\.message))")

        let queued = try JobFolder()
        defer { queued.remove() }
        let yaml = Self.yaml(registry: registry.address, queue: "  url: \(server.url(withPassword: false))\n  lease: 30\n  wait: 300\n")
        let config = try queued.writeConfig(yaml)
        let environment = queued.environment.merging(["PGPASSWORD": TestPostgres.password]) { $1 }
        let workers = try (0..<4).map { _ in try WorkerProcess(config: config, environment: environment) }
        defer { for worker in workers { worker.stop() } }
        let coordinatorYAML = yaml.replacingOccurrences(of: server.url(withPassword: false), with: server.url())
        let outcome = try queued.runQueued(coordinatorYAML, localWorkers: 0, clock: Self.clock)
        #expect(outcome.imagesAnalysed == builds + 1 && outcome.imagesFailed == 0, "warnings: \(outcome.warnings.map(\.message))")

        // Digest for digest and row for row (the layer cache is PostgreSQL's in queue mode).
        let expected = withoutLayerCache(try single.storeRows())
        #expect(expected.contains("== images (\(builds + 1) rows)"))
        #expect(withoutLayerCache(try queued.storeRows()) == expected)
        #expect(try queued.store().cachedLayerCount() == 0)

        // Every job done once by a worker, imported by the coordinator.
        #expect(try server.psql("SELECT state || ' ' || completions || ' ' || attempts FROM queue_jobs GROUP BY 1") == "imported 1 1")
        // The base layer all seven images share was inflated and stored once, by one of the four workers.
        let base = try #require(try queued.store().image(digest: try registry.remote("base:1").manifestDigest))
        let baseDiffID = try #require(base.sbom.metadata.layers.first?.diffID)
        let queue = try WorkQueue(url: server.url(), lease: 30)
        #expect(try queue.layerWrites(diffID: baseDiffID) == 1)
        #expect(try server.psql("SELECT count(*) FROM queue_layers") == "\(builds + 1)")
        #expect(try server.psql("SELECT sum(writes) FROM queue_layers") == "\(builds + 1)")
    }

    @Test func aPoisonImageFailsAfterItsAttemptsAndItsErrorReachesTheSettingsPage() throws {
        let bed = try Testbed()
        defer { bed.remove() }
        let (server, images, registry) = (bed.server, bed.images, bed.registry)
        try registry.push(layout: images.layout, tag: "base", to: "base:1")
        try images.derive(tag: "good", content: "good\n")
        try registry.push(layout: images.layout, tag: "good", to: "app:good")
        let good = try registry.remote("app:good")
        try images.derive(tag: "poison", content: "poison\n", created: "2026-01-02T00:00:00Z")
        try registry.push(layout: images.layout, tag: "poison", to: "app:poison")
        let poison = try registry.remote("app:poison")
        // Truncate the poison image's own layer in the registry's storage.
        let blob = registry.blobFile(try #require(poison.layers.last))
        let bytes = try Data(contentsOf: blob)
        try bytes.prefix(bytes.count / 2).write(to: blob)

        let job = try JobFolder()
        defer { job.remove() }
        let yaml = Self.yaml(registry: registry.address, queue: "  url: \(server.url())\n  attempts: 2\n  wait: 120\n")
        let outcome = try job.runQueued(yaml, localWorkers: 2, clock: Self.clock)
        #expect(outcome.imagesFailed == 1, "warnings: \(outcome.warnings.map(\.message))")
        #expect(outcome.imagesAnalysed == 2, "base:1 and app:good")
        let warning = try #require(outcome.warnings.first { $0.subject.hasPrefix("app:poison") })
        #expect(warning.message.hasPrefix("Failed after 2 attempts in the work queue: "), "\(warning.message)")
        #expect(try server.psql("SELECT state || ' ' || attempts FROM queue_jobs WHERE digest = '\(poison.manifestDigest)'") == "failed 2")
        #expect(try job.store().image(digest: good.manifestDigest) != nil)
        #expect(try job.store().image(digest: poison.manifestDigest) == nil)
        let settings = String(decoding: try #require(job.siteFiles()["/settings.html"]), as: UTF8.self)
        #expect(settings.contains("Failed after 2 attempts in the work queue"))
    }

    @Test func jobsNotDoneByTheWaitStayQueuedAreListedAndTheNextRunImportsThem() throws {
        let bed = try Testbed()
        defer { bed.remove() }
        let (server, images, registry) = (bed.server, bed.images, bed.registry)
        try images.derive(tag: "one", content: "one\n")
        try registry.push(layout: images.layout, tag: "one", to: "app:1")
        let digest = try registry.remote("app:1").manifestDigest
        let job = try JobFolder()
        defer { job.remove() }
        let yaml = """
            registries:
              - name: local
                url: http://\(registry.address)
            repositories:
              - name: app
                registry: local
            queue:
              url: \(server.url())
              wait: 1

            """
        // No worker anywhere: the run stops waiting after a second and publishes without the image.
        let first = try job.runQueued(yaml, localWorkers: 0, clock: Self.clock)
        #expect(first.imagesAnalysed == 0 && first.imagesFailed == 0)
        let expected = "1 image of 'app' was still queued for workers when the run stopped waiting (queue: wait); it is imported on the next run."
        #expect(first.warnings.map(\.message) == [expected])
        let settings = String(decoding: try #require(job.siteFiles()["/settings.html"]), as: UTF8.self)
        #expect(settings.contains("1 image of &#39;app&#39; was still queued") || settings.contains("1 image of 'app' was still queued"))
        #expect(try server.psql("SELECT state FROM queue_jobs") == "queued")
        #expect(try job.store().image(digest: digest) == nil)

        // The next night keeps the same job (no second one) and imports it once a worker did it.
        let second = try job.runQueued(yaml.replacingOccurrences(of: "wait: 1\n", with: "wait: 120\n"), localWorkers: 1, clock: Self.clock)
        #expect(second.imagesAnalysed == 1 && second.warnings.isEmpty, "warnings: \(second.warnings.map(\.message))")
        #expect(try server.psql("SELECT count(*) || ' ' || min(state) FROM queue_jobs") == "1 imported")
        #expect(try job.store().image(digest: digest) != nil)
    }

    // Workers besides the coordinator's own run as `scout-report worker` processes, as on other machines;
    // in-process workers share the run's RegistrySet.

    /// A PostgreSQL server, an image layout to derive images from, and a registry to push them to.
    struct Testbed {
        let server: TestPostgres
        let images: TestImages
        let registry: TestRegistry

        init() throws {
            server = try TestPostgres()
            images = try TestImages()
            registry = try TestRegistry(auth: .none)
        }

        /// `app:1.0` … `app:1.(count-1)`, each one small layer of its own over the shared ones.
        func pushBuilds(_ count: Int) throws {
            for build in 0..<count {
                try images.derive(tag: "build-\(build)", content: "build \(build)\n", created: "2026-01-0\(build + 1)T00:00:00Z")
                try registry.push(layout: images.layout, tag: "build-\(build)", to: "app:1.\(build)")
            }
        }

        func remove() {
            registry.stop()
            images.remove()
            server.remove()
        }
    }

    /// One image read through a proxy that sends each blob slowly, so a worker is in the middle of a layer.
    struct SlowFleet {
        let server: TestPostgres
        let images: TestImages
        let registry: TestRegistry
        let proxy: TestProxy
        let job: JobFolder
        let digest: String
        let layers: [String]

        init(slowBlobs: Double) throws {
            server = try TestPostgres()
            images = try TestImages()
            registry = try TestRegistry(auth: .none)
            try images.derive(tag: "one", content: "one\n")
            try registry.push(layout: images.layout, tag: "one", to: "app:1")
            digest = try registry.remote("app:1").manifestDigest
            layers = try registry.remote("app:1").layers
            proxy = try TestProxy(upstream: registry, arguments: ["--slow-blobs", String(slowBlobs)])
            job = try JobFolder()
        }

        var yaml: String {
            """
            registries:
              - name: local
                url: http://\(proxy.address)
            repositories:
              - name: app
                registry: local
            queue:
              url: \(server.url(withPassword: false))
              lease: 2
              wait: 120

            """
        }

        /// The worker's environment: the password as libpq reads it, never in the configuration.
        var workerEnvironment: [String: String] { job.environment.merging(["PGPASSWORD": TestPostgres.password]) { $1 } }

        /// The job's state, worker, completions and attempts ("" before the coordinator made the table).
        func state() throws -> String {
            (try? server.psql("SELECT state || ' ' || coalesce(worker, '') || ' ' || completions || ' ' || attempts FROM queue_jobs")) ?? ""
        }

        func remove() {
            proxy.stop()
            registry.stop()
            images.remove()
            job.remove()
            server.remove()
        }
    }

    /// The coordinator on a thread of its own (it waits for the workers).
    final class Coordinator: @unchecked Sendable {
        private let group = DispatchGroup()
        private var result: Result<NightlyJob.Outcome, any Error>?

        init(_ body: @escaping @Sendable () throws -> NightlyJob.Outcome) {
            group.enter()
            Thread { [self] in
                result = Result { try body() }
                group.leave()
            }.start()
        }

        func outcome() throws -> NightlyJob.Outcome {
            group.wait()
            return try result!.get()
        }
    }

    @Test func aWorkerKilledInTheMiddleOfALayerLosesItsJobAfterTheLeaseAndTheJobIsDoneOnce() throws {
        let fleet = try SlowFleet(slowBlobs: 3)
        defer { fleet.remove() }
        let config = try fleet.job.writeConfig(fleet.yaml)
        // The coordinator's libpq reads the password from the URL it is given; the worker from PGPASSWORD.
        let coordinatorYAML = fleet.yaml.replacingOccurrences(of: fleet.server.url(withPassword: false), with: fleet.server.url())
        let coordinator = Coordinator { try fleet.job.runQueued(coordinatorYAML, localWorkers: 0, clock: Self.clock) }
        let doomed = try WorkerProcess(config: config, environment: fleet.workerEnvironment)
        defer { doomed.stop() }
        let layers = Set(fleet.layers)
        #expect(try eventually { try fleet.state().hasPrefix("running ") && fleet.proxy.entries().contains { layers.contains(String($0.path.split(separator: "/").last ?? "")) } },
                "worker log: \(doomed.log)")
        Thread.sleep(forTimeInterval: 1)
        doomed.signal(SIGKILL)
        doomed.process.waitUntilExit()
        let killedState = try fleet.state()
        #expect(killedState.contains(":\(doomed.pid) 0 1"), "\(killedState)")
        let rescuer = try WorkerProcess(config: config, environment: fleet.workerEnvironment)
        defer { rescuer.stop() }
        let outcome = try coordinator.outcome()
        #expect(outcome.imagesAnalysed == 1 && outcome.imagesFailed == 0, "warnings: \(outcome.warnings.map(\.message))")
        #expect(try fleet.state() == "imported \(WorkerProcess.host):\(rescuer.pid) 1 2", "rescuer log: \(rescuer.log)")
        #expect(try fleet.job.store().image(digest: fleet.digest) != nil)
    }

    @Test func aWorkerStoppedPastItsLeaseHasItsCompletionRefused() throws {
        let fleet = try SlowFleet(slowBlobs: 3)
        defer { fleet.remove() }
        let config = try fleet.job.writeConfig(fleet.yaml)
        let coordinatorYAML = fleet.yaml.replacingOccurrences(of: fleet.server.url(withPassword: false), with: fleet.server.url())
        let coordinator = Coordinator { try fleet.job.runQueued(coordinatorYAML, localWorkers: 0, clock: Self.clock) }
        let stopped = try WorkerProcess(config: config, environment: fleet.workerEnvironment)
        defer { stopped.stop() }
        #expect(try eventually { try fleet.state().hasPrefix("running ") }, "worker log: \(stopped.log)")
        stopped.signal(SIGSTOP)
        let other = try WorkerProcess(config: config, environment: fleet.workerEnvironment)
        defer { other.stop() }
        let outcome = try coordinator.outcome()
        #expect(outcome.imagesAnalysed == 1, "warnings: \(outcome.warnings.map(\.message))")
        let done = "imported \(WorkerProcess.host):\(other.pid) 1 2"
        #expect(try fleet.state() == done, "other log: \(other.log)")
        let rows = try fleet.job.storeRows()
        stopped.signal(SIGCONT)
        #expect(eventually { stopped.log.contains("Dropped app@\(fleet.digest)") }, "worker log: \(stopped.log)")
        // The refused completion changed nothing: the job, its count, the store.
        #expect(try fleet.state() == done)
        #expect(try fleet.server.psql("SELECT count(*) FROM queue_results") == "0")
        #expect(try fleet.job.storeRows() == rows)
    }

    @Test func workersAndTheCoordinatorReconnectWhenPostgreSQLRestartsMidRun() throws {
        let bed = try Testbed()
        defer { bed.remove() }
        let (server, registry) = (bed.server, bed.registry)
        let builds = 4
        try bed.pushBuilds(builds)
        let proxy = try TestProxy(upstream: registry, arguments: ["--slow-blobs", "1"])
        defer { proxy.stop() }
        let job = try JobFolder()
        defer { job.remove() }
        let yaml = """
            registries:
              - name: local
                url: http://\(proxy.address)
            repositories:
              - name: app
                registry: local
                tags:
                  include: ["*"]
            queue:
              url: \(server.url())
              lease: 30
              wait: 300

            """
        let coordinator = Coordinator { try job.runQueued(yaml, localWorkers: 2, clock: Self.clock) }
        #expect(eventually { ((try? server.psql("SELECT count(*) FROM queue_jobs WHERE state = 'running'")) ?? "0") != "0" })
        server.stop(immediate: true)
        Thread.sleep(forTimeInterval: 1)
        try server.start()
        let outcome = try coordinator.outcome()
        #expect(outcome.imagesAnalysed == builds && outcome.imagesFailed == 0, "warnings: \(outcome.warnings.map(\.message))")
        #expect(try server.psql("SELECT state || ' ' || completions FROM queue_jobs GROUP BY 1") == "imported 1")
    }
}
