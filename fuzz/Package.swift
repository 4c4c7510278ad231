// swift-tools-version:6.0
// libFuzzer harness for scout-report's parsers. Kept out of the main build: fuzz/run.sh builds it with
// `-sanitize=fuzzer,address`. One executable, the target chosen by SCOUT_FUZZ_TARGET (see Targets.swift).
import Foundation
import PackageDescription

// A path dependency is named after its folder, which differs between clones and worktrees.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "scout-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "CFuzzDriver", path: "Sources/CFuzzDriver"),
        .executableTarget(
            name: "scout-fuzz",
            dependencies: ["CFuzzDriver", .product(name: "ScoutParsers", package: root.lastPathComponent)],
            path: "Sources/ScoutFuzz",
            // Only this executable links libFuzzer (main.swift starts its driver); run.sh instruments every
            // module with ASan and coverage (-sanitize-coverage), which keeps the build plugin's tool linkable.
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]),  // gold crashes on ASan objects
    ],
    swiftLanguageModes: [.v6]
)
