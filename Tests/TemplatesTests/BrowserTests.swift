import Foundation
import ScoutModel
import Testing
@testable import Templates

/// Loads one page of every kind in headless Chromium (Debian's `chromium`, installed by
/// `scripts/install-deps.sh test`) and fails on any console message (a CSP violation, a blocked load,
/// a script error), on a page the script did not enhance, and on a broken relative link (checked
/// statically on every page). Skipped, with a note, where no Chromium is installed.
@Suite(.serialized) struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (scripts/install-deps.sh test)"))
    func everyPageKindLoadsWithoutAConsoleError() throws {
        var snapshot = try FixtureSnapshot.make()
        FixtureSnapshot.withHistory(&snapshot)
        for site in [try render(snapshot), try render(EscapingTests.hostileSnapshot())] {
            defer { site.cleanUp() }
            let files = site.files()
            #expect(try LinkCheck.run(site).broken.isEmpty)
            // One page of each kind: the first file in each folder plus every top-level page.
            var kinds: [String: String] = [:]
            for file in files where file.hasSuffix(".html") {
                let kind = file.contains("/compare-") ? "compare" : String(file.split(separator: "/").first!)
                if kinds[kind] == nil { kinds[kind] = file }
            }
            #expect(kinds.count == 12, "\(kinds.keys.sorted())")
            for (_, file) in kinds.sorted(by: { $0.key < $1.key }) {
                let result = try Self.load(site.url.appendingPathComponent(file))
                #expect(result.status == 0, "chromium failed on \(file): \(result.console.prefix(500))")
                #expect(result.problems.isEmpty, "\(file): \(result.problems)")
                // site.js ran: it un-hides the filter box of pages that have one.
                if result.dom.contains("data-tools") {
                    #expect(!result.dom.contains("hidden=\"\" data-tools") && !result.dom.contains("data-tools=\"\" hidden"), "site.js did not run on \(file)")
                }
                #expect(result.dom.contains("</footer>"), "\(file) did not render whole")
            }
        }
    }

    /// The check itself can fail: an inline script refused by the CSP, an image the CSP blocks and a
    /// script error are all reported. (Headless Chromium does not log a missing local file: the
    /// static `LinkCheck`, run on every page, covers those.)
    @Test(.enabled(if: chromium != nil, "chromium is not installed (scripts/install-deps.sh test)"))
    func theBrowserCheckSeesProblems() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let head = #"<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'">"#
        try (head + #"<script>document.title = "x"</script><img src="https://tracker.example/p.png"><p>x</p><footer></footer>"#)
            .write(to: folder.url.appendingPathComponent("bad.html"), atomically: true, encoding: .utf8)
        try "undefinedFunction();\n".write(to: folder.url.appendingPathComponent("error.js"), atomically: true, encoding: .utf8)
        try (head + #"<script src="error.js"></script><footer></footer>"#)
            .write(to: folder.url.appendingPathComponent("error.html"), atomically: true, encoding: .utf8)
        let bad = try Self.load(folder.url.appendingPathComponent("bad.html"))
        #expect(bad.problems.contains { $0.contains("Content Security Policy") || $0.contains("Refused") }, "\(bad.console.prefix(2000))")
        #expect(bad.problems.contains { $0.contains("tracker.example") }, "\(bad.console.prefix(2000))")
        let error = try Self.load(folder.url.appendingPathComponent("error.html"))
        #expect(error.problems.contains { $0.contains("undefinedFunction") }, "\(error.console.prefix(2000))")
    }

    private func render(_ snapshot: FleetSnapshot) throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        try SiteRenderer().render(snapshot, into: site.url)
        return site
    }

    struct Load {
        var status: Int32
        var dom: String
        var console: String
        /// Console lines of level WARNING or above, and failed loads.
        var problems: [String]
    }

    /// `chromium --headless --dump-dom` with console logging on stderr.
    static func load(_ page: URL) throws -> Load {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom", page.absoluteString,
        ]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let console = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // The site logs nothing: any console line (CSP violation, script error, blocked load) is a problem.
        let problems = console.split(separator: "\n").map(String.init).filter { line in
            line.contains(":CONSOLE") || line.contains("Failed to load resource") || line.contains("Content Security Policy")
        }
        return Load(status: process.terminationStatus, dom: dom, console: console, problems: problems)
    }
}
