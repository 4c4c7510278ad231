import Foundation
import Pipeline
import ScoutModel
import Testing

/// Exceptions that age: expired, expiring within 14 days, and ignore entries or VEX statements that suppressed nothing.
@Suite struct ExceptionAuditTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func config() throws -> Config {
        let vex = fixtures.appendingPathComponent("feeds/vex/format-sample.openvex.json").path
        return try ConfigLoader.parse("""
            vex:
              - \(vex)
            ignore:
              - {id: CVE-2024-0001, reason: soon, expires: 2026-03-10}
              - {id: CVE-2024-0002, reason: later, expires: 2026-04-01}
              - {id: CVE-2024-0003, reason: gone, expires: 2026-02-28}
            """, file: "/srv/scout/scout-report.yml")
    }

    static func finding(_ id: String, _ suppression: Suppression?) -> Finding {
        Finding(vulnerabilityID: id, package: Package(type: .apk, name: "busybox", version: "1", purl: "pkg:apk/alpine/busybox@1", cataloger: "apk-db-cataloger"),
                severity: .high, affectedRange: "<2", ecosystem: "Alpine:v3.11", suppression: suppression)
    }

    @Test func expiredSoonAndUnused() throws {
        let config = try Self.config()
        let audit = ExceptionAudit(config: config)
        let findings = [
            Self.finding("CVE-2024-0002", Suppression(kind: .ignore, status: "ignored", statement: "later", source: config.file, expires: "2026-04-01")),
            Self.finding("CVE-2021-28831", Suppression(kind: .vex, status: "not_affected", source: config.vex[0])),
        ]
        let notes = audit.notes(findings: findings, today: "2026-03-01T02:00:00Z")
        let summary = Set(notes.map { "\($0.kind) \($0.subject) \($0.state.rawValue)" })
        #expect(summary == [
            "ignore CVE-2024-0003 expired",
            "ignore CVE-2024-0001 expiring-soon", "ignore CVE-2024-0001 unused",
            "vex CVE-2020-28928 unused",
        ], "CVE-2024-0002 (used, 31 days left) and CVE-2021-28831 (used) are fine; the `affected` statement suppresses nothing by design")
        #expect(notes.allSatisfy { !$0.source.hasPrefix("/srv/scout/") }, "no machine path on the page: \(notes.map(\.source))")
        #expect(notes.first { $0.state == .expiringSoon }?.detail == "expires 2026-03-10, within 14 days")
        // 14 days is inclusive; the day after it is not soon.
        #expect(audit.notes(findings: findings, today: "2026-02-24T00:00:00Z").contains { $0.subject == "CVE-2024-0001" && $0.state == .expiringSoon })
        #expect(!audit.notes(findings: findings, today: "2026-02-23T00:00:00Z").contains { $0.subject == "CVE-2024-0001" && $0.state == .expiringSoon })
    }
}
