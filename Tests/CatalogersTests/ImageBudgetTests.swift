@testable import Catalogers
import ScoutModel
import TestSupport
import Testing

/// Tiny images that would cost minutes (issue 18, point 7): whiteouts cost what they remove, archives share
/// one inflate budget per image, and no database is parsed twice (hard links and unchanged files included).
@Suite struct ImageBudgetTests {
    static func diffID(_ n: Int) -> String { "sha256:" + String(repeating: String(n % 10), count: 64) }

    /// 20,000 files, then a layer of 20,000 whiteouts of other paths, one directory whiteout and one opaque
    /// directory: the old filesystem compared every path with every whiteout (400 million prefix tests).
    @Test func whiteoutsCostWhatTheyRemove() {
        var files: [String: [UInt8]] = [:]
        for index in 0..<20_000 { files["srv/d\(index % 100)/f\(index)/package.json"] = [UInt8(index % 251)] }
        var filesystem = LayeredFilesystem()
        #expect(filesystem.apply(LayerFiles(diffID: Self.diffID(1), files: files)).count == 20_000)

        var whiteouts = Set((0..<20_000).map { "srv/gone/w\($0)" })
        whiteouts.insert("srv/d7")
        whiteouts.insert("srv/d9/f9/package.json")
        let changed = filesystem.apply(LayerFiles(diffID: Self.diffID(2), whiteouts: whiteouts, opaqueDirectories: ["srv/d8"]))
        // d7 and d8 held 200 files each (a file and its folder per index), d9 lost one.
        #expect(changed.count == 401)
        #expect(changed.contains("srv/d7/f7/package.json") && changed.contains("srv/d8/f108/package.json"))
        #expect(filesystem.files.count == 20_000 - 401)
        #expect(filesystem.files["srv/d9/f109/package.json"] != nil)
        // Walked: the two subtrees (200 folders + 200 files each), not 20,000 paths per whiteout (400 million).
        #expect(filesystem.visitedByRemovals == 800, "\(filesystem.visitedByRemovals)")

        // A removed folder filled again is found by the next whiteout.
        _ = filesystem.apply(LayerFiles(diffID: Self.diffID(3), files: ["srv/d7/new/package.json": [1]]))
        #expect(filesystem.apply(LayerFiles(diffID: Self.diffID(4), whiteouts: ["srv"])).count == 20_000 - 401 + 1)
        #expect(filesystem.files.isEmpty)
    }

