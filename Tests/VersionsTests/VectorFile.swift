import Foundation
import Versions

/// One line of an osv-scalibr version-ordering vector file: `a <op> b`.
struct VectorLine: Sendable, CustomStringConvertible {
    var lineNumber: Int
    var a: String
    var b: String
    /// -1 for `<`, 0 for `=`, 1 for `>`.
    var expected: Int

    var description: String { "line \(lineNumber): \(a) \(["<", "=", ">"][expected + 1]) \(b)" }
}

enum VectorFile {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/versions")

    /// Reads `Tests/Fixtures/versions/<name>` the way osv-scalibr's `compare_test.go` does:
    /// blank lines and lines starting with `# ` or `// ` are skipped, every other line must
    /// split on single spaces into exactly three fields.
    static func load(_ name: String) throws -> [VectorLine] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        var lines: [VectorLine] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("# ") || line.hasPrefix("// ") { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3 else { throw VectorError(line: index + 1, text: String(line)) }
            let op: Int
            switch fields[1] {
            case "<": op = -1
            case "=": op = 0
            case ">": op = 1
            default: throw VectorError(line: index + 1, text: String(line))
            }
            lines.append(VectorLine(lineNumber: index + 1, a: String(fields[0]), b: String(fields[2]), expected: op))
        }
        return lines
    }

    /// Every line whose relation does not hold in both directions, with what was found.
    static func failures(_ lines: [VectorLine], _ scheme: VersionScheme) -> [String] {
        var failures: [String] = []
        for line in lines {
            do {
                let forward = try scheme.compare(line.a, line.b)
                let backward = try scheme.compare(line.b, line.a)
                if forward != line.expected || backward != -line.expected {
                    failures.append("\(line): got \(forward) and reversed \(backward)")
                }
            } catch {
                failures.append("\(line): threw \(error)")
            }
        }
        return failures
    }

    /// Every distinct version mentioned in the file.
    static func versions(_ lines: [VectorLine]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for line in lines {
            for v in [line.a, line.b] where seen.insert(v).inserted { out.append(v) }
        }
        return out
    }
}

struct VectorError: Error, CustomStringConvertible {
    var line: Int
    var text: String
    var description: String { "Failed to read vector line \(line) '\(text)': expected 'a <op> b'" }
}
