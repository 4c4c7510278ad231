import Foundation
import JSONText
import ScoutModel

/// Reads Alpine's secdb (`secfixes`: a fixed version → CVE ids, per origin package) into advisories.
///
/// Accepts the YAML of the alpine-secdb repository and the JSON of the same shape that
/// secdb.alpinelinux.org publishes per release and repository (`distroversion`, `packages[].pkg`),
/// and the per-package JSON (`name`, `secfixes`) of vuln-list, whose release comes from its path
/// (`alpine/3.11/main/openssl.json`).
public enum AlpineSecDBDecoder {
    /// Advisories keyed by CVE id; a CVE fixed in several packages gets one affected entry each.
    public static func decode(_ data: Data, path: String) throws(ImportError) -> [Advisory] {
        let value: JSONValue
        if data.first.map({ $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) == true {
            value = try JSONValue.parseJSON(data, path: path)
        } else {
            value = try JSONValue.parseYAML(String(decoding: data, as: UTF8.self), path: path)
        }
        var entries: [(name: String, secfixes: [String: JSONValue])] = []
        let release: String?
        if let packages = value["packages"].map({ $0.array ?? [] }) {
            release = value["distroversion"]?.string ?? releaseFromPath(path)
            for package in packages {
                let pkg = package["pkg"] ?? package
                guard let name = pkg["name"]?.string else { continue }
                entries.append((name, pkg["secfixes"]?.object ?? [:]))
            }
        } else if let name = value["name"]?.string, let secfixes = value["secfixes"]?.object {
            release = releaseFromPath(path)
            entries.append((name, secfixes))
        } else {
            throw ImportError(path: path, reason: .unknownFormat)
        }
        guard var release else {
            throw ImportError(path: path, reason: .malformed("the Alpine release is not named (no 'distroversion', and none in the path)"))
        }
        if !release.hasPrefix("v") { release = "v" + release }
        let ecosystem = "Alpine:\(release)"

        var byID: [String: Advisory] = [:]
        for (name, secfixes) in entries {
            for (fixedKey, ids) in secfixes {
                // "0" means the package was never vulnerable in Alpine; keys may carry comments.
                guard let fixed = fixedKey.split(separator: " ").first.map(String.init), fixed != "0" else { continue }
                for raw in ids.strings {
                    for id in raw.split(separator: " ").map(String.init) where id.contains("-") {
                        var advisory = byID[id] ?? Advisory(id: id, references: ["https://security.alpinelinux.org/vuln/\(id)"])
                        advisory.affected.append(AffectedPackage(
                            ecosystem: ecosystem, name: name,
                            ranges: [AffectedRange(type: .ecosystem, events: [.introduced("0"), .fixed(fixed)])]))
                        byID[id] = advisory
                    }
                }
            }
        }
        return byID.keys.sorted().map { id in
            var advisory = byID[id]!
            advisory.affected.sort { ($0.name, $0.ranges.first?.events.last?.version ?? "") < ($1.name, $1.ranges.first?.events.last?.version ?? "") }
            return advisory
        }
    }

    /// `…/alpine/3.11/main/x.json` or `…/v3.10/main.yaml` → `v3.11` / `v3.10`.
    static func releaseFromPath(_ path: String) -> String? {
        for component in path.split(separator: "/").reversed() {
            let text = component.hasPrefix("v") ? component.dropFirst() : component[...]
            let parts = text.split(separator: ".")
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) || text == "edge" {
                return "v" + text
            }
        }
        return nil
    }
}
