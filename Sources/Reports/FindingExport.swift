import Foundation
import JSONText
import ScoutModel

/// Every current finding of every current image, one row each, for auditors: `exports/findings.csv`,
/// `exports/findings.json` and `scout-report export`. Suppressed findings are included (with their
/// suppression), so the export shows what was accepted as well as what is open.
public struct FindingExport: Sendable {
    /// One finding of one image, as written.
    public struct Row: Sendable, Hashable {
        public var repository: String
        /// The tags pointing at the image, comma-separated.
        public var tag: String
        public var digest: String
        public var vulnerability: String
        public var packageType: String
        public var package: String
        public var version: String
        public var fixedVersion: String
        public var severity: String
        public var priority: String
        public var cvss: String
        public var epss: String
        public var kev: Bool
        public var firstSeen: String
        public var owner: String
        public var suppression: String
    }

    /// The column names, in order (CSV header, JSON keys).
    public static let columns = [
        "repository", "tag", "digest", "vulnerability", "package_type", "package", "version", "fixed_version",
        "severity", "priority", "cvss", "epss", "kev", "first_seen", "owner", "suppression",
    ]

    /// The images, in export order (rows are made as they are written: a fleet's export is a hundred
    /// thousand rows, never all held at once).
    private let images: [ImageReport]

    /// Images by repository, tag and digest; each image's findings most urgent first, then its suppressed ones.
    public init(images: [ImageReport]) {
        self.images = images.sorted { ($0.repository ?? $0.source, $0.tags.first ?? "", $0.digest) < ($1.repository ?? $1.source, $1.tags.first ?? "", $1.digest) }
    }

    /// Every row, in order.
    public var rows: [Row] {
        var rows: [Row] = []
        forEachRow { rows.append($0) }
        return rows
    }

    /// The number of rows.
    public var count: Int { images.reduce(0) { $0 + $1.findings.count + $1.suppressed.count } }

    private func forEachRow(_ body: (Row) -> Void) {
        for image in images {
            let tag = image.tags.joined(separator: ",")
            for list in [image.findings.sortedByPriority(), image.suppressed.sortedByPriority()] {
                for finding in list {
                    body(Row(
                        repository: image.repository ?? image.source, tag: tag, digest: image.digest,
                        vulnerability: finding.vulnerabilityID, packageType: finding.package.type.rawValue,
                        package: finding.package.name, version: finding.package.version,
                        fixedVersion: finding.fixedVersions.joined(separator: ","), severity: finding.severity.rawValue,
                        priority: finding.priority.display, cvss: finding.cvssScore.map { String($0) } ?? "",
                        epss: finding.epss.map { String($0.score) } ?? "", kev: finding.kev != nil,
                        firstSeen: finding.firstSeen ?? "", owner: image.owner?.team ?? "",
                        suppression: finding.suppression.map { "\($0.kind.rawValue): \($0.display)" } ?? ""))
                }
            }
        }
    }

    private static func values(_ row: Row) -> [String] {
        [row.repository, row.tag, row.digest, row.vulnerability, row.packageType, row.package, row.version, row.fixedVersion,
         row.severity, row.priority, row.cvss, row.epss, row.kev ? "true" : "false", row.firstSeen, row.owner, row.suppression]
    }

    /// RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote, CR or LF
    /// (quotes doubled); a text cell starting with `=`, `+`, `-`, `@`, a tab or a CR is prefixed with
    /// `'` so that spreadsheet programs show it instead of evaluating it.
    public var csv: String {
        var bytes: [UInt8] = []
        writeCSV { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The CSV in pieces of about `piece` bytes, handed to `sink` in order.
    public func writeCSV(piece: Int = 1 << 20, _ sink: ([UInt8]) -> Void) {
        var text = Self.columns.joined(separator: ",") + "\r\n"
        forEachRow { row in
            text += Self.values(row).map(Self.csvField).joined(separator: ",") + "\r\n"
            if text.utf8.count >= piece {
                sink(Array(text.utf8))
                text = ""
            }
        }
        sink(Array(text.utf8))
    }

    /// One CSV cell: neutralised, then quoted when it must be.
    public static func csvField(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `{"findings": [{…}, …]}`, keys as the CSV columns; numbers as numbers, `kev` a boolean, empty cells null.
    public var json: String {
        var bytes: [UInt8] = []
        writeJSON { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The JSON in pieces of about `piece` bytes, handed to `sink` in order.
    public func writeJSON(piece: Int = 1 << 20, _ sink: ([UInt8]) -> Void) {
        var writer = JSONWriter(layout: .pretty, capacity: piece + 4096)
        writer.beginObject()
        writer.key("findings")
        writer.beginArray()
        forEachRow { row in
            writer.beginObject()
            let values = Self.values(row)
            for (position, column) in Self.columns.enumerated() {
                writer.key(column)
                switch column {
                case "kev": writer.bool(row.kev)
                case "priority", "cvss", "epss":
                    if let number = Double(values[position]) { writer.double(number) } else { writer.null() }
                case "fixed_version", "first_seen", "owner", "suppression":
                    if values[position].isEmpty { writer.null() } else { writer.string(values[position]) }
                default: writer.string(values[position])
                }
            }
            writer.endObject()
            if writer.bytes.count >= piece { sink(writer.takeBytes()) }
        }
        writer.endArray()
        writer.endObject()
        writer.endLine()
        sink(writer.takeBytes())
    }
}
