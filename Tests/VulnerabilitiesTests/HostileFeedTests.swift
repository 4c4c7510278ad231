import Foundation
import JSONText
import Testing
@testable import Vulnerabilities

/// Advisory documents built to exhaust the importer: too deep, too large. Each is refused with an
/// error naming the file, never a crash or a hang.
@Suite struct HostileFeedTests {
    static let deepJSON = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
    static let deepYAML = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)

    /// 65 levels of objects around an OSV id: valid JSON, one level past the limit.
    static func nested(_ depth: Int) -> Data {
        Data((String(repeating: #"{"a":"#, count: depth) + #""x""# + String(repeating: "}", count: depth)).utf8)
    }

    @Test func deepJSONIsRefusedByEveryDecoder() {
        for decode in [
            { try OSVDecoder.decodeJSON(Self.deepJSON, path: "deep.json") } as () throws -> Any,
            { try AlpineSecDBDecoder.decode(Self.deepJSON, path: "v3.19/main.json") },
            { try NVDDecoder.decode(Self.deepJSON, path: "nvd.json") },
        ] {
            #expect(throws: ImportError.self) { _ = try decode() }
        }
    }

    @Test func nestingIsBoundedAtTheConfiguredDepth() throws {
        #expect(JSONValue.maximumDepth == 64)
        #expect(throws: ImportError.self) { _ = try JSONValue.parseJSON(Self.nested(JSONValue.maximumDepth + 1), path: "x.json") }
        // One level inside the limit parses.
        let inside = try JSONValue.parseJSON(Self.nested(JSONValue.maximumDepth - 2), path: "x.json")
        #expect(inside.object != nil)
        do {
            _ = try JSONValue.parseJSON(Self.nested(JSONValue.maximumDepth + 1), path: "x.json")
        } catch {
            #expect(error.description.contains("x.json"))
            #expect(error.description.contains("nested deeper than 64 levels"))
        }
    }

    @Test func deepYAMLIsRefusedWithoutOverflowingTheStack() {
        #expect(throws: ImportError.self) { _ = try OSVDecoder.decodeYAML(Self.deepYAML, path: "deep.yaml") }
        #expect(throws: ImportError.self) {
            _ = try AlpineSecDBDecoder.decode(Data(("packages: " + Self.deepYAML).utf8), path: "v3.19/main.yaml")
        }
    }

    @Test func oversizedDocumentsAreRefusedBeforeParsing() throws {
        #expect(JSONValue.maximumBytes == 64 << 20)
        let big = Data(count: JSONValue.maximumBytes + 1)
        do {
            _ = try OSVDecoder.decodeJSON(big, path: "big.json")
            Issue.record("a document over the limit was parsed")
        } catch {
            #expect(error.description.contains("larger than \(JSONValue.maximumBytes) bytes"))
        }
        #expect(throws: ImportError.self) {
            _ = try OSVDecoder.decodeYAML(String(repeating: "a", count: JSONValue.maximumBytes + 1), path: "big.yaml")
        }
    }

    @Test func yamlAliasBombsDoNotExpand() throws {
        // Nine levels of ten aliases: 10⁹ strings if expanded.
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "id: BOMB-1\n"
        // Refused by the value budget after a bounded walk, not expanded (a count, not a timer:
        // timed unit tests flake on a loaded machine).
        #expect {
            _ = try OSVDecoder.decodeYAML(text, path: "bomb.yaml")
        } throws: { error in
            String(describing: error).contains("once aliases are expanded")
        }
    }
}
