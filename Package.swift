// swift-tools-version:6.0
// scout-report: a self-hosted container image analysis reporter in the spirit of Docker Scout.
import PackageDescription

let package = Package(
    name: "scout-report",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "scout-report", targets: ["ScoutReport"]),
        // The parsing modules, for the libFuzzer harness in fuzz/ (a separate package built with sanitizers).
        .library(name: "ScoutParsers", targets: ["JSONText", "Versions", "CVSS", "Archives", "ImageSource", "Catalogers", "Vulnerabilities", "Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // System libraries from Debian (-dev packages), found through pkg-config.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // Intel ISA-L's inflate: the fast path for gzip layers (zlib stays the fallback and for zip entries).
        .systemLibrary(name: "CIsal", path: "Sources/CIsal", pkgConfig: "libisal",
                       providers: [.apt(["libisal-dev"])]),
        // libcurl's multi interface: the registry client's HTTP (keep-alive, HTTP/2, TLS) at a tenth of
        // URLSession's CPU a request on Linux.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCmark", path: "Sources/CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        // libpq: the PostgreSQL client the work queue speaks through (`queue:`, `scout-report worker`).
        .systemLibrary(name: "CLibpq", path: "Sources/CLibpq", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),

        // gzip, zlib and zip through system zlib, bounded against bombs.
        .target(name: "Archives", dependencies: ["CZlib"]),
        // Plain value types shared by every stage.
        .target(name: "ScoutModel"),
        // JSON text in and out: a bounded byte parser (bytes → `JSONValue`, depth and size limits) for
        // advisory feeds, stored records and package manifests, and a streaming writer (JSONEncoder's
        // layout and escaping) for the report documents, index.json and stored advisory records.
        .target(name: "JSONText"),
        // Version ordering per ecosystem and CVSS scoring: pure leaves, fuzzable alone.
        .target(name: "Versions"),
        .target(name: "CVSS"),
        // Image input: OCI layouts, docker-save archives, gzip + tar streaming, whiteouts.
        .target(name: "ImageSource", dependencies: [
            "ScoutModel", "CZlib", "CIsal", "CCurl",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // One folder per ecosystem, one parser signature.
        .target(name: "Catalogers", dependencies: [
            "ScoutModel", "Archives", "JSONText",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Advisory importers and the matcher.
        .target(name: "Vulnerabilities", dependencies: [
            "ScoutModel", "Versions", "CVSS", "Archives", "JSONText", "Yams",
        ]),
        // SQLite through GRDB: the single source of truth.
        .target(name: "Store", dependencies: [
            "ScoutModel", "JSONText", "Reports", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Base images: detection, refreshed and updated bases, Scout's policies and health score.
        .target(name: "BaseImages", dependencies: ["ScoutModel", "Versions"]),
        // Machine and text reports: quickview, cves, SARIF.
        .target(name: "Reports", dependencies: ["ScoutModel", "Versions", "JSONText"]),
        // The static site: view models, Mustache templates (embedded at build time) rendered by our
        // own small engine (safe by default, no Mirror), cmark.
        .target(name: "Templates", dependencies: [
            "ScoutModel", "Reports", "CCmark", "JSONText",
            .product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto"),
        ], plugins: ["EmbedTemplatesPlugin"]),
        // The PostgreSQL work queue: jobs, leases, fencing, the shared layer cache (issue 14).
        .target(name: "Queue", dependencies: ["CLibpq"]),
        // Configuration and the nightly job: wires every stage together.
        .target(name: "Pipeline", dependencies: [
            "ScoutModel", "ImageSource", "Catalogers", "Vulnerabilities", "Store",
            "Reports", "Templates", "Yams", "BaseImages", "Queue",
        ]),
        .executableTarget(name: "ScoutReport", dependencies: [
            "Pipeline", "Versions", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Figures for benchmarks/run.sh (not shipped).
        .executableTarget(name: "scout-bench", dependencies: ["Pipeline", "Store", "ScoutModel", "Queue"], path: "Sources/ScoutBench"),
        // `benchmarks/catalog.sh`: cataloging throughput against `gzip -dc` of the same layers.
        .executableTarget(name: "catalog-benchmark", dependencies: ["ImageSource", "Catalogers"],
                          path: "benchmarks/CatalogBenchmark"),
        // Renders a synthetic 1,000-image fleet and prints the time (benchmarks/render.sh).
        .executableTarget(name: "SiteBenchmark", dependencies: ["Templates", "ScoutModel"]),

        // Build-time embedding of Resources/templates into the Templates module.
        .executableTarget(name: "embed-resources", path: "Plugins/EmbedResourcesTool"),
        .plugin(name: "EmbedTemplatesPlugin", capability: .buildTool(),
                dependencies: ["embed-resources"]),

        .testTarget(name: "ArchivesTests", dependencies: ["Archives", "TestSupport"]),
        .testTarget(name: "VersionsTests", dependencies: ["Versions"]),
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText"]),
        .testTarget(name: "CVSSTests", dependencies: ["CVSS"]),
        // Helpers shared by test targets (not shipped): a minimal ustar writer.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ImageSourceTests", dependencies: ["ImageSource", "Catalogers", "TestSupport"]),
        .testTarget(name: "CatalogersTests", dependencies: ["Catalogers", "TestSupport"]),
        .testTarget(name: "VulnerabilitiesTests", dependencies: ["Vulnerabilities", "Catalogers", "JSONText", "TestSupport"]),
        .testTarget(name: "CatalogMatchingTests", dependencies: ["Catalogers", "Vulnerabilities", "ScoutModel"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Reports"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "ImageSource", "Store", "ScoutModel", "TestSupport"]),
        .testTarget(name: "BaseImagesTests", dependencies: ["BaseImages", "Pipeline", "Reports", "Store", "ImageSource"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Store", "TestSupport", "ImageSource"]),
        .testTarget(name: "RegistryTests", dependencies: ["ImageSource", "Pipeline", "Store", "ScoutModel", "TestSupport", "Queue"]),
        .testTarget(name: "QueueTests", dependencies: ["Queue", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
