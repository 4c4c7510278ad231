import ArgumentParser
import Versions

extension ScoutReport {
    /// Prints scout-report's own ordering for version pairs, for `scripts/differential-versions.sh`,
    /// which sets it beside the ecosystems' real tools. Hidden from help: a check, not a feature.
    struct CompareVersions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare-versions",
            abstract: "Compare tab-separated version pairs read from stdin in one ecosystem's ordering.",
            discussion: "Prints `A<TAB>B<TAB>-1|0|1` per pair, or `!` when either version cannot be read.",
            shouldDisplay: false)

        @Option(help: "The ordering: \(VersionScheme.allCases.map(\.rawValue).joined(separator: ", ")).")
        var scheme: String

        func validate() throws {
            guard VersionScheme(rawValue: scheme) != nil else {
                throw ValidationError("Unknown version scheme '\(scheme)'; use one of \(VersionScheme.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }

        func run() throws {
            guard let scheme = VersionScheme(rawValue: scheme) else { return }
            var out = ""
            while let line = readLine(strippingNewline: true) {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 2 else { continue }
                let answer = (try? scheme.compare(String(fields[0]), String(fields[1]))).map(String.init) ?? "!"
                out += "\(fields[0])\t\(fields[1])\t\(answer)\n"
                if out.utf8.count > 1 << 16 {
                    print(out, terminator: "")
                    out = ""
                }
            }
            print(out, terminator: "")
        }
    }
}
