import Foundation
import Versions

/// One line of an osv-scalibr version-ordering vector file: `a <op> b`.
struct VectorLine: Sendable, CustomStringConvertible {
    var lineNumber: Int
    var a: String
    var b: String
    /// -1 for `<`, 0 for `=`, 1 for `>`; nil when the ecosystem's implementation refuses a or b.
    var expected: Int?

    var description: String { "line \(lineNumber): \(a) \(expected.map { ["<", "=", ">"][$0 + 1] } ?? "!") \(b)" }
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

    /// Reads a tab-separated table whose fields 2 to 4 are `a`, `op` and `b` (`<`, `=`, `>`, or `!` for
    /// a pair the implementation refuses) and whose first field is kept as the key: `superseded.txt`,
    /// `authorities.txt`. Lines starting with `#` are comments.
    static func table(_ name: String) throws -> [(key: String, line: VectorLine, note: String)] {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        var rows: [(key: String, line: VectorLine, note: String)] = []
        for (index, row) in text.split(separator: "\n").enumerated() where !row.hasPrefix("#") {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let ops = ["<": -1, "=": 0, ">": 1]
            guard f.count == 5, ops[f[2]] != nil || f[2] == "!", !f[4].isEmpty else {
                throw VectorError(line: index + 1, text: String(row))
            }
            rows.append((f[0], VectorLine(lineNumber: index + 1, a: f[1], b: f[3], expected: ops[f[2]]), f[4]))
        }
        return rows
    }

    /// The lines of vector file `name` with the answers `superseded.txt` gives in place of osv-scalibr's.
    static func loadWithAuthorities(_ name: String) throws -> (lines: [VectorLine], superseded: Int) {
        let overrides = try table("superseded.txt").filter { $0.key == name }
        var lines = try load(name)
        var used = 0
        for i in lines.indices {
            if let o = overrides.first(where: { $0.line.a == lines[i].a && $0.line.b == lines[i].b }) {
                lines[i].expected = o.line.expected
                used += 1
            }
        }
        return (lines, used)
    }

    /// Every line whose relation does not hold in both directions, with what was found; a refused
    /// pair fails unless reading a or b throws.
    static func failures(_ lines: [VectorLine], _ scheme: VersionScheme) -> [String] {
        var failures: [String] = []
        for line in lines {
            guard let expected = line.expected else {
                if (try? scheme.validate(line.a)) != nil && (try? scheme.validate(line.b)) != nil {
                    failures.append("\(line): both read, but the implementation refuses one")
                }
                continue
            }
            do {
                let forward = try scheme.compare(line.a, line.b)
                let backward = try scheme.compare(line.b, line.a)
                if forward != expected || backward != -expected {
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
