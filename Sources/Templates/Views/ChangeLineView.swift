import Foundation
import ScoutModel

/// One line of "new since the last run" or "fixed since the last run": a vulnerability id with the
/// link to its advisory, and what it affected.
final class ChangeLineView: TemplateView {
    let id: Text
    let url: Text
    let text: Text

    init(id: String, text: String) {
        self.id = Text(id)
        url = Text(Format.advisoryURL(id))
        self.text = Text(text)
    }

    /// The findings of `image` the previous run did not report, one line per vulnerability and package.
    static func new(_ image: ImageReport, imageName: String? = nil) -> [ChangeLineView] {
        let suffix = imageName.map { " (\($0))" } ?? ""
        var seen = Set<String>()
        return image.newFindings.compactMap { finding in
            guard seen.insert(finding.key).inserted else { return nil }
            return ChangeLineView(id: finding.vulnerabilityID,
                                  text: "\(Format.label(finding.severity)): \(finding.package.name) \(finding.package.version)\(suffix)")
        }.sorted { ($0.id.raw, $0.text.raw) < ($1.id.raw, $1.text.raw) }
    }

    /// What the previous run reported and the latest did not (`CVE-… package version`), one line each.
    static func fixed(_ image: ImageReport, imageName: String? = nil) -> [ChangeLineView] {
        let suffix = imageName.map { " (\($0))" } ?? ""
        return image.fixedSinceLastRun.map { line in
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            return ChangeLineView(id: parts.first ?? line, text: (parts.count > 1 ? parts[1] : "") + suffix)
        }.sorted { ($0.id.raw, $0.text.raw) < ($1.id.raw, $1.text.raw) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "url": url
        case "text": text
        default: nil
        }
    }
}

extension Format {
    /// Where a vulnerability id is described: NVD for a CVE, OSV for every other id (GHSA, DSA, ALPINE-…).
    static func advisoryURL(_ id: String) -> String {
        let safe = id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) }
        let path = safe ? id : (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return id.uppercased().hasPrefix("CVE-") ? "https://nvd.nist.gov/vuln/detail/\(path)" : "https://osv.dev/vulnerability/\(path)"
    }
}
