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
            #expect(kinds.count == 13, "\(kinds.keys.sorted())")
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

/// The Images tab's filter, facets and sort in a real browser: a harness script (same folder, so the
/// page's CSP allows it) types into the filter, ticks facets and clicks a heading after site.js ran,
/// and writes which rows stay visible into the DOM that `--dump-dom` returns.
@Suite(.serialized) struct ImagesTabScriptTests {
    static let harness = """
        document.addEventListener("DOMContentLoaded", function () {
          var out = [];
          function shown() {
            return Array.prototype.slice.call(document.querySelectorAll("#images-table tbody tr"))
              .filter(function (r) { return !r.hidden; })
              .map(function (r) { return r.querySelector("th").textContent.trim(); }).join(",");
          }
          var input = document.getElementById("filter");
          function type(value) { input.value = value; input.dispatchEvent(new Event("input")); out.push(value + "=" + shown()); }
          function facet(name, value) {
            var control = document.querySelector('[data-facet="' + name + '"]');
            if (control.type === "checkbox") { control.checked = value !== ""; } else { control.value = value; }
            control.dispatchEvent(new Event("change"));
            if (value !== "") out.push(name + ":" + value + "=" + shown());
          }
          type("kev"); type("critical"); type("cve-2021-3711"); type("c"); type("");
          facet("kev", "yes"); facet("kev", "");
          facet("sev", "critical"); facet("sev", "");
          facet("grade", "C"); facet("grade", "");
          facet("fixable", "yes"); facet("fixable", "");
          document.querySelector("#images-table thead th button").click();
          out.push("sorted=" + shown());
          var pre = document.createElement("pre");
          pre.id = "harness";
          pre.textContent = out.join(";");
          document.body.appendChild(pre);
        });
        """

    @Test(.enabled(if: BrowserTests.chromium != nil, "chromium is not installed (scripts/install-deps.sh test)"))
    func filterFacetsAndSortWorkOnWhatIsShown() throws {
        let site = try TemporaryDirectory()
        defer { site.cleanUp() }
        try SiteRenderer().render(try DashboardFleet.make(), into: site.url)
        let page = try site.read("index.html")
        try page.replacingOccurrences(of: #"<script src="assets/site.js" defer></script>"#,
                                      with: #"<script src="assets/site.js" defer></script><script src="harness.js" defer></script>"#)
            .write(to: site.url.appendingPathComponent("harness.html"), atomically: true, encoding: .utf8)
        try Self.harness.write(to: site.url.appendingPathComponent("harness.js"), atomically: true, encoding: .utf8)
        let result = try BrowserTests.load(site.url.appendingPathComponent("harness.html"))
        #expect(result.problems.isEmpty, "\(result.problems)")
        let report = try #require(captures(#"<pre id="harness">([^<]*)</pre>"#, in: result.dom).first, "\(result.console.prefix(1000))")
        let lines = Dictionary(uniqueKeysWithValues: report.split(separator: ";").map { line -> (String, String) in
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), String(parts[1]))
        })
        #expect(lines["kev"] == "team/app2", "kev finds the row with a known exploited vulnerability: \(report)")
        #expect(lines["critical"] == "library/alpine,team/app10", "critical finds rows with criticals, not every row's hidden label")
        #expect(lines["cve-2021-3711"] == "library/alpine,team/app10", "a CVE id finds the images that have it")
        #expect(lines["kev:yes"] == "team/app2")
        #expect(lines["sev:critical"] == "library/alpine,team/app10")
        #expect(lines["grade:C"] == "team/app1")
        #expect(lines["fixable:yes"] == "library/alpine,team/app2,team/app1,team/svc9,team/svc10")
        #expect(lines["sorted"] == "library/alpine,team/app1,team/app2,team/app10,team/svc9,team/svc10", "natural order: app2 before app10")
    }
}