    /// The same image through the cataloger: 20,000 manifests of one name and size are parsed once each and
    /// never compared with one another (a first memo keyed on name and size compared each with all before it).
    @Test func manyLikeManifestsThenTheirWhiteoutsStayLinear() {
        var files: [String: [UInt8]] = [:]
        for index in 10_000..<30_000 {
            files["srv/node_modules/p\(index)/package.json"] = Array(#"{"name":"p\#(index)","version":"1.0.0"}"#.utf8)
        }
        let layers = [
            LayerFiles(diffID: Self.diffID(1), files: files),
            LayerFiles(diffID: Self.diffID(2), whiteouts: Set(files.keys)),
        ]
        var memo = ParseMemo()
        let result = Cataloging.catalog(layers: layers, budget: InflateBudget(), memo: &memo)
        #expect(result.packages.isEmpty)
        #expect(memo.parses == 20_000)
        #expect(memo.comparisons == 0)
    }

    /// A stored jar whose `lib/` holds `nested` jars of `padding` bytes each, each with its own pom.properties.
    static func fatJar(nested: Int, padding: Int, group: String = "test.fat") -> [UInt8] {
        var outer = TestZipWriter()
        outer.add("META-INF/maven/\(group)/app/pom.properties", "groupId=\(group)\nartifactId=app\nversion=1.0\n")
        for index in 0..<nested {
            var inner = TestZipWriter()
            inner.add("META-INF/maven/\(group)/lib-\(index)/pom.properties", "groupId=\(group)\nartifactId=lib-\(index)\nversion=1.0\n")
            inner.add("padding.bin", content: [UInt8](repeating: UInt8(index), count: padding))
            outer.add("lib/lib-\(index).jar", content: inner.archive)
        }
        return outer.archive
    }

    /// The 523 KB jar of the issue spent a 512 MiB budget per file, and each of its 40 hard links spent it again
    /// (and every jar was parsed twice): here the budget is the image's, and the links are parsed once.
    @Test func hardLinksToABudgetEatingJarShareOneBudgetAndOneParse() throws {
        let jar = Self.fatJar(nested: 8, padding: 256 << 10)
        var files: [String: [UInt8]] = [:]
        for link in 0...40 { files["opt/app-\(link)/app.jar"] = jar }
        let budget = InflateBudget(limit: 1 << 20)
        var memo = ParseMemo()
        let result = Cataloging.catalog(layers: [LayerFiles(diffID: Self.diffID(1), files: files)], budget: budget, memo: &memo)

        #expect(memo.parses == 1)
        #expect(budget.spent <= 1 << 20)
        // Three nested jars (and the metadata) fit in 1 MiB; the fourth does not.
        #expect(result.packages.map(\.name) == ["test.fat:app", "test.fat:lib-0", "test.fat:lib-1", "test.fat:lib-2"])
        let app = try #require(result.packages.first)
        #expect(app.locations.count == 41)
        #expect(result.packages[1].locations.contains("opt/app-40/app.jar:lib/lib-0.jar"))
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.message.contains("budget of 1048576 inflated bytes") == true, "\(result.warnings)")

        // Without a budget problem the same jar gives every artifact and no warning.
        let roomy = Cataloging.catalog(layers: [LayerFiles(diffID: Self.diffID(1), files: ["app.jar": jar])])
        #expect(roomy.packages.count == 9)
        #expect(roomy.warnings.isEmpty)
    }

    /// Two different jars: the second gets what the first left, not a budget of its own.
    @Test func theBudgetIsPerImageNotPerFile() {
        let budget = InflateBudget(limit: 1 << 20)
        var memo = ParseMemo()
        let layers = [
            LayerFiles(diffID: Self.diffID(1), files: ["a/first.jar": Self.fatJar(nested: 3, padding: 300 << 10, group: "test.first")]),
            LayerFiles(diffID: Self.diffID(2), files: ["b/second.jar": Self.fatJar(nested: 3, padding: 300 << 10, group: "test.second")]),
        ]
        let result = Cataloging.catalog(layers: layers, budget: budget, memo: &memo)
        #expect(memo.parses == 2)
        #expect(budget.spent <= 1 << 20)
        #expect(result.packages.map(\.name) == ["test.first:app", "test.first:lib-0", "test.first:lib-1", "test.first:lib-2", "test.second:app"])
        #expect(result.warnings.map(\.subject) == ["b/second.jar"])
    }

    /// A database the last layers did not touch is parsed once, not once for attribution and once at the end.
    @Test func anUnchangedDatabaseIsParsedOnce() {
        let status = Array("Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n\n".utf8)
        var memo = ParseMemo()
        let layers = [
            LayerFiles(diffID: Self.diffID(1), files: ["var/lib/dpkg/status": status]),
            LayerFiles(diffID: Self.diffID(2), files: ["srv/node_modules/a/package.json": Array(#"{"name":"a","version":"1.0.0"}"#.utf8)]),
        ]
        let result = Cataloging.catalog(layers: layers, budget: InflateBudget(), memo: &memo)
        #expect(memo.parses == 2)
        let layerByName = Dictionary(uniqueKeysWithValues: result.packages.map { ($0.name, $0.layerDiffID) })
        #expect(layerByName == ["a": Self.diffID(2), "zlib1g": Self.diffID(1)])
    }
}
