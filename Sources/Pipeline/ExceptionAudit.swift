import Foundation
import ScoutModel
import Vulnerabilities

/// The exceptions worth a look again: ignore entries that expired or expire within 14 days, and
/// ignore entries and VEX statements (of the config's documents) that suppressed no finding this run.
public struct ExceptionAudit: Sendable {
    public var ignore: [Config.IgnoreRule]
    public var vexPaths: [String]
    /// Where the ignore entries are declared (the config file).
    public var configFile: String
    /// Days ahead an expiry is announced.
    public var warningDays = 14

    public init(config: Config) {
        ignore = config.ignore
        vexPaths = config.vex
        configFile = config.file
    }

    /// What the pages show as where an exception is declared: the path relative to the config's
    /// folder (the configuration's own file name), never the machine's absolute path.
    func shown(_ path: String) -> String {
        let folder = (configFile as NSString).deletingLastPathComponent
        return path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : (path as NSString).lastPathComponent
    }

    /// `findings`: the latest run's findings of every image, suppressed ones included; `today`: RFC 3339.
    public func notes(findings: [Finding], today: String) -> [ExceptionNote] {
        let day = String(today.prefix(10))
        let soon = Self.day(adding: warningDays, to: day) ?? day
        var notes: [ExceptionNote] = []
        let ignored = findings.filter { $0.suppression?.kind == .ignore }
        for rule in ignore {
            let subject = [rule.id, rule.package, rule.image].compactMap { $0 }.joined(separator: " ")
            if let expires = rule.expires, expires < day {
                notes.append(ExceptionNote(kind: "ignore", subject: subject, state: .expired, detail: "expired \(expires): it no longer suppresses anything", source: shown(configFile)))
                continue
            }
            if let expires = rule.expires, expires <= soon {
                notes.append(ExceptionNote(kind: "ignore", subject: subject, state: .expiringSoon, detail: "expires \(expires), within \(warningDays) days", source: shown(configFile)))
            }
            let used = ignored.contains { finding in
                (finding.vulnerabilityID == rule.id || finding.aliases.contains(rule.id)) && finding.suppression?.statement == rule.reason
            }
            if !used {
                notes.append(ExceptionNote(kind: "ignore", subject: subject, state: .unused, detail: "suppressed no finding in this run", source: shown(configFile)))
            }
        }
        let vexed = findings.filter { $0.suppression?.kind == .vex }
        for path in vexPaths {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)), let document = try? OpenVEXDocument.decode(data, source: path) else { continue }
            for statement in document.statements where OpenVEXDocument.suppressingStatuses.contains(statement.status) {
                let ids = Set(statement.vulnerabilityIDs)
                let used = vexed.contains { finding in
                    finding.suppression?.source == path && (ids.contains(finding.vulnerabilityID) || finding.aliases.contains(where: ids.contains))
                }
                guard !used else { continue }
                notes.append(ExceptionNote(kind: "vex", subject: statement.vulnerabilityIDs.first ?? "(no vulnerability)", state: .unused,
                                           detail: "\(statement.status) statement suppressed no finding in this run", source: shown(path)))
            }
        }
        return notes.sorted { ($0.state.rawValue, $0.kind, $0.subject, $0.source) < ($1.state.rawValue, $1.kind, $1.subject, $1.source) }
    }

    /// `2026-06-30` + 14 → `2026-07-14` (UTC).
    static func day(adding days: Int, to day: String) -> String? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: day) else { return nil }
        return formatter.string(from: date.addingTimeInterval(Double(days) * 86_400))
    }
}
