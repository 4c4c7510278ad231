import Foundation
import Testing

/// `scripts/differential-versions.sh` without the JRE part (issue 19): scout-report's ordering beside the
/// ecosystems' own tools on the project's versions. dpkg is always there on Debian; the other tools
/// (`scripts/install-deps.sh differential`) run when installed and are reported as skipped otherwise.
@Suite struct DifferentialVersionsTests {
    @Test func agreesWithTheToolsThatNeedNoJRE() throws {
        let script = Binary.root.appendingPathComponent("scripts/differential-versions.sh")
        let result = try Binary.run(["--without-java", "--skip-missing"], environment: ["SCOUT_REPORT": Binary.url.path], executable: script)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // dpkg ran on thousands of pairs (every Debian version the advisories name per package) and agreed.
        let dpkg = try #require(lines.first { $0.hasPrefix("dpkg: ") })
        let pairs = Int(dpkg.dropFirst(6).prefix { $0.isNumber }) ?? 0
        #expect(pairs > 1_000, "\(dpkg)")
        #expect(dpkg.hasSuffix(", 0 disagree without one"))
        #expect(!lines.contains { $0.hasPrefix("maven") })
        for line in lines where line.contains(" pairs, ") {
            #expect(line.hasSuffix(", 0 disagree without one"), "\(line)")
        }
    }

    /// A disagreement that the allow-list does not explain fails the script and names the pair.
    @Test func unlistedDisagreementFails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = folder.appendingPathComponent("ours"), theirs = folder.appendingPathComponent("theirs")
        let allowed = folder.appendingPathComponent("allowed.tsv")
        try "1.0\t2.0\t-1\n1.0\t1.0\t0\n".write(to: ours, atomically: true, encoding: .utf8)
        try "1.0\t2.0\t1\n1.0\t1.0\t0\n".write(to: theirs, atomically: true, encoding: .utf8)
        try "# none\n".write(to: allowed, atomically: true, encoding: .utf8)
        let compare = Binary.root.appendingPathComponent("scripts/differential/compare.py").path
        let failed = try Binary.run([compare, "dpkg", ours.path, theirs.path, allowed.path], executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("1.0  vs  2.0: scout-report -1, authority 1"))
        try "dpkg\t1.0\t2.0\ta reason\n".write(to: allowed, atomically: true, encoding: .utf8)
        let listed = try Binary.run([compare, "dpkg", ours.path, theirs.path, allowed.path], executable: URL(fileURLWithPath: "/usr/bin/python3"))
        #expect(listed.status == 0, "\(listed.stdout)")
        #expect(listed.stdout.contains("1 disagree with a listed reason"))
    }
}
