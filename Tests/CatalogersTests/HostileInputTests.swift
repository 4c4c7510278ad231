import Catalogers
import Foundation
import ScoutModel
import Testing

/// Malformed and hostile files: each becomes a warning naming its path (or is skipped), never a crash.
@Suite struct HostileInputTests {
    static let jars = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/jars")

    private func jar(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.jars.appendingPathComponent(name)))
    }

    private func catalog(_ files: [String: [UInt8]]) -> CatalogResult {
        Cataloging.catalog(layers: [LayerFiles(diffID: "sha256:" + String(repeating: "a", count: 64), files: files)])
    }

    @Test func nestedArchivesStopAtTheDepthLimit() throws {
        let result = catalog(["app/app.jar": try jar("nested-5-levels.jar")])
        #expect(result.warnings.isEmpty)
        #expect(JavaArchiveParser.maxNestingDepth == 3)
        #expect(result.packages.map(\.name) == ["test.nested:level-0", "test.nested:level-1", "test.nested:level-2", "test.nested:level-3"])
        let deepest = try #require(result.packages.last)
        #expect(deepest.locations == ["app/app.jar:lib/level-1.jar:lib/level-2.jar:lib/level-3.jar"])
        #expect(deepest.purl == "pkg:maven/test.nested/level-3@1.0")
    }

    @Test(arguments: ["bomb.jar", "bomb-lying-sizes.jar"])
    func bombsAreBoundedAndTheRestIsRead(_ name: String) throws {
        let result = catalog(["app/app.jar": try jar(name)])
        // The honest artifact is read; the 4 MiB pom.properties and the 80 MiB nested entry are not inflated.
        #expect(result.packages.map(\.name) == ["test.bomb:ok"])
        #expect(result.warnings.isEmpty)
    }

    @Test func brokenFilesBecomeWarningsNamingTheirPath() throws {
        let files: [String: [UInt8]] = [
            "app/lib/not-a-zip.jar": try jar("not-a-zip.jar"),
            "app/package-lock.json": Array("{\"packages\": {\"\": {\"name\": \"x\", ".utf8),
            "srv/node_modules/left-pad/package.json": Array("[1, 2".utf8),
            "app/bin/App.deps.json": Array("bogus deps.json".utf8),
            "var/www/vendor/composer/installed.json": Array("{\"nope\": 1}".utf8),
            "usr/local/bundle/specifications/x-1.0.gemspec": Array("Gem::Specification.new do |s|\nend\n".utf8),
            "app/yarn.lock": Array("lodash@^4:\n  version \"4.17.21\"\nnot a header\n".utf8),
            "srv/node_modules/ok/package.json": Array("{\"name\": \"ok\", \"version\": \"1.0.0\", \"license\": {\"type\": \"ISC\"}}".utf8),
        ]
        let result = catalog(files)
        #expect(result.packages.map(\.purl) == ["pkg:npm/ok@1.0.0"])
        #expect(result.packages.first?.licenses == ["ISC"])
        #expect(Set(result.warnings.map(\.subject)) == Set(files.keys).subtracting(["srv/node_modules/ok/package.json"]))
        let byPath = Dictionary(uniqueKeysWithValues: result.warnings.map { ($0.subject, $0.message) })
        #expect(byPath["app/package-lock.json"] == "Failed to parse 'app/package-lock.json': it is not valid JSON (unexpected end of document at byte 32).")
        #expect(byPath["app/yarn.lock"]?.contains("line 3") == true)
        #expect(byPath["app/lib/not-a-zip.jar"]?.hasPrefix("Failed to parse 'app/lib/not-a-zip.jar': it is not valid Java archive") == true)
    }

    @Test func deepJSONNestingIsRefused() {
        let deep = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: JSONDocument.SyntaxError.self) { try CatalogJSON.parse(deep) }
        let result = catalog(["app/package-lock.json": deep])
        #expect(result.packages.isEmpty)
        #expect(result.warnings.first?.message.contains("nested deeper than 128 levels") == true)
    }

    @Test func jsonStringsDecodeEscapesAndSurrogates() throws {
        let document = try CatalogJSON.parse(Array(#"{"a": "x\"\\\/\n\u00e9\ud83d\ude00", "n": -1.5e3, "t": true, "z": null}"#.utf8))
        #expect(document["a"]?.string == "x\"\\/\né😀")
        #expect(document["n"]?.string == "-1.5e3")
        #expect(document["t"]?.bool == true)
        #expect(document["z"] == .null)
        #expect(throws: JSONDocument.SyntaxError.self) { try CatalogJSON.parse(Array(#"{"a": 1} x"#.utf8)) }
        #expect(throws: JSONDocument.SyntaxError.self) { try CatalogJSON.parse(Array("\"\u{01}\"".utf8)) }
    }

    @Test func pathRulesKeepOnlyPackageMetadata() {
        for path in ["usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", "opt/venv/lib/python3.11/site-packages/x.egg-info/PKG-INFO",
                     "usr/lib/python3/dist-packages/pycups-2.0.1.egg-info", "usr/lib/python3.9/site-packages/setuptools-57.4.0-py3.9.egg/EGG-INFO/PKG-INFO",
                     "usr/lib/python3/dist-packages/six-1.16.0.dist-info/direct_url.json",
                     "app/node_modules/express/package.json", "app/node_modules/@types/node/package.json",
                     "app/node_modules/a/node_modules/b/package.json", "app/package-lock.json", "srv/yarn.lock",
                     "opt/app.jar", "srv/ROOT.war", "usr/local/bundle/specifications/rake-13.0.6.gemspec",
                     "usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec",
                     "app/MyApp.deps.json", "var/www/html/vendor/composer/installed.json"] {
            #expect(Cataloging.wants(path), "\(path)")
        }
        for path in ["app/package.json", "app/node_modules/express/lib/package.json", "app/node_modules/.package-lock.json",
                     "app/node_modules/a/package-lock.json", "app/node_modules/a/yarn.lock", "usr/lib/python3/x.dist-info/RECORD",
                     "usr/lib/python3/x/METADATA", "app/x.jar.sha1", "src/foo.gemspec", "vendor/composer/installed.php",
                     "app/node_modules/@types/package.json"] {
            #expect(!Cataloging.wants(path), "\(path)")
        }
    }
}
