import Foundation
import ScoutModel
import Vulnerabilities

/// Which OpenVEX documents found inside an image apply to it: only those at the paths a repository of
/// the image opted in to (`vex: {in-image: [/vex/*.vex.json]}`). A `*.vex.json` planted anywhere else
/// (a dependency's folder) is ignored. The nightly run and `cves` apply the same policy, which the run
/// records in the store.
public struct InImageVEXPolicy: Sendable, Hashable {
    /// Repository name → path globs inside its images (`*` does not cross `/`).
    public var paths: [String: [String]]

    public init(paths: [String: [String]]) {
        self.paths = paths.filter { !$0.value.isEmpty }
    }

    /// The policy of a configuration's repositories.
    public init(config: Config) {
        self.init(paths: Dictionary(config.repositories.map { ($0.name, $0.vexInImage) }, uniquingKeysWith: { $0 + $1 }))
    }

    /// True when the file at `path` (as stored, without the leading `/`) may speak for an image of
    /// one of `repositories`.
    public func allows(_ path: String, repositories: [String]) -> Bool {
        let absolute = "/" + path
        let depth = absolute.split(separator: "/").count
        return repositories.contains { repository in
            (paths[repository] ?? []).contains { pattern in
                pattern.split(separator: "/").count == depth && TagSelection.glob(pattern, matches: absolute)
            }
        }
    }

    /// The documents of `files` (an image's VEX files, by path) that this policy lets apply to an image of
    /// `repositories`, and a warning for each such document that cannot be read.
    public func documents(_ files: [String: [UInt8]], repositories: [String]) -> (documents: [OpenVEXDocument], warnings: [ScanWarning]) {
        var documents: [OpenVEXDocument] = []
        var warnings: [ScanWarning] = []
        for (path, content) in files.sorted(by: { $0.key < $1.key }) where allows(path, repositories: repositories) {
            do {
                documents.append(try OpenVEXDocument.decode(Data(content), source: "image:/\(path)"))
            } catch {
                warnings.append(ScanWarning(subject: "/\(path)", message: "\(error.description); its statements were not applied"))
            }
        }
        return (documents, warnings)
    }
}
